import { describe, expect, it } from 'vitest';
import { editDistance } from './fuzzy.js';

/** Full Levenshtein table: the reference the bounded fast paths must agree with. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}

describe('editDistance', () => {
  it('says whether two spellings are within the allowed edits, as the full table does', () => {
    const words = ['', 'a', 'ab', 'ba', 'abc', 'abd', 'acb', 'abcd', 'xbcd', 'bcd', 'buldana', 'buldhana', 'nousera', 'nosera', 'nijgad', 'nijgadh', 'gori', 'goris'];
    for (const a of words) {
      for (const b of words) {
        const d = levenshtein(a, b);
        for (const max of [0, 1, 2]) {
          const got = editDistance(a, b, max);
          if (d <= max) expect(got, `${a}/${b}/${max}`).toBe(d);
          else expect(got, `${a}/${b}/${max}`).toBeGreaterThan(max);
        }
      }
    }
  });
});
