// What the event assembler needs from the actor layer: the mentions inside a span, and an
// ActorRef for a mention with its country made concrete (references followed, and an inferred
// country replaced by the country of a place named in the same sentence when there is one).

import type { ActorMention, ActorRef, Doc, Span } from '../../doc.js';
import { contains, overlaps } from '../../doc.js';

/** Actor mentions inside `span` (adjective-only mentions included only when asked). */
export function actorsInSpan(doc: Doc, span: Span, opts: { adjectives?: boolean; overlapping?: boolean } = {}): ActorMention[] {
  const out: ActorMention[] = [];
  for (const a of doc.actors ?? []) {
    if (a.start >= span.end) break;
    if (!(opts.overlapping ? overlaps(span, a) : contains(span, a))) continue;
    if (a.adjective && !opts.adjectives) continue;
    out.push(a);
  }
  return out;
}

/** The country of the first place mentioned in the sentence around `at`, from doc.places (when the places stage ran). */
export function placeCountryNear(doc: Doc, at: Span): string | null {
  const s = doc.sentences?.find((x) => x.start <= at.start && at.start < x.end);
  if (!s || !doc.places) return null;
  let best: { country: string; d: number } | null = null;
  for (const p of doc.places) {
    if (!p.country || p.start < s.start || p.end > s.end) continue;
    const d = Math.abs(p.start - at.start);
    if (!best || d < best.d) best = { country: p.country, d };
  }
  return best?.country ?? null;
}

/**
 * The ActorRef an event should carry for a mention. A mention standing for one actor ("it",
 * "the ministry", "They (Armenia)") takes that actor's country and sector; a mention whose
 * country was only inferred (sentence context or the article's focus) takes the country of a
 * place named in its sentence, so "protesters gathered in Mumbai" is India even when the
 * article names no country.
 */
export function actorRef(m: ActorMention, doc?: Doc): ActorRef & { span: Span } {
  let country = m.country;
  let sector = m.sector;
  if (m.refersTo && m.refersTo.length === 1 && m.kind === 'pronoun') {
    country = m.refersTo[0]!.country;
    sector = sector ?? m.refersTo[0]!.sector;
  }
  if (doc && (m.countryFrom === 'focus' || m.countryFrom === 'context' || (country === null && m.kind !== 'igo' && m.kind !== 'agency'))) {
    const placeCountry = placeCountryNear(doc, m);
    if (placeCountry) country = placeCountry;
  }
  return { text: m.text, name: m.name, country, sector, span: { start: m.start, end: m.end } };
}
