// `sitrep worker --db postgres://…`: process queued articles until stopped (or until the queue
// is empty with --exit-when-done). Run as many as you like, on as many machines as you like.

import type { Command } from 'commander';
import { intArg } from './main.js';
import { isPostgresUrl } from '../queue/store.js';

export interface WorkerCliOptions {
  db?: string;
  concurrency?: number;
  batch?: number;
  exitWhenDone?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export async function runWorkerCli(opts: WorkerCliOptions): Promise<number> {
  const url = opts.db ?? process.env.SITREP_DB;
  if (!isPostgresUrl(url)) {
    process.stderr.write('sitrep: worker needs a PostgreSQL store: --db postgres://user@host/db (or SITREP_DB)\n');
    return 2;
  }
  const controller = new AbortController();
  // First signal: finish the current batch and stop; its jobs are completed, none is left held.
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('sitrep: worker stopping after the current batch (signal again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const { runWorkers } = await import('../queue/threads.js');
  const report = await runWorkers({
    url,
    concurrency: opts.concurrency ?? 1,
    batchSize: opts.batch ?? 20,
    exitWhenDone: !!opts.exitWhenDone,
    verbose: !!opts.verbose,
    signal: controller.signal,
    log: opts.quiet ? undefined : (line) => process.stderr.write(line + '\n'),
  });
  process.stdout.write(JSON.stringify(report) + '\n');
  return 0;
}

export function registerWorker(p: Command): void {
  p.command('worker')
    .description('process articles queued by `sitrep ingest --queue` into a PostgreSQL store (retries; repeated failures become dead letters)')
    .option('--db <url>', 'PostgreSQL URL shared by every worker (default $SITREP_DB)')
    .option('--concurrency <n>', 'job loops in this process, one thread each (default 1; one per core is the most useful)', intArg)
    .option('--batch <n>', 'jobs fetched per round trip (default 20)', intArg)
    .option('--exit-when-done', 'stop once nothing is queued, retrying or running')
    .option('-q, --quiet', 'no log lines on stderr')
    .option('-v, --verbose', 'log every batch fetched')
    .action(async (opts: WorkerCliOptions) => {
      process.exitCode = await runWorkerCli(opts);
    });
}
