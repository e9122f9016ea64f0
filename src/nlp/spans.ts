// Lookups over a layer of spans sorted by offset and not overlapping (sentences, paragraphs,
// tokens): every stage asks "which sentence holds this offset?", so it is answered here once.

import type { Span } from '../doc.js';

/**
 * In a layer sorted by offset, how many leading spans start before `pos` (start < pos), or at or
 * before it (`inclusive`), found by binary search: the index of the first that does not, the
 * start of every "from this offset on" walk. (No test function given by the caller: a callback
 * made per call, `(t) => t.start < pos`, loses its optimized code at every full GC — V8 holds a
 * closure's code weakly and none is alive between articles — and is compiled again each time.)
 */
export function countStartingBefore(items: readonly Span[], pos: number, inclusive = false): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = items[mid]!.start;
    if (s < pos || (inclusive && s === pos)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many leading spans end at or before `pos` (end ≤ pos), as countStartingBefore. */
export function countEndingBy(items: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Does one of `spans` hold all of `s` (start ≤ s.start, s.end ≤ end)? A plain loop: the spans need not be sorted. */
export function insideAny(spans: readonly Span[], s: Span): boolean {
  for (const p of spans) if (p.start <= s.start && s.end <= p.end) return true;
  return false;
}

/** The span that holds `pos` (start ≤ pos < end), by binary search; null in a gap or past the end. */
export function spanContaining<T extends Span>(spans: readonly T[] | undefined, pos: number): T | null {
  if (!spans) return null;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

// Sort orders, as module functions rather than arrows written at each call: V8 keeps a closure's
// optimised code only while some closure made from it is alive, so a comparator created per call
// (which `sort` never inlines) is compiled again after every full GC, in every thread.

/** By start offset. */
export function byStart(a: { start: number }, b: { start: number }): number {
  return a.start - b.start;
}

/** By start offset, the longer of two spans that start together first. */
export function byStartLongestFirst(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || b.end - a.end;
}
