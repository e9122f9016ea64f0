// A worker thread with its own pipeline and resources: receives batches of input records,
// returns their SPEC results. The store stays in the main thread (one writer).

import { parentPort, workerData } from 'node:worker_threads';
import { extractRecord } from '../extract.js';
import { loadResources, type ResourceOptions } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import type { Extracted, WorkerRequest, WorkerResponse } from './pool.js';

const port = parentPort;
if (!port) throw new Error('extract-worker must run as a worker thread');

const opts = (workerData ?? {}) as { resources?: ResourceOptions };
const ex = { pipeline: defaultPipeline(), resources: await loadResources(opts.resources ?? {}) };

port.on('message', (msg: WorkerRequest) => {
  const results = msg.items.map((it): Extracted => {
    const out = extractRecord(ex, it.record, { htmlPublished: it.htmlPublished ?? null });
    // Serialised here, in parallel, rather than by the one writer thread.
    return { out, json: 'error' in out ? null : JSON.stringify(out) };
  });
  port.postMessage({ id: msg.id, results } satisfies WorkerResponse);
});
port.postMessage({ ready: true });
