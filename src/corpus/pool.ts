// A pool of worker threads (worker_threads), each with its own pipeline, so a corpus uses every
// core. Ingest gives them whole batches to extract and write, each through its own store
// connection and in reading order (see IngestRequest); the queue worker has them only extract.

import { Worker } from 'node:worker_threads';
import { compiledScript } from '../compiled.js';
import type { InputRecord } from '../ingest/record.js';
import type { SpecError, SpecResult } from '../output/spec.js';
import type { ResourceOptions } from '../resources.js';
import type { StoreSpec } from '../store/types.js';
import type { WriteOutcome } from './write.js';

export interface WorkItem {
  record: InputRecord;
  htmlPublished?: string | null;
}

/** Extract a batch and return the results (the queue worker writes them itself). */
export interface ExtractRequest {
  kind: 'extract';
  id: number;
  items: WorkItem[];
}

/**
 * Extract a batch and write it through the worker's own connection to `store`, when `turn` says
 * it is batch `seq`'s turn (see TURN_NEXT); the answer is only what became of each article.
 */
export interface IngestRequest {
  kind: 'ingest';
  id: number;
  items: (WorkItem & { hash: string })[];
  seq: number;
  store: StoreSpec;
  /** An Int32Array's memory, shared by every worker of one ingest run (see TURN_NEXT). */
  turn: SharedArrayBuffer;
}

/** Close the worker's connection to `store` (the ingest that used it is over). */
export interface ReleaseRequest {
  kind: 'release';
  id: number;
  store: StoreSpec;
}

export type WorkerRequest = ExtractRequest | IngestRequest | ReleaseRequest;

/** Index, in an ingest run's turn array, of the sequence number of the next batch to write. */
export const TURN_NEXT = 0;

/**
 * One article's extraction: the result, and for a success its JSON and its events' JSON, made in
 * the worker thread so the thread that writes need not. A success's `out` comes without its
 * mentions (`[]`, the larger half of a result; they are in `json`): copying them between threads
 * cost more than all the rest.
 */
export interface Extracted {
  out: SpecResult | SpecError;
  /** `JSON.stringify` of the whole result (mentions included) for a success, else null. */
  json: string | null;
  /** `JSON.stringify` of each of `out.events`, for the store's report rows; null for an error. */
  eventJson?: string[] | null;
}

export type WorkerResponse =
  | { id: number; results: Extracted[] }
  | { id: number; outcomes: WriteOutcome[] }
  | { id: number; error: string };

/** The compiled worker script (see compiledScript). */
function workerPath(): string {
  const path = compiledScript('corpus/extract-worker.js');
  if (!path) throw new Error('extract-worker.js not found: run `npm run build` first');
  return path;
}

interface Slot {
  worker: Worker;
  busy: number;
}

/**
 * The young generation of each worker's heap (V8 splits it into two semi-spaces and a large-object
 * space): an extraction allocates some 2 MB per article, and most of a batch's objects live until
 * the batch is written, so a small young generation promotes them to the old one, whose major GCs
 * (marking the whole heap, then recompiling the functions whose code it dropped) then run more
 * often. 96 MB made the two-thread bench 3 % faster (447 vs 434 art/s over three alternating runs
 * each) at a peak RSS of 714–733 MB, what the two threads took before the store's caches shrank.
 * Under the CLI's own flags this setting is moot: node's --max-semi-space-size (bin/sitrep.js, 32)
 * sizes every isolate's young generation, workers' too, whatever resourceLimits asks (a worker's
 * new space measured 64 MB, two 32 MB semi-spaces, with 48, 96 or 192 here; 64 with 96 and no
 * flag). It applies when the pool runs in a process started without that flag (a test, a library).
 */
const WORKER_YOUNG_GENERATION_MB = 96;

export class ExtractPool {
  private slots: Slot[] = [];
  private pending = new Map<number, { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void; slot: Slot }>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor() {}

  static async create(threads: number, resources: ResourceOptions = {}): Promise<ExtractPool> {
    const pool = new ExtractPool();
    const path = workerPath();
    await Promise.all(
      Array.from({ length: Math.max(1, threads) }, () => new Promise<void>((resolve, reject) => {
        const worker = new Worker(path, { workerData: { resources }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
        const slot: Slot = { worker, busy: 0 };
        pool.slots.push(slot);
        worker.on('message', (m: WorkerResponse | { ready: true }) => {
          if ('ready' in m) return resolve();
          const p = pool.pending.get(m.id);
          if (!p) return;
          pool.pending.delete(m.id);
          p.slot.busy--;
          if ('error' in m) p.reject(new Error(m.error));
          else p.resolve(m);
        });
        worker.on('error', (err) => {
          pool.failure = err;
          reject(err);
          for (const [id, p] of pool.pending) if (p.slot === slot) {
            pool.pending.delete(id);
            p.reject(err);
          }
        });
      })),
    );
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Extract a batch on the least busy worker. */
  async extract(items: WorkItem[]): Promise<Extracted[]> {
    const r = await this.send(this.leastBusy(), (id) => ({ kind: 'extract', id, items }));
    return 'results' in r ? r.results : [];
  }

  /**
   * Extract a batch on the least busy worker and write it there, through that worker's own
   * connection to `store`, in batch `seq`'s turn (see IngestRequest).
   */
  async ingest(items: (WorkItem & { hash: string })[], seq: number, store: StoreSpec, turn: SharedArrayBuffer): Promise<WriteOutcome[]> {
    const r = await this.send(this.leastBusy(), (id) => ({ kind: 'ingest', id, items, seq, store, turn }));
    return 'outcomes' in r ? r.outcomes : [];
  }

  /** Close every worker's connection to `store`. */
  async release(store: StoreSpec): Promise<void> {
    await Promise.all(this.slots.map((slot) => this.send(slot, (id) => ({ kind: 'release', id, store }))));
  }

  private leastBusy(): Slot {
    return this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private send(slot: Slot, request: (id: number) => WorkerRequest): Promise<WorkerResponse> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage(request(id));
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
