// How many were killed in an event: the killed-quantity in its clause, else its sentence.
// Wounded, injured and displaced counts are never fatalities. "No casualties were reported"
// and "none were killed" give zero.

import type { Event, Quantity, Sentence } from '../../doc.js';
import { tokenIndex, wordAt, type Ctx } from './context.js';

const KILLED_UNITS = new Set(['killed', 'dead', 'deaths', 'death', 'died', 'fatalities', 'fatality', 'bodies', 'killed people', 'lives']);
const KILL_WORDS = new Set(['killed', 'killing', 'kill', 'kills', 'dead', 'died', 'die', 'dies', 'deaths', 'lives', 'executed', 'executing', 'massacred', 'slain', 'shot', 'toll', 'perished', 'murdered', 'beheaded']);
const HURT_WORDS = new Set(['wounded', 'wounding', 'injured', 'injuring', 'hurt', 'injuries', 'displaced', 'arrested', 'detained', 'treated', 'missing', 'kidnapped', 'abducted', 'evacuated']);
const ZERO = /\b(no|none|nobody|no one)\b[^.;]{0,40}\b(casualt|killed|dead|deaths|hurt|injur|fatalit)/i;

export type Fatalities = NonNullable<Event['fatalities']>;

/** Is the quantity a count of the dead? By its unit, else by the word that governs it. */
export function isKilled(ctx: Ctx, q: Quantity): boolean {
  const unit = (q.unit ?? '').toLowerCase();
  if (KILLED_UNITS.has(unit)) return true;
  if (unit && HURT_WORDS.has(unit)) return false;
  return killWordNear(ctx, q);
}

/** A kill word right at the count: "killing at least 50", "50 people were killed". */
function killWordNear(ctx: Ctx, q: Quantity): boolean {
  const toks = ctx.toks;
  const i = tokenIndex(ctx, q.start);
  const j = tokenIndex(ctx, q.end - 1);
  // "killing at least 50 people", "killed 203 terrorists"
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const w = wordAt(ctx, k);
    if (KILL_WORDS.has(w)) return true;
    if (HURT_WORDS.has(w) || w === ',' || w === 'and') break;
  }
  // "50 people were killed", "at least 72 people had died", "6,500 people lost their lives"
  for (let k = j + 1; k < Math.min(toks.length, j + 6); k++) {
    const w = wordAt(ctx, k);
    if (KILL_WORDS.has(w)) return true;
    if (HURT_WORDS.has(w) || w === ',' || w === ';' || w === '.' || w === 'and') break;
  }
  return false;
}

export function fatalitiesIn(ctx: Ctx, s: Sentence, clause: [number, number] | null, usedQ: Set<Quantity>): Fatalities | null {
  const qs = (ctx.doc.quantities ?? []).filter((q) => q.start >= s.start && q.end <= s.end && !usedQ.has(q));
  const inClause = clause ? qs.filter((q) => q.start >= (ctx.toks[clause[0]]?.start ?? 0) && q.end <= (ctx.toks[clause[1] - 1]?.end ?? Infinity)) : [];
  // a count with its kill word beside it before one the quantity layer labelled from further away
  // ("Pagers used by hundreds of members exploded …, killing at least 12")
  // (loops, not closures made per call: those lose their optimised code at every major GC)
  for (let pass = 0; pass < 4; pass++) {
    const pool = pass % 2 === 0 ? inClause : qs;
    const withWord = pass < 2;
    for (const q of pool) {
      if (!isKilled(ctx, q) || (withWord && !killWordNear(ctx, q))) continue;
      usedQ.add(q);
      return { min: q.min, max: q.max, text: q.text, span: { start: q.start, end: q.end } };
    }
  }
  const m = ZERO.exec(ctx.doc.text.slice(s.start, s.end));
  if (m && !/\bdid not (report|give|mention)/i.test(ctx.doc.text.slice(s.start, s.end))) {
    return { min: 0, max: 0, text: m[0], span: { start: s.start + m.index, end: s.start + m.index + m[0].length } };
  }
  return null;
}
