import { describe, expect, it } from 'vitest';
import { readLayout } from './layout.js';
import { makeDoc } from './article.js';

describe('readLayout', () => {
  it('finds a date line, a title, its repetition and a caption before the body', () => {
    const text = 'June 3, 2024\nShelling hits border town\n\nShelling hits border town\n\nA destroyed house in the town. File photo\n\nArtillery hit the town of Example on Sunday, officials said.';
    const l = readLayout(text, null);
    expect(l.zones.map((z) => z.kind)).toEqual(['date', 'title', 'title', 'caption', 'body']);
    expect(l.firstLineDate?.date).toBe('2024-06-03');
    expect(l.title).toBe('Shelling hits border town');
  });

  it('knows a known title repeated in another case and spacing, and no line that only starts like it', () => {
    const text = '  SHELLING  hits border\ttown \n\nShelling hit the border town of Example on Sunday, officials said.';
    const l = readLayout(text, 'Shelling hits border town');
    expect(l.zones.map((z) => z.kind)).toEqual(['title', 'body']);
  });

  it('splits a dateline from the body and reads its date and agency', () => {
    const text = 'MOGADISHU, Oct 30, 2022 (Wire) - Two car bombs exploded near the ministry, police said.';
    const l = readLayout(text, null);
    expect(l.dateline?.date).toBe('2022-10-30');
    expect(l.dateline?.agency).toBe('Wire');
    expect(l.zones.map((z) => z.kind)).toEqual(['dateline', 'body']);
    expect(text.slice(l.zones[1]!.start, l.zones[1]!.end)).toMatch(/^Two car bombs/);
  });

  it('does not take a body sentence for a title or a number for a date', () => {
    const text = 'Rebels attacked the base on Friday, the army said.\n\n2,000 people fled.';
    const l = readLayout(text, null);
    expect(l.firstLineDate).toBeNull();
    expect(l.zones.every((z) => z.kind === 'body')).toBe(true);
  });
});

describe('makeDoc publication date', () => {
  it('prefers the input field, keeps the date of a date-time in its own offset', () => {
    const d = makeDoc({ id: 'x', text: 'May 31, 2023\nBody text here.', published: '2023-06-01T21:15:00-05:00' });
    expect(d.meta.published).toBe('2023-06-01');
    expect(d.meta.publishedFrom).toBe('input');
  });
  it('falls back to the first line, then the dateline, never to today', () => {
    expect(makeDoc({ id: 'a', text: 'May 31, 2023\nTitle\n\nBody text.' }).meta.published).toBe('2023-05-31');
    expect(makeDoc({ id: 'b', text: 'KHARTOUM, April 16, 2023 (Reuters) – Fighting went on.' }).meta.published).toBe('2023-04-16');
    expect(makeDoc({ id: 'c', text: 'KHARTOUM, April 16 (Reuters) – Fighting went on.' }).meta.published).toBeNull();
  });
});
