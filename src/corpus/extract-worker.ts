// A worker thread with its own pipeline and resources. Two kinds of work (see pool.ts):
// - extract: return the SPEC results of a batch (the queue worker writes them itself);
// - ingest: extract a batch, then write it to the store through this thread's own connection
//   when the batch's turn comes (batches are written in reading order, one thread at a time),
//   and return only what became of each article.

import { parentPort, workerData } from 'node:worker_threads';
import { extractRecords, extractRecordsAsync } from '../extract.js';
import { osThreadId } from '../os-threads.js';
import { loadResources, type ResourceOptions } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { reopenStore } from '../store/open.js';
import { resultJsons } from '../store/result-json.js';
import type { SpecError, SpecResult } from '../output/spec.js';
import type { Store, StoreSpec } from '../store/types.js';
import { writeExtracted } from './write.js';
import { TURN_NEXT, type Extracted, type ExtractRequest, type IngestRequest, type WorkerReady, type WorkerRequest, type WorkerResponse } from './pool.js';

const port = parentPort;
if (!port) throw new Error('extract-worker must run as a worker thread');

/** What a success's `out` carries instead of its mentions (they are in its `json`). */
const NO_MENTIONS: SpecResult['mentions'] = { actors: [], places: [], times: [], quantities: [] };

const opts = (workerData ?? {}) as { resources?: ResourceOptions };
const ex = { pipeline: defaultPipeline(), resources: await loadResources(opts.resources ?? {}) };

/** This thread's connections, by store spec (opened on the first batch for that store). */
const stores = new Map<string, Promise<Store>>();
const keyOf = (spec: StoreSpec) => JSON.stringify(spec);

/** Batches to extract, in the order they came: one at a time (see extractInOrder). */
const toExtract: (IngestRequest | ExtractRequest)[] = [];
let extracting = false;

/** Extracted ingest batches waiting for their turn to be written, in the order they came. */
const waiting: Extraction[] = [];
/**
 * An ingest batch extracted: its results as objects, whose JSON the store makes in the write
 * (see extractInOrder for why not before).
 */
interface Extraction {
  req: IngestRequest;
  outs: (SpecResult | SpecError)[];
}
/** The run of writeDue in progress, if any. */
let writing: Promise<void> | null = null;
/** Whether a wait for the turn to change is armed (see watchTurn). */
let watching = false;

/** Whether it is the first waiting batch's turn to be written. */
function firstIsDue(): boolean {
  const first = waiting[0];
  return !!first && Atomics.load(new Int32Array(first.req.turn), TURN_NEXT) === first.req.seq;
}

/**
 * Write the waiting batches whose turn has come, in order, then wait for the next one's turn
 * (watchTurn). Called when a batch is extracted, when the turn changes, and between the documents
 * of an extraction's stages (see extractInOrder): the other thread waits for this write before it can
 * write its own batch.
 */
function writeDue(): Promise<void> {
  // (cleared in a callback, which runs after the assignment even when nothing was due)
  writing ??= (async () => {
    while (firstIsDue()) await writeBatch(waiting.shift()!);
  })().finally(() => {
    writing = null;
    watchTurn();
  });
  return writing;
}

/**
 * While a batch waits for its turn, wake when the turn changes (Atomics.waitAsync, not wait:
 * this thread goes on reading messages and extracting meanwhile).
 */
function watchTurn(): void {
  const first = waiting[0];
  if (watching || !first) return;
  if (firstIsDue()) {
    void writeDue();
    return;
  }
  const turn = new Int32Array(first.req.turn);
  const w = Atomics.waitAsync(turn, TURN_NEXT, Atomics.load(turn, TURN_NEXT));
  const wake = () => {
    watching = false;
    if (firstIsDue()) void writeDue();
    else watchTurn();
  };
  watching = true;
  if (w.async) void w.value.then(wake);
  else wake();
}

/** One batch through this thread's connection to its store; then it is the next batch's turn. */
async function writeBatch({ req, outs }: Extraction): Promise<void> {
  const turn = new Int32Array(req.turn);
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

/**
 * The write of this thread's earliest extracted batch when its turn has come, else nothing:
 * extraction calls it after each document of each stage (a module function, not a callback made
 * per batch: it is called some 700 times a batch, and V8 drops a closure's optimized code at each
 * full GC; see the README's "storm of deoptimisations").
 */
function writeIfDue(): Promise<void> | undefined {
  return firstIsDue() ? writeDue() : undefined;
}

/**
 * Extract the batches that came, one at a time. An ingest batch is extracted stage by stage with
 * a look at the turn after each document (writeIfDue): when an earlier batch of this thread is
 * due, it is written there and then, not after the whole extraction (a few tenths of a second
 * for a group), during which the other thread, its own batch extracted, would wait for this
 * one's write.
 */
async function extractInOrder(): Promise<void> {
  if (extracting) return;
  extracting = true;
  try {
    for (let msg = toExtract.shift(); msg; msg = toExtract.shift()) {
      const items = msg.items.map((it) => ({ record: it.record, opts: { htmlPublished: it.htmlPublished ?? null } }));
      if (msg.kind === 'ingest') {
        // The results wait for their turn as the pipeline made them; the store makes their JSON in
        // the write, as a single-thread ingest's does. Until session 20 it was made here, as
        // each document was extracted, to shorten the writing turn the other thread may wait
        // for: but the JSON strings (tens of KB an article) then waited for the turn too, through
        // scavenges, and were copied and promoted with the batch. `--trace-gc-nvp` over 5,000
        // articles after 2,000 warm-up per thread: 940 MB promoted against 516 (the single thread:
        // 534), scavenges 2.08 s against 1.57, 16 full GCs against 11. Two-thread runs taking turns
        // with each other: 1.037× and 1.006× the articles/s (5,000 and 10,000 articles), CPU 2.96
        // against 3.04 and 3.02 against 3.07 ms an article, peak RSS ~90 MB lower.
        const outs = await extractRecordsAsync(ex, items, writeIfDue);
        waiting.push({ req: msg, outs });
        void writeDue();
        continue;
      }
      const results = extractRecords(ex, items).map((out): Extracted => {
        if ('error' in out) return { out, json: null, eventJson: null };
        // Serialised here, in parallel, rather than by the thread that writes (see Extracted).
        const { resultJson, eventJson } = resultJsons(out);
        return { out: { ...out, mentions: NO_MENTIONS }, json: resultJson, eventJson };
      });
      port!.postMessage({ id: msg.id, results } satisfies WorkerResponse);
    }
  } finally {
    extracting = false;
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
  toExtract.push(msg);
  void extractInOrder();
});
port.postMessage({ ready: true, tid: osThreadId() } satisfies WorkerReady);
