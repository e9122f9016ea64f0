// The background checkpointer's thread (see checkpointer.ts): its own connection to the SQLite
// file, a PASSIVE checkpoint every `intervalMs` until told to stop. A PASSIVE checkpoint never
// blocks a writer or a reader: it copies the WAL frames no reader still needs into the database
// file and syncs it, and the next write transaction starts the WAL again from its beginning.

import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const port = parentPort;
if (!port) throw new Error('checkpoint-worker must run as a worker thread');
const { path, intervalMs } = workerData as { path: string; intervalMs: number };

const db = new Database(path, { fileMustExist: true });
db.pragma('busy_timeout = 10000');
let checkpoints = 0;
let failure: string | null = null;

function checkpoint(): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    checkpoints++;
  } catch (err) {
    // (the writers' own automatic checkpoints still bound the WAL: say so when stopping)
    failure ??= (err as Error).message;
  }
}

// 'stop', handled between two checkpoints, never during one.
const timer = setInterval(checkpoint, intervalMs);
port.on('message', () => {
  clearInterval(timer);
  db.close();
  port.postMessage({ checkpoints, failure });
  port.close();
});
port.postMessage({ ready: true });
