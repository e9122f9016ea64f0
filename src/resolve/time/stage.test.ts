import { describe, expect, it } from 'vitest';
import { mention, times } from './test-helpers.js';

describe('times: calendar dates', () => {
  it('dates a weekday with a calendar date by the year the weekday fits, searching back from publication', () => {
    const t = times('Fighting broke out overnight on Monday (September 12) along the border.', '2023-05-31');
    const m = mention(t, 'Monday (September 12)')!;
    expect(m.text).toBe('overnight on Monday (September 12)');
    expect(m.value).toBe('2022-09-12TNI');
    // overnight: Monday night into Tuesday
    expect(m.range).toEqual({ start: '2022-09-12', end: '2022-09-13' });
    expect(m.stated).toEqual(expect.arrayContaining(['weekday', 'month', 'day']));
    expect(m.implied).toEqual(['year']);
    expect(m.mismatch).toBeUndefined();
  });

  it('crosses a year boundary backwards: "Friday, December 30" written in January', () => {
    // 30 December 2022 was a Friday; 2023's was a Saturday
    const t = times('Police said the raid took place on Friday, December 30.', '2023-01-04');
    expect(mention(t, 'December 30')!.value).toBe('2022-12-30');
  });

  it('crosses a year boundary forwards for a future clause: "Monday, January 2"', () => {
    const t = times('The talks will resume on Monday, January 2, officials said.', '2022-12-28');
    expect(mention(t, 'January 2')!.value).toBe('2023-01-02');
  });

  it('keeps the calendar date and flags the weekday when no year near publication fits', () => {
    // 1 April 2022 was a Friday, 2021's a Thursday
    const t = times('In a statement on Saturday, April 1, the army said troops had killed ten fighters.', '2022-04-06');
    const m = mention(t, 'April 1')!;
    expect(m.value).toBe('2022-04-01');
    expect(m.mismatch).toEqual({ weekday: 'Saturday', date: '2022-04-01' });
  });

  it('reads day-month order and a stated year', () => {
    const t = times('On 25 January 2022, protesters gathered in the capital.', '2022-02-10');
    const m = mention(t, '25 January 2022')!;
    expect(m.value).toBe('2022-01-25');
    expect(m.stated).toEqual(expect.arrayContaining(['year', 'month', 'day']));
    expect(m.implied).toEqual([]);
  });
});

describe('times: relative expressions and tense', () => {
  it('resolves a bare weekday to the last one in a past clause and the next one in a future clause', () => {
    // published Wednesday 2024-06-12
    const past = times('Gunmen attacked the village on Monday, residents said.', '2024-06-12');
    expect(mention(past, 'Monday')!.value).toBe('2024-06-10');
    const fut = times('The two leaders will meet on Monday in Geneva.', '2024-06-12');
    expect(mention(fut, 'Monday')!.value).toBe('2024-06-17');
    const due = times('The envoy is due to arrive on Friday.', '2024-06-12');
    expect(mention(due, 'Friday')!.value).toBe('2024-06-14');
  });

  it('reads "last week" as the previous Monday to Sunday and "in January" as the whole month', () => {
    const t = times('Troops withdrew last week. The offensive began in January.', '2022-04-06');
    const lw = mention(t, 'last week')!;
    expect(lw.range).toEqual({ start: '2022-03-28', end: '2022-04-03' });
    expect(lw.precision).toBe('week');
    const jan = mention(t, 'January')!;
    expect(jan.value).toBe('2022-01');
    expect(jan.range).toEqual({ start: '2022-01-01', end: '2022-01-31' });
  });

  it('resolves yesterday, today and years ago against publication', () => {
    const t = times('The strike happened yesterday. Today the town is quiet. The dam was built 40 years ago.', '2020-03-01');
    expect(mention(t, 'yesterday')!.value).toBe('2020-02-29');
    expect(mention(t, 'Today')!.value).toBe('2020-03-01');
    expect(mention(t, '40 years ago')!.value).toBe('1980');
  });
});

describe('times: years, decades, open ranges, durations and sets', () => {
  it('finds "in 2020", "since 1994" (open) and "the late 1980s"', () => {
    const t = times('The war ended in 2020. Rebels have held the town since 1994. In the late 1980s, fighting broke out.', '2023-05-31');
    const y = mention(t, '2020')!;
    expect(y).toMatchObject({ type: 'DATE', value: '2020', precision: 'year', range: { start: '2020-01-01', end: '2020-12-31' } });
    const since = mention(t, '1994')!;
    expect(since.open).toBe('after');
    const late = mention(t, 'late 1980s')!;
    expect(late).toMatchObject({ value: '198', mod: 'END', precision: 'decade', range: { start: '1987-01-01', end: '1989-12-31' } });
  });

  it('finds durations: "six-week", "two years", "decades"', () => {
    const t = times('After a six-week war, talks dragged on for two years; the dispute has lasted for decades.', '2023-05-31');
    expect(mention(t, 'six-week')).toMatchObject({ type: 'DURATION', value: 'P6W' });
    expect(mention(t, 'two years')).toMatchObject({ type: 'DURATION', value: 'P2Y' });
    expect(mention(t, 'decades')).toMatchObject({ type: 'DURATION', value: 'PXDE' });
  });

  it('finds sets: "every day", "each Monday", "weekly"', () => {
    const t = times('Shelling is heard every day. Families queue each Monday for the weekly aid delivery.', '2023-05-31');
    expect(mention(t, 'every day')).toMatchObject({ type: 'SET', value: 'P1D' });
    expect(mention(t, 'each Monday')).toMatchObject({ type: 'SET', value: 'XXXX-WXX-1' });
    expect(mention(t, 'weekly')).toMatchObject({ type: 'SET', value: 'P1W' });
  });

  it('marks present and past references', () => {
    const t = times('Fighting is now spreading; the area was recently shelled.', '2023-05-31');
    expect(mention(t, 'now')!.value).toBe('PRESENT_REF');
    expect(mention(t, 'recently')!.value).toBe('PAST_REF');
  });
});

describe('times: what is not a time', () => {
  it('does not take counts for years', () => {
    const t = times('About 2000 people fled and 1,994 homes were destroyed; 2021 soldiers were deployed.', '2023-05-31');
    expect(t.filter((m) => /20|19/.test(m.text))).toEqual([]);
  });

  it('does not take "a 2020 Toyota" for a year', () => {
    const t = times('Gunmen escaped in a 2020 Toyota pickup.', '2023-05-31');
    expect(t).toEqual([]);
  });

  it('does not take "may" the verb or "March" the protest for months', () => {
    const t = times('May God protect them, the protesters said as the March on the capital went ahead. Talks may resume.', '2023-05-31');
    expect(t).toEqual([]);
  });

  it('still takes May and March as months where a date word leads them', () => {
    const t = times('The ceasefire collapsed in May and troops returned in early March.', '2023-06-20');
    expect(mention(t, 'May')!.value).toBe('2023-05');
    expect(mention(t, 'March')!.value).toBe('2023-03');
    expect(mention(t, 'March')!.range).toEqual({ start: '2023-03-01', end: '2023-03-10' });
  });

  it('ignores the date line that states publication', () => {
    const t = times('May 31, 2023\nClashes on the border\n\nClashes erupted on Monday.', '2023-05-31');
    expect(t.map((m) => m.text)).toEqual(['Monday']);
  });
});

describe('times: old articles', () => {
  it('reads bare weekdays against the article\'s own dates when they are months old', () => {
    const text = 'Clashes broke out overnight on Monday (September 12). Agencies reported the clash on Tuesday (September 13) morning. Reuters reported it on Tuesday. Troops started mining operations on Monday night.';
    const t = times(text, '2023-05-31');
    const tuesdays = t.filter((m) => m.text === 'Tuesday');
    expect(tuesdays.map((m) => m.value)).toEqual(['2022-09-13']);
    expect(mention(t, 'Monday night')!.value).toBe('2022-09-12');
  });

  it('keeps a current article\'s weekdays on the publication week', () => {
    const t = times('Clashes broke out on Monday (May 29). Agencies reported it on Tuesday.', '2023-05-31');
    expect(mention(t, 'Monday (May 29)')!.value).toBe('2023-05-29');
    expect(t.find((m) => m.text === 'Tuesday')!.value).toBe('2023-05-30');
  });
});

describe('times: numeric dates and clock times', () => {
  it('reads all-numeric dates in the convention that fits publication', () => {
    const t = times('Clashes on 12/09/2022 killed two; the ministry confirmed it on 2022/09/13.', '2022-09-20');
    expect(mention(t, '12/09/2022')!.value).toBe('2022-09-12');
    expect(mention(t, '2022/09/13')!.value).toBe('2022-09-13');
  });

  it('does not read prices, scores or versions as dates', () => {
    const t = times('Shares rose to 1.35 a share, the score was 3/4 and version 1.2.3 shipped.', '2022-09-20');
    expect(t).toEqual([]);
  });

  it('puts a clock time on the day named before it', () => {
    const t = times('On 16 January 2022, soldiers raided the village at around 6 a.m. and burned houses.', '2022-01-25');
    expect(mention(t, '6 a.m.')!.value).toBe('2022-01-16T06:00');
  });
});

describe('times: anaphora', () => {
  it('reads "the next day" and "later that year" against the date last named', () => {
    const t = times('Rebels entered the town on 3 March 2021. Troops retook it the next day. Talks failed later that year.', '2022-01-10');
    expect(mention(t, 'the next day')!.value).toBe('2021-03-04');
    expect(mention(t, 'later that year')!.value).toBe('2021');
  });
});

describe('times: tense across clauses', () => {
  it('takes the main clause\'s past over a later "would" in another clause', () => {
    const t = times('A gas attack killed dozens of people in the town early on Tuesday, in what would be the deadliest such incident.', '2017-04-05');
    expect(mention(t, 'Tuesday')!.value).toBe('2017-04-04');
  });

  it('reads a fronted weekday with the clause after its comma', () => {
    const t = times('On Friday, the council will vote on the plan.', '2024-06-12');
    expect(mention(t, 'Friday')!.value).toBe('2024-06-14');
  });

  it('opens "since then" from the date last named', () => {
    const t = times('The war ended in November 2020. Since then, the leaders have met twice.', '2023-05-31');
    expect(mention(t, 'Since then')).toMatchObject({ value: '2020-11', open: 'after' });
  });
});
