import { describe, expect, it } from 'vitest';
import { mapped, withFields } from './objects.js';

describe('withFields', () => {
  it('gives what { ...base, ...fields } gives: the same keys in the same order, fields winning', () => {
    const base = { text: 'Armenia', name: 'Armenia', country: 'ARM', sector: null as string | null, span: { start: 0, end: 7 } };
    const fields = { sector: 'GOV', kind: 'state' as const, span: { start: 3, end: 9 } };
    const made = withFields(base, fields);
    const spread = { ...base, ...fields };
    expect(made).toEqual(spread);
    expect(Object.keys(made)).toEqual(Object.keys(spread));
    expect(JSON.stringify(made)).toBe(JSON.stringify(spread));
  });

  it('makes a new object and leaves both inputs as they were', () => {
    const base = { a: 1 };
    const fields = { b: 2 };
    const made = withFields(base, fields);
    expect(made).not.toBe(base);
    expect(base).toEqual({ a: 1 });
    expect(fields).toEqual({ b: 2 });
    expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
  });
});

describe('mapped', () => {
  it('gives what xs.map(f) gives, in order, and calls f once per element', () => {
    const xs = [{ a: 3 }, { a: 1 }, { a: 2 }];
    const seen: number[] = [];
    const out = mapped(xs, (x) => {
      seen.push(x.a);
      return x.a * 10;
    });
    expect(out).toEqual(xs.map((x) => x.a * 10));
    expect(seen).toEqual([3, 1, 2]);
    expect(mapped([], (x: number) => x)).toEqual([]);
  });
});
