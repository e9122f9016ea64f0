import { describe, expect, it } from 'vitest';
import type { Token } from '../doc.js';
import { lowerForm, lowerTexts } from './lower.js';

const token = (text: string, start: number): Token => ({ start, end: start + text.length, text, lemma: text.toLowerCase(), pos: 'X', sentence: 0 });

describe('lowerTexts', () => {
  const tokens = ['Armenian', 'forces', 'SHELLED', 'Jermuk', '’s', 'Ärzte'].map((w, i) => token(w, i * 10));

  it('gives the lower-cased text of every token, in order', () => {
    expect(lowerTexts(tokens)).toEqual(['armenian', 'forces', 'shelled', 'jermuk', '’s', 'ärzte']);
  });

  it('computes a token list once: the same list for the same tokens, another for other tokens', () => {
    const first = lowerTexts(tokens);
    expect(lowerTexts(tokens)).toBe(first);
    const other = tokens.slice(1);
    expect(lowerTexts(other)).not.toBe(first);
    expect(lowerTexts(other)).toEqual(first.slice(1));
  });
});

describe('lowerForm', () => {
  it('is toLowerCase, whether a form was seen before or not', () => {
    for (const w of ['Kyiv', 'KYIV', 'kyiv', 'İstanbul', 'ΣΟΦΙΑ', '']) {
      expect(lowerForm(w)).toBe(w.toLowerCase());
      expect(lowerForm(w)).toBe(w.toLowerCase());
    }
  });

  it('stays right past its bound, when it starts over', () => {
    for (let i = 0; i < 50_100; i++) lowerForm(`Word${i}`);
    expect(lowerForm('Word3')).toBe('word3');
    expect(lowerForm('Word50099')).toBe('word50099');
  });
});
