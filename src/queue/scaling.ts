// Measuring worker scaling (`npm run bench -- --workers 1,2`): ingest a corpus through the queue
// with k `sitrep worker` processes. Each run starts from a fresh database; the clock starts once
// every worker has loaded its pipeline (start-up is not throughput) and stops at the last job done.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { readJsonl } from '../ingest/read.js';
import { BOSS_SCHEMA, INGEST_QUEUE } from './boss.js';
import { enqueueItems } from './enqueue.js';
import { postgresCpuSampler } from './pgcpu.js';
import { freshDatabase, scopedName } from './pgserver.js';
import type { WorkerReport } from './worker.js';

const BIN = fileURLToPath(new URL('../../bin/sitrep.js', import.meta.url));
export const BENCH_DB = scopedName('sitrep_queue_bench');

/** `--workers 1,2` → [1, 2]; absent → null (the step does not run). */
export function parseWorkerCounts(argv: readonly string[]): number[] | null {
  const i = argv.findIndex((a) => a === '--workers' || a.startsWith('--workers='));
  if (i < 0) return null;
  const raw = argv[i]!.includes('=') ? argv[i]!.slice(argv[i]!.indexOf('=') + 1) : argv[i + 1];
  const counts = (raw ?? '').split(',').map((s) => Number(s.trim()));
  if (!counts.length || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 64)) throw new Error(`--workers expects counts like 1,2, not ${raw ?? 'nothing'}`);
  return counts;
}

export interface WorkerRun {
  workers: number;
  articles: number;
  seconds: number;
  articlesPerSecond: number;
  startupSeconds: number;
  /** CPU seconds the workers used after start-up (the database's own CPU not included). */
  cpuSeconds: number;
  /** CPU seconds of the PostgreSQL backends serving the run, when the server is local (else null). */
  dbCpuSeconds: number | null;
}

async function queueState(url: string): Promise<{ now: Date; done: number; last: Date | null }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ now: Date; done: number; last: Date | null }>(
      `SELECT now() AS now, count(*) FILTER (WHERE state = 'completed')::int AS done, max(completed_on) AS last FROM ${BOSS_SCHEMA}.job WHERE name = $1`,
      [INGEST_QUEUE],
    );
    return r.rows[0]!;
  } finally {
    await c.end();
  }
}

/** One run: enqueue the corpus, start `k` worker processes, time them until the queue is empty. */
export async function workerRun(corpus: string, k: number): Promise<WorkerRun> {
  const url = await freshDatabase(BENCH_DB);
  const q = await enqueueItems(url, readJsonl(corpus));
  const sampler = postgresCpuSampler(BENCH_DB);
  const t0 = performance.now();
  const procs = Array.from({ length: k }, () => spawn(process.execPath, [BIN, 'worker', '--db', url, '--exit-when-done'], { stdio: ['ignore', 'pipe', 'pipe'] }));
  // Each worker prints its report (a JSON line) on stdout when it stops.
  const reports = procs.map((p) => new Promise<WorkerReport | null>((resolve) => {
    let out = '';
    p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    p.on('exit', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as WorkerReport);
      } catch {
        resolve(null);
      }
    });
  }));
  const started = procs.map((p) => new Promise<void>((resolve, reject) => {
    let buf = '';
    p.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (/: started/.test(buf)) resolve();
    });
    p.on('exit', () => reject(new Error(`a worker exited before starting: ${buf.trim()}`)));
  }));
  const exits = procs.map((p) => new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code))));
  await Promise.all(started);
  const startupSeconds = (performance.now() - t0) / 1000;
  const at = await queueState(url);
  const db0 = sampler?.total() ?? null;
  const codes = await Promise.all(exits);
  const db1 = sampler?.total() ?? null;
  sampler?.stop();
  if (codes.some((c) => c !== 0)) throw new Error(`a worker failed (exit codes ${codes.join(', ')})`);
  const end = await queueState(url);
  if (end.done !== q.queued) throw new Error(`${end.done} of ${q.queued} jobs done`);
  const articles = end.done - at.done;
  const seconds = end.last ? Math.max(0.001, (end.last.getTime() - at.now.getTime()) / 1000) : 0;
  const cpuSeconds = (await Promise.all(reports)).reduce((sum, r) => sum + (r?.cpuSeconds ?? 0), 0);
  const dbCpuSeconds = db0 !== null && db1 !== null ? db1 - db0 : null;
  return { workers: k, articles, seconds, articlesPerSecond: seconds ? articles / seconds : 0, startupSeconds, cpuSeconds, dbCpuSeconds };
}
