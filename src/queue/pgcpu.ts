// CPU used by the PostgreSQL server for one database, when the server runs on this machine
// (Linux /proc): the bench samples the backends whose process title names the database, so the
// worker-scaling figures say how much of the machine the database itself took. Backends come
// and go with connections, hence sampling rather than one reading at the end.

import { readdirSync, readFileSync } from 'node:fs';
import { statCpuSeconds } from '../os-threads.js';

export interface CpuSampler {
  /** CPU seconds of every matching backend seen so far (each at its last sample). */
  total(): number;
  stop(): void;
}

/** Samples every `ms`; null when /proc is not readable (another OS, or the server elsewhere). */
export function postgresCpuSampler(database: string, ms = 100): CpuSampler | null {
  try {
    readdirSync('/proc');
  } catch {
    return null;
  }
  const seen = new Map<string, number>();
  const sample = () => {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        // "postgres: 15/main: user DATABASE host(port) state"
        if (!cmd.startsWith('postgres:') || !cmd.split(' ').includes(database)) continue;
        const cpu = statCpuSeconds(`/proc/${pid}/stat`);
        if (cpu !== null) seen.set(pid, cpu);
      } catch {
        // the backend exited between listing and reading
      }
    }
  };
  sample();
  const timer = setInterval(sample, ms);
  timer.unref();
  return {
    total: () => {
      sample();
      let sum = 0;
      for (const v of seen.values()) sum += v;
      return sum;
    },
    stop: () => clearInterval(timer),
  };
}
