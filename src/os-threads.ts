// Which OS thread is this, and how much CPU each thread of the process has used (Linux /proc;
// null elsewhere). The bench splits a run's CPU between its own threads and the rest (V8's
// garbage-collection and compiler helpers, the checkpoint thread): node 20 names no thread and
// has no per-thread CPU call, so the worker threads say which OS threads they are.

import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The calling thread's OS thread id (Linux: /proc/thread-self → "PID/task/TID"), or null. */
export function osThreadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) of one thread of this process, or null when the OS does not tell. */
export function threadCpuSeconds(tid: number): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 14 and 15 of stat (utime, stime, in clock ticks of 1/100 s), counted after the ")"
    // that ends the thread's name
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds of every thread of this process now, by OS thread id, or null. */
export function threadsCpuSeconds(): Map<number, number> | null {
  try {
    const out = new Map<number, number>();
    for (const t of readdirSync('/proc/self/task')) {
      const s = threadCpuSeconds(Number(t));
      if (s !== null) out.set(Number(t), s);
    }
    return out;
  } catch {
    return null;
  }
}
