// Token-level helpers over a Doc: find the token at an offset, the tokens of a sentence, the
// actor mentions inside a span. All lookups are binary searches over the sorted layers.

import type { ActorMention, Doc, Sentence, Span, Token } from '../../doc.js';
import { countEndingBy, countStartingBefore, spanContaining } from '../../nlp/spans.js';

/** Index of the first token whose end is after `offset` (the token at or after the offset). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  return countEndingBy(tokens, offset);
}

export function sentenceAt(doc: Doc, offset: number): Sentence | null {
  return spanContaining(doc.sentences, offset);
}

export function lower(t: Token | undefined): string {
  return t ? t.text.toLowerCase() : '';
}

/** Index of the first of `actors` (sorted by start) that starts at or after `offset`. */
export function firstMentionFrom(actors: readonly ActorMention[], offset: number): number {
  return countStartingBefore(actors, offset);
}

/** Actor mentions sorted by start, for range queries. */
export function mentionsIn(actors: readonly ActorMention[], span: Span): ActorMention[] {
  const out: ActorMention[] = [];
  for (const a of actors) {
    if (a.start >= span.end) break;
    if (a.start >= span.start && a.end <= span.end) out.push(a);
  }
  return out;
}

/**
 * The items of `items` (sorted by span start) whose span lies within [start, end], in order: a
 * binary search to the first that starts at or after `start`, then a walk to `end`.
 */
export function spansWithin<T extends { span: Span }>(items: readonly T[], start: number, end: number): T[] {
  const lo = countSpanStartsBefore(items, start);
  const out: T[] = [];
  // a span that starts after `end` cannot end by it
  for (let i = lo; i < items.length && items[i]!.span.start <= end; i++) if (items[i]!.span.end <= end) out.push(items[i]!);
  return out;
}

/** countStartingBefore over items that hold their span in `span`: how many start before `start` (or at it, `inclusive`). */
export function countSpanStartsBefore(items: readonly { span: Span }[], start: number, inclusive = false): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const s = items[mid]!.span.start;
    if (s < start || (inclusive && s === start)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is one of tokens [from, to) a verb or an auxiliary? (`toks.slice(from, to).some(…)` without the copy or a closure) */
export function hasVerbIn(toks: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to && k < toks.length; k++) {
    const pos = toks[k]!.pos;
    if (pos === 'VERB' || pos === 'AUX') return true;
  }
  return false;
}

/** The mention that contains `offset`, if any. */
export function mentionAt(actors: readonly ActorMention[], offset: number): ActorMention | null {
  for (const a of actors) {
    if (a.start > offset) break;
    if (a.start <= offset && offset < a.end) return a;
  }
  return null;
}

export function isPunct(t: Token | undefined): boolean {
  return !!t && (t.pos === 'PUNCT' || (!startsAlphanumeric(t.text) && /^[\p{P}]+$/u.test(t.text)));
}

/** An ASCII letter or digit first: most words, which the punctuation pattern need not be run on. */
function startsAlphanumeric(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export const OPEN_QUOTES = new Set(['“', '"', '‘', '«']);
export const CLOSE_QUOTES = new Set(['”', '"', '’', '»']);
