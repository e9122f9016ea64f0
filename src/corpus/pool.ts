// A pool of worker threads (worker_threads), each with its own pipeline, so a corpus uses every
// core. Ingest gives them whole batches to extract and write, each through its own store
// connection and in reading order (see IngestRequest); the queue worker has them only extract.

import { setFlagsFromString } from 'node:v8';
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

/** A worker's first message: loaded and ready, and which OS thread it is (see osThreadId). */
export interface WorkerReady {
  ready: true;
  tid: number | null;
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
  /** The worker's OS thread id, as it said when ready (null where the OS does not tell). */
  tid: number | null;
}

/**
 * The young generation of each worker's heap (V8 splits it into two semi-spaces and a large-object
 * space: 3 × a semi-space, a power of two: 96 MB gets 32 MB semi-spaces, as the CLI gives the main
 * thread of a single-thread ingest). An extraction allocates some 1.5 MB per article, and what a
 * scavenge finds alive (mostly the group's documents in flight) is copied, then promoted.
 * `--trace-gc-nvp` over 4,000 articles after warm-up (session 19): with 16 MB semi-spaces a
 * worker ran a scavenge every 7.8 of its articles (1.7 MB promoted each), 222 KB promoted per
 * article, 16 full GCs in all; with 32 MB every 15.6 (3 MB each), 189 KB, 13 full GCs; the
 * single thread's 32 MB every 17.5, 106 KB. Two-thread ingests taking turns with each other (1,024
 * articles a turn, 5,000 after 2,000 warm-up per thread): 96 against 48 MB 1.077× (477 → 514
 * articles/s), V8's helper threads 0.59–0.63 against 0.66–0.77 ms per article, peak RSS 794
 * against 659 MB; in-process runs straight through 1.03–1.08×; the CLI's two-thread ingest of
 * 100,000 generated articles (seed 20240306) peaked at 863,048 kB, in 5 min 44 s. (Session 16
 * measured 96 against 48 the other way, 0.92–1.03×, with the kept-reports cache then in each
 * worker's heap; its 100,000-article ingest peaked at 957–1,001 MiB with 96, against 827–868
 * with 48. That cache went in session 18.) See workerHeapsSizeThemselves for why this applies
 * although the CLI runs node with --max-semi-space-size.
 */
const WORKER_YOUNG_GENERATION_MB = 96;

/**
 * Make each worker's heap take its young generation from `resourceLimits`. node's
 * --max-semi-space-size (bin/sitrep.js: 32 MB, for the main thread, which extracts in a
 * single-thread ingest) is process-wide and overrides resourceLimits for every isolate made while
 * it is set, workers' too; V8 reads it only when an isolate's heap is made, so setting it back to
 * 0 (unset) now leaves the main thread's heap as it is and lets each worker made after take its own
 * (checked: a worker asking 48 MB got a 32 MB new space with the flag unset, 64 with it at 32).
 * A process-wide setting changed for good: isolates made later take resourceLimits or V8's default.
 */
function workerHeapsSizeThemselves(): void {
  setFlagsFromString('--max-semi-space-size=0');
}

export class ExtractPool {
  private slots: Slot[] = [];
  private pending = new Map<number, { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void; slot: Slot }>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor() {}

  static async create(threads: number, resources: ResourceOptions = {}): Promise<ExtractPool> {
    const pool = new ExtractPool();
    const path = workerPath();
    workerHeapsSizeThemselves();
    await Promise.all(
      Array.from({ length: Math.max(1, threads) }, () => new Promise<void>((resolve, reject) => {
        const worker = new Worker(path, { workerData: { resources }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
        const slot: Slot = { worker, busy: 0, tid: null };
        pool.slots.push(slot);
        worker.on('message', (m: WorkerResponse | WorkerReady) => {
          if ('ready' in m) {
            slot.tid = m.tid;
            return resolve();
          }
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

  /** The workers' OS thread ids (for the bench's CPU accounting; empty where the OS does not tell). */
  threadIds(): number[] {
    const out: number[] = [];
    for (const s of this.slots) if (s.tid !== null) out.push(s.tid);
    return out.length === this.slots.length ? out : [];
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
