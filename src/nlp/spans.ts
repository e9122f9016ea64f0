// Lookups over a layer of spans sorted by offset and not overlapping (sentences, paragraphs,
// tokens): every stage asks "which sentence holds this offset?", so it is answered here once.

import type { Span } from '../doc.js';

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
