// The actor of an event whose text names none, inferred the way event coders do it: a protest is
// made by protesters, a riot or a lynching by rioters, an arrest by the police, and a violent
// attack by an unidentified armed group, each of the country where the event took place (ACLED's
// "Protesters (India)", "Unidentified Armed Group (Mexico)"). The inferred actor is marked
// `inferred` and says what it was inferred from: the rule and the span that places the event.
//
// It is not applied where the place's country is not evidence of the perpetrator's: when the
// event's sentence names an armed party of another country ("Russian forces … a missile struck
// Kramatorsk"), or the event is a statement (no place, no actor to guess).

import type { ActorRef, Doc, Event, Span } from '../../doc.js';

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
  const para = (doc.paragraphs ?? []).find((p) => p.start <= sent.start && sent.start < p.end) ?? sent;
  return (doc.actors ?? []).some((m) => m.start >= para.start && m.end <= para.end && m.country && m.country !== country && m.country !== 'IGO'
    && m.kind !== 'agency' && !m.locative && (m.kind === 'state' || m.sector === 'MIL' || m.sector === 'REB' || m.sector === 'GOV' || m.sector === 'COP'));
}

/**
 * The same occurrence told in an adjacent sentence of the paragraph with its actor named
 * ("Defusal: On 7 February, police forces defused an IED …"; "Interception: … Ukrainian forces
 * shot down …"): same type and ACLED sub-type, overlapping dates, no other place.
 */
function sameOccurrence(doc: Doc, events: readonly Event[], e: Event): Event | null {
  const sents = doc.sentences ?? [];
  const si = sents.findIndex((s) => s.start <= e.trigger.start && e.trigger.start < s.end);
  if (si < 0) return null;
  for (const o of events) {
    if (o === e || !o.actor || o.actor.inferred || o.type !== e.type || o.status !== e.status) continue;
    if ((o.acled?.sub_event_type ?? null) !== (e.acled?.sub_event_type ?? null)) continue;
    const oi = sents.findIndex((s) => s.start <= o.trigger.start && o.trigger.start < s.end);
    if (oi < 0 || Math.abs(oi - si) > 1 || sents[oi]!.paragraph !== sents[si]!.paragraph) continue;
    if (e.date && o.date && (e.date.start > o.date.end || o.date.start > e.date.end)) continue;
    if (e.location?.name && o.location?.name && e.location.name !== o.location.name) continue;
    return o;
  }
  return null;
}

/** The inferred actor for an event with none, or null when nothing licenses one. */
export function unnamedActor(doc: Doc, e: Event, events: readonly Event[] = []): InferredActor | null {
  if (e.actor || SKIP_STATUS.has(e.status)) return null;
  const same = sameOccurrence(doc, events, e);
  if (same?.actor) return { ...same.actor, inferred: true, inferredFrom: { rule: 'same-occurrence', span: same.actor.span ?? same.trigger } };
  const country = e.location?.country;
  if (!country) return null;
  const fam = familyOf(e);
  if (!fam) return null;
  if (fam !== PROTESTERS && foreignPartyNear(doc, e, country)) return null;
  const span = e.location?.evidence ?? null;
  return { text: fam.text, name: fam.name, country, sector: fam.sector, span: null, inferred: true, inferredFrom: { rule: fam.rule, span } };
}

/** Events with their unnamed actors filled in (a new array; events with an actor are kept as they are). */
export function withUnnamedActors(doc: Doc, events: Event[]): Event[] {
  return events.map((e) => {
    const actor = unnamedActor(doc, e, events);
    return actor ? { ...e, actor, rule: `${e.rule}; actor:${actor.inferredFrom!.rule}` } : e;
  });
}
