// From triggers to events: drafts per trigger, the events statements make (claimed and denied
// copies, accusations), merged to one event per action and stance, scored, numbered, refined.

import type { Doc, Event } from '../../doc.js';
import type { Resources } from '../../resources.js';
import { refineEvent } from '../refine.js';
import { buildCtx } from './context.js';
import type { Draft } from './draft.js';
import { draftsFromTriggers } from './from-triggers.js';
import { confidenceOf, mergeDrafts } from './merge.js';
import { addVariants } from './variants.js';
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

export function assembleEvents(doc: Doc, res: Resources): Event[] {
  const ctx = buildCtx(doc);
  // merge first so a statement refers back to the whole event (its toll, its place), then again for the copies
  const drafts = mergeDrafts(addVariants(ctx, mergeDrafts(draftsFromTriggers(ctx))));
  // "More than 6,500 people lost their lives in that conflict": a toll told after the event it counts
  attachBackReferencedTolls(ctx, drafts);
  const firstBody = (doc.sentences ?? []).find((s) => doc.paragraphs?.[s.paragraph]?.kind === 'body')?.index ?? 0;
  drafts.sort((a, b) => a.sentence - b.sentence || a.trigger.start - b.trigger.start);
  return drafts.map((d, i) => refineEvent(doc, toEvent(d, `e${i + 1}`, firstBody), res));
}
