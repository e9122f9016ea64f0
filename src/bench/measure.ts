// The bench's measurements: write the corpus, the bare wink-nlp floor, and a full ingest run.

import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { cliNodeFlags } from '../cli/node-flags.js';
import { ingestItems, type IngestSummary, type ItemOutcome } from '../corpus/ingest.js';
import { ExtractPool } from '../corpus/pool.js';
import { readSources } from '../ingest/sources.js';
import { loadWinkDefault } from '../nlp/tokens.js';
import { loadResources } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { openSqliteStore } from '../store/sqlite.js';
import { generateArticles } from './corpus.js';

/** Stream `n` generated articles to a JSONL file (never all in memory). */
export async function generateCorpusFile(path: string, n: number, seed: number): Promise<{ chars: number; words: number; incidents: number; seconds: number }> {
  const t0 = performance.now();
  const out = createWriteStream(path);
  let chars = 0;
  let words = 0;
  let incidents = 0;
  for (const a of generateArticles(n, seed)) {
    const { incident, ...record } = a;
    incidents = incident;
    chars += a.text.length;
    words += a.text.split(/\s+/).length;
    if (!out.write(JSON.stringify(record) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { chars, words, incidents, seconds: (performance.now() - t0) / 1000 };
}

/** The corpus file's records: its non-empty lines. */
async function* records(path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield line;
}

async function countRecords(path: string): Promise<number> {
  let n = 0;
  for await (const _ of records(path)) n++;
  return n;
}

async function* texts(path: string): AsyncGenerator<string> {
  for await (const line of records(path)) yield (JSON.parse(line) as { text: string }).text;
}

/** CPU seconds (user + system, every thread of the process) since `c0`. */
export function cpuSince(c0: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1e6;
}

/**
 * CPU seconds of this process's main thread alone (Linux /proc; null elsewhere). With worker
 * threads the main thread reads, hashes and hands out the articles: its share says whether it
 * is the bottleneck.
 */
export function mainThreadCpu(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 14 and 15 of stat (utime, stime), counted after the ")" that ends the name
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

/** The floor: wink-nlp's readDoc over every text, reading the same file the same way. */
export async function floorPass(path: string, warmTexts = 50): Promise<{ articles: number; tokens: number; seconds: number; cpuSeconds: number }> {
  // wink's default pipe, as a user calling readDoc would get it (the pipeline turns off what it does not read).
  const nlp = loadWinkDefault();
  // Warm the JIT first on the corpus's first texts, as many as the pipeline's warm-up articles
  // (the bench's --warmup), so that neither side of the ratio is measured colder than the other.
  let warm = 0;
  for await (const t of texts(path)) {
    if (warm++ >= warmTexts) break;
    nlp.readDoc(t);
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let articles = 0;
  let tokens = 0;
  for await (const t of texts(path)) {
    tokens += nlp.readDoc(t).tokens().length();
    articles++;
  }
  return { articles, tokens, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSince(c0) };
}

export interface RunResult {
  added: number;
  failed: number;
  events: number;
  clusters: number;
  seconds: number;
  /** CPU seconds of the whole process during the run (all threads): on a shared machine the fairer measure. */
  cpuSeconds: number;
  /** Start-up (loading resources in each thread, and the warm-up run), not counted in `seconds`. */
  startup: number;
  /** CPU seconds of the main thread during the run (with workers: reading and handing out articles), when the OS tells. */
  mainCpuSeconds: number | null;
  /**
   * Articles/s over each fifth of the run, in order: the store grows as it goes, and what a
   * report costs to merge grows with it, so the last fifth says more of a large corpus than the
   * mean does.
   */
  fifths: number[];
}

/**
 * onItem for ingestItems recording when each fifth of `n` articles had been added; `rates()` then
 * gives articles/s per fifth reached (all five when every record is a new article, as in the
 * bench's corpus).
 */
function fifthsTimer(n: number): { onItem: (o: ItemOutcome, s: IngestSummary) => void; rates: () => number[] } {
  const t0 = performance.now();
  const marks = [0, 1, 2, 3, 4, 5].map((k) => Math.round((k * n) / 5));
  const at: number[] = [t0];
  return {
    onItem: (o, s) => {
      if (o.kind === 'added' && at.length < marks.length && s.added >= marks[at.length]!) at.push(performance.now());
    },
    rates: () => at.slice(1).map((t, k) => (marks[k + 1]! - marks[k]!) / Math.max(1e-9, (t - at[k]!) / 1000)),
  };
}

/** Articles run through the same extractor before the timed run, into a scratch store of their own. */
export interface Warmup {
  corpus: string;
  dbPath: string;
}

/**
 * Ingest the corpus file into a fresh SQLite store with the full pipeline on `threads` threads.
 * With `warmup`, the extractor (this thread's pipeline, or every worker of the pool) first ingests
 * the warm-up corpus into a scratch store, untimed: V8 compiles the pipeline's hot functions on
 * its first few hundred articles (seconds of CPU per thread, paid once per thread), and a
 * steady-state rate is what a large corpus sees. The floor pass is warmed the same way.
 */
export async function pipelineRun(corpus: string, dbPath: string, threads: number, warmup?: Warmup): Promise<RunResult> {
  const store = await openSqliteStore(dbPath);
  let pool: ExtractPool | undefined;
  let startup = 0;
  try {
    let extractor;
    const t0 = performance.now();
    if (threads > 1) pool = await ExtractPool.create(threads);
    else extractor = { pipeline: defaultPipeline(), resources: await loadResources() };
    if (warmup) {
      const scratch = await openSqliteStore(warmup.dbPath);
      try {
        await ingestItems(readSources([warmup.corpus]), scratch, { extractor, pool });
      } finally {
        await scratch.close();
      }
    }
    startup = (performance.now() - t0) / 1000;
    const n = await countRecords(corpus);
    const c0 = process.cpuUsage();
    const m0 = mainThreadCpu();
    const timer = fifthsTimer(n);
    const s = await ingestItems(readSources([corpus]), store, { extractor, pool, onItem: timer.onItem });
    const cpuSeconds = cpuSince(c0);
    const m1 = mainThreadCpu();
    const stats = await store.stats();
    return { added: s.added, failed: s.failed, events: stats.events, clusters: stats.clusters, seconds: s.seconds, cpuSeconds, startup, mainCpuSeconds: m0 !== null && m1 !== null ? m1 - m0 : null, fifths: timer.rates() };
  } finally {
    await pool?.close();
    await store.close();
  }
}

/** A measurement in a child process of its own (run-child.ts), with these node flags: its result and peak RSS in MB. */
function inChild<T>(what: string, nodeFlags: string[], args: object): Promise<T & { peakRssMb: number }> {
  const script = fileURLToPath(new URL('./run-child.js', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeFlags, script, JSON.stringify(args)], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`bench: ${what} failed: ${stderr || err.message}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as T & { peakRssMb: number });
      } catch {
        reject(new Error(`bench: ${what} printed no result: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

/**
 * floorPass in a child process with node's default flags, as a user calling readDoc runs it: the
 * CLI's heap setting (a heap at most twice its live size) slows wink's own pass by some 10 %,
 * which would flatter the ratio.
 */
export function floorPassInChild(corpus: string, warmTexts?: number): Promise<Awaited<ReturnType<typeof floorPass>> & { peakRssMb: number }> {
  return inChild('the floor pass', [], { kind: 'floor', corpus, warmTexts });
}

/** pipelineRun in a child process with the CLI's node flags, as `sitrep ingest` runs. */
export function pipelineRunInChild(corpus: string, dbPath: string, threads: number, warmup?: Warmup): Promise<RunResult & { peakRssMb: number }> {
  return inChild(`the run on ${threads} thread(s)`, cliNodeFlags(), { kind: 'ingest', corpus, dbPath, threads, warmup });
}
