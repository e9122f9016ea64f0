// One event per distinct action and stance: drafts that name the same occurrence in the same
// voice are merged ("A missile struck the station …, killing at least 50" is one attack; "The
// blasts went off in …" repeats the explosions; background wars mentioned twice are one war).

import type { Event } from '../../doc.js';
import { claimKey, compatible, overlapsDate, type Draft } from './draft.js';
import { VERBAL_TYPES } from './words.js';

function sameSector(a: Draft['actor'], b: Draft['actor']): boolean {
  return !a || !b || !a.sector || !b.sector || a.sector === b.sector;
}

function modeOk(a: Draft, b: Draft): boolean {
  // police dispersing a crowd and the crowd's own clashes are two acts ("used tear gas … in clashes with protesters")
  if ((a.mode === 'crowd-control') !== (b.mode === 'crowd-control')) return false;
  return !a.mode || !b.mode || a.mode === b.mode;
}

function ownDate(d: Draft): boolean {
  return !!d.date?.evidence && (d.date.source === 'clause' || d.date.source === 'sentence');
}

function sameActor(a: Draft['actor'], b: Draft['actor']): boolean {
  if (!a || !b) return false;
  if (a.span && b.span && a.span.start === b.span.start) return true;
  return !!a.country && a.country === b.country && (a.sector ?? '') === (b.sector ?? '');
}

function placeOk(a: Draft, b: Draft): boolean {
  if (!a.location?.name || !b.location?.name) return true;
  if (a.location.name.toLowerCase() === b.location.name.toLowerCase()) return true;
  // a country-wide mention ("in Sudan") does not tell a different place from a city in it
  const wide = (l: NonNullable<Draft['location']>) => l.precision === 'country';
  return !!a.location.country && a.location.country === b.location.country && (wide(a.location) || wide(b.location));
}

function sameVoice(a: Draft, b: Draft): boolean {
  // most drafts are claimed by no one: no keys to build then
  return a.type === b.type && a.status === b.status && ((a.claimedBy.length === 0 && b.claimedBy.length === 0) || claimKey(a) === claimKey(b));
}

/** How much a draft says: the one that says more survives a merge. */
const TERRITORY = new Set(['Government regains territory', 'Non-state actor overtakes territory']);

function weight(d: Draft): number {
  // "recaptured areas after heavy clashes": the change of hands is what the fighting achieved
  return (TERRITORY.has(d.acled?.sub_event_type ?? '') ? 3 : 0) + (d.derived === 'trigger' ? 4 : 0) + (d.actor ? 2 : 0) + (d.target ? 1 : 0) + (d.mode ? 1 : 0) + (d.acled ? 1 : 0) + (d.location ? 1 : 0) + d.confidence;
}

function absorb(keep: Draft, gone: Draft): void {
  keep.actor ??= gone.actor;
  keep.target ??= gone.target;
  // the means named in a later sentence ("gunfire and explosions shook the capital") do not become
  // the mode of a fight told without one: it would then refuse the next means mentioned
  if (keep.sentence === gone.sentence) keep.mode ??= gone.mode;
  keep.acled ??= gone.acled;
  keep.cameo ??= gone.cameo;
  keep.location ??= gone.location;
  keep.date ??= gone.date;
  if (!keep.fatalities || (gone.fatalities && (keep.fatalities.min ?? -1) < (gone.fatalities.min ?? -1) && keep.sentence === gone.sentence)) keep.fatalities = gone.fatalities ?? keep.fatalities;
  for (const v of gone.via) if (!keep.via.includes(v)) keep.via.push(v);
  absorbEvidence(keep, gone);
  keep.confidence = Math.max(keep.confidence, gone.confidence);
}

/** One party's two words for one act in one sentence: "condemned the attack and blamed the government". */
function oneSaying(a: Draft, b: Draft): boolean {
  const speaker = sameActor(a.actor, b.actor) || (!a.actor && !b.actor);
  const heard = !a.target || !b.target || (a.target.span && b.target.span ? a.target.span.start === b.target.span.start : a.target.country === b.target.country);
  return a.sentence === b.sentence && VERBAL_TYPES.has(a.type) && speaker && heard;
}

function mergeable(a: Draft, b: Draft): boolean {
  if (!sameVoice(a, b) || !(modeOk(a, b) || oneSaying(a, b)) || !placeOk(a, b)) return false;
  if (!compatible(a.actor, b.actor) || !compatible(a.target, b.target) || !sameSector(a.actor, b.actor)) return false;
  if (a.reciprocal || b.reciprocal) return a.sentence !== b.sentence ? false : !!a.actor && !!b.actor && a.actor.country === b.actor.country && a.target?.country === b.target?.country;
  if (a.sentence === b.sentence) {
    // two clauses each dated by a time expression of their own are two occurrences ("since October last year,
    // when the group began attacking …, after the Oct. 7 attack")
    if (ownDate(a) && ownDate(b) && (a.date!.evidence?.start !== b.date!.evidence?.start) && !(a.date!.start === b.date!.start && a.date!.end === b.date!.end)) return false;
    // a protest told by its crowd and its verb ("protesters … gathered outside", "protesters stormed") is one protest
    if (a.type === 'ASSAULT' || a.type === 'PROTEST') return true;
    // one party's two words for one act: "condemned the attack and blamed the government"
    if (oneSaying(a, b)) return true;
    // verbal events in one sentence are separate acts unless they are the same one twice
    if (a.actor?.country !== b.actor?.country || !a.actor || a.target?.country !== b.target?.country || a.target?.name !== b.target?.name) return false;
    return true;
  }
  if (a.status === 'historical') return !!a.date && !!b.date && overlapsDate(a.date, b.date) && (!a.actor || !b.actor || a.actor.country === b.actor.country);
  // a later mention of the same incident names no perpetrator of its own ("The blasts went off in …")
  if (a.type !== 'ASSAULT' || Math.abs(a.paragraph - b.paragraph) > 2) return false;
  if (!a.date || !b.date || !overlapsDate(a.date, b.date)) return false;
  // "The clash between the troops of both countries continued … the two countries have recently clashed":
  // the same two sides, the same kind of fighting, the same days, the same paragraph
  if (a.paragraph === b.paragraph && a.actor?.country && a.actor.country === b.actor?.country && a.target?.country === b.target?.country && a.acled?.sub_event_type === b.acled?.sub_event_type) return true;
  return !b.actor || !a.actor;
}

/**
 * "Protesters set fire to the residence", "gathered outside the embassy, throwing stones and
 * setting fire to cars": arson and vandalism by the crowd are the protest's violence (it becomes
 * a violent demonstration in refinement), not a second event.
 */
function intoProtest(out: Draft[]): Draft[] {
  const gone = new Set<Draft>();
  for (const d of out) {
    if (d.type !== 'ASSAULT' || d.acled?.sub_event_type !== 'Looting/property destruction' || d.derived !== 'trigger') continue;
    // a protest (not a riot or a mob: their violence is their own event type) named before the damage
    const protest = out.find((p) => p.type === 'PROTEST' && p.acled?.event_type === 'Protests' && p.sentence === d.sentence && p.trigger.end <= d.trigger.start &&
      p.status === d.status && claimKey(p) === claimKey(d) && compatible(p.actor, d.actor));
    if (!protest) continue;
    absorbEvidence(protest, d);
    gone.add(d);
  }
  return gone.size ? out.filter((d) => !gone.has(d)) : out;
}

function absorbEvidence(keep: Draft, gone: Draft): void {
  for (const e of gone.evidence.slice(1)) if (!keep.evidence.some((x) => x.start === e.start && x.end === e.end)) keep.evidence.push(e);
}

/** By trigger offset (a module function: see byStart in nlp/spans.ts). */
function byTrigger(x: Draft, y: Draft): number {
  return x.trigger.start - y.trigger.start;
}

export function mergeDrafts(drafts: Draft[]): Draft[] {
  const sorted = [...drafts].sort(byTrigger);
  const out: Draft[] = [];
  for (const d of sorted) {
    const into = out.find((k) => mergeable(k, d));
    if (!into) { out.push(d); continue; }
    if (weight(d) > weight(into) && d.sentence === into.sentence) {
      const idx = out.indexOf(into);
      absorb(d, into);
      out[idx] = d;
    } else {
      absorb(into, d);
    }
  }
  return intoProtest(out);
}

const STATUS_FACTOR: Record<Event['status'], number> = { asserted: 1, claimed: 0.85, denied: 0.7, future: 0.6, hypothetical: 0.5, historical: 0.45 };

/** The article's main reported event scores highest: asserted, early, typed for ACLED, with a perpetrator. */
export function confidenceOf(d: Draft, firstBodySentence: number): number {
  const pos = d.sentence - firstBodySentence;
  let c = Math.min(1, d.confidence) * 0.7 * STATUS_FACTOR[d.status];
  c += pos <= 0 ? 0.15 : pos === 1 ? 0.08 : pos <= 3 ? 0.03 : 0;
  if (d.acled) c += 0.05;
  if (d.actor) c += 0.04;
  if (d.derived !== 'trigger') c -= 0.05;
  return Math.max(0.05, Math.min(0.99, Math.round(c * 1000) / 1000));
}
