import { describe, expect, it } from 'vitest';
import { countBefore, spanContaining } from './spans.js';

describe('spanContaining', () => {
  const spans = [{ start: 0, end: 10 }, { start: 12, end: 20 }, { start: 20, end: 31 }];

  it('finds the span holding an offset, its start included and its end excluded', () => {
    expect(spanContaining(spans, 0)).toBe(spans[0]);
    expect(spanContaining(spans, 9)).toBe(spans[0]);
    expect(spanContaining(spans, 20)).toBe(spans[2]);
    expect(spanContaining(spans, 30)).toBe(spans[2]);
  });

  it('gives null in a gap, past the end, before the start and without a layer', () => {
    expect(spanContaining(spans, 10)).toBeNull();
    expect(spanContaining(spans, 31)).toBeNull();
    expect(spanContaining(spans, -1)).toBeNull();
    expect(spanContaining([], 0)).toBeNull();
    expect(spanContaining(undefined, 0)).toBeNull();
  });
});

describe('countBefore', () => {
  const spans = [{ start: 0, end: 10 }, { start: 12, end: 20 }, { start: 20, end: 31 }];

  it('gives the index of the first item that fails a prefix test, as a linear scan would', () => {
    for (let offset = -1; offset <= 32; offset++) {
      const linear = spans.findIndex((s) => !(s.start < offset));
      expect(countBefore(spans, (s) => s.start < offset)).toBe(linear < 0 ? spans.length : linear);
    }
    expect(countBefore(spans, (s) => s.end <= 20)).toBe(2);
    expect(countBefore(spans, (s) => s.start <= 20)).toBe(3);
    expect(countBefore([], () => true)).toBe(0);
  });
});
