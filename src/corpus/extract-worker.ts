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
import { writeExtracted, type ResultJsons } from './write.js';
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
/** An ingest batch extracted, with its successes' JSON made (see resultJsons). */
interface Extraction {
  req: IngestRequest;
  outs: (SpecResult | SpecError)[];
  jsons: (ResultJsons | null)[];
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
async function writeBatch({ req, outs, jsons }: Extraction): Promise<void> {
  const turn = new Int32Array(req.turn);
  let response: WorkerResponse;
  try {
    let store = stores.get(keyOf(req.store));
    if (!store) stores.set(keyOf(req.store), (store = reopenStore(req.store)));
    response = { id: req.id, outcomes: await writeExtracted(await store, req.items, outs, jsons) };
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

/** The JSON of the ingest batch being extracted (one at a time, see extractInOrder), by item. */
let extractingJsons: (ResultJsons | null)[] | null = null;

/**
 * What an ingest batch keeps of a success until its write turn: its JSON, made now (into
 * extractingJsons), and the result without its mentions (the store reads them only in that JSON).
 * A module function, as writeIfDue is: called for each document of every batch.
 */
function keepForWrite(out: SpecResult, i: number): SpecResult {
  extractingJsons![i] = resultJsons(out);
  return { ...out, mentions: NO_MENTIONS };
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
        // Each success's JSON is made as soon as it is extracted, not in this batch's writing turn,
        // which the other thread waits for; its mentions (half of a result, and read by the store
        // only in that JSON) are then dropped, not held until the turn comes.
        const jsons: (ResultJsons | null)[] = new Array(items.length).fill(null);
        extractingJsons = jsons;
        const outs = await extractRecordsAsync(ex, items, writeIfDue, keepForWrite);
        extractingJsons = null;
        waiting.push({ req: msg, outs, jsons });
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
