// A worker thread with its own pipeline and resources. Two kinds of work (see pool.ts):
// - extract: return the SPEC results of a batch (the queue worker writes them itself);
// - ingest: extract a batch, then write it to the store through this thread's own connection
//   when the batch's turn comes (batches are written in reading order, one thread at a time),
//   and return only what became of each article.

import { parentPort, workerData } from 'node:worker_threads';
import { extractRecords } from '../extract.js';
import { loadResources, type ResourceOptions } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { reopenStore } from '../store/open.js';
import type { SpecError, SpecResult } from '../output/spec.js';
import type { Store, StoreSpec } from '../store/types.js';
import { writeExtracted } from './write.js';
import { TURN_NEXT, type Extracted, type IngestRequest, type WorkerRequest, type WorkerResponse } from './pool.js';

const port = parentPort;
if (!port) throw new Error('extract-worker must run as a worker thread');

/** What a success's `out` carries instead of its mentions (they are in its `json`). */
const NO_MENTIONS: SpecResult['mentions'] = { actors: [], places: [], times: [], quantities: [] };

const opts = (workerData ?? {}) as { resources?: ResourceOptions };
const ex = { pipeline: defaultPipeline(), resources: await loadResources(opts.resources ?? {}) };

/** This thread's connections, by store spec (opened on the first batch for that store). */
const stores = new Map<string, Promise<Store>>();
const keyOf = (spec: StoreSpec) => JSON.stringify(spec);

/** Extracted ingest batches waiting for their turn to be written, in the order they came. */
const waiting: { req: IngestRequest; outs: (SpecResult | SpecError)[] }[] = [];
let writing = false;

/**
 * Write the waiting batches whose turn it is, in order. While a batch waits for its turn this
 * thread keeps reading messages (Atomics.waitAsync, not wait): it extracts its next batch
 * meanwhile instead of sleeping.
 */
async function writeInTurn(): Promise<void> {
  if (writing) return;
  writing = true;
  try {
    while (waiting.length) {
      const { req, outs } = waiting[0]!;
      const turn = new Int32Array(req.turn);
      const now = Atomics.load(turn, TURN_NEXT);
      if (now !== req.seq) {
        const w = Atomics.waitAsync(turn, TURN_NEXT, now);
        if (w.async) await w.value;
        continue;
      }
      waiting.shift();
      let response: WorkerResponse;
      try {
        let store = stores.get(keyOf(req.store));
        if (!store) stores.set(keyOf(req.store), (store = reopenStore(req.store)));
        response = { id: req.id, outcomes: await writeExtracted(await store, req.items, outs) };
      } catch (err) {
        response = { id: req.id, error: (err as Error).message };
      } finally {
        // The next batch's turn, whatever became of this one: a waiting thread must never hang.
        Atomics.store(turn, TURN_NEXT, req.seq + 1);
        Atomics.notify(turn, TURN_NEXT);
      }
      port!.postMessage(response);
    }
  } finally {
    writing = false;
  }
}

port.on('message', (msg: WorkerRequest) => {
  if (msg.kind === 'release') {
    // The ingest is over: close this thread's connection to that store (the caller may delete it).
    const store = stores.get(keyOf(msg.store));
    stores.delete(keyOf(msg.store));
    void (async () => {
      let error: string | undefined;
      try {
        await (await store)?.close();
      } catch (err) {
        error = (err as Error).message;
      }
      port.postMessage({ id: msg.id, ...(error ? { error } : { outcomes: [] }) } satisfies WorkerResponse);
    })();
    return;
  }
  const outs = extractRecords(ex, msg.items.map((it) => ({ record: it.record, opts: { htmlPublished: it.htmlPublished ?? null } })));
  if (msg.kind === 'ingest') {
    waiting.push({ req: msg, outs });
    void writeInTurn();
    return;
  }
  const results = outs.map((out): Extracted => {
    if ('error' in out) return { out, json: null, eventJson: null };
    // Serialised here, in parallel, rather than by the thread that writes (see Extracted).
    return { out: { ...out, mentions: NO_MENTIONS }, json: JSON.stringify(out), eventJson: out.events.map((e) => JSON.stringify(e)) };
  });
  port.postMessage({ id: msg.id, results } satisfies WorkerResponse);
});
port.postMessage({ ready: true });
