// The tense of the clause around a time expression, from the verbs near it: "on Monday" in
// "clashes erupted on Monday" is the last Monday, in "talks will resume on Monday" the next.
// Reporting verbs ("said", "told") are weak evidence: in "will meet on Friday, officials said"
// the clause's own verb decides, except when the time expression hangs on the reporting verb
// itself ("said on Friday").

import { lowerTexts } from '../../nlp/lower.js';
import type { Span, Token } from '../../doc.js';

export type Tense = 'past' | 'future' | 'present';

const FUTURE_WORDS = new Set(['will', "'ll", 'shall', 'wo', 'would', 'might', 'may', 'upcoming', 'scheduled', 'due', 'planned', 'planning', 'plans', 'plan', 'expected', 'set', 'going', 'intends', 'aims', 'next', 'tomorrow', 'later', 'postponed', 'delayed', 'adjourned']);
// "set"/"expected"/"due"/"going"/"plans" only signal the future followed by "to" (or "for")
const NEEDS_TO = new Set(['set', 'expected', 'due', 'going', 'plans', 'plan', 'intends', 'aims']);
/** Words right before the expression that point ahead: "as soon as Tuesday", "until Monday". */
const FUTURE_LEAD = /\b(?:as soon as|as early as|no earlier than|until|till|by|before)\s+(?:on\s+)?$/i;

const PAST_IRREGULAR = new Set(['was', 'were', 'had', 'did', 'said', 'told', 'went', 'came', 'took', 'made', 'saw', 'began', 'broke', 'fled', 'fought', 'held', 'led', 'left', 'lost', 'met', 'ran', 'sent', 'shot', 'struck', 'hit', 'won', 'gave', 'got', 'killed', 'found', 'kept', 'brought', 'thought', 'stood', 'set', 'spoke', 'wrote', 'became', 'fell', 'felt', 'heard', 'knew', 'meant', 'paid', 'put', 'read', 'rose', 'sought', 'sold', 'spent', 'threw', 'understood', 'woke', 'been', 'ago']);
const PRESENT_AUX = new Set(['is', 'are', 'am', "'s", "'re", 'has', 'have', 'does', 'do']);
const REPORTING = new Set(['said', 'says', 'say', 'told', 'tells', 'reported', 'reports', 'announced', 'added', 'stated', 'according', 'claimed', 'confirmed', 'quoted', 'wrote']);

interface Cue {
  tense: Tense;
  weak: boolean;
}

/**
 * `lower` is the lower-cased text of the document's tokens (nlp/lower.ts, one list per document):
 * the cues read every token near a time expression and its neighbours, several times over.
 */
function cueOf(tokens: readonly Token[], lower: readonly string[], i: number, end: number): Cue | null {
  const t = tokens[i]!;
  const w = lower[i]!;
  const next = i + 1 < end ? lower[i + 1]! : '';
  if (FUTURE_WORDS.has(w)) {
    if (w === 'may' && t.text !== 'may') return null; // the month
    // "was due to", "had been expected to": a plan told in the past, whose date may be past too
    const prev = i > 0 ? lower[i - 1]! : '';
    if (NEEDS_TO.has(w) && (prev === 'was' || prev === 'were' || prev === 'been')) return null;
    if (NEEDS_TO.has(w)) return next === 'to' || next === 'for' ? { tense: 'future', weak: false } : null;
    if (w === 'next' || w === 'later' || w === 'tomorrow') return null; // time words themselves, judged by the resolver
    if (w === 'wo' && next !== "n't") return null;
    return { tense: 'future', weak: false };
  }
  if (REPORTING.has(w)) {
    if (w === 'says' || w === 'say' || w === 'tells' || w === 'reports') return { tense: 'present', weak: true };
    return { tense: 'past', weak: true };
  }
  if (PRESENT_AUX.has(w)) {
    // "has been", "have killed": perfect, i.e. past for dating
    if ((w === 'has' || w === 'have') && (next === 'been' || /ed$/.test(next))) return { tense: 'past', weak: false };
    if (w === 'has' || w === 'have' || w === 'do' || w === 'does') return null;
    // "is to meet" / "are to hold": scheduled
    if (next === 'to') return { tense: 'future', weak: false };
    return { tense: 'present', weak: true };
  }
  // a participle after "be" ("will be held", "is expected") is passive: its auxiliary decides
  const prev = i > 0 ? lower[i - 1]! : '';
  const passive = prev === 'be' || prev === 'being' || prev === 'is' || prev === 'are' || prev === 'am' || prev === "'s" || prev === "'re" || prev === 'get' || prev === 'gets';
  if (PAST_IRREGULAR.has(w) && (t.pos === 'VERB' || t.pos === 'AUX' || w === 'ago')) return passive ? null : { tense: 'past', weak: false };
  if ((t.pos === 'VERB' || t.pos === 'AUX') && /[a-z]ed$/.test(w) && t.lemma !== w) return passive ? null : { tense: 'past', weak: false };
  return null;
}

const MAX_REACH = 12;
const CLAUSE_BREAK = new Set([',', ';', ':', '(', ')', '"', '“', '”', '—', '–', 'while', 'whereas', 'although', 'because', 'but', 'which', 'who', 'where', 'what']);

/**
 * Tense of the clause that holds `span`, looking at verbs inside `window` (the sentence):
 * the nearest strong cue, else the nearest reporting verb, else null.
 */
export function clauseTense(tokens: readonly Token[], window: { tokenStart: number; tokenEnd: number }, span: Span, before = ''): Tense | null {
  if (FUTURE_LEAD.test(before)) return 'future';
  const lower = lowerTexts(tokens);
  let first = -1;
  let last = -1;
  for (let i = window.tokenStart; i < window.tokenEnd; i++) {
    const t = tokens[i]!;
    if (t.end <= span.start) continue;
    if (t.start >= span.end) break;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) {
    // the span lies between tokens: find the insertion point
    first = window.tokenStart;
    while (first < window.tokenEnd && tokens[first]!.end <= span.start) first++;
    last = first - 1;
  }
  // a reporting verb right before or after ("said on Monday", "on Monday said") governs the expression
  for (let k = 1; k <= 2; k++) {
    const i = first - k;
    if (i < window.tokenStart) break;
    const w = lower[i]!;
    if (REPORTING.has(w)) return w.endsWith('s') || w === 'say' ? 'present' : 'past';
    if (w !== 'on' && w !== 'late' && w !== 'early') break;
  }
  const next = last + 1 < window.tokenEnd ? lower[last + 1]! : '';
  if (REPORTING.has(next) && next !== 'according') return next.endsWith('s') || next === 'say' ? 'present' : 'past';
  // "'s": "Wednesday's ruling" names a day to tell which ruling, whatever the clause's tense
  if (next === "'s" || next === '’s') return null;
  // "told reporters on Tuesday that …": the expression dates the reporting verb
  if (next === 'that') {
    for (let i = first - 1; i >= Math.max(window.tokenStart, first - 6); i--) {
      const w = lower[i]!;
      if (REPORTING.has(w)) return w.endsWith('s') || w === 'say' ? 'present' : 'past';
    }
  }
  // first within the clause (up to a comma, semicolon, bracket or a word opening another clause),
  // then anywhere in the sentence: "killed dozens … early on Tuesday, in what would be …" is past
  const isBreak = (i: number): boolean => CLAUSE_BREAK.has(lower[i]!);
  // a fronted expression ("On Monday, troops will …") belongs to the clause after its comma
  let lo = first;
  while (lo > window.tokenStart && !isBreak(lo - 1)) lo--;
  const frontedHere = lo === window.tokenStart || tokens.slice(window.tokenStart, first).every((t) => /^(?:on|in|at|by|early|late|around|since|from|during|overnight|[^\w])$/i.test(t.text));
  let hi = last;
  let skipped = frontedHere ? 0 : 1;
  while (hi + 1 < window.tokenEnd) {
    if (isBreak(hi + 1)) {
      if (skipped === 0 && tokens[hi + 1]!.text === ',') { skipped = 1; hi++; continue; }
      break;
    }
    hi++;
  }
  for (let d = 1; d <= MAX_REACH; d++) {
    for (const i of [first - d, last + d]) {
      if (i < lo || i > hi) continue;
      const c = cueOf(tokens, lower, i, window.tokenEnd);
      // a reporting verb further away says when the statement was made, not the reported event
      if (c && !c.weak) return c.tense;
    }
  }
  // outside the clause the main verb usually comes before the time expression: look left first
  for (let i = lo - 1; i >= Math.max(window.tokenStart, first - 2 * MAX_REACH); i--) {
    const c = cueOf(tokens, lower, i, window.tokenEnd);
    if (c && !c.weak) return c.tense;
  }
  for (let i = hi + 1; i < Math.min(window.tokenEnd, last + 2 * MAX_REACH); i++) {
    const c = cueOf(tokens, lower, i, window.tokenEnd);
    if (c && !c.weak) return c.tense;
  }
  return null;
}
