// Stage: sentences and tokens. wink-nlp splits sentences and tags parts of speech quickly but
// keeps no character offsets, so each token it returns is aligned back to the text here.
// Paragraphs are read one at a time: sentences never cross a line break.

import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Sentence, Token } from '../doc.js';
import { defineStage } from '../pipeline.js';

export type WinkNlp = ReturnType<typeof winkNLP>;

/**
 * wink-nlp with only the annotations the pipeline reads: sentence boundaries and POS tags
 * (lemmas come with POS). wink's default pipe also runs its NER, negation and sentiment
 * automata on every document; nothing here reads them, and they cost about half of readDoc.
 * Tokens, tags, lemmas and sentence spans are the same either way (POS does not read them).
 */
export function loadWink(): WinkNlp {
  return winkNLP(model, ['sbd', 'pos']);
}

/** wink-nlp with its default pipe (everything on): the bench's floor is a bare readDoc of this. */
export function loadWinkDefault(): WinkNlp {
  return winkNLP(model);
}

type WinkTokens = ReturnType<ReturnType<WinkNlp['readDoc']>['tokens']>;

/** Lemmas wink-nlp gave before, per model: POS → value → lemma (wink hands out the same value strings, so no key is built). */
const lemmaCaches = new WeakMap<WinkNlp, Map<string, Map<string, string>>>();
/**
 * Values per POS: the bulk of any news corpus's tokens (word frequencies fall off fast); cleared
 * when full rather than grown without bound. Each pipeline (each ingest worker thread) has its
 * own, so the bound is part of an ingest's peak memory on a corpus with a large vocabulary.
 */
const LEMMA_CACHE_MAX = 50_000;

/**
 * The lemma of each token. wink-nlp lemmatises on every request (a dictionary walk and suffix
 * rules per token, a sixth of the stage); its lemma is a function of the token's value and POS
 * alone, except for the parts of a contraction ("ca" + "n't"), whose lemma wink stores per token.
 * So lemmas are remembered by (POS, value), and contraction parts are always asked of wink.
 */
function lemmasOf(nlp: WinkNlp, winkTokens: WinkTokens, values: string[], pos: string[]): string[] {
  const its = nlp.its;
  let cache = lemmaCaches.get(nlp);
  if (!cache) lemmaCaches.set(nlp, (cache = new Map()));
  const contraction = winkTokens.out(its.contractionFlag) as unknown as boolean[];
  const lemmas = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    if (contraction[i]) {
      lemmas[i] = winkTokens.itemAt(i).out(its.lemma as never) as unknown as string;
      continue;
    }
    const p = pos[i]!;
    let byValue = cache.get(p);
    if (!byValue) cache.set(p, (byValue = new Map()));
    let lemma = byValue.get(values[i]!);
    if (lemma === undefined) {
      lemma = winkTokens.itemAt(i).out(its.lemma as never) as unknown as string;
      if (byValue.size >= LEMMA_CACHE_MAX) byValue.clear();
      byValue.set(values[i]!, lemma);
    }
    lemmas[i] = lemma;
  }
  return lemmas;
}

/** The characters wink-nlp splits tokens on (its tokenizer's space and line-break classes). */
function isWinkSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 0xa0 || (code >= 0x2002 && code <= 0x2005) || code === 0x2009 || code === 0x200a || code === 0x202f || code === 0x205f;
}

/**
 * Tokenise `text.slice(start, end)` (one paragraph) with wink-nlp, map tokens back to absolute
 * offsets and append them and their sentences to `tokens` and `sentences`. Tokens wink
 * normalises (rare) are found by searching forward; a token that cannot be found is skipped
 * rather than given a wrong span.
 */
export function tokenizeRange(nlp: WinkNlp, text: string, start: number, end: number, paragraph: number, sentences: Sentence[], tokens: Token[]): void {
  const its = nlp.its;
  const slice = text.slice(start, end);
  const wdoc = nlp.readDoc(slice);
  const winkTokens = wdoc.tokens();
  const values = winkTokens.out(its.value) as string[];
  const pos = winkTokens.out(its.pos) as string[];
  const lemmas = lemmasOf(nlp, winkTokens, values, pos);
  const spans = wdoc.sentences().out(its.span) as unknown as [number, number][];

  // wink token i → index in `tokens`, or -1 when it could not be placed
  const winkToOurs = new Int32Array(values.length);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    while (cursor < slice.length && isWinkSpace(slice.charCodeAt(cursor))) cursor++;
    let at = slice.startsWith(v, cursor) ? cursor : slice.indexOf(v, cursor);
    let len = v.length;
    // Found verbatim: the token's text is wink's own string for it, one object per word form
    // across all documents, so its hash is computed once and every Map lookup by token text
    // downstream (dictionaries, memos) skips hashing a fresh copy.
    let tokenText = v;
    if (at < 0 || at - cursor > 200) {
      // wink changed the token (e.g. expanded a contraction): take the next non-space run
      if (cursor >= slice.length) {
        winkToOurs[i] = -1;
        continue;
      }
      let k = cursor;
      while (k < slice.length && !/\s/.test(slice[k]!)) k++;
      at = cursor;
      len = Math.min(k, cursor + v.length) - cursor || 1;
      tokenText = slice.slice(at, at + len);
    }
    cursor = at + len;
    winkToOurs[i] = tokens.length;
    tokens.push({
      start: start + at,
      end: start + at + len,
      text: tokenText,
      lemma: lemmas[i] ?? v.toLowerCase(),
      pos: pos[i] ?? 'X',
      sentence: -1,
    });
  }
  for (const [a, b] of spans) {
    let ta = -1;
    let tb = -1;
    for (let i = a; i <= b; i++) if (winkToOurs[i]! >= 0) { ta = winkToOurs[i]!; break; }
    for (let i = b; i >= a; i--) if (winkToOurs[i]! >= 0) { tb = winkToOurs[i]!; break; }
    if (ta < 0 || tb < 0) continue;
    const index = sentences.length;
    for (let t = ta; t <= tb; t++) tokens[t]!.sentence = index;
    sentences.push({ index, start: tokens[ta]!.start, end: tokens[tb]!.end, tokenStart: ta, tokenEnd: tb + 1, paragraph });
  }
}

export const tokensStage = defineStage({
  name: 'sentences+tokens',
  requires: ['paragraphs'],
  assigns: ['sentences', 'tokens'],
  run(doc, res) {
    const sentences: Sentence[] = [];
    const tokens: Token[] = [];
    for (const p of doc.paragraphs!) tokenizeRange(res.nlp, doc.text, p.start, p.end, p.index, sentences, tokens);
    return { sentences, tokens };
  },
});
