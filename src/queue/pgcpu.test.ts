import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postgresCpuSampler } from './pgcpu.js';

describe('postgresCpuSampler', () => {
  it('counts only backends of the named database (none for a database nobody uses)', () => {
    const s = postgresCpuSampler('sitrep_no_such_database_for_cpu_sampling');
    if (!existsSync('/proc/self/stat')) {
      expect(s).toBeNull();
      return;
    }
    expect(s).not.toBeNull();
    expect(s!.total()).toBe(0);
    s!.stop();
  });
});
