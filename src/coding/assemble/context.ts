// What the assembler knows about a document before it builds events: participants (actor
// mentions fused and expanded), attributions by content, the clause around each token, and
// who the subject of each sentence is (for "It …", "They …" in the next one).

import type { ActorMention, Attribution, Doc, EventDate, Sentence, Span, Token } from '../../doc.js';
import { countStartingBefore } from '../../nlp/spans.js';
import { isOutlet, participants, type Participant } from './actors.js';
import { lowerTexts } from '../../nlp/lower.js';
import { countSpanStartsBefore, isPunct, sentenceAt, spansWithin, tokenAt } from './tokens.js';
import { PRONOUNS_SUBJECT } from './words.js';
import { withFields } from '../../objects.js';

export interface Ctx {
  doc: Doc;
  toks: readonly Token[];
  /** the lower-cased text of each token (see `wordAt`) */
  low: readonly string[];
  /** sorted by span start (see `partsIn`) */
  parts: Participant[];
  atts: readonly Attribution[];
  /** per sentence: the first party participant before its first verb (its grammatical subject) */
  subjects: (Participant | null)[];
  /** sentences that carry on the previous sentence's reported speech ("They were transporting …") */
  continued: Map<number, Attribution>;
  /** the two states the article is mostly about (by mentions), for filling in an unnamed other side */
  dyad: string[];
  /** afterPreposition's answer by span start: roles ask it of the same participants for every trigger */
  prepositions: Map<number, string | null>;
  /** per participant (in order): the furthest end of it and those before it, for `insidePart` */
  partsReach: number[];
  /** per actor mention (in order, sorted by start): the furthest end of it and those before it */
  actorsReach: number[];
  /** a statement's date and whether it is background, by attribution (see variants.ts) */
  statementDates: Map<Attribution, { date: EventDate | null; historical: boolean }>;
}

const PREPS = new Set(['in', 'at', 'on', 'near', 'across', 'inside', 'outside', 'from', 'throughout', 'around', 'into', 'to', 'of', 'with', 'against', 'by', 'for', 'between', 'over', 'towards', 'toward', 'under', 'within', 'along', 'among', 'about', 'like', 'than', 'after', 'before', 'during', 'since', 'as']);
const CLAUSE_WORDS = new Set(['while', 'whereas', 'but', 'although', 'though', 'because', 'when', 'where', 'after', 'before', 'since', 'as', 'which', 'who', 'whom', 'unless', 'if', 'until']);

export function buildCtx(doc: Doc): Ctx {
  const toks = doc.tokens ?? [];
  const parts = participants(doc).filter((p) => !isOutlet(doc, p));
  const ctx: Ctx = { doc, toks, low: lowerTexts(toks), parts, atts: doc.attributions ?? [], subjects: [], continued: new Map(), dyad: dyadOf(parts), prepositions: new Map(), partsReach: reachOf(parts), actorsReach: actorsReachOf(doc.actors ?? []), statementDates: new Map() };
  for (const s of doc.sentences ?? []) ctx.subjects.push(subjectIn(ctx, s.tokenStart, s.tokenEnd));
  findContinuations(ctx);
  return ctx;
}

function reachOf(parts: readonly Participant[]): number[] {
  const reach: number[] = [];
  for (const p of parts) reach.push(Math.max(p.span.end, reach[reach.length - 1] ?? -Infinity));
  return reach;
}

/**
 * The first participant (in order) that starts in [from, to] and satisfies `pred(p, arg)`: a binary
 * search to `from`, then a walk. (A module function and its argument rather than a closure made per
 * call: V8 drops a closure's optimized code at each full GC.)
 */
export function partFrom<A>(ctx: Ctx, from: number, to: number, pred: (p: Participant, arg: A) => boolean, arg: A): Participant | null {
  const parts = ctx.parts;
  for (let k = countSpanStartsBefore(parts, from); k < parts.length && parts[k]!.span.start <= to; k++) if (pred(parts[k]!, arg)) return parts[k]!;
  return null;
}

function actorsReachOf(actors: readonly ActorMention[]): number[] {
  const reach: number[] = [];
  for (const a of actors) reach.push(Math.max(a.end, reach[reach.length - 1] ?? -Infinity));
  return reach;
}

/**
 * Could an actor mention starting at or before `start` reach `end`? When none does (most
 * triggers), nothing before `start` can hold [start, end) and callers need not look.
 */
export function actorMayHold(ctx: Ctx, start: number, end: number): boolean {
  const lo = countStartingBefore(ctx.doc.actors ?? [], start, true);
  return lo > 0 && ctx.actorsReach[lo - 1]! >= end;
}

/** Does a participant hold [start, end)? The participants are sorted by start, so only those up to `start` can. */
function insidePart(ctx: Ctx, start: number, end: number): boolean {
  const lo = countSpanStartsBefore(ctx.parts, start, true);
  return lo > 0 && ctx.partsReach[lo - 1]! >= end;
}

/** The two countries mentioned most as parties, when both are clearly present (≥ 2 mentions each). */
function dyadOf(parts: readonly Participant[]): string[] {
  const n = new Map<string, number>();
  for (const p of parts) if (p.country && p.country !== 'IGO' && p.kind !== 'agency') n.set(p.country, (n.get(p.country) ?? 0) + 1);
  return [...n.entries()].filter(([, k]) => k >= 2).sort((a, b) => b[1] - a[1]).slice(0, 2).map(([c]) => c);
}

const PROGRESSIVE_AUX = new Set(['is', 'are', 'am']);

/**
 * A sentence with no speech cue of its own, right after a party's statement in the same
 * paragraph, that opens with a pronoun or speaks in the present progressive, carries on that
 * statement: "The Azerbaijani statement said … . They were transporting weapons …"; "…, the
 * ministry said: “…” The armed forces of Armenia are responding."
 */
function findContinuations(ctx: Ctx): void {
  const ss = ctx.doc.sentences ?? [];
  for (let k = 1; k < ss.length; k++) {
    const s = ss[k]!;
    const prev = ss[k - 1]!;
    if (prev.paragraph !== s.paragraph) continue;
    if (ctx.atts.some((a) => a.cue.start >= s.start && a.cue.end <= s.end)) continue;
    if (ctx.atts.some((a) => a.content.start <= s.start && s.end <= a.content.end + 2)) continue;
    const att = findLast(ctx.atts, (a) => a.cue.start >= prev.start && a.cue.end <= prev.end && a.kind === 'speech' && !!a.speaker && !a.neutral && a.content.end >= prev.end - 3);
    const carried = att ?? ctx.continued.get(k - 1);
    if (!carried) continue;
    const first = wordAt(ctx, s.tokenStart);
    const pronounStart = PRONOUNS_SUBJECT.has(first) && first !== 'it';
    let progressive = false;
    for (let i = s.tokenStart; i < s.tokenEnd - 1; i++) {
      if (PROGRESSIVE_AUX.has(wordAt(ctx, i)) && /ing$/.test(ctx.toks[i + 1]!.text)) { progressive = true; break; }
    }
    if (pronounStart || progressive) ctx.continued.set(k, carried);
  }
}

function findLast<T>(list: readonly T[], pred: (x: T) => boolean): T | undefined {
  for (let k = list.length - 1; k >= 0; k--) if (pred(list[k]!)) return list[k];
  return undefined;
}

/** Is the participant the object of a preposition (so not a subject)? */
export function afterPreposition(ctx: Ctx, p: Participant): string | null {
  const known = ctx.prepositions.get(p.span.start);
  if (known !== undefined) return known;
  const prep = prepositionBefore(ctx, p.span.start);
  ctx.prepositions.set(p.span.start, prep);
  return prep;
}

/** The preposition governing the noun phrase that starts at `start`, if any. */
function prepositionBefore(ctx: Ctx, start: number): string | null {
  let i = tokenIndex(ctx, start) - 1;
  let num = false;
  // skip determiners and adjectives inside the noun phrase ("on the Armenian army")
  while (i >= 0 && ['DET', 'ADJ', 'NUM'].includes(ctx.toks[i]!.pos) && ctx.toks[i]!.end <= start) {
    if (ctx.toks[i]!.pos === 'NUM') num = true;
    i--;
  }
  const w = wordAt(ctx, i);
  // "about 2,000 peacekeepers", "over 100 soldiers": a quantifier, not a preposition
  if (num && (w === 'about' || w === 'around' || w === 'over' || w === 'under' || w === 'than')) return null;
  // "after rebels attacked the town": a subordinator opening the phrase's clause, of which it is the subject
  if (PREPS.has(w) && opensClause(ctx, i, ctx.toks.length)) return null;
  return PREPS.has(w) ? w : null;
}

/** The lower-cased text of token k, '' outside the document. */
export function wordAt(ctx: Ctx, k: number): string {
  return ctx.low[k] ?? '';
}

/** Is there a token w1 directly followed by w2 within tokens [a, b)? */
export function wordPairIn(ctx: Ctx, a: number, b: number, w1: string, w2: string): boolean {
  for (let k = a; k + 1 < b; k++) if (ctx.low[k] === w1 && ctx.low[k + 1] === w2) return true;
  return false;
}

export function tokenIndex(ctx: Ctx, offset: number): number {
  return tokenAt(ctx.toks, offset);
}

/** The participants within the span, in order. */
export function partsIn(ctx: Ctx, span: Span): Participant[] {
  return spansWithin(ctx.parts, span.start, span.end);
}

/** The subject of the clause [a, b): the first participant before the first finite verb, not in a PP. */
export function subjectIn(ctx: Ctx, a: number, b: number): Participant | null {
  const toks = ctx.toks;
  if (a >= b) return null;
  let verbAt = b;
  for (let i = a; i < b; i++) {
    const t = toks[i]!;
    // a verb-like token inside an actor's name is not the clause's verb ("IS militants detonated …")
    if ((t.pos === 'VERB' || t.pos === 'AUX') && !insidePart(ctx, t.start, t.end)) { verbAt = i; break; }
  }
  const end = toks[verbAt - 1]?.end ?? 0;
  const start = toks[a]!.start;
  const inSpan = spansWithin(ctx.parts, start, end);
  const cands = inSpan.filter((p) => !afterPreposition(ctx, p));
  if (cands.length) return cands[0]!;
  // "positions of the Azerbaijan Armed Forces were …": the possessor stands in for a non-actor head
  const ofs = inSpan.filter((p) => afterPreposition(ctx, p) === 'of');
  if (ofs.length) return ofs[0]!;
  // "It said …", "They were transporting …": a pronoun subject
  for (let i = a; i < verbAt; i++) {
    if (toks[i]!.pos === 'PRON' && PRONOUNS_SUBJECT.has(wordAt(ctx, i))) return pronoun(ctx, i);
  }
  return null;
}

/** Resolve a subject pronoun at token i: the speaker of the attribution it sits in, else the previous sentence's subject. */
export function pronoun(ctx: Ctx, i: number): Participant | null {
  const t = ctx.toks[i]!;
  // loops, not per-call closures: V8 drops a closure's optimized code at each full GC
  for (const p of ctx.parts) if (p.span.start <= t.start && t.end <= p.span.end) return p;
  let att: Attribution | undefined;
  for (const a of ctx.atts) {
    if (a.content.start <= t.start && t.end <= a.content.end && a.speaker && a.speakerSpan) { att = a; break; }
  }
  if (att && att.speaker && att.speakerSpan && !(att.speakerSpan.start <= t.start && t.end <= att.speakerSpan.end)) {
    return withFields(att.speaker, { text: t.text, span: { start: t.start, end: t.end } });
  }
  // a pronoun subject of a speech cue ("It said …") resolved by the attribution stage
  let own: Attribution | undefined;
  for (const a of ctx.atts) {
    if (a.speaker && a.cue.start > t.start && a.cue.start - t.end < 40 && !(a.speakerSpan && a.speakerSpan.start <= t.start && t.end <= a.speakerSpan.end) && sentenceAt(ctx.doc, a.cue.start) === sentenceAt(ctx.doc, t.start)) { own = a; break; }
  }
  if (own?.speaker) return withFields(own.speaker, { text: t.text, span: { start: t.start, end: t.end } });
  const s = sentenceAt(ctx.doc, t.start);
  if (s && s.index > 0) {
    for (let k = s.index - 1; k >= Math.max(0, s.index - 2); k--) {
      const subj = ctx.subjects[k];
      if (subj) return withFields(subj, { text: t.text, span: { start: t.start, end: t.end } });
    }
  }
  return null;
}

/** A clause word (CLAUSE_WORDS) wink tags as opening a clause, or one that always does. */
function taggedOpener(ctx: Ctx, k: number): boolean {
  const w = wordAt(ctx, k);
  const pos = ctx.toks[k]!.pos;
  return CLAUSE_WORDS.has(w) && (pos === 'SCONJ' || pos === 'PRON' || w === 'while' || w === 'whereas' || w === 'but');
}

/** Words of a noun phrase between a subordinator and its clause's verb ("when the Rapid Support Forces shelled"). */
const NP_POS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'PRON', 'NUM', 'PART']);

/**
 * Whether the word at token k opens a clause (see CLAUSE_WORDS). wink tags "when" as an adverb and
 * "after", "as", "before", "since", "until" as prepositions even where they open a clause ("20
 * civilians were killed when the Rapid Support Forces shelled a market"): tagged so, they open one
 * when a noun phrase and then a verb follow within tokens [k + 1, end). Else the clause of "shelled"
 * ran from the sentence's start, and its subject was the main clause's ("civilians", the victims,
 * coded as attacking themselves). A noun phrase broken by a comma or a preposition ("after the
 * attack on Monday, troops …") is a phrase, not a clause.
 */
function opensClause(ctx: Ctx, k: number, end: number): boolean {
  if (!CLAUSE_WORDS.has(wordAt(ctx, k))) return false;
  if (taggedOpener(ctx, k)) return true;
  const pos = ctx.toks[k]!.pos;
  if (pos !== 'ADV' && pos !== 'ADP') return false;
  let noun = false;
  for (let x = k + 1; x < end; x++) {
    const t = ctx.toks[x]!;
    // an actor's words, whatever wink tagged them ("when rebels/VERB shelled")
    if (insidePart(ctx, t.start, t.end)) noun = true;
    else if (t.pos === 'VERB' || t.pos === 'AUX') return noun;
    else if (NP_POS.has(t.pos)) noun ||= t.pos !== 'DET' && t.pos !== 'ADJ' && t.pos !== 'PART';
    // "after thousands of protesters angry over the collapse stormed …": an adjective's own
    // complement inside the noun phrase, not a phrase of the main clause
    else if (t.pos === 'ADP' && noun && ctx.toks[x - 1]?.pos === 'ADJ') continue;
    else if (!(t.pos === 'CCONJ' || (t.pos === 'ADP' && wordAt(ctx, x) === 'of'))) return false;
  }
  return false;
}

/** Token range [a, b) of the clause around token i in sentence s. */
export function clauseAround(ctx: Ctx, s: Sentence, i: number): [number, number] {
  const toks = ctx.toks;
  let a = s.tokenStart;
  let b = s.tokenEnd;
  for (let k = i - 1; k >= s.tokenStart; k--) {
    const w = wordAt(ctx, k);
    if (w === ';' || w === ':' || w === '—' || w === '–') { a = k + 1; break; }
    if (opensClause(ctx, k, i + 1)) { a = k + 1; break; }
    // "said the operation targeted military positions and that reports of civilian deaths were
    // false": a second reported clause is a clause of its own
    if (w === 'that' && wordAt(ctx, k - 1) === 'and') { a = k + 1; break; }
  }
  for (let k = i + 1; k < s.tokenEnd; k++) {
    const w = wordAt(ctx, k);
    if (w === ';' || w === ':' || w === '—' || w === '–') { b = k; break; }
    if (w === 'and' && wordAt(ctx, k + 1) === 'that') { b = k; break; }
    // (a subordinator wink tags as an adverb or preposition does not end the clause: what follows
    // "as" in "A missile struck the station as hundreds of people waited" names the victims)
    if (k > i + 1 && taggedOpener(ctx, k)) { b = k; break; }
    // ", killing …", ", saying …": a participle clause after a comma
    if (w === ',' && toks[k + 1] && /ing$/.test(toks[k + 1]!.text) && toks[k + 1]!.pos === 'VERB') { b = k; break; }
  }
  // the content of reported speech bounds its clauses
  const t = toks[i]!;
  for (const att of ctx.atts) {
    if (att.content.start <= t.start && t.end <= att.content.end) {
      const ca = tokenIndex(ctx, att.content.start);
      const cb = tokenIndex(ctx, att.content.end - 1) + 1;
      if (ca > a && ca <= i) a = ca;
      if (cb < b && cb > i) b = cb;
    }
  }
  // strip punctuation at the edges
  while (a < i && isPunct(toks[a])) a++;
  return [a, b];
}
