// A pool of extraction worker threads (worker_threads), each with its own pipeline, so a corpus
// uses every core while one thread writes the store. Batches keep the messaging overhead small.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InputRecord } from '../ingest/record.js';
import type { SpecError, SpecResult } from '../output/spec.js';
import type { ResourceOptions } from '../resources.js';

export interface WorkItem {
  record: InputRecord;
  htmlPublished?: string | null;
}

export interface WorkerRequest {
  id: number;
  items: WorkItem[];
  /** Send each success's `json` without its events (see Extracted.json). */
  withoutEvents?: boolean;
}

/**
 * One article's extraction: the result, and for a success its JSON and its events' JSON, made in
 * the worker thread so the one writer thread need not. The writer stores `json` and reads only
 * the article and the events of `out`, so a success's `out` comes without its mentions (`[]`,
 * the larger half of a result): copying them between threads cost more than all the rest.
 */
export interface Extracted {
  out: SpecResult | SpecError;
  /**
   * `JSON.stringify` of the whole result (mentions included) for a success, else null; with
   * `"events":[]` in place of the events when the request asked for it (withoutEvents): the
   * events' JSON is in `eventJson` anyway, so they are serialised once and the message is a fifth
   * smaller.
   */
  json: string | null;
  /** `JSON.stringify` of each of `out.events`, for the store's report rows; null for an error. */
  eventJson?: string[] | null;
}

export interface WorkerResponse {
  id: number;
  results: Extracted[];
}

/** The compiled worker script: next to this module in dist/, or dist/ when running from src/ (tests). */
function workerPath(): string {
  const here = new URL('./extract-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return fileURLToPath(here);
  const dist = new URL('../../dist/corpus/extract-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(dist))) return fileURLToPath(dist);
  throw new Error('extract-worker.js not found: run `npm run build` first');
}

interface Slot {
  worker: Worker;
  busy: number;
}

export class ExtractPool {
  private slots: Slot[] = [];
  private pending = new Map<number, { resolve: (r: Extracted[]) => void; reject: (e: Error) => void; slot: Slot }>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor() {}

  static async create(threads: number, resources: ResourceOptions = {}): Promise<ExtractPool> {
    const pool = new ExtractPool();
    const path = workerPath();
    await Promise.all(
      Array.from({ length: Math.max(1, threads) }, () => new Promise<void>((resolve, reject) => {
        const worker = new Worker(path, { workerData: { resources } });
        const slot: Slot = { worker, busy: 0 };
        pool.slots.push(slot);
        worker.on('message', (m: WorkerResponse | { ready: true }) => {
          if ('ready' in m) return resolve();
          const p = pool.pending.get(m.id);
          if (!p) return;
          pool.pending.delete(m.id);
          p.slot.busy--;
          p.resolve(m.results);
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

  /** Extract a batch on the least busy worker (`withoutEvents`: see Extracted.json). */
  extract(items: WorkItem[], opts: { withoutEvents?: boolean } = {}): Promise<Extracted[]> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, items, ...(opts.withoutEvents ? { withoutEvents: true } : {}) } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
