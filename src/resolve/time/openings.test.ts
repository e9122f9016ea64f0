import { describe, expect, it } from 'vitest';
import { WordStartScanner } from './openings.js';
import { RULES } from './rules.js';
import { NUMERIC_DATE } from './numeric.js';

/** What a global exec loop finds for each pattern (with the scanner's word-start lookbehind). */
function execLoop(patterns: readonly RegExp[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, k) => {
    const re = new RegExp(`(?<![A-Za-z0-9])(?:${p.source})`, p.flags);
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push(`${k}@${m.index}:${m[0]}`);
    }
  });
  return out.sort();
}

function scanned(scanner: WordStartScanner, text: string): string[] {
  const out: string[] = [];
  scanner.scan(text, (k, m) => out.push(`${k}@${m.index}:${m[0]}`));
  return out.sort();
}

const TEXTS = [
  'Clashes erupted on Monday (September 12) and again two days later, about 3 p.m. local time.',
  'THE MARCHING BAND played in MARCH 2021; in early March, more than 1,200 people fled over the past 3 weeks.',
  'Since then, the 1990s and the \u201990s\u2019 were recalled. The day before yesterday\u00a0it rained.',
  'a few hours ago; a-day-long strike; 12/09/2022 and 2022-09-12; twice a week; every other Friday night',
  '',
  'x',
  'the the the the past the last   weeks',
];

describe('WordStartScanner', () => {
  it('finds exactly what a global exec loop finds, for every time rule', () => {
    const patterns = [...RULES, NUMERIC_DATE].map((r) => r.re);
    for (const depth of [1, 3, 6]) {
      const scanner = new WordStartScanner(patterns, depth);
      for (const t of [...TEXTS, ...TEXTS.map((t) => t.toUpperCase()), ...TEXTS.map((t) => t.toLowerCase())]) {
        expect(scanned(scanner, t), `depth ${depth}: ${t}`).toEqual(execLoop(patterns, t));
      }
    }
  });

  it('reads classes, repeats, alternatives and lookarounds without missing a start', () => {
    const patterns = [
      /[^a-z]{2}x/g, // a negated class opens on anything
      /(?:ab|a)*c/g, // can start with its required part
      /\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?%/g,
      /(?=foo)\w+|b\Bar/g, // lookahead and \B are taken to pass
      /x?/g, // may be empty: empty matches are skipped, as in collect()
      /[A-C][\s-]+(?<tail>end)/gi,
    ];
    const scanner = new WordStartScanner(patterns);
    for (const t of ['..x 12x aac abababc 1,234,567 3.5% foobar bar', 'B -\u2003END c-end', 'AbC Xx', '']) {
      expect(scanned(scanner, t), t).toEqual(execLoop(patterns, t));
    }
  });

  it('handles more than 32 patterns', () => {
    const patterns = Array.from({ length: 40 }, (_, i) => new RegExp(`w${i}\\b`, 'g'));
    const text = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    expect(scanned(new WordStartScanner(patterns), text)).toEqual(execLoop(patterns, text));
  });

  it('folds every kind of whitespace that \\s matches', () => {
    // a text with an unusual space between "two" and "days" must still reach the duration rule
    const spaces = Array.from({ length: 65536 }, (_, c) => String.fromCharCode(c)).filter((ch) => /\s/.test(ch));
    const patterns = [/two\s+days/g];
    const scanner = new WordStartScanner(patterns);
    for (const sp of spaces) expect(scanned(scanner, `in two${sp}days`), `U+${sp.charCodeAt(0).toString(16)}`).toEqual(execLoop(patterns, `in two${sp}days`));
  });

  it('refuses syntax it does not read and patterns that are not global', () => {
    expect(() => new WordStartScanner([/(a)\1/g])).toThrow(/unsupported/);
    expect(() => new WordStartScanner([/a/])).toThrow(/global/);
    expect(() => new WordStartScanner([/a/gu])).toThrow(/global/);
  });
});
