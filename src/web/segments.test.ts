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

import { dayNum, timelineRange } from './days.js';

describe('timelineRange', () => {
  const d = (iso: string) => dayNum(iso);
  it('shows a few weeks of news by day', () => {
    const r = timelineRange([d('2024-03-01'), d('2024-03-20'), d('2024-04-10')])!;
    expect(r).toEqual({ start: d('2024-03-01'), end: d('2024-04-10'), bucket: 1, before: 0 });
  });
  it('leaves off a small early tail of background history and counts it', () => {
    const news = Array.from({ length: 30 }, (_, i) => d('2024-03-01') + i);
    const r = timelineRange([d('1994-05-01'), d('2020-09-27'), ...news])!;
    expect(r.start).toBe(d('2024-03-01'));
    expect(r.before).toBe(2);
    expect(r.bucket).toBe(1);
  });
  it('keeps a long corpus whole, in weeks or months', () => {
    const even = Array.from({ length: 40 }, (_, i) => d('2020-01-01') + i * 30);
    const r = timelineRange(even)!;
    expect(r.before).toBe(0);
    expect(r.bucket).toBe(30);
    expect(timelineRange([d('2023-01-01'), d('2023-12-31')])!.bucket).toBe(7);
    expect(timelineRange([])).toBeNull();
  });
});
