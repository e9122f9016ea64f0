import { describe, expect, it } from 'vitest';
import { dayNum, isoWeekValue, weekday } from './calendar.js';
import { weekdayNear, yearForMonth, yearForMonthDay, yearForWeekdayDate } from './anchor.js';

describe('calendar', () => {
  it('knows weekdays and ISO weeks across year ends', () => {
    expect(weekday(dayNum(2022, 9, 12))).toBe(1); // Monday
    expect(weekday(dayNum(2023, 1, 1))).toBe(0); // Sunday
    expect(isoWeekValue(dayNum(2021, 1, 3))).toBe('2020-W53');
    expect(isoWeekValue(dayNum(2024, 12, 30))).toBe('2025-W01');
  });
});

describe('weekday and year inference', () => {
  const ref = dayNum(2023, 1, 2); // Monday 2 January 2023

  it('places bare weekdays before or after the reference by direction', () => {
    expect(weekdayNear(ref, 5, 'past')).toBe(dayNum(2022, 12, 30));
    expect(weekdayNear(ref, 5, 'future')).toBe(dayNum(2023, 1, 6));
    expect(weekdayNear(ref, 1, 'past')).toBe(ref);
    expect(weekdayNear(ref, 1, 'last')).toBe(dayNum(2022, 12, 26));
    expect(weekdayNear(ref, 1, 'next')).toBe(dayNum(2023, 1, 9));
  });

  it('gives a month without a year the nearest year, or the one the tense points to', () => {
    expect(yearForMonth(ref, 12, 'nearest')).toBe(2022);
    expect(yearForMonth(ref, 12, 'future')).toBe(2023);
    expect(yearForMonth(ref, 2, 'past')).toBe(2022);
    expect(yearForMonth(ref, 2, 'nearest')).toBe(2023);
  });

  it('gives a month and day the year nearest the reference, across the year end', () => {
    expect(yearForMonthDay(ref, 12, 28, 'nearest')).toBe(2022);
    expect(yearForMonthDay(ref, 1, 5, 'nearest')).toBe(2023);
    expect(yearForMonthDay(ref, 1, 5, 'past')).toBe(2023); // a few days ahead, not a year back
    expect(yearForMonthDay(ref, 12, 28, 'future')).toBe(2022);
  });

  it('fits a weekday with a date: back across the year end, forward for a future clause', () => {
    // Wednesday 28 December fits 2022
    expect(yearForWeekdayDate(ref, 12, 28, 3, 'past')).toEqual({ year: 2022, fits: true });
    // Thursday 5 January fits 2023 (2022's was a Wednesday)
    expect(yearForWeekdayDate(ref, 1, 5, 4, 'future')).toEqual({ year: 2023, fits: true });
    // Monday 12 September fits 2022 only: an old report read in 2023
    expect(yearForWeekdayDate(dayNum(2023, 5, 31), 9, 12, 1, 'past')).toEqual({ year: 2022, fits: true });
    // Saturday 1 April does not fit 2022 or 2021: kept, flagged
    expect(yearForWeekdayDate(dayNum(2022, 4, 6), 4, 1, 6, 'past')).toEqual({ year: 2022, fits: false });
  });
});
