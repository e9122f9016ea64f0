// Death tolls told in a sentence of their own about a war or attack told earlier: "More than
// 6,500 people lost their lives in that conflict in 2020", "The fighting killed 300 people".
// The sentence names no event of its own (no trigger survived), only a reference back to one
// ("that conflict", "the war", "the fighting"): its toll belongs to the latest violent event
// before it whose date fits the sentence's date.

import type { Quantity } from '../../doc.js';
import { eventDate } from '../../resolve/time/event-date.js';
import type { Ctx } from './context.js';
import { overlapsDate, type Draft } from './draft.js';
import { isKilled } from './fatalities.js';
import { sentenceAt } from './tokens.js';

/** A definite reference back to a war, conflict or attack. */
const BACK_REFERENCE = /\b(?:that|the|this|these|those)\s+(?:(?:six|two|three|four|five|seven|eight|nine|ten)[- ](?:day|week|month|year)s?[- ])?(?:conflict|war|fighting|clashes|attack|attacks|offensive|violence|massacre|bombing|bombings|battle|hostilities|uprising|insurgency)\b/i;
/** How far back (paragraphs) the referred event may be. */
const REACH = 4;

export function attachBackReferencedTolls(ctx: Ctx, drafts: Draft[]): void {
  const doc = ctx.doc;
  const used = new Set(drafts.map((d) => d.fatalities?.span?.start).filter((x): x is number => x !== undefined));
  const withEvent = new Set(drafts.filter((d) => d.derived === 'trigger').map((d) => d.sentence));
  for (const q of doc.quantities ?? []) {
    if (used.has(q.start) || q.min === null || !isKilled(ctx, q)) continue;
    const s = sentenceAt(doc, q.start);
    if (!s || withEvent.has(s.index)) continue;
    const text = doc.text.slice(s.start, s.end);
    if (!BACK_REFERENCE.test(text)) continue;
    const when = eventDate(doc, { start: q.start, end: q.end });
    const target = referredEvent(drafts, s.index, s.paragraph, when);
    if (!target) continue;
    target.fatalities = toll(q);
    target.evidence.push({ start: q.start, end: q.end });
    used.add(q.start);
  }
}

function referredEvent(drafts: readonly Draft[], sentence: number, paragraph: number, when: Draft['date']): Draft | null {
  let best: Draft | null = null;
  for (const d of drafts) {
    if (d.type !== 'ASSAULT' || d.sentence >= sentence || paragraph - d.paragraph > REACH || d.fatalities?.min != null) continue;
    // a dated toll ("in 2020") belongs to an event of that time
    if (when && when.source !== 'article' && when.source !== 'published' && (!d.date || !overlapsDate(d.date, when))) continue;
    if (!best || d.sentence > best.sentence) best = d;
  }
  return best;
}

function toll(q: Quantity): NonNullable<Draft['fatalities']> {
  return { min: q.min, max: q.max, text: q.text, span: { start: q.start, end: q.end } };
}
