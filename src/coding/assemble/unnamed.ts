// The actor of an event whose clause names none, found or inferred the way event coders do it:
//  1. the same occurrence told in the adjacent sentence names it ("The blast …" after "IS militants
//     detonated an IED …");
//  2. a heading label ("Defusal: On 7 February, police defused an IED …") names the event the
//     sentence after it tells, and that sentence's subject is its actor;
//  3. otherwise a protest is made by protesters, a riot or a lynching by rioters, an arrest by the
//     police, and a violent attack by an unidentified armed group, each of the country where the
//     event took place (ACLED's "Protesters (India)", "Unidentified Armed Group (Mexico)").
// An actor found this way is marked `inferred` and says what it was inferred from: the rule and
// the span that licensed it (the other sentence's actor, the event's place).
//
// Rule 3 is not applied where the place's country is no evidence of the perpetrator's: when the
// event's paragraph names an armed or state party of another country ("A missile struck
// Kramatorsk … Ukrainian officials blamed Russian forces"), nor to statements, future or
// hypothetical events. A named crowd or armed group whose country nothing states ("residents
// blocked the road") takes the country the same way.

import type { ActorRef, Doc, Event, PlaceMention, Span } from '../../doc.js';
import { afterPreposition, tokenIndex, wordAt, type Ctx } from './context.js';
import { sentenceAt } from './tokens.js';
import { dominantPlaceCountry } from '../../resolve/actors/place-context.js';
import { spanContaining } from '../../nlp/spans.js';
import { withFields } from '../../objects.js';

export type InferredActor = ActorRef & { span?: Span | null };

interface Family {
  rule: string;
  text: string;
  name: string;
  sector: string;
}

const PROTESTERS: Family = { rule: 'protest-crowd', text: 'protesters', name: 'Protesters', sector: 'CVL' };
const RIOTERS: Family = { rule: 'riot-crowd', text: 'rioters', name: 'Rioters', sector: 'CVL' };
const POLICE: Family = { rule: 'arrest-police', text: 'police', name: 'Police Forces', sector: 'COP' };
const ARMED: Family = { rule: 'unidentified-armed-group', text: 'unidentified armed group', name: 'Unidentified Armed Group', sector: 'REB' };

const CROWD_SUBTYPES = new Set(['Violent demonstration', 'Mob violence']);
const SKIP_STATUS = new Set<Event['status']>(['future', 'hypothetical']);
const BE = new Set(['was', 'were', 'is', 'are', 'been', 'being']);

/** Which unnamed actor an event implies, if any. */
function familyOf(e: Event): Family | null {
  const sub = e.acled?.sub_event_type ?? null;
  if (e.type === 'PROTEST') return sub && CROWD_SUBTYPES.has(sub) ? RIOTERS : PROTESTERS;
  if (e.type === 'ASSAULT') {
    if (sub && CROWD_SUBTYPES.has(sub)) return RIOTERS;
    return ARMED;
  }
  if (e.type === 'COERCE' && (e.mode === 'arrest' || sub === 'Arrests')) return POLICE;
  return null;
}

/**
 * An armed or state party of another country named in the event's paragraph makes the place's
 * country no evidence of the perpetrator's ("A missile struck Kramatorsk … Ukrainian officials
 * blamed Russian forces").
 */
function foreignPartyNear(doc: Doc, e: Event, country: string): boolean {
  const sent = e.evidence[0];
  if (!sent) return false;
  const para = spanContaining(doc.paragraphs, sent.start) ?? sent;
  // a loop, not a per-call closure: V8 drops a closure's optimized code at each full GC
  for (const m of doc.actors ?? []) {
    if (m.start >= para.start && m.end <= para.end && m.country && m.country !== country && m.country !== 'IGO'
      && m.kind !== 'agency' && !m.locative && (m.kind === 'state' || m.sector === 'MIL' || m.sector === 'REB' || m.sector === 'GOV' || m.sector === 'COP')) return true;
  }
  return false;
}

function sentenceIndexAt(doc: Doc, offset: number): number {
  return sentenceAt(doc, offset)?.index ?? -1;
}

/**
 * The same occurrence told in an adjacent sentence of the paragraph with its actor named: same
 * type, status and ACLED sub-type, overlapping dates, no other place.
 */
function sameOccurrence(doc: Doc, events: readonly Event[], e: Event): Event | null {
  const sents = doc.sentences ?? [];
  const si = sentenceIndexAt(doc, e.trigger.start);
  if (si < 0) return null;
  for (const o of events) {
    if (o === e || !o.actor || o.actor.inferred || o.type !== e.type || o.status !== e.status) continue;
    if ((o.acled?.sub_event_type ?? null) !== (e.acled?.sub_event_type ?? null)) continue;
    const oi = sentenceIndexAt(doc, o.trigger.start);
    if (oi < 0 || Math.abs(oi - si) > 1 || sents[oi]!.paragraph !== sents[si]!.paragraph) continue;
    if (e.date && o.date && (e.date.start > o.date.end || o.date.start > e.date.end)) continue;
    if (e.location?.name && o.location?.name && e.location.name !== o.location.name) continue;
    return o;
  }
  return null;
}

/**
 * A heading label ("Defusal:", "Property destruction:") opening its paragraph: the actor is the
 * agent of the sentence the label introduces — the "by X" of a passive, else its subject.
 */
function labelActor(ctx: Ctx, e: Event): InferredActor | null {
  const doc = ctx.doc;
  const para = spanContaining(doc.paragraphs, e.trigger.start);
  if (!para || doc.text.slice(para.start, e.trigger.start).trim() !== '' || !/^\s*:/.test(doc.text.slice(e.trigger.end, e.trigger.end + 3))) return null;
  const colon = doc.text.indexOf(':', e.trigger.end);
  const si = sentenceIndexAt(doc, colon + 1) >= 0 ? sentenceIndexAt(doc, doc.text.slice(colon + 1).search(/\S/) + colon + 1) : -1;
  const s = doc.sentences?.[si];
  if (!s || s.paragraph !== sentenceAt(doc, e.trigger.start)?.paragraph) return null;
  const inSentence = ctx.parts.filter((p) => p.span.start > colon && p.span.end <= s.end);
  const agent = inSentence.find((p) => afterPreposition(ctx, p) === 'by') ?? null;
  let actor = agent;
  if (!actor) {
    const subj = ctx.subjects[si] ?? null;
    if (!subj || subj.span.start <= colon || afterPreposition(ctx, subj)) return null;
    // "weapons … were seized by …": a passive subject is what was acted on
    const after = tokenIndex(ctx, subj.span.end);
    for (let k = after; k < Math.min(after + 8, s.tokenEnd - 1); k++) {
      if (BE.has(wordAt(ctx, k)) && /(ed|en)$/.test(ctx.toks[k + 1]!.text)) return null;
    }
    actor = subj;
  }
  return { text: actor.text, name: actor.name ?? null, country: actor.country, sector: actor.sector, span: actor.span, inferred: true, inferredFrom: { rule: 'label-sentence-subject', span: actor.span } };
}

/** The article's main place: the most frequent country among its literal places (first on ties). */
function mainPlace(doc: Doc): PlaceMention | null {
  return dominantPlaceCountry((doc.places ?? []).filter((p) => !p.role || p.role === 'literal'));
}

/** Where the event took place, as a country and the span that says so: its location, else the article's main place. */
function placeOf(doc: Doc, e: Event): { country: string; span: Span | null } | null {
  if (e.location?.country) return { country: e.location.country, span: e.location.evidence ?? null };
  // no place, or one the gazetteer could not put in a country: the article's main place
  const p = mainPlace(doc);
  return p?.country ? { country: p.country, span: { start: p.start, end: p.end } } : null;
}

/** The inferred actor for an event with none, or null when nothing licenses one. */
export function unnamedActor(ctx: Ctx, e: Event, events: readonly Event[] = []): InferredActor | null {
  const doc = ctx.doc;
  if (e.actor || SKIP_STATUS.has(e.status)) return null;
  const same = sameOccurrence(doc, events, e);
  if (same?.actor) return withFields(same.actor, { inferred: true, inferredFrom: { rule: 'same-occurrence', span: same.actor.span ?? same.trigger } });
  const label = labelActor(ctx, e);
  if (label) return label;
  const fam = familyOf(e);
  if (!fam) return null;
  const place = placeOf(doc, e);
  if (!place) return null;
  if (fam !== PROTESTERS && foreignPartyNear(doc, e, place.country)) return null;
  return { text: fam.text, name: fam.name, country: place.country, sector: fam.sector, span: null, inferred: true, inferredFrom: { rule: fam.rule, span: place.span } };
}

/** A named crowd or armed group with no country ("residents", "gunmen") takes the event's place's country. */
function countryFromPlace(ctx: Ctx, e: Event): InferredActor | null {
  const a = e.actor;
  if (!a || a.country || a.inferred || (a.sector !== 'CVL' && a.sector !== 'REB') || SKIP_STATUS.has(e.status) || !familyOf(e)) return null;
  const m = a.span ? (ctx.doc.actors ?? []).find((x) => x.start === a.span!.start && x.end === a.span!.end) : undefined;
  if (m?.countryFrom === 'collective') return null;
  const place = placeOf(ctx.doc, e);
  if (!place) return null;
  return withFields(a, { country: place.country, inferred: true, inferredFrom: { rule: 'country-of-place', span: place.span } });
}

/** Events with their unnamed actors filled in (a new array; events with a located actor are kept as they are). */
export function withUnnamedActors(ctx: Ctx, events: Event[]): Event[] {
  const out: Event[] = [];
  for (const e of events) {
    const actor = unnamedActor(ctx, e, events) ?? countryFromPlace(ctx, e);
    out.push(actor ? { ...e, actor, rule: `${e.rule}; actor:${actor.inferredFrom!.rule}` } : e);
  }
  return out;
}
