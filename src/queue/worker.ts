// A queue worker: fetch a batch of article jobs, extract each, write it to the store (one
// transaction per article, a no-op when its content hash is already stored), then mark the jobs
// done. A worker that dies mid-batch leaves its jobs "active"; when they time out pg-boss hands
// them to another worker, and the content hash makes the second write a no-op: every article is
// stored exactly once whatever dies when.

import type PgBoss from 'pg-boss';
import pg from 'pg';
import { extractRecords, type Extractor } from '../extract.js';
import { errorMessage } from '../errors.js';
import { loadResources } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import type { Store } from '../store/types.js';
import { INGEST_QUEUE, openBoss } from './boss.js';
import { drainDeadQueue, initDeadLetters, recordDeadLetter } from './deadletter.js';
import { parseJob, type ArticleJob } from './job.js';
import { ExtractPool, type Extracted, type WorkItem } from '../corpus/pool.js';
import { openQueueStore } from './store.js';

export interface WorkerOptions {
  url: string;
  /** Jobs fetched per round trip. */
  batchSize?: number;
  /** Stop once nothing is queued, retrying or running anywhere (batch runs, tests, benchmarks). */
  exitWhenDone?: boolean;
  /** Milliseconds between polls when the queue is empty. */
  pollMs?: number;
  /** One line per event worth a log (start, failures, stop). */
  log?: (line: string) => void;
  /** Also log every batch fetched. */
  verbose?: boolean;
  /** Aborting stops the worker after its current batch. */
  signal?: AbortSignal;
  /** Extract on a thread of its own, overlapping the previous batch's writes (default true). */
  extractThread?: boolean;
}

export interface WorkerReport {
  processed: number;
  inserted: number;
  /** Jobs whose article was already stored (a retried job, or the same text enqueued twice). */
  duplicates: number;
  failed: number;
  deadLettered: number;
  seconds: number;
  /** CPU seconds this process used after start-up (all its threads). */
  cpuSeconds: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

/** Jobs not yet finished anywhere: waiting, waiting for a retry, or held by a worker. */
export async function pendingJobs(boss: PgBoss): Promise<{ waiting: number; active: number }> {
  const [beforeActive, beforeDone] = await Promise.all([
    boss.getQueueSize(INGEST_QUEUE, { before: 'active' }),
    boss.getQueueSize(INGEST_QUEUE, { before: 'completed' }),
  ]);
  return { waiting: beforeActive, active: beforeDone - beforeActive };
}

export async function runWorker(opts: WorkerOptions): Promise<WorkerReport> {
  const log = opts.log ?? (() => {});
  const batchSize = opts.batchSize ?? 20;
  const pollMs = opts.pollMs ?? 500;
  const started = Date.now();
  const report: WorkerReport = { processed: 0, inserted: 0, duplicates: 0, failed: 0, deadLettered: 0, seconds: 0, cpuSeconds: 0 };

  // Extraction runs on a thread of its own (or in this one with extractThread: false) so that it
  // overlaps with the writes of the previous batch: a write is a series of round trips to
  // PostgreSQL, and while this thread waits for them the extraction thread keeps a core busy.
  const useThread = opts.extractThread ?? true;
  const pool = useThread ? await ExtractPool.create(1) : null;
  const ex: Extractor | null = useThread ? null : { pipeline: defaultPipeline(), resources: await loadResources() };
  const extract = async (items: WorkItem[]): Promise<Extracted[]> => {
    if (pool) return pool.extract(items);
    return extractRecords(ex!, items.map((it) => ({ record: it.record, opts: { htmlPublished: it.htmlPublished ?? null } }))).map((out) => ({ out, json: null }));
  };
  const boss = await openBoss(opts.url, { supervise: true });
  const store: Store = await openQueueStore(opts.url);
  const dlPool = new pg.Pool({ connectionString: opts.url, max: 1, application_name: 'sitrep-worker' });
  await initDeadLetters(dlPool);
  let lastExpire = 0;
  let troubles = 0;
  const cpuAtStart = process.cpuUsage();
  log(`worker ${process.pid}: started (batch ${batchSize})`);

  type Job = PgBoss.JobWithMetadata<unknown>;

  /** A job that failed: retried by pg-boss, or recorded as a dead letter on its last attempt. */
  const failJob = async (job: Job, hash: string, err: unknown) => {
    report.failed++;
    const message = errorMessage(err);
    const final = job.retryCount >= job.retryLimit;
    log(`worker ${process.pid}: job ${job.id} failed (attempt ${job.retryCount + 1} of ${job.retryLimit + 1}): ${message}`);
    if (final) {
      report.deadLettered++;
      const d = job.data as { hash?: unknown; record?: { id?: unknown } } | null;
      await recordDeadLetter(dlPool, {
        hash: hash || (typeof d?.hash === 'string' ? d.hash : job.id),
        inputId: String(d?.record?.id ?? job.id),
        error: message,
        attempts: job.retryCount + 1,
        record: job.data ?? null,
      });
    }
    await boss.fail(INGEST_QUEUE, job.id, { error: message });
  };

  /** Write one extracted batch (one transaction per article) and mark its jobs done. */
  const writeBatch = async (batch: { job: Job; parsed: ArticleJob | null; error: unknown }[], results: Extracted[]) => {
    const done: string[] = [];
    let k = 0;
    for (const { job, parsed, error } of batch) {
      report.processed++;
      if (!parsed) {
        await failJob(job, '', error);
        continue;
      }
      const { out, json, eventJson } = results[k++]!;
      try {
        if ('error' in out) throw new Error(out.error);
        const put = await store.putArticle({ inputId: parsed.record.id, text: parsed.record.text, result: out, hash: parsed.hash, ...(json !== null ? { resultJson: json } : {}), ...(eventJson ? { eventJson } : {}) });
        if (put.inserted) report.inserted++;
        else report.duplicates++;
        done.push(job.id);
      } catch (err) {
        await failJob(job, parsed.hash, err);
      }
    }
    if (done.length) await boss.complete(INGEST_QUEUE, done);
  };

  /** The previous batch's writes, running while this batch is extracted. */
  let writing: Promise<void> = Promise.resolve();

  /** One round: a batch fetched and processed, or an idle poll. Returns false when the worker should stop. */
  const round = async (): Promise<boolean> => {
    const jobs = await boss.fetch<unknown>(INGEST_QUEUE, { batchSize, includeMetadata: true });
    if (jobs.length === 0) {
      // our own batch in flight counts as active: finish it before deciding anything
      const w = writing;
      writing = Promise.resolve();
      await w;
      await drainDeadQueue(boss, dlPool);
      const pending = await pendingJobs(boss);
      if (pending.active > 0 && Date.now() - lastExpire > 1000) {
        // Jobs held by a worker that may be dead: let pg-boss fail the timed-out ones into
        // "retry" now rather than at its next maintenance round.
        lastExpire = Date.now();
        await boss.expire();
        return true;
      }
      if (opts.exitWhenDone && pending.waiting === 0 && pending.active === 0) return false;
      await sleep(pollMs, opts.signal);
      return true;
    }
    if (opts.verbose) log(`worker ${process.pid}: fetched ${jobs.length} jobs`);
    const batch = jobs.map((job) => {
      try {
        return { job, parsed: parseJob(job.data), error: null as unknown };
      } catch (error) {
        return { job, parsed: null, error };
      }
    });
    const items: WorkItem[] = [];
    for (const b of batch) if (b.parsed) items.push({ record: b.parsed.record, htmlPublished: b.parsed.htmlPublished ?? null });
    // Extract this batch while the previous one is still being written, then hand it to the writer.
    const extracted = extract(items);
    const previous = writing;
    writing = Promise.resolve();
    await previous;
    const results = await extracted;
    writing = writeBatch(batch, results);
    // a rejected write surfaces at the next round's await; keep it from counting as unhandled meanwhile
    writing.catch(() => {});
    return true;
  };

  try {
    while (!opts.signal?.aborted) {
      try {
        if (!(await round())) break;
        troubles = 0;
      } catch (err) {
        // The database went away (restart, failover, network): jobs this round held come back
        // after their timeout, so wait and carry on rather than die; give up only when it stays
        // unreachable for minutes, and leave restarting to the supervisor then.
        troubles++;
        if (troubles > 12) throw err;
        const wait = Math.min(30_000, 250 * 2 ** troubles);
        log(`worker ${process.pid}: ${errorMessage(err)}; trying again in ${(wait / 1000).toFixed(1)} s`);
        await sleep(wait, opts.signal);
      }
    }
    await writing;
  } finally {
    await writing.catch(() => {});
    report.seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuAtStart);
    report.cpuSeconds = (cpu.user + cpu.system) / 1e6;
    log(`worker ${process.pid}: stopped after ${report.processed} jobs (${report.inserted} stored, ${report.duplicates} already stored, ${report.failed} failed, ${report.deadLettered} dead-lettered) in ${report.seconds.toFixed(1)} s`);
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await store.close().catch(() => {});
    await dlPool.end().catch(() => {});
    await pool?.close().catch(() => {});
  }
  return report;
}
