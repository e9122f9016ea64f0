import { describe, expect, it } from 'vitest';
import { paragraphs, segment } from './segments.js';

describe('segment', () => {
  const text = 'Azerbaijan shelled Armenian positions on Monday.';

  it('covers the text exactly, cutting at every mark boundary', () => {
    const segs = segment(text, [
      { start: 0, end: 10, kind: 'actor' },
      { start: 0, end: 48, kind: 'evidence', label: 'e1' },
      { start: 11, end: 18, kind: 'trigger', label: 'e1' },
      { start: 41, end: 47, kind: 'time' },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs[0]).toMatchObject({ text: 'Azerbaijan', start: 0, end: 10 });
    expect(segs[0]!.marks.map((m) => m.kind).sort()).toEqual(['actor', 'evidence']);
    const trig = segs.find((s) => s.text === 'shelled')!;
    expect(trig.marks.map((m) => m.kind).sort()).toEqual(['evidence', 'trigger']);
    expect(segs.find((s) => s.text === 'Monday')!.marks.map((m) => m.kind).sort()).toEqual(['evidence', 'time']);
    expect(segs.at(-1)).toMatchObject({ text: '.', marks: [{ kind: 'evidence' }] });
  });

  it('drops marks outside the text, reversed or fractional, and clips to the range asked', () => {
    const segs = segment(text, [
      { start: 40, end: 400, kind: 'actor' },
      { start: 9, end: 3, kind: 'place' },
      { start: 1.5, end: 4, kind: 'time' },
      { start: -1, end: 4, kind: 'time' },
    ]);
    expect(segs).toEqual([{ start: 0, end: text.length, text, marks: [] }]);
    const part = segment(text, [{ start: 0, end: 10, kind: 'actor' }], 5, 20);
    expect(part.map((s) => s.text)).toEqual(['aijan', ' shelled A']);
    expect(part[0]!.marks).toHaveLength(1);
  });
});

describe('paragraphs', () => {
  it('returns the non-blank lines with their offsets', () => {
    const t = 'Title\n\n  Body one.\nBody two.\n \n';
    const ps = paragraphs(t);
    expect(ps.map((p) => t.slice(p.start, p.end))).toEqual(['Title', '  Body one.', 'Body two.']);
  });
});
