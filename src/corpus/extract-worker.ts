// A worker thread with its own pipeline and resources: receives batches of input records,
// returns their SPEC results. The store stays in the main thread (one writer).

import { parentPort, workerData } from 'node:worker_threads';
import { extractRecords } from '../extract.js';
import { loadResources, type ResourceOptions } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { resultJsonWithoutEvents } from '../store/result-json.js';
import type { SpecResult } from '../output/spec.js';
import type { Extracted, WorkerRequest, WorkerResponse } from './pool.js';

const port = parentPort;
if (!port) throw new Error('extract-worker must run as a worker thread');

/** What a success's `out` carries instead of its mentions (they are in its `json`). */
const NO_MENTIONS: SpecResult['mentions'] = { actors: [], places: [], times: [], quantities: [] };

const opts = (workerData ?? {}) as { resources?: ResourceOptions };
const ex = { pipeline: defaultPipeline(), resources: await loadResources(opts.resources ?? {}) };

port.on('message', (msg: WorkerRequest) => {
  const outs = extractRecords(ex, msg.items.map((it) => ({ record: it.record, opts: { htmlPublished: it.htmlPublished ?? null } })));
  const results = outs.map((out): Extracted => {
    if ('error' in out) return { out, json: null, eventJson: null };
    // Serialised here, in parallel, rather than by the one writer thread (see Extracted).
    const eventJson = out.events.map((e) => JSON.stringify(e));
    const json = msg.withoutEvents ? resultJsonWithoutEvents(out) : JSON.stringify(out);
    return { out: { ...out, mentions: NO_MENTIONS }, json, eventJson };
  });
  port.postMessage({ id: msg.id, results } satisfies WorkerResponse);
});
port.postMessage({ ready: true });
