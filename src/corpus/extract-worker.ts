// A worker thread with its own pipeline and resources: receives batches of input records,
// returns their SPEC results. The store stays in the main thread (one writer).

import { parentPort, workerData } from 'node:worker_threads';
import { extractRecord } from '../extract.js';
import { loadResources, type ResourceOptions } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import type { WorkerRequest, WorkerResponse } from './pool.js';

const port = parentPort;
if (!port) throw new Error('extract-worker must run as a worker thread');

const opts = (workerData ?? {}) as { resources?: ResourceOptions };
const ex = { pipeline: defaultPipeline(), resources: await loadResources(opts.resources ?? {}) };

port.on('message', (msg: WorkerRequest) => {
  const results = msg.items.map((it) => extractRecord(ex, it.record, { htmlPublished: it.htmlPublished ?? null }));
  port.postMessage({ id: msg.id, results } satisfies WorkerResponse);
});
port.postMessage({ ready: true });
