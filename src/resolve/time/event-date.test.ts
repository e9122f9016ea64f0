import { describe, expect, it } from 'vitest';
import type { Doc, Span } from '../../doc.js';
import { eventDate, temporalStatus } from './event-date.js';
import { docWithTimes } from './test-helpers.js';

function at(doc: Doc, word: string, from = 0): Span {
  const start = doc.text.indexOf(word, from);
  if (start < 0) throw new Error(`no "${word}"`);
  return { start, end: start + word.length };
}

const ARTICLE = [
  'Rebels attacked an army base near the border on Tuesday, the defence ministry said. The ministry said on Wednesday that troops had repelled the assault.',
  'Officials condemned the violence.',
  'The rebels first took up arms in 2014 after a disputed election. They have controlled the hills since a war in 1998.',
  'Regional leaders will meet on Friday to discuss a ceasefire.',
].join('\n\n');

describe('eventDate', () => {
  const doc = docWithTimes(ARTICLE, '2024-06-13'); // a Thursday

  it('takes the time expression of the event\'s own clause', () => {
    const d = eventDate(doc, at(doc, 'attacked'))!;
    expect(d).toMatchObject({ start: '2024-06-11', end: '2024-06-11', precision: 'day', source: 'clause' });
    expect(doc.text.slice(d.evidence!.start, d.evidence!.end)).toBe('Tuesday');
    const said = eventDate(doc, at(doc, 'said on Wednesday'), { statement: true })!;
    expect(said.start).toBe('2024-06-12');
  });

  it('dates a background event by its own year', () => {
    expect(eventDate(doc, at(doc, 'took up arms'))).toMatchObject({ start: '2014-01-01', end: '2014-12-31', precision: 'year' });
  });

  it('gives an undated statement the news window and an undated action of an undated article null', () => {
    const s = eventDate(doc, at(doc, 'condemned'), { statement: true })!;
    expect(s.source).toBe('article');
    expect(s.start).toBe('2024-06-11');
    expect(s.end).toBe('2024-06-13');
    const bare = docWithTimes('Gunmen burned the market. Officials condemned the attack.', '2024-06-13');
    expect(eventDate(bare, at(bare, 'burned'))).toBeNull();
    expect(eventDate(bare, at(bare, 'condemned'), { statement: true })).toMatchObject({ start: '2024-06-12', end: '2024-06-13', source: 'published' });
  });

  it('falls back to the paragraph\'s date with lower precision', () => {
    const p = docWithTimes('Troops entered the town on Sunday. Shops were looted.', '2024-06-13');
    const d = eventDate(p, at(p, 'looted'))!;
    expect(d.source).toBe('paragraph');
    expect(d.start).toBe('2024-06-09');
    expect(d.precision).toBe('week');
  });
});

describe('temporalStatus', () => {
  const doc = docWithTimes(ARTICLE, '2024-06-13');

  it('marks events dated long before the news as historical, by date not position', () => {
    const a = at(doc, 'took up arms');
    expect(temporalStatus(doc, a, eventDate(doc, a))).toBe('historical');
    const c = at(doc, 'controlled');
    expect(temporalStatus(doc, c, eventDate(doc, c))).toBe('historical');
    const n = at(doc, 'attacked');
    expect(temporalStatus(doc, n, eventDate(doc, n))).toBeNull();
  });

  it('marks scheduled events as future', () => {
    const m = at(doc, 'meet');
    const d = eventDate(doc, m)!;
    expect(d.start).toBe('2024-06-14');
    expect(temporalStatus(doc, m, d)).toBe('future');
  });

  it('keeps news told first in a background-looking sentence current', () => {
    const late = docWithTimes('In 2020, after years of war, the two sides signed a truce. Fighting resumed on Monday.', '2024-06-13');
    const r = at(late, 'resumed');
    expect(temporalStatus(late, r, eventDate(late, r))).toBeNull();
    const s = at(late, 'signed');
    expect(temporalStatus(late, s, eventDate(late, s))).toBe('historical');
  });
});

describe('temporalStatus: relative clauses and the pluperfect', () => {
  it('marks a meeting "which is due to convene" as future', () => {
    const d = docWithTimes('Britain requested an emergency meeting, which is due to convene on Wednesday.', '2017-04-05');
    const m = at(d, 'meeting');
    expect(temporalStatus(d, m, eventDate(d, m))).toBe('future');
  });

  it('marks undated pluperfect background as historical, but not pluperfect inside reported speech', () => {
    const d = docWithTimes('Gunmen shot the president on Wednesday. Opposition leaders had accused him of overstaying his mandate. Police said they had killed four suspects.', '2021-07-08');
    const acc = at(d, 'accused');
    expect(temporalStatus(d, acc, eventDate(d, acc))).toBe('historical');
    const k = at(d, 'killed');
    expect(temporalStatus(d, k, eventDate(d, k))).toBeNull();
  });
});

describe('eventDate: announced events', () => {
  it('gives an announced event with no date of its own null, and keeps a scheduled date', () => {
    const d = docWithTimes('Fighting broke out on Monday. The government said it would appeal to the UN. Leaders will meet on Friday.', '2024-06-12');
    expect(eventDate(d, at(d, 'appeal'))).toBeNull();
    expect(eventDate(d, at(d, 'meet'))!.start).toBe('2024-06-14');
  });
});
