import { describe, expect, it } from 'vitest';
import { spanContaining } from './spans.js';

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
