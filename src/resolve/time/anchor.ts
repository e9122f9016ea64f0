// Placing a partial date on the calendar: a weekday, a month, a month and day, with or without
// the tense of their clause, relative to a reference day (the publication date, or the day an
// old article's own dates point to).

import { dayNum, daysInMonth, validDate, weekday, ymd, type DayNum } from './calendar.js';
import type { Tense } from './tense.js';

export type Direction = 'past' | 'future' | 'nearest';

export function directionOf(tense: Tense | null): Direction {
  if (tense === 'future') return 'future';
  if (tense === 'past') return 'past';
  return 'nearest';
}

/** The day with weekday `wd` nearest `ref` in the given direction (the reference day itself counts). */
export function weekdayNear(ref: DayNum, wd: number, dir: Direction | 'last' | 'next' | 'this'): DayNum {
  const cur = weekday(ref);
  const back = (cur - wd + 7) % 7;
  const fwd = (wd - cur + 7) % 7;
  switch (dir) {
    case 'last': return ref - (back === 0 ? 7 : back);
    case 'next': return ref + (fwd === 0 ? 7 : fwd);
    case 'future': return ref + fwd;
    case 'this': {
      // the same ISO week (Monday–Sunday) as ref
      const mon = ref - ((cur + 6) % 7);
      return mon + ((wd + 6) % 7);
    }
    case 'past':
    case 'nearest':
    default:
      // news reports mostly look back: a bare weekday is the latest one, unless the clause is future
      return ref - back;
  }
}

/** Year for a month named without one. */
export function yearForMonth(ref: DayNum, month: number, dir: Direction): number {
  const r = ymd(ref);
  if (dir === 'past') return month <= r.m ? r.y : r.y - 1;
  if (dir === 'future') return month >= r.m ? r.y : r.y + 1;
  // untensed: the nearest, within six months either way
  const diff = month - r.m;
  if (diff > 6) return r.y - 1;
  if (diff < -6) return r.y + 1;
  return r.y;
}

/** Year for a month and day named without one; null when the day does not exist in any candidate year. */
export function yearForMonthDay(ref: DayNum, month: number, day: number, dir: Direction): number | null {
  const r = ymd(ref);
  const cands: number[] = [];
  for (const y of [r.y - 1, r.y, r.y + 1]) if (validDate(y, month, day)) cands.push(y);
  if (cands.length === 0) {
    // 29 February: the nearest leap year
    for (let y = r.y; y > r.y - 4; y--) if (validDate(y, month, day)) return y;
    return null;
  }
  // two days of slack: a report filed late in the evening names "tomorrow's" date in the past tense
  const slack = 2;
  // a past clause looks back, a future one ahead, but not across most of a year when the
  // other reading is a few weeks away ("was postponed to Jan. 14" written on 5 January)
  const near = 60;
  if (dir === 'past') {
    const ok = cands.filter((y) => dayNum(y, month, day) <= ref + slack);
    const pick = ok.length ? ok[ok.length - 1]! : cands[0]!;
    const after = cands.find((y) => dayNum(y, month, day) > ref + slack && dayNum(y, month, day) - ref <= near);
    if (after !== undefined && ref - dayNum(pick, month, day) > 240) return after;
    return pick;
  }
  if (dir === 'future') {
    const ok = cands.filter((y) => dayNum(y, month, day) >= ref - slack);
    const pick = ok.length ? ok[0]! : cands[cands.length - 1]!;
    const before = [...cands].reverse().find((y) => dayNum(y, month, day) < ref - slack && ref - dayNum(y, month, day) <= near);
    if (before !== undefined && dayNum(pick, month, day) - ref > 240) return before;
    return pick;
  }
  let best = cands[0]!;
  for (const y of cands) if (Math.abs(dayNum(y, month, day) - ref) < Math.abs(dayNum(best, month, day) - ref)) best = y;
  return best;
}

export interface WeekdayDateFit {
  year: number;
  /** The weekday agrees with the date in `year`. */
  fits: boolean;
}

/**
 * A weekday with a month and day but no year ("Monday (September 12)"): the year near the
 * reference that the weekday fits, searching back from it (or forward for a future clause).
 * When no year near the reference fits, the plain calendar reading is kept and `fits` is false.
 */
export function yearForWeekdayDate(ref: DayNum, month: number, day: number, wd: number, dir: Direction): WeekdayDateFit | null {
  const base = yearForMonthDay(ref, month, day, dir);
  if (base === null) return null;
  const order = dir === 'future' ? [base, base + 1] : dir === 'past' ? [base, base - 1] : [base, base - 1, base + 1];
  for (const y of order) {
    if (!validDate(y, month, day)) continue;
    if (dir === 'future' && dayNum(y, month, day) < ref - 2) continue;
    if (dir !== 'future' && y > base) {
      // forward only within a few weeks of the reference
      if (dayNum(y, month, day) - ref > 31) continue;
    }
    if (weekday(dayNum(y, month, day)) === wd) return { year: y, fits: true };
  }
  return { year: base, fits: false };
}

export function clampDay(y: number, m: number, d: number): number {
  return Math.min(d, daysInMonth(y, m));
}
