import { describe, expect, it } from 'vitest';
import { makeDoc } from '../ingest/article.js';
import { paragraphsStage } from './paragraphs.js';
import { loadWink, tokenizeParagraphs, tokenizeRange, tokensStage } from './tokens.js';
import { DEFAULT_SETTINGS, type Resources } from '../resources.js';
import type { Doc, Paragraph, Sentence, Token } from '../doc.js';

const res: Resources = { nlp: loadWink(), settings: DEFAULT_SETTINGS };

function tokenize(text: string): Doc {
  let doc: Doc = makeDoc({ id: 't', text });
  doc = { ...doc, ...paragraphsStage.run(doc, res) };
  return { ...doc, ...tokensStage.run(doc, res) };
}

describe('sentences and tokens', () => {
  it('gives every token its exact offsets, through curly quotes, ellipses and contractions', () => {
    const text = '“Positions … were shelled,” a statement from Azerbaijan’s Ministry of Defense said. They didn\'t say more.';
    const doc = tokenize(text);
    for (const t of doc.tokens!) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(doc.tokens!.map((t) => t.text)).toContain('Azerbaijan');
    expect(doc.sentences!.length).toBe(2);
    expect(text.slice(doc.sentences![1]!.start, doc.sentences![1]!.end)).toBe("They didn't say more.");
  });

  it('never lets a sentence cross a line break (title, dateline)', () => {
    const text = 'Clashes resume on the border\n\nKHARTOUM, April 16, 2023 (Wire) - Fighting went on overnight. Residents fled.';
    const doc = tokenize(text);
    const sents = doc.sentences!.map((s) => text.slice(s.start, s.end));
    expect(sents).toEqual(['Clashes resume on the border', 'KHARTOUM, April 16, 2023 (Wire) -', 'Fighting went on overnight.', 'Residents fled.']);
    expect(doc.paragraphs!.map((p) => p.kind)).toEqual(['title', 'dateline', 'body']);
  });

  it('links tokens and sentences both ways', () => {
    const doc = tokenize('One sentence here. And another one.');
    for (const s of doc.sentences!) {
      for (let i = s.tokenStart; i < s.tokenEnd; i++) expect(doc.tokens![i]!.sentence).toBe(s.index);
    }
    expect(doc.tokens!.find((t) => t.text === 'another')!.pos).toBe('DET');
  });

  it('reads the whole text in one pass with the tokens and sentences of one pass per paragraph', () => {
    const text = 'Clashes resume on the border\n\nKHARTOUM, April 16, 2023 (Wire) - Fighting went on overnight. Residents fled.\n\n"We left at dawn," she said. Police didn\'t comment.';
    const doc = tokenize(text);
    const sentences: Sentence[] = [];
    const tokens: Token[] = [];
    for (const p of doc.paragraphs!) tokenizeRange(res.nlp, text, p.start, p.end, p.index, sentences, tokens);
    expect(doc.tokens).toEqual(tokens);
    expect(doc.sentences!.map((s) => [s.start, s.end, s.paragraph])).toEqual(sentences.map((s) => [s.start, s.end, s.paragraph]));
  });

  it('gives a tab inside a line no token of its own', () => {
    const text = 'She said.\tPolice did not comment.';
    const doc = tokenize(text);
    expect(doc.tokens!.map((t) => t.text)).toEqual(['She', 'said', '.', 'Police', 'did', 'not', 'comment', '.']);
    for (const t of doc.tokens!) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('falls back to a pass per paragraph when a paragraph boundary cuts a token', () => {
    const text = 'Shelling hit Kapan overnight.';
    const paragraphs: Paragraph[] = [
      { start: 0, end: 15, index: 0, kind: 'body' },
      { start: 15, end: text.length, index: 1, kind: 'body' },
    ];
    expect(tokenizeParagraphs(res.nlp, text, paragraphs, [], [])).toBe(false);
    const doc = { ...makeDoc({ id: 't', text }), paragraphs };
    const { tokens, sentences } = tokensStage.run(doc, res);
    expect(tokens.map((t) => t.text)).toEqual(['Shelling', 'hit', 'Ka', 'pan', 'overnight', '.']);
    expect(sentences.map((s) => s.paragraph)).toEqual([0, 1]);
  });
});
