// WAL checkpoints off the writing threads while an ingest runs.
//
// Why: a writer connection checkpoints itself when its commit takes the WAL past
// wal_autocheckpoint pages (see sqlite.ts): it copies up to 256 MB of pages into the database
// file and waits for two fsyncs, inside its commit. With two ingest threads writing in turn, the
// other thread waits for that commit too, and which one pays is chance: over 5,000 articles one
// thread's writes took 30 % longer than the other's and the two threads kept 1.79–1.82 cores busy.
// With the checkpoints in a thread of their own, every second, both wrote alike, 1.85–1.88 cores
// were busy and the ingest ran 6–10 % faster (two runs each way, same corpus). The writers keep
// their automatic checkpoint as the bound on the WAL should this thread fall behind.

import { Worker } from 'node:worker_threads';
import { compiledScript } from '../compiled.js';
import type { Checkpointer } from './types.js';

/** How often the background thread checkpoints: some 150 articles' pages (~20 MB) at a time. */
export const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * Start checkpointing the SQLite file at `path` from a thread of its own; null when that cannot
 * be done (the script is not built, the thread fails to start): writers then checkpoint as before.
 */
export async function startCheckpointer(path: string, intervalMs = CHECKPOINT_INTERVAL_MS): Promise<Checkpointer | null> {
  const script = compiledScript('store/checkpoint-worker.js');
  if (!script) return null;
  const worker = new Worker(script, { workerData: { path, intervalMs } });
  const started = await new Promise<boolean>((resolve) => {
    worker.once('message', () => resolve(true));
    worker.once('error', () => resolve(false));
  });
  if (!started) {
    await worker.terminate();
    return null;
  }
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('message', (m: { checkpoints: number; failure: string | null }) => resolve(m));
        worker.once('error', (err) => resolve({ checkpoints: 0, failure: err.message }));
        worker.once('exit', () => resolve({ checkpoints: 0, failure: 'the checkpoint thread ended early' }));
        worker.postMessage('stop');
      }),
  };
}
