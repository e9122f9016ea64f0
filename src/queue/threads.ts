// `sitrep worker --concurrency N`: N job loops in worker threads of one process, each with its
// own pipeline and connections, so one process uses N cores. Extraction is CPU-bound and
// synchronous, so more loops on one thread would not help.

import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runWorker, type WorkerOptions, type WorkerReport } from './worker.js';

type ThreadOptions = Omit<WorkerOptions, 'log' | 'signal'>;
type ThreadMessage = { kind: 'log'; line: string } | { kind: 'done'; report: WorkerReport } | { kind: 'error'; message: string };

export function sumReports(reports: WorkerReport[]): WorkerReport {
  const out: WorkerReport = { processed: 0, inserted: 0, duplicates: 0, failed: 0, deadLettered: 0, seconds: 0, cpuSeconds: 0 };
  for (const r of reports) {
    out.processed += r.processed;
    out.inserted += r.inserted;
    out.duplicates += r.duplicates;
    out.failed += r.failed;
    out.deadLettered += r.deadLettered;
    out.seconds = Math.max(out.seconds, r.seconds);
    // Each thread measures the whole process's CPU time over its run.
    out.cpuSeconds = Math.max(out.cpuSeconds, r.cpuSeconds);
  }
  return out;
}

/** Run `concurrency` loops (1: in this thread) until done or aborted. */
export async function runWorkers(opts: WorkerOptions & { concurrency?: number }): Promise<WorkerReport> {
  const n = Math.max(1, opts.concurrency ?? 1);
  if (n === 1) return runWorker(opts);
  const { log, signal, concurrency: _c, ...threadOpts } = opts;
  const threads = Array.from({ length: n }, () => new Worker(new URL(import.meta.url), { workerData: threadOpts satisfies ThreadOptions }));
  signal?.addEventListener('abort', () => { for (const t of threads) t.postMessage('stop'); }, { once: true });
  const reports = await Promise.all(threads.map((t) => new Promise<WorkerReport>((resolve, reject) => {
    let report: WorkerReport | null = null;
    t.on('message', (m: ThreadMessage) => {
      if (m.kind === 'log') log?.(m.line);
      else if (m.kind === 'done') report = m.report;
      else reject(new Error(m.message));
    });
    t.on('error', reject);
    t.on('exit', (code) => (report ? resolve(report) : reject(new Error(`worker thread exited with code ${code}`))));
  })));
  return sumReports(reports);
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const controller = new AbortController();
  port.on('message', (m) => { if (m === 'stop') controller.abort(); });
  runWorker({ ...(workerData as ThreadOptions), signal: controller.signal, log: (line) => port.postMessage({ kind: 'log', line } satisfies ThreadMessage) })
    .then((report) => port.postMessage({ kind: 'done', report } satisfies ThreadMessage))
    .catch((err: unknown) => port.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) } satisfies ThreadMessage))
    .finally(() => port.close());
}
