// From triggers to events: drafts per trigger, the events statements make (claimed and denied
// copies, accusations), merged to one event per action and stance, scored, numbered, refined.

import type { Doc, Event } from '../../doc.js';
import type { Resources } from '../../resources.js';
import { refineEvent } from '../refine.js';
import { eventLocation } from '../../resolve/places/event-location.js';
import { buildCtx } from './context.js';
import type { Draft } from './draft.js';
import { draftsFromTriggers } from './from-triggers.js';
import { confidenceOf, mergeDrafts } from './merge.js';
import { addVariants } from './variants.js';
import { withUnnamedActors } from './unnamed.js';
import { attachBackReferencedTolls } from './tolls.js';

function toEvent(d: Draft, id: string, firstBody: number): Event {
  return {
    id,
    type: d.type,
    mode: d.mode,
    status: d.status,
    acled: d.acled,
    cameo: d.cameo,
    actor: d.actor,
    target: d.target,
    date: d.date,
    location: d.location,
    fatalities: d.fatalities,
    claimedBy: d.claimedBy,
    via: d.via,
    evidence: d.evidence,
    trigger: d.trigger,
    confidence: confidenceOf(d, firstBody),
    rule: d.rule,
  };
}

/**
 * "… after tens of thousands of protesters stormed his residence": the crowd and its violence are
 * one protest once refinement has made the storming a protest.
 */
function oneProtestPerSentence(events: Event[], drafts: readonly Draft[]): Event[] {
  const seen = new Map<string, Event>();
  const out: Event[] = [];
  events.forEach((e, i) => {
    if (e.type !== 'PROTEST' || drafts[i]!.derived !== 'trigger') { out.push(e); return; }
    const key = `${drafts[i]!.sentence}|${e.status}|${e.claimedBy.map((c) => c.country).join(',')}|${e.date?.start ?? ''}|${e.date?.end ?? ''}`;
    const kept = seen.get(key);
    if (!kept) { seen.set(key, e); out.push(e); return; }
    // the more confident reading (its refined sub-type) stands for both
    const [win, lose] = e.confidence > kept.confidence ? [e, kept] : [kept, e];
    win.actor ??= lose.actor;
    for (const sp of lose.evidence.slice(1)) if (!win.evidence.some((x) => x.start === sp.start && x.end === sp.end)) win.evidence.push(sp);
    if (win !== kept) { out[out.indexOf(kept)] = win; seen.set(key, win); }
  });
  return out;
}

function renumber(events: Event[]): Event[] {
  // loops, not per-call closures: V8 drops a closure's optimized code at each full GC
  const out: Event[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const id = `e${i + 1}`;
    out.push(e.id === id ? e : { ...e, id });
  }
  return out;
}

/** The index of the first sentence in a body paragraph, 0 when there is none. */
function firstBodySentence(doc: Doc): number {
  for (const s of doc.sentences ?? []) if (doc.paragraphs?.[s.paragraph]?.kind === 'body') return s.index;
  return 0;
}

/** Events in the order of their sentences, then of their triggers (a module function: see byStart in nlp/spans.ts). */
function bySentenceThenTrigger(a: Draft, b: Draft): number {
  return a.sentence - b.sentence || a.trigger.start - b.trigger.start;
}

export function assembleEvents(doc: Doc, res: Resources): Event[] {
  const ctx = buildCtx(doc);
  // merge first so a statement refers back to the whole event (its toll, its place), then again for the copies
  const drafts = mergeDrafts(addVariants(ctx, mergeDrafts(draftsFromTriggers(ctx))));
  // "More than 6,500 people lost their lives in that conflict": a toll told after the event it counts
  attachBackReferencedTolls(ctx, drafts);
  const firstBody = firstBodySentence(doc);
  drafts.sort(bySentenceThenTrigger);
  const events: Event[] = [];
  for (let i = 0; i < drafts.length; i++) events.push(withPlace(doc, refineEvent(doc, toEvent(drafts[i]!, `e${i + 1}`, firstBody), res)));
  // unnamed actors last: the refined ACLED sub-type says whether a crowd was protesting or rioting,
  // and the event's place (withPlace) gives their country
  return withUnnamedActors(ctx, renumber(oneProtestPerSentence(events, drafts)));
}

/**
 * Statements get no place when drafted ("Moscow said"), but one that refinement recoded as an
 * ACLED event (a crowd's demands in a protest note, an agreement) happened somewhere: ACLED codes
 * every event to a location, so it gets one like any other event.
 */
function withPlace(doc: Doc, e: Event): Event {
  if (e.location || !e.acled) return e;
  const location = eventLocation(doc, e.trigger);
  return location ? { ...e, location } : e;
}
