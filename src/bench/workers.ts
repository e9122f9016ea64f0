// The bench's worker step, `npm run bench -- --workers 1,2`: the bench corpus through the
// PostgreSQL queue with 1, then 2 (…) `sitrep worker` processes; prints each run's throughput,
// the per-worker rate (to size a cluster) and the scaling ratio. Skipped without --workers, and
// with a message when no PostgreSQL server answers.

import { dropDatabase, pgAnswers, PG_SERVER } from '../queue/pgserver.js';
import { BENCH_DB, parseWorkerCounts, workerRun, type WorkerRun } from '../queue/scaling.js';
import type { BenchStep } from './steps.js';

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const workersStep: BenchStep = async (ctx) => {
  const counts = parseWorkerCounts(ctx.argv);
  if (!counts) return;
  if (!(await pgAnswers())) {
    ctx.log(`workers skipped: no PostgreSQL server answers at ${PG_SERVER} (set SITREP_TEST_PG)`);
    ctx.out.worker_scaling = null;
    return;
  }
  const runs: WorkerRun[] = [];
  try {
    for (const k of counts) {
      const r = await workerRun(ctx.corpus, k);
      runs.push(r);
      ctx.log(
        `workers ${k} worker process${k > 1 ? 'es' : ''} + PostgreSQL: ${r.articlesPerSecond.toFixed(1)} articles/s, ${(r.articlesPerSecond / k).toFixed(1)} per worker ` +
          `(${r.articles} articles in ${r.seconds.toFixed(2)}s after ${r.startupSeconds.toFixed(2)}s start-up; workers kept ${(r.cpuSeconds / r.seconds).toFixed(2)} cores busy)`,
      );
      const n = Math.max(1, r.articles);
      ctx.log(
        `        CPU per article: workers ${(1000 * r.cpuSeconds / n).toFixed(1)} ms` +
          (r.dbCpuSeconds !== null ? `, PostgreSQL backends ${(1000 * r.dbCpuSeconds / n).toFixed(1)} ms` : ' (PostgreSQL not measured: not on this machine)'),
      );
    }
  } finally {
    await dropDatabase(BENCH_DB).catch(() => {});
  }
  ctx.out.worker_articles_per_s = Object.fromEntries(runs.map((r) => [String(r.workers), round(r.articlesPerSecond, 1)]));
  ctx.out.worker_cores_used = Object.fromEntries(runs.map((r) => [String(r.workers), round(r.cpuSeconds / r.seconds, 2)]));
  // CPU per article of the workers and of the database: on a shared machine these, not the
  // wall-clock rates, say what a worker costs and how much of the machine the database takes.
  ctx.out.worker_cpu_ms_per_article = Object.fromEntries(runs.map((r) => [String(r.workers), round((1000 * r.cpuSeconds) / Math.max(1, r.articles), 2)]));
  ctx.out.db_cpu_ms_per_article = Object.fromEntries(runs.map((r) => [String(r.workers), r.dbCpuSeconds === null ? null : round((1000 * r.dbCpuSeconds) / Math.max(1, r.articles), 2)]));
  const one = runs.find((r) => r.workers === 1);
  if (one) ctx.out.per_worker_articles_per_s = round(one.articlesPerSecond, 1);
  const most = runs.reduce((a, b) => (b.workers > a.workers ? b : a));
  ctx.out.worker_scaling = one && most.workers > 1 ? round(most.articlesPerSecond / one.articlesPerSecond, 3) : null;
  if (ctx.out.worker_scaling !== null) ctx.log(`        worker_scaling ${ctx.out.worker_scaling} with ${most.workers} workers (target ≥ 1.7 with 2)`);
};
