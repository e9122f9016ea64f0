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

export interface TokenizeResult {
  sentences: Omit<Sentence, 'paragraph'>[];
  tokens: Token[];
}

/**
 * Tokenise `text.slice(start, end)` with wink-nlp and map tokens back to absolute offsets.
 * Tokens wink normalises (rare) are found by searching forward; a token that cannot be found
 * is skipped rather than given a wrong span.
 */
export function tokenizeRange(nlp: WinkNlp, text: string, start: number, end: number, firstSentence: number, firstToken: number): TokenizeResult {
  const its = nlp.its;
  const slice = text.slice(start, end);
  const wdoc = nlp.readDoc(slice);
  const values = wdoc.tokens().out(its.value) as string[];
  const pos = wdoc.tokens().out(its.pos) as string[];
  const lemmas = wdoc.tokens().out(its.lemma as never) as unknown as string[];
  const spans = wdoc.sentences().out(its.span) as unknown as [number, number][];

  // align wink token i -> [s, e) in slice
  const at = new Int32Array(values.length).fill(-1);
  const len = new Int32Array(values.length);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let idx = slice.startsWith(v, cursor) ? cursor : slice.indexOf(v, cursor);
    if (idx < 0 || idx - cursor > 200) {
      // wink changed the token (e.g. expanded a contraction): take the next non-space run
      let j = cursor;
      while (j < slice.length && /\s/.test(slice[j]!)) j++;
      if (j >= slice.length) continue;
      let k = j;
      while (k < slice.length && !/\s/.test(slice[k]!)) k++;
      idx = j;
      at[i] = idx;
      len[i] = Math.min(k, j + v.length) - j || 1;
      cursor = idx + len[i]!;
      continue;
    }
    at[i] = idx;
    len[i] = v.length;
    cursor = idx + v.length;
  }

  const tokens: Token[] = [];
  const sentences: Omit<Sentence, 'paragraph'>[] = [];
  const winkToOurs = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    if (at[i]! < 0) continue;
    winkToOurs[i] = firstToken + tokens.length;
    tokens.push({
      start: start + at[i]!,
      end: start + at[i]! + len[i]!,
      text: text.slice(start + at[i]!, start + at[i]! + len[i]!),
      lemma: lemmas[i] ?? values[i]!.toLowerCase(),
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
    const idx = firstSentence + sentences.length;
    for (let t = ta; t <= tb; t++) tokens[t - firstToken]!.sentence = idx;
    sentences.push({ index: idx, start: tokens[ta - firstToken]!.start, end: tokens[tb - firstToken]!.end, tokenStart: ta, tokenEnd: tb + 1 });
  }
  return { sentences, tokens };
}

export const tokensStage = defineStage({
  name: 'sentences+tokens',
  requires: ['paragraphs'],
  assigns: ['sentences', 'tokens'],
  run(doc, res) {
    const sentences: Sentence[] = [];
    const tokens: Token[] = [];
    for (const p of doc.paragraphs!) {
      const r = tokenizeRange(res.nlp, doc.text, p.start, p.end, sentences.length, tokens.length);
      tokens.push(...r.tokens);
      for (const s of r.sentences) sentences.push({ ...s, paragraph: p.index });
    }
    return { sentences, tokens };
  },
});
