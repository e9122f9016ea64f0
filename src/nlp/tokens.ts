// Stage: sentences and tokens. wink-nlp splits sentences and tags parts of speech quickly but
// keeps no character offsets, so each token it returns is aligned back to the text here.
// Paragraphs are read one at a time: sentences never cross a line break.

import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Paragraph, Sentence, Token } from '../doc.js';
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
 * offsets and append them and their sentences to `tokens` and `sentences` (see tokenizeParagraphs).
 */
export function tokenizeRange(nlp: WinkNlp, text: string, start: number, end: number, paragraph: number, sentences: Sentence[], tokens: Token[]): void {
  // (one paragraph that is the whole text read: no token can cross its bounds)
  tokenizeParagraphs(nlp, text.slice(start, end), [{ start: 0, end: end - start, index: paragraph, kind: 'body' }], sentences, tokens, start);
}

/**
 * A wink token that is only white space: reading across lines, wink gives each line break a
 * token, and a tab one (searched for, it would misplace the words after it).
 */
function isBlank(v: string): boolean {
  for (let i = 0; i < v.length; i++) if (!isWinkSpace(v.charCodeAt(i))) return false;
  return true;
}

/**
 * Tokenise all `paragraphs` of `text` with one wink-nlp pass over the whole text, as tokenizeRange
 * would one paragraph at a time, and append them and their sentences to `tokens` and `sentences`;
 * false (with nothing appended) when a token crosses a paragraph's bounds.
 *
 * Why one pass: readDoc has a fixed cost per call, and an article has ~15 paragraphs (a line
 * each): one call over the text is about a third cheaper. wink's tokens, tags, lemmas and
 * sentences across line breaks are those of each line alone (its sentence splitter and tagger
 * restart at a line break; checked token for token on 500 generated articles), apart from the
 * line breaks' own tokens, which are skipped. A paragraph that is not a whole line (a dateline
 * split from its body) ends wink's sentence where it ends, as a separate reading would.
 *
 * Tokens wink normalises (rare) are found by searching forward; a token that cannot be found is
 * skipped rather than given a wrong span. `offset` is added to every span (`text` being a slice
 * of the document starting there).
 */
export function tokenizeParagraphs(nlp: WinkNlp, text: string, paragraphs: readonly Paragraph[], sentences: Sentence[], tokens: Token[], offset = 0): boolean {
  const its = nlp.its;
  const wdoc = nlp.readDoc(text);
  const winkTokens = wdoc.tokens();
  const values = winkTokens.out(its.value) as string[];
  const pos = winkTokens.out(its.pos) as string[];
  const lemmas = lemmasOf(nlp, winkTokens, values, pos);
  const spans = wdoc.sentences().out(its.span) as unknown as [number, number][];

  // wink token i → index in `tokens`, or -1 when it is blank, outside every paragraph or could not be placed
  const winkToOurs = new Int32Array(values.length);
  // paragraph (index into `paragraphs`) of each token this call appends, from `first` on
  const first = tokens.length;
  const paraOf: number[] = [];
  let cursor = 0;
  let p = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    while (cursor < text.length && isWinkSpace(text.charCodeAt(cursor))) cursor++;
    if (isBlank(v)) {
      winkToOurs[i] = -1;
      continue;
    }
    let at = text.startsWith(v, cursor) ? cursor : text.indexOf(v, cursor);
    let len = v.length;
    // Found verbatim: the token's text is wink's own string for it, one object per word form
    // across all documents, so its hash is computed once and every Map lookup by token text
    // downstream (dictionaries, memos) skips hashing a fresh copy.
    let tokenText = v;
    if (at < 0 || at - cursor > 200) {
      // wink changed the token (e.g. expanded a contraction): take the next non-space run
      if (cursor >= text.length) {
        winkToOurs[i] = -1;
        continue;
      }
      let k = cursor;
      while (k < text.length && !/\s/.test(text[k]!)) k++;
      at = cursor;
      len = Math.min(k, cursor + v.length) - cursor || 1;
      tokenText = text.slice(at, at + len);
    }
    cursor = at + len;
    while (p < paragraphs.length && at >= paragraphs[p]!.end) p++;
    if (p === paragraphs.length || at < paragraphs[p]!.start) {
      winkToOurs[i] = -1;
      continue;
    }
    if (at + len > paragraphs[p]!.end) {
      tokens.length = first;
      return false;
    }
    winkToOurs[i] = tokens.length;
    paraOf.push(p);
    tokens.push({ start: offset + at, end: offset + at + len, text: tokenText, lemma: lemmas[i] ?? v.toLowerCase(), pos: pos[i] ?? 'X', sentence: -1 });
  }
  // each wink sentence, split where its tokens' paragraph changes
  for (const [a, b] of spans) {
    let ta = -1; // first and last of our tokens in the current part
    let tb = -1;
    for (let i = a; i <= b; i++) {
      const t = winkToOurs[i]!;
      if (t < 0) continue;
      if (ta >= 0 && paraOf[t - first] !== paraOf[ta - first]) {
        addSentence(sentences, tokens, ta, tb, paragraphs[paraOf[ta - first]!]!.index);
        ta = -1;
      }
      if (ta < 0) ta = t;
      tb = t;
    }
    if (ta >= 0) addSentence(sentences, tokens, ta, tb, paragraphs[paraOf[ta - first]!]!.index);
  }
  return true;
}

/** A sentence of tokens [ta, tb] (indexes in `tokens`), appended to `sentences` and marked on its tokens. */
function addSentence(sentences: Sentence[], tokens: Token[], ta: number, tb: number, paragraph: number): void {
  const index = sentences.length;
  for (let k = ta; k <= tb; k++) tokens[k]!.sentence = index;
  sentences.push({ index, start: tokens[ta]!.start, end: tokens[tb]!.end, tokenStart: ta, tokenEnd: tb + 1, paragraph });
}

export const tokensStage = defineStage({
  name: 'sentences+tokens',
  requires: ['paragraphs'],
  assigns: ['sentences', 'tokens'],
  run(doc, res) {
    const sentences: Sentence[] = [];
    const tokens: Token[] = [];
    if (!tokenizeParagraphs(res.nlp, doc.text, doc.paragraphs!, sentences, tokens)) {
      for (const p of doc.paragraphs!) tokenizeRange(res.nlp, doc.text, p.start, p.end, p.index, sentences, tokens);
    }
    return { sentences, tokens };
  },
});
