// `sitrep ingest PATH… [--db PATH|URL]`: files, folders, JSONL batches, RSS/Atom feeds and URLs
// into the store. On a terminal a progress bar with rate and ETA; piped, quiet lines: one per
// failure on stderr (and one per article with --verbose), a summary line at the end.

import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { ingestItems, setIngestV8Flags, type IngestSummary, type ItemOutcome } from '../corpus/ingest.js';
import { countSources, readSources } from '../ingest/sources.js';
import { openStore, resolveDbArg } from '../store/open.js';
import { errorMessage } from '../errors.js';

export interface IngestCliOptions {
  db?: string;
  threads?: number;
  followLinks?: boolean;
  verbose?: boolean;
  progress?: boolean;
  /** Enqueue for `sitrep worker` processes instead of extracting here (PostgreSQL only). */
  queue?: boolean;
  /** With --queue: seconds a worker may hold a job before it is presumed dead. */
  jobTimeout?: number;
}

/**
 * Local input from this many bytes on (about 1,000 articles) is ingested on two worker threads
 * when --threads is not given: each worker's start-up (loading resources, a few seconds of JIT
 * warm-up) is then repaid. Not more than two by default: each worker holds its own pipeline and
 * store caches (~0.3 GB), and two keep an ingest under 1 GB; --threads asks for more.
 */
export const AUTO_THREADS_MIN_BYTES = 4 * 1024 * 1024;

/**
 * Whether the local files and folders named hold at least `min` bytes (counting stops there);
 * null when an input is stdin or a URL, whose size is unknown.
 */
async function localBytesAtLeast(paths: readonly string[], min: number): Promise<boolean | null> {
  if (paths.some((p) => p === '-' || /^https?:\/\//i.test(p))) return null;
  let total = 0;
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (!st) continue; // reported by the ingest itself
    if (st.isFile()) total += st.size;
    else if (st.isDirectory()) {
      for (const e of await readdir(p, { recursive: true, withFileTypes: true })) {
        if (e.isFile()) total += (await stat(join(e.parentPath ?? e.path, e.name)).catch(() => null))?.size ?? 0;
        if (total >= min) return true;
      }
    }
    if (total >= min) return true;
  }
  return false;
}

/** Worker threads when --threads is not given: two for a large local corpus on a machine with two cores, else one. */
export async function autoThreads(paths: readonly string[], cores = availableParallelism()): Promise<number> {
  if (cores < 2) return 1;
  return (await localBytesAtLeast(paths, AUTO_THREADS_MIN_BYTES)) ? 2 : 1;
}

function summaryLine(s: IngestSummary, stats: { articles: number; clusters: number }, db: string, threads: number): string {
  const rate = s.seconds > 0 ? (s.seen / s.seconds).toFixed(1) : '0';
  return (
    `ingested ${s.seen} article(s) in ${s.seconds.toFixed(1)}s (${rate}/s, ${threads} thread${threads > 1 ? 's' : ''}): ${s.added} new, ${s.duplicates} already stored, ${s.failed} failed; ` +
    `${s.events} event report(s); store ${db} now holds ${stats.articles} article(s) in ${stats.clusters} event cluster(s)\n`
  );
}

export async function runIngest(paths: string[], opts: IngestCliOptions): Promise<number> {
  if (!paths.length) {
    process.stderr.write('sitrep ingest: name at least one file, folder, feed or URL (- reads JSONL from stdin)\n');
    return 2;
  }
  const db = resolveDbArg(opts.db);
  if (opts.queue) return (await import('../queue/ingest.js')).runQueueIngest(readSources(paths, { followLinks: opts.followLinks }), db, { jobTimeoutSeconds: opts.jobTimeout });
  const store = await openStore(db);
  const tty = opts.progress ?? (process.stderr.isTTY === true);
  let bar: cliProgress.SingleBar | null = null;
  try {
    const threads = Math.max(1, Math.min(opts.threads ?? (await autoThreads(paths)), availableParallelism()));
    setIngestV8Flags(threads);
    // (with threads, each worker loads the pipeline itself: this thread only reads and hands out)
    const extractor = threads <= 1 ? await singleThreadExtractor() : undefined;
    if (tty) {
      const total = await countSources(paths);
      bar = new cliProgress.SingleBar(
        {
          format: ' {bar} {percentage}% | {value}/{total} | {speed}/s | ETA {eta_formatted} | new {added} · dup {dup} · failed {failed}',
          stream: process.stderr,
          hideCursor: true,
          etaBuffer: 200,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total ?? 0, 0, { speed: '0', added: 0, dup: 0, failed: 0 });
    }
    const t0 = performance.now();
    const onItem = (o: ItemOutcome, s: IngestSummary) => {
      if (o.kind === 'failed') {
        const line = `sitrep: ${o.origin}: ${o.error}\n`;
        // Clear the bar's line first; it redraws itself on the next update.
        process.stderr.write(bar ? '\r\x1b[K' + line : line);
      } else if (opts.verbose && !bar) {
        process.stdout.write(o.kind === 'added' ? `added\t${o.hash.slice(0, 12)}\t${o.id}\t${o.events} event(s)\n` : `exists\t${o.hash.slice(0, 12)}\t${o.id}\n`);
      }
      if (bar) {
        const done = s.added + s.duplicates + s.failed;
        if (done > bar.getTotal()) bar.setTotal(done);
        bar.update(done, { speed: (done / Math.max(0.001, (performance.now() - t0) / 1000)).toFixed(1), added: s.added, dup: s.duplicates, failed: s.failed });
      }
    };
    const summary = await ingestItems(readSources(paths, { followLinks: opts.followLinks }), store, { extractor, threads, onItem });
    bar?.stop();
    bar = null;
    const stats = await store.stats();
    process.stdout.write(summaryLine(summary, stats, db, threads));
    if (summary.seen === 0) {
      process.stderr.write('sitrep ingest: no articles found in the given paths\n');
      return 1;
    }
    return summary.failed ? 1 : 0;
  } catch (err) {
    bar?.stop();
    process.stderr.write(`sitrep ingest: ${errorMessage(err)}\n`);
    return 2;
  } finally {
    await store.close();
  }
}

async function singleThreadExtractor() {
  const [{ defaultPipeline }, { loadResources }] = await Promise.all([import('../stages.js'), import('../resources.js')]);
  return { pipeline: defaultPipeline(), resources: await loadResources() };
}

export function registerIngest(p: Command, intArg: (v: string) => number): void {
  p.command('ingest')
    .description('add articles to the store: files (.txt .html .json), folders, JSONL batches, RSS/Atom feeds, URLs; re-ingesting is a no-op')
    .argument('<paths...>', 'files, folders, feeds, http(s) URLs, or - for JSONL on stdin')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (default $SITREP_DB or ./sitrep.db)')
    .option('--threads <n>', 'worker threads, each extracting and writing (default: 2 for 4 MB or more of local input on 2+ cores, else 1)', intArg)
    .option('--follow-links', "for feeds: fetch each item's page instead of the feed's summary")
    .option('--verbose', 'when piped: one line per article')
    .option('--no-progress', 'never show the progress bar')
    .option('--queue', 'enqueue the articles for `sitrep worker` processes instead of extracting them here (needs --db postgres://…)')
    .option('--job-timeout <seconds>', 'with --queue: a job held longer by a worker is presumed lost and retried (default 120)', intArg)
    .action(async (paths: string[], o: IngestCliOptions & { progress?: boolean }) => {
      process.exitCode = await runIngest(paths, { ...o, progress: o.progress === false ? false : undefined });
    });
}
