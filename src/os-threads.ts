// Which OS thread is this, and how much CPU a thread or process has used (Linux /proc; null
// elsewhere). The bench splits a run's CPU between its own threads and the rest (V8's
// garbage-collection and compiler helpers, the checkpoint thread): node 20 names no thread and
// has no per-thread CPU call, so the worker threads say which OS threads they are.

import { readFileSync, readlinkSync } from 'node:fs';

/** The calling thread's OS thread id (Linux: /proc/thread-self → "PID/task/TID"), or null. */
export function osThreadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + system) in a /proc `stat` file: a process's (/proc/PID/stat) or a thread's
 * (/proc/self/task/TID/stat); null when it cannot be read (another OS, a thread or process gone).
 */
export function statCpuSeconds(path: string): number | null {
  try {
    const stat = readFileSync(path, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 14 and 15 of stat (utime, stime, in clock ticks of 1/100 s), counted after the ")"
    // that ends the name
    const v = (Number(f[11]) + Number(f[12])) / 100;
    return Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

/** CPU seconds of one thread of this process, or null when the OS does not tell. */
export function threadCpuSeconds(tid: number): number | null {
  return statCpuSeconds(`/proc/self/task/${tid}/stat`);
}

/** CPU seconds of these threads of this process together (a pool's workers), or null when the OS does not tell. */
export function threadsCpuSeconds(tids: readonly number[]): number | null {
  let sum = 0;
  for (const tid of tids) {
    const s = threadCpuSeconds(tid);
    if (s === null) return null;
    sum += s;
  }
  return sum;
}
