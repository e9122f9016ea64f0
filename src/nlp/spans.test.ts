import { describe, expect, it } from 'vitest';
import { countEndingBy, countStartingBefore, insideAny, spanContaining } from './spans.js';

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

describe('countStartingBefore and countEndingBy', () => {
  const spans = [{ start: 0, end: 10 }, { start: 12, end: 20 }, { start: 20, end: 31 }, { start: 20, end: 33 }];
  const linear = (test: (s: { start: number; end: number }) => boolean) => {
    const i = spans.findIndex((s) => !test(s));
    return i < 0 ? spans.length : i;
  };

  it('count the leading spans that start before (or at) an offset, or end by it, as a linear scan would', () => {
    for (let offset = -1; offset <= 34; offset++) {
      expect(countStartingBefore(spans, offset)).toBe(linear((s) => s.start < offset));
      expect(countStartingBefore(spans, offset, true)).toBe(linear((s) => s.start <= offset));
      expect(countEndingBy(spans, offset)).toBe(linear((s) => s.end <= offset));
    }
    expect(countStartingBefore(spans, 20)).toBe(2);
    expect(countStartingBefore(spans, 20, true)).toBe(4);
    expect(countEndingBy(spans, 20)).toBe(2);
    expect(countStartingBefore([], 5)).toBe(0);
  });
});

describe('insideAny', () => {
  it('says whether some span holds the whole of another, edges included', () => {
    const spans = [{ start: 20, end: 31 }, { start: 0, end: 10 }];
    expect(insideAny(spans, { start: 0, end: 10 })).toBe(true);
    expect(insideAny(spans, { start: 22, end: 25 })).toBe(true);
    expect(insideAny(spans, { start: 8, end: 12 })).toBe(false);
    expect(insideAny(spans, { start: 30, end: 32 })).toBe(false);
    expect(insideAny([], { start: 0, end: 0 })).toBe(false);
  });
});
