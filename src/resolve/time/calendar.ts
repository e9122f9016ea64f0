// Calendar arithmetic on day numbers (days since 1970-01-01, UTC), so that dates never pass
// through local time zones and intervals stay inclusive ISO dates.

export type DayNum = number;

const MS_PER_DAY = 86_400_000;

export function dayNum(y: number, m: number, d: number): DayNum {
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** The day of an ISO date ("2022-03-01", or the date part of a longer value); null when it is none. */
export function parseIso(s: string): DayNum | null {
  // read by character codes: this runs for every date compared while dating events, where a regex match showed in profiles
  if (s.length < 10 || s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH) return null;
  const y = digits(s, 0, 4), mo = digits(s, 5, 7), d = digits(s, 8, 10);
  if (y < 0 || mo < 0 || d < 0 || !validDate(y, mo, d)) return null;
  return dayNum(y, mo, d);
}

const DASH = 45;
const ZERO = 48;

/** The number written by the ASCII digits s[from, to), or -1 if any is not one. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  return d <= daysInMonth(y, m);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  // the usual case by arithmetic (a Date per call shows in profiles); anything else (months out
  // of range, years 0–99, which Date.UTC reads as 1900–1999) by Date's own rules
  if (Number.isInteger(y) && Number.isInteger(m) && y >= 100 && y <= 9999 && m >= 1 && m <= 12) {
    return m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1]!;
  }
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function ymd(n: DayNum): Ymd {
  const dt = new Date(n * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function iso(n: DayNum): string {
  const { y, m, d } = ymd(n);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function isoYm(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}

export function isoYmd(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** 0 = Sunday … 6 = Saturday (as Date.getUTCDay). */
export function weekday(n: DayNum): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** Monday of the ISO week holding `n`. */
export function mondayOf(n: DayNum): DayNum {
  return n - ((weekday(n) + 6) % 7);
}

/** ISO-8601 week-numbering year and week of day `n`. */
export function isoWeek(n: DayNum): { year: number; week: number } {
  const thursday = mondayOf(n) + 3;
  const year = ymd(thursday).y;
  const week = Math.floor((thursday - dayNum(year, 1, 1)) / 7) + 1;
  return { year, week };
}

export function isoWeekValue(n: DayNum): string {
  const w = isoWeek(n);
  return `${pad(w.year, 4)}-W${pad(w.week)}`;
}

/** Month arithmetic: (y, m) plus k months. */
export function addMonths(y: number, m: number, k: number): { y: number; m: number } {
  const t = y * 12 + (m - 1) + k;
  return { y: Math.floor(t / 12), m: (t % 12) + 1 };
}

export interface Interval {
  start: DayNum;
  end: DayNum;
}

export function monthInterval(y: number, m: number): Interval {
  return { start: dayNum(y, m, 1), end: dayNum(y, m, daysInMonth(y, m)) };
}

export function yearInterval(y: number): Interval {
  return { start: dayNum(y, 1, 1), end: dayNum(y, 12, 31) };
}

export function isoRange(i: Interval): { start: string; end: string } {
  return { start: iso(i.start), end: iso(i.end) };
}
