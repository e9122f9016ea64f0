// `sitrep ingest --queue --db postgres://…`: the branch of `sitrep ingest` that enqueues articles
// for `sitrep worker` processes (on any machine) instead of extracting them here.

import type { InputItem } from '../ingest/read.js';
import { enqueueItems } from './enqueue.js';
import { isPostgresUrl } from './store.js';

export interface QueueIngestOptions {
  /** Seconds a worker may hold a job before it is presumed dead (default 120). */
  jobTimeoutSeconds?: number;
}

/** Enqueue every readable input; returns the exit code (1 when an input could not be read). */
export async function runQueueIngest(items: AsyncIterable<InputItem> | Iterable<InputItem>, db: string | undefined, opts: QueueIngestOptions = {}): Promise<number> {
  if (!isPostgresUrl(db)) {
    process.stderr.write('sitrep ingest --queue: the queue lives in PostgreSQL: give --db postgres://user@host/db (or SITREP_DB)\n');
    return 2;
  }
  const t0 = performance.now();
  const r = await enqueueItems(db, items, {
    jobTimeoutSeconds: opts.jobTimeoutSeconds,
    onError: (id, error) => process.stderr.write(`sitrep: ${id}: ${error}\n`),
  });
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    `queued ${r.queued} article(s) in ${seconds.toFixed(1)}s; ${r.alreadyQueued} already queued, ${r.alreadyStored} already stored, ${r.invalid} unreadable. ` +
      'Process them with `sitrep worker --db …` (on any number of machines); follow with `sitrep status --db …`\n',
  );
  if (r.queued + r.alreadyQueued + r.alreadyStored + r.invalid === 0) {
    process.stderr.write('sitrep ingest: no articles found in the given paths\n');
    return 1;
  }
  return r.invalid ? 1 : 0;
}
