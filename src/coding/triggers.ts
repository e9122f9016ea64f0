// Stage: event triggers. Words and phrases that name an event ("opened fire", "were subjected to
// intense shelling", "took control of", "staged a protest", "blamed") found with the event lexicon
// (data/events/lexicon.tsv) and typed PLOVER + CAMEO + ACLED. Sentences the lexicon finds nothing
// in can still yield a trigger from the learned model, marked as such in `rule`.

import type { Doc, Token, Trigger } from '../doc.js';
import { defineStage } from '../pipeline.js';
import type { Resources } from '../resources.js';
import { codeForSubType, matchLexicon } from './lexicon/lexicon.js';
import { eventCoding, type EventCoding } from './lexicon/load.js';
import { predictNb } from './model/nb.js';
import { lowerTexts } from '../nlp/lower.js';

const BE = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'got', 'get', 'gets', "'s"]);
const ADVERB_GAP = new Set(['reportedly', 'allegedly', 'also', 'later', 'then', 'subsequently', 'all', 'both', 'not', 'never', 'being', 'been', 'fatally', 'seriously', 'critically', 'severely', 'brutally']);

/**
 * The words of each token list, computed once: triggers, refinement (once per event) and other
 * stages all read them. Keyed by the tokens array, which a Doc never changes (layers are frozen).
 */
const wordsMemo = new WeakMap<readonly Token[], readonly string[]>();

/** A word with its curly apostrophes made straight (a module function: see lowerTexts). */
function straightApostrophes(w: string): string {
  return w.includes('’') ? w.replace(/’/g, "'") : w;
}

/** Lower-cased token texts with typographic apostrophes normalised: what the lexicon matches on. */
export function lexWords(tokens: readonly Token[]): string[] {
  let words = wordsMemo.get(tokens);
  if (!words) {
    // not frozen: V8 slices and searches frozen arrays several times slower; the type keeps them read-only
    words = lowerTexts(tokens).map(straightApostrophes);
    wordsMemo.set(tokens, words);
  }
  // callers only read the words; the cast keeps the existing signature
  return words as string[];
}

function isPassive(words: readonly string[], tokens: readonly Token[], at: number, sentStart: number): boolean {
  const w = words[at]!;
  if (!/(ed|en|wn|ung|ot|eld|ept|ost|ut|it|ound|ck)$/.test(w)) return false;
  if (tokens[at]!.pos !== 'VERB' && tokens[at]!.pos !== 'ADJ' && tokens[at]!.pos !== 'NOUN') return false;
  for (let k = at - 1, seen = 0; k >= sentStart && seen < 3; k--, seen++) {
    if (BE.has(words[k]!)) return true;
    if (!ADVERB_GAP.has(words[k]!)) return false;
  }
  return false;
}

const MONTH_WORDS = new Set(['march', 'may']);
const NEGATORS = new Set(['not', "n't", 'no', 'never', 'without', 'nor']);

/**
 * A capitalised word inside a sentence is part of a name ("the Fighting Front", "on 3 March"),
 * not an event: skip single-word triggers written that way (acronyms like IED stay).
 */
function isName(tok: Token, at: number, sentStart: number): boolean {
  const t = tok.text;
  if (!/^[A-Z][a-z]/.test(t)) return false;
  if (MONTH_WORDS.has(t.toLowerCase())) return true;
  return at > sentStart && tok.pos === 'PROPN';
}

/** "were not arrested", "no one was killed": the trigger is negated. */
function isNegated(words: readonly string[], at: number, sentStart: number): boolean {
  for (let k = at - 1; k >= Math.max(sentStart, at - 3); k--) if (NEGATORS.has(words[k]!)) return true;
  return false;
}

/** Sentences events are coded from: body text, unless the article has nothing but a title. */
function codedSentences(doc: Doc): number[] {
  const sents = doc.sentences ?? [];
  const paras = doc.paragraphs ?? [];
  const body = sents.filter((s) => (paras[s.paragraph]?.kind ?? 'body') === 'body').map((s) => s.index);
  return body.length ? body : sents.filter((s) => (paras[s.paragraph]?.kind ?? 'body') !== 'caption').map((s) => s.index);
}

export function findTriggers(doc: Doc, ec: EventCoding): Trigger[] {
  const tokens = doc.tokens ?? [];
  const sents = doc.sentences ?? [];
  const words = lexWords(tokens);
  const out: Trigger[] = [];
  const coded = codedSentences(doc);
  // (a loop, not forEach: a closure made per call loses its optimised code at every major GC)
  for (let rank = 0; rank < coded.length; rank++) {
    const si = coded[rank]!;
    const s = sents[si]!;
    // the lead sentence usually reports the news; later ones add detail or background
    const decay = 1 - 0.02 * Math.min(rank, 10);
    for (const m of matchLexicon(ec.lexicon, words, s.tokenStart, s.tokenEnd)) {
      const code = m.entry.code!;
      const first = tokens[m.start]!;
      if (m.end - m.start === 1 && isName(first, m.start, s.tokenStart)) continue;
      const negated = isNegated(words, m.start, s.tokenStart);
      const last = tokens[m.end - 1]!;
      out.push({
        start: first.start,
        end: last.end,
        text: doc.text.slice(first.start, last.end),
        sentence: si,
        type: code.type,
        mode: code.mode,
        cameo: code.cameo,
        acled: code.acled ? { ...code.acled } : null,
        passive: m.entry.passive || isPassive(words, tokens, m.start, s.tokenStart),
        rule: m.entry.id,
        confidence: round(m.entry.confidence * decay * (negated ? 0.3 : 1)),
      });
    }
  }
  const label = noteLabelTrigger(doc, ec, coded);
  if (label) out.unshift(label);
  if (ec.model && !out.some((t) => t.acled)) {
    const t = modelTrigger(doc, ec, coded, words);
    if (t) out.push(t);
  }
  return out;
}

const NOTE_LABEL = /^([A-Z][A-Za-z /-]{2,40}):\s/;

/**
 * ACLED notes open strategic developments with a label ("Defusal: On 9 February…"): the note's
 * own statement of what kind of event it is.
 */
function noteLabelTrigger(doc: Doc, ec: EventCoding, coded: number[]): Trigger | null {
  const si = coded[0];
  if (si === undefined) return null;
  const s = doc.sentences![si]!;
  const m = NOTE_LABEL.exec(doc.text.slice(s.start, Math.min(s.end, s.start + 60)));
  if (!m) return null;
  const sub = ec.noteLabels.get(m[1]!.toLowerCase());
  if (!sub) return null;
  const code = codeForSubType(ec.mapping, sub);
  return {
    start: s.start,
    end: s.start + m[1]!.length,
    text: m[1]!,
    sentence: si,
    type: code.type,
    mode: code.mode,
    cameo: code.cameo,
    acled: code.acled,
    passive: false,
    rule: `note-label:${m[1]}`,
    confidence: 0.95,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * When the lexicon finds no ACLED-scope trigger, the model may still recognise the report
 * ("Security forces recovered 3 bodies…"): the trigger is the token of its strongest feature in
 * the most confidently classified sentence, with a low confidence.
 */
function modelTrigger(doc: Doc, ec: EventCoding, coded: number[], words: string[]): Trigger | null {
  const model = ec.model!;
  const tokens = doc.tokens ?? [];
  let best: { si: number; label: string; prob: number; evidence: string[] } | null = null;
  for (const si of coded) {
    const s = doc.sentences![si]!;
    const p = predictNb(model, doc.text.slice(s.start, s.end));
    if (p && ec.mapping.has(p.label) && (!best || p.prob > best.prob)) best = { si, label: p.label, prob: p.prob, evidence: p.evidence };
  }
  if (!best || best.prob < 0.5) return null;
  const s = doc.sentences![best.si]!;
  const unigrams = best.evidence.flatMap((f) => f.split(' '));
  let at = -1;
  for (const u of unigrams) {
    for (let k = s.tokenStart; k < s.tokenEnd && at < 0; k++) if (words[k]!.startsWith(u)) at = k;
    if (at >= 0) break;
  }
  if (at < 0) at = s.tokenStart;
  const tok = tokens[at]!;
  const code = codeForSubType(ec.mapping, best.label);
  return {
    start: tok.start,
    end: tok.end,
    text: tok.text,
    sentence: best.si,
    type: code.type,
    mode: code.mode,
    cameo: code.cameo,
    acled: code.acled,
    passive: false,
    rule: `model:nb p=${best.prob.toFixed(2)} [${best.evidence.join(', ')}]`,
    confidence: round(0.25 * best.prob),
  };
}

export const triggersStage = defineStage({
  name: 'triggers',
  requires: ['sentences', 'tokens', 'actors'],
  assigns: ['triggers'],
  run(doc: Doc, res: Resources) {
    return { triggers: findTriggers(doc, eventCoding(res)) };
  },
});
