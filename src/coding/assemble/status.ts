// The stance the article takes towards an event: asserted in its own voice, claimed by a party,
// denied, announced (future), warned of (hypothetical), or background (historical). Also who
// claims it and through whom the claim came.

import type { ActorRef, Attribution, EventDate, EventStatus, Trigger } from '../../doc.js';
import { temporalStatus } from '../../resolve/time/event-date.js';
import type { Participant } from './actors.js';
import { tokenIndex, wordAt, type Ctx } from './context.js';
import { sentenceAt } from './tokens.js';
import { CASUALTY_WORDS, FUTURE_MARKERS, FUTURE_TO_VERBS, HYPOTHETICAL_MARKERS, NEGATORS, VERBAL_TYPES } from './words.js';

export interface Stance {
  status: EventStatus;
  claimedBy: ActorRef[];
  via: string[];
  /** the attribution the event sits in, if any */
  attribution: Attribution | null;
  /** the event should not be coded at all ("did not report any casualties") */
  drop: boolean;
  /** which rule decided, for explanation */
  why: string;
}

const REPORT_VERBS = new Set(['report', 'reported', 'reports', 'confirm', 'confirmed', 'give', 'gave', 'mention', 'mentioned', 'say', 'said', 'record', 'recorded', 'disclose', 'disclosed', 'announce', 'announced', 'admit', 'admitted', 'claim', 'claimed']);
const PERFECT = new Set(['had']);

/** The innermost attribution whose content holds the span. */
export function attributionOf(ctx: Ctx, start: number, end: number): Attribution | null {
  let best: Attribution | null = null;
  for (const a of ctx.atts) {
    if (a.content.start <= start && end <= a.content.end) {
      if (!best || a.content.end - a.content.start < best.content.end - best.content.start) best = a;
    }
  }
  if (best) return best;
  const s = sentenceAt(ctx.doc, start);
  return s ? ctx.continued.get(s.index) ?? null : null;
}

/** A negator governing the trigger within its clause: "did not attack", "never used", "no one was killed". */
export function negation(ctx: Ctx, trig: Trigger, clauseStart: number): { negated: boolean; reportVerb: boolean } {
  const toks = ctx.toks;
  const i = tokenIndex(ctx, trig.start);
  for (let k = i - 1; k >= Math.max(clauseStart, i - 5); k--) {
    const w = wordAt(ctx, k);
    if (NEGATORS.has(w)) {
      // "did not report any casualties": the negated verb is a report, not the event
      const between = ctx.low.slice(k + 1, i);
      return { negated: true, reportVerb: between.some((x) => REPORT_VERBS.has(x)) };
    }
    if (w === ',' || w === ';' || w === 'and' || w === 'but') break;
  }
  return { negated: false, reportVerb: false };
}

/** Future or conditional wording before the trigger in its clause. */
export function modality(ctx: Ctx, trig: Trigger, clauseStart: number, inSpeech: boolean): 'future' | 'hypothetical' | null {
  const toks = ctx.toks;
  const i = tokenIndex(ctx, trig.start);
  for (let k = i - 1; k >= Math.max(clauseStart, i - 12); k--) {
    const w = wordAt(ctx, k);
    if (HYPOTHETICAL_MARKERS.has(w) && !(w === 'may' && isMonthMay(ctx, k, clauseStart))) {
      // "would" only reads as a future in reported speech ("said it would call for"); "could"/"might" are conditional
      return 'hypothetical';
    }
    if (FUTURE_MARKERS.has(w)) {
      if (w === 'would' && !inSpeech) return 'hypothetical';
      return 'future';
    }
    if (w === 'to' && k > 0 && FUTURE_TO_VERBS.has(wordAt(ctx, k - 1))) return 'future';
    if (w === 'to' && k > 1 && FUTURE_TO_VERBS.has(wordAt(ctx, k - 2)) && toks[k - 1]!.pos === 'ADV') return 'future';
    if (w === '.' || w === ';' || w === ',') break;
    // a finite verb of its own between the marker and the trigger ends the marker's reach, unless coordinated
    if (k < i - 1 && (toks[k]!.pos === 'VERB') && wordAt(ctx, k + 1) !== 'to' && !ctx.low.slice(k + 1, i).some((x) => x === 'and' || x === 'or')) {
      if (!['call', 'appeal', 'seek', 'ask', 'push', 'press', 'move', 'try', 'work'].includes(toks[k]!.lemma)) break;
    }
  }
  // "X is due to speak", "talks are scheduled for Thursday" caught above; "to quit", "to resign" after willing
  return null;
}

const MONTH_BEFORE = new Set(['in', 'since', 'until', 'till', 'of', 'early', 'late', 'mid', 'by', 'last', 'next', 'this', 'from', 'before', 'after', 'during']);

/** "resigned in May", "on 3 May", "May 2021": the month, not the modal. */
function isMonthMay(ctx: Ctx, k: number, clauseStart: number): boolean {
  const toks = ctx.toks;
  const t = toks[k]!;
  if (t.pos === 'PROPN') return true;
  if (t.text !== 'May') return false;
  return k > clauseStart || MONTH_BEFORE.has(wordAt(ctx, k - 1)) || /^\d/.test(toks[k + 1]?.text ?? '') || /^\d/.test(toks[k - 1]?.text ?? '');
}

/** Pluperfect outside reported speech: "had urged civilians in recent days" is background. */
export function pluperfect(ctx: Ctx, trig: Trigger, clauseStart: number): boolean {
  const toks = ctx.toks;
  const i = tokenIndex(ctx, trig.start);
  for (let k = i - 1; k >= Math.max(clauseStart, i - 3); k--) {
    if (PERFECT.has(wordAt(ctx, k))) return true;
    if (toks[k]!.pos !== 'ADV' && toks[k]!.pos !== 'AUX') break;
  }
  return false;
}

export interface StanceInput {
  trig: Trigger;
  type: string;
  actor: Participant | null;
  date: EventDate | null;
  clauseStart: number;
}

export function stanceFor(ctx: Ctx, x: StanceInput): Stance {
  const { trig } = x;
  const att = attributionOf(ctx, trig.start, trig.end);
  const inSpeech = !!att;
  const via = att ? [...att.via] : [];
  const speaker = att?.speaker ?? null;
  const neg = negation(ctx, trig, x.clauseStart);
  if (neg.negated && (neg.reportVerb || CASUALTY_WORDS.has(trig.text.toLowerCase()))) {
    return { status: 'asserted', claimedBy: [], via, attribution: att, drop: true, why: 'negated report' };
  }
  const verbal = VERBAL_TYPES.has(x.type);
  // "the army denied those claims", "rejected the fraud allegations": the rejected words are not an event
  if (att?.kind === 'denial' && verbal) return { status: 'asserted', claimedBy: [], via, attribution: att, drop: true, why: 'rejected statement' };
  // a speech act made by the speaker ("Hezbollah said it held Israel responsible") is the speaker's own act
  const ownAct = verbal && !!speaker && (!x.actor || (x.actor.country === speaker.country && (x.actor.sector === speaker.sector || !x.actor.sector || !speaker.sector)));

  if (att?.kind === 'denial' || neg.negated) {
    return { status: 'denied', claimedBy: speaker ? [speaker] : [], via, attribution: att, drop: false, why: att?.kind === 'denial' ? 'denial cue' : 'negated' };
  }
  const mod = modality(ctx, trig, x.clauseStart, inSpeech);
  if (mod) return { status: mod, claimedBy: speaker && !ownAct ? [speaker] : speaker && mod === 'future' ? [speaker] : [], via, attribution: att, drop: false, why: `modal ${mod}` };
  const temporal = temporalStatus(ctx.doc, trig, x.date);
  if (temporal === 'historical') return { status: 'historical', claimedBy: [], via, attribution: att, drop: false, why: 'dated background' };
  if (temporal === 'future') return { status: 'future', claimedBy: speaker ? [speaker] : [], via, attribution: att, drop: false, why: 'dated future' };
  if (!inSpeech && !x.date && pluperfect(ctx, trig, x.clauseStart)) return { status: 'historical', claimedBy: [], via, attribution: att, drop: false, why: 'pluperfect background' };
  if (att && !att.neutral && speaker && !ownAct) {
    // a party's word: claimed when the perpetrator or its own action rests on it; an unattributed toll stays asserted
    if (x.actor || att.kind === 'blame') return { status: 'claimed', claimedBy: [speaker], via, attribution: att, drop: false, why: 'party statement' };
  }
  return { status: 'asserted', claimedBy: [], via, attribution: att, drop: false, why: att ? (att.neutral ? 'neutral source' : 'own act or toll') : 'narrator' };
}
