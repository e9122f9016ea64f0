import { describe, expect, it } from 'vitest';
import { nextWordStart, wordEndAt, wordsOf } from './recognize.js';

// The places stage's words are scanned by hand (nextWordStart, wordEndAt): they must be exactly
// what this regex matches, which they replaced.
const WORD_RE = /[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'’.][\p{L}\p{M}\p{N}]+|&\p{Lu})*\.?/gu;

function byRegex(s: string): [number, number][] {
  return [...s.matchAll(WORD_RE)].map((m) => [m.index, m.index + m[0].length]);
}

function byScan(s: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = nextWordStart(s, 0); at < s.length; at = nextWordStart(s, at)) {
    const end = wordEndAt(s, at);
    out.push([at, end]);
    at = end;
  }
  return out;
}

describe('place words', () => {
  it('are the regex matches on news text', () => {
    const text = "Shelling hit Dara-e-Pech and Donets'k; the U.S. and AT&T's office in St. Louis, Mo. — Kunar’s 3rd ward (Ras el-Ain), Zaporizhzhia's 2 villages… Ñuñoa, İzmir, Đà Nẵng.";
    expect(byScan(text)).toEqual(byRegex(text));
    expect(wordsOf(text, 0, text.length).map((w) => w.text).slice(0, 6)).toEqual(['Shelling', 'hit', 'Dara-e-Pech', 'and', "Donets'k", 'the']);
  });

  it('are the regex matches on random strings of letters, marks, digits, joiners, astral and lone surrogates', () => {
    const alphabet = ['a', 'Z', '9', '-', "'", '’', '.', '&', ' ', 'é', 'É', '\u0301', '𝐀', '𝑎', '٣', 'ع', '中', 'ß', '\u00a0', '\n', 'Ⅻ', '²', 'ǅ', '\ud800', 'x'];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let k = 0; k < 5000; k++) {
      let s = '';
      const n = 1 + Math.floor(rnd() * 30);
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      expect(byScan(s), JSON.stringify(s)).toEqual(byRegex(s));
    }
  });
});
