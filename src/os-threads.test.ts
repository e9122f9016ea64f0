import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { osThreadId, threadCpuSeconds, threadsCpuSeconds } from './os-threads.js';

// A worker that says which OS thread it is (through the built module, as the ingest workers do),
// then, when told, spins until its own thread has used 0.3 s of CPU (by its own reading: on a busy
// machine a spin of so many wall seconds may get little CPU) or sleeps 0.4 s, and says when it is
// done; it ends when told to.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.module).then(({ osThreadId, threadCpuSeconds }) => {
  const tid = osThreadId();
  parentPort.postMessage({ tid });
  parentPort.on('message', (m) => {
    if (m === 'end') return process.exit(0);
    if (workerData.spin) {
      const t0 = threadCpuSeconds(tid);
      let x = 0;
      while (threadCpuSeconds(tid) - t0 < 0.3) for (let i = 0; i < 1e6; i++) x++;
    } else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
    parentPort.postMessage({ done: true });
  });
});
`;

function start(spin: boolean): { worker: Worker; next: () => Promise<{ tid?: number | null; done?: boolean }> } {
  const worker = new Worker(WORKER, { eval: true, workerData: { spin, module: new URL('../dist/os-threads.js', import.meta.url).href } });
  const inbox: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  worker.on('message', (m) => (waiting.length ? waiting.shift()!(m) : inbox.push(m)));
  const next = () => new Promise<{ tid?: number | null; done?: boolean }>((r) => (inbox.length ? r(inbox.shift() as never) : waiting.push(r as never)));
  return { worker, next };
}

describe('per-thread CPU (Linux /proc)', () => {
  it.skipIf(process.platform !== 'linux')('tells a worker that spins from one that sleeps, by the OS thread each says it is', async () => {
    expect(osThreadId()).toBe(process.pid);
    const spinner = start(true);
    const sleeper = start(false);
    const [a, b] = await Promise.all([spinner.next(), sleeper.next()]);
    const spinTid = a.tid!;
    const sleepTid = b.tid!;
    expect(spinTid).toBeGreaterThan(0);
    expect(new Set([spinTid, sleepTid, process.pid]).size).toBe(3);
    const before = new Map([spinTid, sleepTid, process.pid].map((t) => [t, threadCpuSeconds(t)]));
    for (const cpu of before.values()) expect(cpu).not.toBeNull();
    const bothBefore = threadsCpuSeconds([spinTid, sleepTid])!;
    spinner.worker.postMessage('go');
    sleeper.worker.postMessage('go');
    await Promise.all([spinner.next(), sleeper.next()]);
    const spun = threadCpuSeconds(spinTid)! - before.get(spinTid)!;
    const slept = threadCpuSeconds(sleepTid)! - before.get(sleepTid)!;
    const both = threadsCpuSeconds([spinTid, sleepTid])! - bothBefore;
    spinner.worker.postMessage('end');
    sleeper.worker.postMessage('end');
    // what the spinner saw of its own thread, read here by its id; sleeping is next to none
    expect(spun).toBeGreaterThan(0.295); // (0.3 in ticks of 1/100 s, less rounding)
    expect(slept).toBeLessThan(0.05);
    expect(both).toBeCloseTo(spun + slept, 1);
    expect(threadsCpuSeconds([spinTid, 2 ** 30])).toBeNull(); // a thread that is not this process's
  });
});
