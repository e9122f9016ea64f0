// The time grammar: one precompiled pattern per kind of expression, each with the function that
// turns its match into a TIMEX3 value and a calendar interval. Patterns run once over the text
// (not per token); overlapping matches are settled in recognise.ts (longest wins).

import type { DatePrecision, TimexType } from '../../doc.js';
import { directionOf, weekdayNear, yearForMonth, yearForMonthDay, yearForWeekdayDate } from './anchor.js';
import {
  addMonths, dayNum, daysInMonth, isoWeekValue, isoYm, isoYmd, iso, mondayOf, monthInterval, validDate, weekday, yearInterval, ymd,
  type DayNum, type Interval,
} from './calendar.js';
import {
  COUNT_RE, DAY_RE, DECADE_WORDS, MONTHS, MONTH_RE, ORDINALS, PART_OF_DAY, SEASONS, UNIT_RE, W, WEEKDAYS, WEEKDAY_RE, YEAR_RE,
  countOf, durationValue, unitOf,
} from './lexicon.js';
import type { Tense } from './tense.js';

export type ResolvedKind = 'weekday' | 'weekday-date' | 'date' | 'relative' | 'ref' | 'duration' | 'set' | 'clock' | 'overnight' | 'year' | 'anaphoric';

export interface Resolved {
  type: TimexType;
  value: string | null;
  mod?: string | null;
  range: Interval | null;
  precision: DatePrecision | null;
  stated: string[];
  implied: string[];
  open?: 'after' | 'before' | null;
  kind: ResolvedKind;
  /** A weekday the text gave that the calendar date does not fall on. */
  mismatch?: { weekday: number; date: DayNum };
  /** For bare weekdays: re-resolved against an old article's own dates (see stage.ts). */
  weekday?: number;
  rel?: string | null;
  part?: string | null;
}

export interface Ctx {
  /** Reference day: the publication date, when known. */
  ref: DayNum | null;
  tense(): Tense | null;
  /** Up to 30 characters before and after the match. */
  before: string;
  after: string;
  /** The year of the latest absolute date before this expression (for "that year"). */
  lastYear: number | null;
  /** The latest day named before this expression (for "the next day"). */
  lastDay: DayNum | null;
  /** The latest dated expression before this one (for "since then"). */
  lastDate?: { range: Interval; precision: DatePrecision; value: string } | null;
}

type Groups = Record<string, string | undefined>;

export interface Rule {
  name: string;
  re: RegExp;
  /** Characters at the start of the match that are context, not part of the expression. */
  lead?: (g: Groups) => number;
  /** `match` is the matched text. */
  build(g: Groups, ctx: Ctx, text: string, match?: string): Resolved | null;
}

// ---------------------------------------------------------------- helpers

const monthNum = (s: string): number => MONTHS[s.toLowerCase().replace(/\.$/, '')]!;
const weekdayNum = (s: string): number => WEEKDAYS[s.toLowerCase().replace(/\.$/, '')]!;
const dayOf = (s: string): number => parseInt(s, 10);

const lc = (s: string | undefined): string => (s ?? '').toLowerCase().replace(/\s+/g, ' ');

function dayRange(d: DayNum, days = 1): Interval {
  return { start: d, end: d + days - 1 };
}

function modOf(word: string | undefined): string | null {
  switch (lc(word).replace(/-$/, '')) {
    case 'early': case 'the beginning of': case 'the start of': case 'earlier': return 'START';
    case 'mid': case 'the middle of': return 'MID';
    case 'late': case 'the end of': case 'later': return 'END';
    default: return null;
  }
}

/** Narrow an interval to its early / middle / late part. */
function part(i: Interval, mod: string | null): Interval {
  if (!mod) return i;
  const len = i.end - i.start + 1;
  if (mod === 'START') return { start: i.start, end: i.start + Math.max(0, Math.ceil(len / 3) - 1) };
  if (mod === 'MID') return { start: i.start + Math.floor(len / 3), end: i.start + Math.ceil((2 * len) / 3) - 1 };
  if (mod === 'END') return { start: i.start + Math.floor((2 * len) / 3), end: i.end };
  return i;
}

function monthPart(y: number, m: number, mod: string | null): Interval {
  const i = monthInterval(y, m);
  if (mod === 'START') return { start: i.start, end: dayNum(y, m, 10) };
  if (mod === 'MID') return { start: dayNum(y, m, 11), end: dayNum(y, m, 20) };
  if (mod === 'END') return { start: dayNum(y, m, 21), end: i.end };
  return i;
}

function decadePart(start: number, mod: string | null): Interval {
  if (mod === 'START') return { start: dayNum(start, 1, 1), end: dayNum(start + 3, 12, 31) };
  if (mod === 'MID') return { start: dayNum(start + 3, 1, 1), end: dayNum(start + 6, 12, 31) };
  if (mod === 'END') return { start: dayNum(start + 7, 1, 1), end: dayNum(start + 9, 12, 31) };
  return { start: dayNum(start, 1, 1), end: dayNum(start + 9, 12, 31) };
}

function openOf(before: string): 'after' | 'before' | null {
  if (/\b(?:since|from|after|beginning|starting)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?$/i.test(before)) return 'after';
  if (/\b(?:until|till|til|before|by|through|up to)\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?$/i.test(before)) return 'before';
  return null;
}

const PART_SUFFIX = '(?:\\s+(?<part>morning|afternoon|evening|night))?';

// TimeBank writes "Friday night" as the day itself more often than with a part-of-day suffix;
// the suffix is kept for TIME expressions ("this morning") and for "overnight" (see recognise.ts)
function partCode(_p: string | undefined): string {
  return '';
}
function timePartCode(p: string | undefined): string {
  return p ? `T${PART_OF_DAY[p.toLowerCase()]}` : '';
}

function dayResolved(d: DayNum, kind: ResolvedKind, stated: string[], p?: string, extra: Partial<Resolved> = {}): Resolved {
  const all = ['year', 'month', 'day'];
  return {
    type: 'DATE',
    value: iso(d) + partCode(p),
    range: dayRange(d),
    precision: 'day',
    stated,
    implied: all.filter((x) => !stated.includes(x)),
    kind,
    part: p ?? null,
    ...extra,
  };
}

/** A date whose year the text did not give: placed by the reference date and the tense. */
function unanchored(kind: ResolvedKind, type: TimexType, value: string, stated: string[]): Resolved {
  return { type, value, range: null, precision: null, stated, implied: [], kind };
}

// ---------------------------------------------------------------- calendar dates

const SINCE_AFTER = /\b(?:since|after)\s+(?:the\s+)?$/i;

/** The latest year in which month/day falls on or before `ref` (two days of slack for late filing). */
function yearOnOrBefore(ref: DayNum, m: number, d: number): number | null {
  const r = ymd(ref);
  for (let y = r.y + 1; y >= r.y - 4; y--) if (validDate(y, m, d) && dayNum(y, m, d) <= ref + 2) return y;
  return null;
}

function buildMonthDay(g: Groups, ctx: Ctx, wdName: string | undefined, preOpen: string): Resolved | null {
  const mName = g.mon ?? g.mon2;
  const dName = g.day ?? g.day2;
  if (!mName || !dName) return null;
  const m = monthNum(mName);
  const d = dayOf(dName);
  const wd = wdName ? weekdayNum(wdName) : null;
  const stated = ['month', 'day'];
  if (wd !== null) stated.push('weekday');
  const open = openOf(preOpen);
  if (g.year) {
    const y = +g.year;
    if (!validDate(y, m, d)) return null;
    const dn = dayNum(y, m, d);
    stated.push('year');
    const r = dayResolved(dn, wd !== null ? 'weekday-date' : 'date', stated, g.part, { open });
    if (wd !== null && weekday(dn) !== wd) r.mismatch = { weekday: wd, date: dn };
    return r;
  }
  if (ctx.ref === null) {
    if (d > 31) return null;
    return unanchored(wd !== null ? 'weekday-date' : 'date', 'DATE', `XXXX-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, stated);
  }
  const dir = directionOf(ctx.tense());
  if (wd !== null) {
    const fit = yearForWeekdayDate(ctx.ref, m, d, wd, dir);
    if (!fit) return null;
    const dn = dayNum(fit.year, m, d);
    const r = dayResolved(dn, 'weekday-date', stated, g.part, { open });
    if (!fit.fits) r.mismatch = { weekday: wd, date: dn };
    return r;
  }
  // "since Oct. 7", "after the Oct. 7 attack" outside a future clause: a day already past
  const y = dir !== 'future' && SINCE_AFTER.test(preOpen) ? yearOnOrBefore(ctx.ref, m, d) : yearForMonthDay(ctx.ref, m, d, dir);
  if (y === null) return null;
  return dayResolved(dayNum(y, m, d), 'date', stated, g.part, { open });
}

const MD = `(?:(?<mon>${MONTH_RE})\\s+(?<day>${DAY_RE})|(?<![\\d.,])(?<day2>${DAY_RE})\\s+(?:of\\s+)?(?<mon2>${MONTH_RE}))`;
const MDY = `${MD}(?:,?\\s+(?<year>${YEAR_RE}))?`;

const WEEKDAY_DATE_PAREN: Rule = {
  name: 'weekday-date-paren',
  re: new RegExp(`(?<wd>${WEEKDAY_RE})\\s*\\(\\s*${MDY}\\s*\\)${PART_SUFFIX}`, 'g'),
  build: (g, ctx) => buildMonthDay(g, ctx, g.wd, ctx.before),
};

const WEEKDAY_DATE: Rule = {
  name: 'weekday-date',
  re: new RegExp(`(?<wd>${WEEKDAY_RE}),?\\s+(?:the\\s+)?${MDY}${PART_SUFFIX}`, 'g'),
  build: (g, ctx) => buildMonthDay(g, ctx, g.wd, ctx.before),
};

const DATE: Rule = {
  name: 'date',
  re: new RegExp(`${MDY}(?:\\s+(?:in\\s+the\\s+)?(?<part>morning|afternoon|evening|night))?`, 'g'),
  build: (g, ctx) => {
    // "May 5" where "may" is a verb cannot happen (capitalised); "March 2" after "the" may be a
    // name ("the March 2 movement") but is still a date
    return buildMonthDay(g, ctx, undefined, ctx.before);
  },
};

const ISO_DATE: Rule = {
  name: 'iso-date',
  re: /(?<![\d-])(?<y>1[5-9]\d\d|20\d\d)-(?<m>0[1-9]|1[0-2])-(?<d>[0-3]\d)(?![\d])/g,
  build: (g, ctx) => {
    const y = +g.y!, m = +g.m!, d = +g.d!;
    if (!validDate(y, m, d)) return null;
    return dayResolved(dayNum(y, m, d), 'date', ['year', 'month', 'day'], undefined, { open: openOf(ctx.before) });
  },
};

const MOD_WORDS = `${W('early')}|${W('mid')}|${W('late')}|${W('the end of')}|${W('the beginning of')}|${W('the start of')}|${W('the middle of')}|${W('end')}|${W('end of')}`;

const MONTH_YEAR: Rule = {
  name: 'month-year',
  re: new RegExp(`(?:(?<mod>${MOD_WORDS})(?:-|\\s+))?(?<mon>${MONTH_RE}),?\\s+(?:of\\s+)?(?<year>${YEAR_RE})`, 'g'),
  build: (g, ctx) => {
    const m = monthNum(g.mon!);
    const y = +g.year!;
    const mod = modOf(g.mod);
    return {
      type: 'DATE', value: isoYm(y, m), mod, range: monthPart(y, m, mod), precision: 'month',
      stated: ['year', 'month'], implied: [], kind: 'date', open: openOf(ctx.before),
    };
  },
};

// May and March are also words ("May God…", "the March on Washington"): alone they need a
// temporal preposition or modifier before them
const MONTH_CONTEXT = /\b(?:in|since|until|till|by|from|to|through|during|before|after|of|on|early|late|mid|last|this|next|and|or|between|end|since|until)[\s-]*$/i;

const MONTH_ALONE: Rule = {
  name: 'month',
  re: new RegExp(`(?:(?<rel>${W('last')}|${W('this')}|${W('next')}|${W('this past')}|${W('earlier this')}|${MOD_WORDS})(?:-|\\s+))?(?<mon>${MONTH_RE})(?!\\s*\\d)`, 'g'),
  build: (g, ctx) => {
    const name = g.mon!;
    if (/\.$/.test(name) || (name.length <= 3 && name !== 'May')) return null;
    const m = monthNum(name);
    if ((m === 5 || m === 3) && !g.rel && !MONTH_CONTEXT.test(ctx.before)) return null;
    // a month name followed by a capitalised word is usually a name ("April Ryan", "August Bank")
    if (!g.rel && /^\s+[A-Z][a-z]/.test(ctx.after) && !MONTH_CONTEXT.test(ctx.before)) return null;
    const rel = lc(g.rel);
    const mod = modOf(rel);
    if (ctx.ref === null) return unanchored('date', 'DATE', `XXXX-${String(m).padStart(2, '0')}`, ['month']);
    const r = ymd(ctx.ref);
    let y: number;
    // "last February" said in March is a year back: the month just gone would be "last month"
    if (rel === 'last' || rel === 'this past') y = m < r.m - 1 ? r.y : r.y - 1;
    else if (rel === 'next') y = m > r.m + 1 ? r.y : r.y + 1;
    else if (rel === 'this' || rel === 'earlier this') y = r.y;
    else y = yearForMonth(ctx.ref, m, directionOf(ctx.tense()));
    return {
      type: 'DATE', value: isoYm(y, m), mod, range: monthPart(y, m, mod), precision: 'month',
      stated: ['month'], implied: ['year'], kind: 'date', open: openOf(ctx.before),
    };
  },
};

const SEASON: Rule = {
  name: 'season',
  re: new RegExp(`(?:(?<rel>${W('this past')}|${W('last')}|${W('this')}|${W('next')}|${W('early')}|${W('late')}|${W('the')}|${W('past')}|${W('mid')})(?:-|\\s+))?(?<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\\s+(?:of\\s+)?(?<year>${YEAR_RE}))?(?![\\w-])`, 'g'),
  build: (g, ctx) => {
    const rel = lc(g.rel);
    const s = SEASONS[g.season!.toLowerCase()]!;
    if (!g.year && (!rel || rel === 'the') && !/\b(?:in|during|since|until|by|this|last|next)\s+(?:the\s+)?$/i.test(ctx.before)) return null;
    if (s === 'FA' && !g.year && (!rel || rel === 'the')) return null; // "the fall of Kabul"
    let y: number | null = g.year ? +g.year : null;
    if (y === null && ctx.ref !== null) {
      const r = ymd(ctx.ref);
      const startMonth = s === 'SP' ? 3 : s === 'SU' ? 6 : s === 'FA' ? 9 : 12;
      if (rel === 'last' || rel === 'this past' || rel === 'past') y = startMonth < r.m ? r.y : r.y - 1;
      else if (rel === 'next') y = startMonth > r.m ? r.y : r.y + 1;
      else y = r.y;
      if (s === 'WI' && r.m <= 2 && rel !== 'next') y = r.y - 1;
    }
    if (y === null) return unanchored('date', 'DATE', `XXXX-${s}`, ['season']);
    const m0 = s === 'SP' ? 3 : s === 'SU' ? 6 : s === 'FA' ? 9 : 12;
    const end = addMonths(y, m0, 2);
    return {
      type: 'DATE', value: `${y}-${s}`, range: { start: dayNum(y, m0, 1), end: dayNum(end.y, end.m, daysInMonth(end.y, end.m)) },
      precision: 'month', stated: g.year ? ['year', 'season'] : ['season'], implied: g.year ? [] : ['year'], kind: 'date', mod: modOf(rel),
    };
  },
};

const DECADE: Rule = {
  name: 'decade',
  re: new RegExp(`(?:${W('the')}\\s+)?(?:(?<mod>${W('early')}|${W('mid')}|${W('late')})(?:-|\\s+))?(?:(?<dec>(?:1[5-9]|20)\\d)0'?s|'(?<short>\\d)0s|(?<word>(?:[Tt]wenties|[Tt]hirties|[Ff]orties|[Ff]ifties|[Ss]ixties|[Ss]eventies|[Ee]ighties|[Nn]ineties)))(?![\\w'])`, 'g'),
  build: (g, ctx) => {
    let start: number;
    if (g.dec) start = +g.dec * 10;
    else {
      const digit = g.short ? +g.short : DECADE_WORDS[g.word!.toLowerCase()]!;
      // "the eighties" without a century: the latest one before the reference
      if (g.word && !/^[Tt]he\s/.test(g.word) && !/\bthe\s+(?:early\s+|late\s+|mid-?)?$/i.test(ctx.before) && !/^[Tt]he/.test(ctx.before.slice(-4))) {
        // "in his eighties" is an age, not a decade
        if (/\b(?:his|her|their|its)\s+(?:early\s+|late\s+|mid-?)?$/i.test(ctx.before)) return null;
      }
      const refY = ctx.ref !== null ? ymd(ctx.ref).y : 2000;
      start = Math.floor(refY / 100) * 100 + digit * 10;
      if (start > refY) start -= 100;
    }
    const mod = modOf(g.mod);
    return {
      type: 'DATE', value: String(start / 10), mod, range: decadePart(start, mod), precision: 'decade',
      stated: ['decade'], implied: [], kind: 'date', open: openOf(ctx.before),
    };
  },
};

// words after a number that make it a count, not a year: "2020 Toyota" is caught by the article
// before it, "2000 people" by the noun after it
const COUNTED_AFTER = /^\s*(?:[-–]?\s*(?:km|kg|mm|cm|m|ft|mi|mph|kph|tonnes?|tons?|metres?|meters?|feet|miles?|acres?|hectares?|barrels?|votes?|seats?|people|persons|men|women|children|troops|soldiers|civilians|refugees|dollars|euros|pounds|rubles|yuan|rupees|units?|cars?|vehicles?|homes?|houses?|buildings?|rounds?|shells?|rockets?|missiles?|drones?|times|points?|calories|pages|words|members|workers|employees|students|fighters|militants|police|officers|residents|families|prisoners|detainees|votes)\b|\s*(?:%|per\s?cent|percent))/i;
const PLURAL_AFTER = /^\s+([a-z]+s)\b/;
const NOT_PLURAL = new Set(['was', 'is', 'as', 'has', 'its', 'this', 'his', 'thus', 'us', 'across', 'unless', 'whereas', 'news', 'plus', 'always', 'perhaps', 'towards', 'afterwards', 'besides', 'during', 'against', 'whilst', 'amongst', 'onwards', 'nations', 'elections', 'talks', 'olympics', 'games', 'polls', 'protests', 'clashes', 'riots', 'floods', 'hostilities']);
const COUNT_BEFORE = /\b(?:about|nearly|almost|over|some|than|least|only|just|approximately|around|roughly|another|additional|extra|#|no\.|number|model|flight|route|highway|resolution|article|section|paragraph|page|room|bus|pp?\.)\s*$/i;
/** "a 1996 law" is a date, "a 2020 Toyota" a model year and "an 1800-strong force" a count. */
const ARTICLE_BEFORE = /\b(?:a|an)\s*$/i;

const YEAR_ALONE: Rule = {
  name: 'year',
  re: new RegExp(`(?:(?<mod>${MOD_WORDS}|${W('fiscal')}|${W('the year')}|${W('the summer of')}|${W('calendar')})(?:-|\\s+))?(?<![\\d,.$£€#/:-])(?<year>${YEAR_RE})(?!\\s*[-–/]\\s*\\d)`, 'g'),
  build: (g, ctx) => {
    const y = +g.year!;
    if (!g.mod) {
      if (COUNT_BEFORE.test(ctx.before)) return null;
      if (ARTICLE_BEFORE.test(ctx.before) && !/^\s+[a-z]/.test(ctx.after)) return null;
      if (/^-/.test(ctx.after)) return null;
      if (COUNTED_AFTER.test(ctx.after)) return null;
      const pl = PLURAL_AFTER.exec(ctx.after);
      if (pl && !NOT_PLURAL.has(pl[1]!)) return null;
      // a four-digit number far in the future of the article is a count
      if (ctx.ref !== null && y > ymd(ctx.ref).y + 30) return null;
    }
    const mod = modOf(g.mod);
    return {
      type: 'DATE', value: String(y), mod, range: part(yearInterval(y), mod), precision: 'year',
      stated: ['year'], implied: [], kind: 'year', open: openOf(ctx.before),
    };
  },
};

const YEAR_SPAN: Rule = {
  name: 'year-span',
  re: new RegExp(`(?<![\\d,.$])(?<y1>${YEAR_RE})\\s*[-–/]\\s*(?<y2>\\d{4}|\\d{2})(?![\\d%])`, 'g'),
  build: (g, ctx) => {
    const y1 = +g.y1!;
    let y2 = +g.y2!;
    if (g.y2!.length === 2) y2 = Math.floor(y1 / 100) * 100 + y2;
    if (y2 <= y1 || y2 - y1 > 100) return null;
    if (COUNT_BEFORE.test(ctx.before)) return null;
    return {
      type: 'DURATION', value: `P${y2 - y1}Y`, range: { start: dayNum(y1, 1, 1), end: dayNum(y2, 12, 31) }, precision: 'year',
      stated: ['year'], implied: [], kind: 'year',
    };
  },
};

// ---------------------------------------------------------------- relative to the reference day

const REL_DAY: Rule = {
  name: 'rel-day',
  re: new RegExp(`(?:(?<mod>${W('early')}|${W('late')}|${W('earlier')}|${W('later')}|${W('mid-afternoon')}|${W('midday')})\\s+)?(?<rel>${W('today')}|${W('tonight')}|${W('yesterday')}|${W('tomorrow')}|${W('the day before yesterday')}|${W('the day after tomorrow')})(?![\\w-])${PART_SUFFIX}`, 'g'),
  build: (g, ctx) => {
    const rel = lc(g.rel);
    const off = rel === 'yesterday' ? -1 : rel === 'tomorrow' ? 1 : rel === 'the day before yesterday' ? -2 : rel === 'the day after tomorrow' ? 2 : 0;
    const p = g.part ?? (rel === 'tonight' ? 'night' : g.mod && /afternoon/i.test(g.mod) ? 'afternoon' : undefined);
    if (ctx.ref === null) return unanchored('relative', 'DATE', rel === 'today' ? 'PRESENT_REF' : 'XXXX-XX-XX', []);
    const r = dayResolved(ctx.ref + off, 'relative', [], rel === 'tonight' ? undefined : p, { mod: modOf(g.mod) });
    if (g.part || /afternoon/i.test(g.mod ?? '')) {
      r.type = 'TIME';
      r.value = iso(ctx.ref + off) + timePartCode(p);
    }
    return r;
  },
};

const PART_OF_DAY_REL: Rule = {
  name: 'part-of-day',
  re: new RegExp(`(?:(?<rel>${W('this')}|${W('last')}|${W('later this')}|${W('earlier this')}|${W('early this')}|${W('late last')}|${W('the')})\\s+(?<part>morning|afternoon|evening|night)|(?<over>${W('overnight')}))(?![\\w-])`, 'g'),
  build: (g, ctx) => {
    const rel = lc(g.rel);
    if (rel === 'the' && !/\b(?:in|during|on|through|throughout|that|the)\s+$/i.test(ctx.before)) return null;
    if (ctx.ref === null) return unanchored('relative', 'TIME', 'XXXX-XX-XX', []);
    if (g.over) {
      // "overnight" alone: the night before the report; merged with a nearby day in stage.ts
      const d = ctx.ref - 1;
      return { type: 'TIME', value: `${iso(d)}TNI`, range: { start: d, end: d + 1 }, precision: 'day', stated: [], implied: ['year', 'month', 'day'], kind: 'overnight', part: 'night' };
    }
    const p = g.part!.toLowerCase();
    const d = rel.startsWith('last') || rel === 'late last' ? ctx.ref - 1 : ctx.ref;
    const r = dayResolved(d, 'relative', [], p);
    r.type = 'TIME';
    r.value = iso(d) + timePartCode(p);
    return r;
  },
};

const WEEKDAY_REL = `${W('last')}|${W('this past')}|${W('this coming')}|${W('this')}|${W('next')}|${W('coming')}|${W('past')}|${W('previous')}|${W('the previous')}|${W('the following')}|${W('early')}|${W('late')}|${W('earlier')}|${W('later')}`;

function resolveWeekday(wd: number, rel: string, ref: DayNum, tense: Tense | null): DayNum {
  if (rel === 'last' || rel === 'this past' || rel === 'past' || rel === 'previous' || rel === 'the previous') return weekdayNear(ref, wd, 'last');
  if (rel === 'next' || rel === 'this coming' || rel === 'coming' || rel === 'the following') return weekdayNear(ref, wd, 'next');
  if (rel === 'this') return weekdayNear(ref, wd, 'this');
  return weekdayNear(ref, wd, directionOf(tense));
}

const WEEKDAY: Rule = {
  name: 'weekday',
  re: new RegExp(`(?:(?<rel>${WEEKDAY_REL})\\s+)?(?<wd>${WEEKDAY_RE})(?!\\s*\\()${PART_SUFFIX}`, 'g'),
  build: (g, ctx) => {
    const wd = weekdayNum(g.wd!);
    const rel = lc(g.rel);
    const mod = modOf(rel);
    if (ctx.ref === null) return { ...unanchored('weekday', 'DATE', `XXXX-WXX-${wd === 0 ? 7 : wd}`, ['weekday']), weekday: wd, rel, part: g.part ?? null };
    const d = resolveWeekday(wd, mod ? '' : rel, ctx.ref, ctx.tense());
    return dayResolved(d, 'weekday', ['weekday'], g.part, { weekday: wd, rel: mod ? '' : rel, mod });
  },
};

export function reresolveWeekday(r: Resolved, ref: DayNum, tense: Tense | null): Resolved {
  const d = resolveWeekday(r.weekday!, r.rel ?? '', ref, tense);
  // keep the span of days ("overnight on Monday" runs into Tuesday) and any part-of-day suffix
  const days = r.range ? r.range.end - r.range.start + 1 : 1;
  const suffix = /T[A-Z]{2}$/.exec(r.value ?? '')?.[0] ?? '';
  return { ...r, value: iso(d) + suffix, range: dayRange(d, days) };
}

const REL_UNIT_WORDS = [
  'this', 'last', 'next', 'the past', 'the last', 'the next', 'the previous', 'the following', 'the coming', 'the current',
  'the same', 'that', 'past', 'previous', 'earlier this', 'later this', 'early this', 'early next', 'early last', 'late this',
  'late last', 'late next', 'later that', 'earlier that', 'the end of this', 'the end of last', 'the end of the', 'the start of this', 'the beginning of this',
  'this past', 'this coming', 'the latest', 'current', 'the',
];
const REL_UNIT: Rule = {
  name: 'rel-unit',
  re: new RegExp(`(?<rel>${REL_UNIT_WORDS.map(W).join('|')})\\s+(?<fy>fiscal\\s+)?(?<unit>week|weekend|month|year|quarter|decade|century)(?![\\w-])`, 'g'),
  build: (g, ctx) => {
    const rel = lc(g.rel);
    const unit = g.unit!.toLowerCase();
    const words = rel.split(' ');
    const head = words[words.length - 1]!;
    const mod = rel.startsWith('early') || rel.startsWith('earlier') || rel.includes('start') || rel.includes('beginning') ? 'START'
      : rel.startsWith('late') || rel.startsWith('later') || rel.includes('end') ? 'END' : null;
    // "the past year", "the next month": a stretch of time counted from now
    if (rel === 'the past' || rel === 'the last' || rel === 'the next' || rel === 'the coming' || rel === 'past') {
      if (unit === 'weekend') return null;
      const u = unitOf(unit)!;
      return { type: 'DURATION', value: durationValue(1, u), range: null, precision: null, stated: [], implied: [], kind: 'duration' };
    }
    if (rel === 'the') {
      // "the weekend" / "the week" only: "the year" and "the month" are too often not a date
      if (unit !== 'weekend') return null;
    }
    let base: DayNum | null = ctx.ref;
    let shift = 0;
    if (head === 'last' || head === 'previous' || rel === 'this past' || rel === 'the previous' || rel === 'the end of last') shift = -1;
    else if (head === 'next' || head === 'following' || head === 'coming') shift = 1;
    if (rel === 'that' || rel === 'the same' || rel === 'later that' || rel === 'earlier that') {
      if (unit !== 'year') return null;
      if (ctx.lastYear === null) return { type: 'DATE', value: null, mod, range: null, precision: null, stated: [], implied: ['year'], kind: 'anaphoric' };
      const y = ctx.lastYear;
      return { type: 'DATE', value: String(y), mod, range: part(yearInterval(y), mod), precision: 'year', stated: [], implied: ['year'], kind: 'anaphoric' };
    }
    if (rel === 'the following' && unit === 'year' && ctx.lastYear !== null) {
      const y = ctx.lastYear + 1;
      return { type: 'DATE', value: String(y), range: yearInterval(y), precision: 'year', stated: [], implied: ['year'], kind: 'anaphoric' };
    }
    if (base === null) return unanchored('relative', 'DATE', unit === 'year' ? 'XXXX' : 'XXXX-XX', []);
    const r = ymd(base);
    const implied = ['year', 'month', 'day'];
    switch (unit) {
      case 'week': {
        const mon = mondayOf(base) + 7 * shift;
        return { type: 'DATE', value: isoWeekValue(mon), mod, range: { start: mon, end: mon + 6 }, precision: 'week', stated: [], implied, kind: 'relative' };
      }
      case 'weekend': {
        let sat = mondayOf(base) + 5;
        if (shift === -1 || (shift === 0 && rel === 'the' && sat > base)) sat -= 7;
        else if (shift === 1) sat = sat > base ? sat : sat + 7;
        return { type: 'DATE', value: `${isoWeekValue(sat)}-WE`, range: { start: sat, end: sat + 1 }, precision: 'day', stated: [], implied, kind: 'relative' };
      }
      case 'month': {
        const m = addMonths(r.y, r.m, shift);
        return { type: 'DATE', value: isoYm(m.y, m.m), mod, range: monthPart(m.y, m.m, mod), precision: 'month', stated: [], implied: ['year', 'month'], kind: 'relative' };
      }
      case 'year': {
        const y = r.y + shift;
        return { type: 'DATE', value: String(y), mod, range: part(yearInterval(y), mod), precision: 'year', stated: [], implied: ['year'], kind: 'relative' };
      }
      case 'quarter': {
        const q0 = Math.floor((r.m - 1) / 3) + shift;
        const y = r.y + Math.floor(q0 / 4);
        const q = ((q0 % 4) + 4) % 4;
        const e = addMonths(y, q * 3 + 1, 2);
        return { type: 'DATE', value: `${y}-Q${q + 1}`, mod, range: { start: dayNum(y, q * 3 + 1, 1), end: dayNum(e.y, e.m, daysInMonth(e.y, e.m)) }, precision: 'month', stated: [], implied: ['year'], kind: 'relative' };
      }
      case 'decade': {
        const d0 = Math.floor(r.y / 10) * 10 + 10 * shift;
        return { type: 'DATE', value: String(d0 / 10), mod, range: decadePart(d0, mod), precision: 'decade', stated: [], implied: ['year'], kind: 'relative' };
      }
      case 'century': {
        const c0 = Math.floor(r.y / 100) * 100 + 100 * shift;
        return { type: 'DATE', value: String(c0 / 100), mod, range: { start: dayNum(c0, 1, 1), end: dayNum(c0 + 99, 12, 31) }, precision: 'decade', stated: [], implied: ['year'], kind: 'relative' };
      }
    }
    return null;
  },
};

const AGO: Rule = {
  name: 'ago',
  re: new RegExp(`(?:(?<q>${W('about')}|${W('nearly')}|${W('almost')}|${W('more than')}|${W('some')}|${W('just')}|${W('only')}|${W('roughly')}|${W('around')}|${W('over')})\\s+)?(?<count>${COUNT_RE})[\\s-]+(?<unit>${UNIT_RE})s?\\s+(?<dir>ago|earlier|later|before|from now|hence|back)(?![\\w-])|(?<adj>${W('year')}-(?:earlier|ago))`, 'g'),
  build: (g, ctx) => {
    if (g.adj) {
      if (ctx.ref === null) return null;
      const y = ymd(ctx.ref).y - 1;
      return { type: 'DATE', value: String(y), range: yearInterval(y), precision: 'year', stated: [], implied: ['year'], kind: 'relative' };
    }
    const dir = lc(g.dir);
    if (dir === 'before' && !/^\s*[,.;]/.test(ctx.after)) return null; // "two days before the vote" is relative to the vote
    const n = countOf(g.count!);
    const u = unitOf(g.unit!);
    if (n === null || !u || u === 'S' || u === 'TM') return null;
    if (ctx.ref === null) return unanchored('relative', 'DATE', 'XXXX', []);
    const sign = dir === 'later' || dir === 'from now' || dir === 'hence' ? 1 : -1;
    if (n === 'X') {
      // "a few days later" is a stretch after another event; "several years ago" a vague past
      if (dir !== 'ago' && dir !== 'from now') return { type: 'DURATION', value: durationValue('X', u), range: null, precision: null, stated: [], implied: [], kind: 'duration' };
      return { type: 'DATE', value: sign < 0 ? 'PAST_REF' : 'FUTURE_REF', range: null, precision: null, stated: [], implied: [], kind: 'ref' };
    }
    const r = ymd(ctx.ref);
    const k = Math.round(n * sign);
    switch (u) {
      case 'D': case 'H': return dayResolved(ctx.ref + (u === 'D' ? k : Math.round(k / 24)), 'relative', []);
      case 'W': {
        const d = ctx.ref + 7 * k;
        return { type: 'DATE', value: isoWeekValue(d), range: { start: mondayOf(d), end: mondayOf(d) + 6 }, precision: 'week', stated: [], implied: ['year', 'month', 'day'], kind: 'relative' };
      }
      case 'M': case 'Q': {
        const m = addMonths(r.y, r.m, u === 'Q' ? 3 * k : k);
        return { type: 'DATE', value: isoYm(m.y, m.m), range: monthInterval(m.y, m.m), precision: 'month', stated: [], implied: ['year', 'month'], kind: 'relative' };
      }
      case 'Y': return { type: 'DATE', value: String(r.y + k), range: yearInterval(r.y + k), precision: 'year', stated: [], implied: ['year'], kind: 'relative' };
      case 'DE': {
        const y = r.y + 10 * k;
        return { type: 'DATE', value: String(Math.floor(y / 10)), range: decadePart(Math.floor(y / 10) * 10, null), precision: 'decade', stated: [], implied: ['year'], kind: 'relative' };
      }
      case 'CE': return { type: 'DATE', value: String(Math.floor((r.y + 100 * k) / 100)), range: null, precision: 'decade', stated: [], implied: [], kind: 'relative' };
    }
    return null;
  },
};

// ---------------------------------------------------------------- durations and sets

const DUR_Q = `${W('about')}|${W('around')}|${W('nearly')}|${W('almost')}|${W('more than')}|${W('over')}|${W('less than')}|${W('at least')}|${W('up to')}|${W('some')}|${W('roughly')}|${W('approximately')}|${W('no more than')}|${W('no less than')}|${W('only')}|${W('just')}|${W('another')}|${W('a further')}`;
const DUR_THE = `${W('the')}\\s+(?:(?:past|last|next|first|final|previous|coming|following|latest|same|entire|whole|full|initial|remaining)\\s+)?|${W('past')}\\s+|${W('last')}\\s+|${W('next')}\\s+|${W('first')}\\s+|${W('its')}\\s+|${W('their')}\\s+|${W('his')}\\s+|${W('her')}\\s+`;

function durMod(q: string | undefined): string | null {
  switch (lc(q)) {
    case 'more than': case 'over': return 'MORE_THAN';
    case 'less than': case 'nearly': case 'almost': return 'LESS_THAN';
    case 'at least': case 'no less than': return 'EQUAL_OR_MORE';
    case 'up to': case 'no more than': return 'EQUAL_OR_LESS';
    case 'about': case 'around': case 'some': case 'roughly': case 'approximately': return 'APPROX';
    default: return null;
  }
}

const DURATION: Rule = {
  name: 'duration',
  re: new RegExp(`(?:(?<q>${DUR_Q})\\s+)?(?<the>${DUR_THE})?(?<count>${COUNT_RE})(?<sep>[\\s-]+)(?:(?<more>more|additional|further|extra)\\s+)?(?<unit>${UNIT_RE}|fortnight|night)(?<pl>s)?(?<half>\\s+and\\s+a\\s+half)?(?<adj>-long|-old)?(?![\\w])`, 'g'),
  build: (g, ctx) => {
    const countText = g.count!;
    const n = countOf(countText);
    if (n === null) return null;
    const u = unitOf(g.unit!);
    if (!u) return null;
    const cl = lc(countText);
    const single = cl === 'a' || cl === 'an' || cl === 'a single';
    if (single && (u === 'S' || u === 'Q')) return null; // "a second attack", "a quarter of"
    if ((u === 'S' || u === 'Q') && g.sep === ' ' && /^\d+$/.test(countText) && g.unit!.toLowerCase() === 'second') return null;
    if (u === 'Q' && !g.pl && n !== 'X' && n > 1 && !g.the) return null;
    if (/^(?:some|many)$/.test(cl) && !g.pl) return null;
    if (single && g.pl) return null; // "a decades-old feud": the vague rule takes "decades-old"
    // "a 6-year-old boy" is an age, "three-quarters" a fraction
    if (g.adj === '-old' && typeof n === 'number') return null;
    if (u === 'Q' && g.sep === '-' && g.pl) return null;
    // "one day" at a sentence start is "once"; "a day" after a count is a rate ("twice a day")
    if (single && /\b(?:times|twice|once|per)\s+$/i.test(ctx.before)) return null;
    if (/^\s*(?:of|per)\s+(?:the\s+)?(?:year|month|week|day)\b/i.test(ctx.after) && single) return null;
    const plural = !!g.pl;
    if (typeof n === 'number' && n > 1 && !plural && !g.sep!.includes('-') && !g.adj && !/^\d/.test(countText) && g.unit!.toLowerCase() !== 'night') {
      // "two day" without a plural or hyphen is still a duration in a compound ("a two day visit")
    }
    let count: number | 'X' = n;
    if (g.half && typeof count === 'number') count += 0.5;
    let value: string;
    if (u === 'TM' && typeof count === 'number' && !Number.isInteger(count)) value = `PT${Math.floor(count)}M30S`;
    else value = durationValue(count, u, /fortnight/i.test(g.unit!));
    return {
      type: 'DURATION', value, mod: durMod(g.q), range: null, precision: null, stated: [], implied: [], kind: 'duration',
    };
  },
};

const VAGUE_DURATION: Rule = {
  name: 'vague-duration',
  re: new RegExp(`(?:(?<lead>${W('for')}|${W('in')}|${W('over')}|${W('within')}|${W('during')}|${W('after')}|${W('since')}|${W('take')}|${W('takes')}|${W('took')}|${W('last')}|${W('lasted')})\\s+(?:the\\s+)?)?(?:(?<mod>${W('recent')}|${W('coming')}|${W('the past')}|${W('the last')}|${W('the next')}|${W('the coming')}|${W('the following')}|${W('past')}|${W('the')}\\s+(?:past|last|next|coming)\\s+(?:few|several)|${W('upcoming')})\\s+)?(?<unit>years|months|weeks|days|decades|centuries|hours|minutes)(?<adj>-long|-old)?(?![\\w-])`, 'g'),
  lead: (g) => (g.lead ? g.lead.length + (g.mod || true ? 1 : 0) : 0),
  build: (g) => {
    if (!g.mod && !g.lead && !g.adj) return null;
    const u = unitOf(g.unit!)!;
    return { type: 'DURATION', value: durationValue('X', u), range: null, precision: null, stated: [], implied: [], kind: 'duration' };
  },
};

const SET_WORDS: Readonly<Record<string, string>> = { daily: 'P1D', weekly: 'P1W', monthly: 'P1M', annually: 'P1Y', yearly: 'P1Y', nightly: 'P1D', hourly: 'PT1H' };
const SET: Rule = {
  name: 'set',
  re: new RegExp(`(?<every>${W('every')}|${W('each')})\\s+(?:(?<count>other|\\d+|two|three|four|five|six|few)\\s+)?(?<unit>day|week|month|year|morning|evening|night|afternoon|weekend|summer|winter|spring|autumn|${WEEKDAY_RE}|${MONTH_RE})s?(?![\\w-])|(?<adv>${W('daily')}|${W('weekly')}|${W('monthly')}|${W('annually')}|${W('yearly')}|${W('nightly')}|${W('hourly')})(?![\\w-])|(?<freq>${W('once')}|${W('twice')}|(?:three|four|five|\\d+)\\s+times)\\s+(?:a|per|each|every)\\s+(?<funit>day|week|month|year)(?![\\w-])`, 'g'),
  build: (g) => {
    if (g.adv) {
      return { type: 'SET', value: SET_WORDS[g.adv.toLowerCase()]!, range: null, precision: null, stated: [], implied: [], kind: 'set' };
    }
    if (g.freq) {
      return { type: 'SET', value: durationValue(1, unitOf(g.funit!)!), range: null, precision: null, stated: [], implied: [], kind: 'set' };
    }
    const unitWord = g.unit!;
    const n = g.count ? (g.count === 'other' ? 2 : countOf(g.count)) : 1;
    const low = unitWord.toLowerCase().replace(/\.$/, '');
    let value: string;
    if (WEEKDAYS[low] !== undefined && /^[A-Z]/.test(unitWord)) {
      const wd = WEEKDAYS[low]!;
      value = `XXXX-WXX-${wd === 0 ? 7 : wd}`;
    } else if (MONTHS[low] !== undefined && /^[A-Z]/.test(unitWord)) {
      value = `XXXX-${String(MONTHS[low]).padStart(2, '0')}`;
    } else if (SEASONS[low]) {
      value = `XXXX-${SEASONS[low]}`;
    } else if (low === 'morning' || low === 'evening' || low === 'night' || low === 'afternoon') {
      value = `TXX${PART_OF_DAY[low]}`;
      value = 'P1D';
    } else if (low === 'weekend') {
      value = 'XXXX-WXX-WE';
    } else {
      const u = unitOf(low);
      if (!u) return null;
      value = durationValue(n === null ? 1 : n, u);
    }
    return { type: 'SET', value, range: null, precision: null, stated: [], implied: [], kind: 'set' };
  },
};

// ---------------------------------------------------------------- vague references and clock times

const REF: Rule = {
  name: 'ref',
  re: new RegExp(`(?<lead>${W('in')}\\s+)?(?<w>${W('right now')}|${W('just now')}|${W('now')}|${W('currently')}|${W('current')}|${W('recently')}|${W('recent')}|${W('the past')}|${W('the future')}|${W('nowadays')}|${W('at present')}|${W('at the moment')}|${W('these days')}|${W('the present')})(?![\\w-])`, 'g'),
  lead: (g) => g.lead?.length ?? 0,
  build: (g, ctx) => {
    const w = lc(g.w);
    if (w === 'now' && /^-/.test(ctx.after)) return null;
    if (w === 'the present' && !g.lead && !/\b(?:to|until|till|from|at)\s+$/i.test(ctx.before)) return null;
    const value = /^(?:now|right now|just now|currently|current|nowadays|at present|at the moment|these days|the present|so far)$/.test(w) ? 'PRESENT_REF'
      : /^(?:soon|the future)$/.test(w) ? 'FUTURE_REF' : 'PAST_REF';
    const range = value === 'PRESENT_REF' && ctx.ref !== null ? dayRange(ctx.ref) : null;
    return { type: 'DATE', value, range, precision: range ? 'day' : null, stated: [], implied: range ? ['year', 'month', 'day'] : [], kind: 'ref' };
  },
};

const CLOCK: Rule = {
  name: 'clock',
  re: new RegExp(`(?:(?<approx>${W('around')}|${W('about')}|${W('approximately')}|${W('shortly after')}|${W('shortly before')}|${W('just after')}|${W('just before')})\\s+)?(?:(?<h>[01]?\\d|2[0-3])(?:[:.](?<mi>[0-5]\\d))?\\s*(?<ampm>[ap]\\.\\s?m\\.?|[ap]m\\b|[AP]M\\b|[AP]\\.M\\.)|(?<h2>[01]?\\d|2[0-3]):(?<mi2>[0-5]\\d)(?!\\d)(?:\\s*(?<h24>GMT|UTC|hours|hrs))?|(?<named>${W('noon')}|${W('midnight')}|${W('midday')}))(?:\\s+(?<tz>[A-Z]{3}|local time|\\(\\d{4} GMT\\)))?`, 'g'),
  build: (g, ctx) => {
    let h: number;
    let mi = 0;
    if (g.named) {
      const n = g.named.toLowerCase();
      h = n === 'midnight' ? 0 : 12;
    } else if (g.h2) {
      h = +g.h2;
      mi = +g.mi2!;
      // "3:30" alone may be a score or a ratio: take it as a time only with a clock word near
      if (!g.h24 && !/\b(?:at|from|until|till|by|around|about)\s+$/i.test(ctx.before)) return null;
    } else {
      h = +g.h!;
      mi = g.mi ? +g.mi : 0;
      if (h < 1 || h > 12) return null;
      const pm = /^p/i.test(g.ampm!);
      if (pm && h < 12) h += 12;
      if (!pm && h === 12) h = 0;
    }
    const hm = `T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;
    if (ctx.ref === null) return unanchored('clock', 'TIME', `XXXX-XX-XX${hm}`, ['time']);
    return { type: 'TIME', value: iso(ctx.ref) + hm, range: dayRange(ctx.ref), precision: 'day', stated: ['time'], implied: ['year', 'month', 'day'], kind: 'clock', mod: g.approx ? 'APPROX' : null };
  },
};

const QUARTER: Rule = {
  name: 'quarter',
  re: new RegExp(`(?:${W('the')}\\s+)?(?:(?<yrel>${W('this year')}|${W('last year')}|${W('next year')})'s\\s+)?(?:(?<fiscal>${W('fiscal')})\\s+)?(?<ord>${W('first')}|${W('second')}|${W('third')}|${W('fourth')}|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?(?<unit>quarter|half)(?:\\s+(?:of\\s+)?(?:(?<year>${YEAR_RE})|(?<rel>this year|last year|next year)))?(?![\\w-])`, 'g'),
  build: (g, ctx) => {
    const q = ORDINALS[g.ord!.toLowerCase()]!;
    const half = g.unit === 'half';
    if (half && q > 2) return null;
    let y: number | null = g.year ? +g.year : null;
    const rel = lc(g.yrel ?? g.rel);
    if (y === null && ctx.ref !== null) {
      y = ymd(ctx.ref).y + (rel.startsWith('last') ? -1 : rel.startsWith('next') ? 1 : 0);
    }
    const tag = half ? `H${q}` : `Q${q}`;
    if (y === null) return unanchored('date', 'DATE', `XXXX-${tag}`, []);
    const m0 = half ? (q - 1) * 6 + 1 : (q - 1) * 3 + 1;
    const e = addMonths(y, m0, half ? 5 : 2);
    return {
      type: 'DATE', value: `${y}-${tag}`, range: { start: dayNum(y, m0, 1), end: dayNum(e.y, e.m, daysInMonth(e.y, e.m)) },
      precision: 'month', stated: g.year ? ['year'] : [], implied: g.year ? [] : ['year'], kind: 'date',
    };
  },
};

const HOLIDAYS: Readonly<Record<string, [number, number]>> = {
  'christmas': [12, 25], 'christmas day': [12, 25], 'christmas eve': [12, 24], "new year's day": [1, 1], "new year's eve": [12, 31], "new year's": [1, 1],
  'valentine\'s day': [2, 14], 'halloween': [10, 31], 'independence day': [7, 4],
};
const HOLIDAY: Rule = {
  name: 'holiday',
  re: /(?:(?<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?<h>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)?|Valentine's Day|Halloween|Thanksgiving(?: Day)?)(?![\w-])/g,
  build: (g, ctx) => {
    const name = g.h!.toLowerCase();
    const rel = lc(g.rel);
    if (ctx.ref === null) return null;
    const r = ymd(ctx.ref);
    const dateIn = (y: number): DayNum => {
      if (name.startsWith('thanksgiving')) {
        const first = dayNum(y, 11, 1);
        const firstThu = first + ((4 - ((first + 4) % 7) + 7) % 7);
        return firstThu + 21;
      }
      const [m, d] = HOLIDAYS[name]!;
      return dayNum(y, m, d);
    };
    let y = r.y;
    if (rel === 'last') y = dateIn(r.y) < ctx.ref ? r.y : r.y - 1;
    else if (rel === 'next') y = dateIn(r.y) > ctx.ref ? r.y : r.y + 1;
    else if (rel !== 'this') {
      const dir = directionOf(ctx.tense());
      if (dir === 'past' && dateIn(r.y) > ctx.ref + 2) y = r.y - 1;
      else if (dir === 'future' && dateIn(r.y) < ctx.ref - 2) y = r.y + 1;
    }
    return dayResolved(dateIn(y), 'date', ['month', 'day']);
  },
};

const LONG_ADJ: Rule = {
  name: 'long-adjective',
  re: /(?<![\w-])(?<unit>[Hh]our|[Dd]ay|[Ww]eek|[Mm]onth|[Yy]ear)-long(?![\w-])/g,
  build: (g) => ({ type: 'DURATION', value: durationValue(1, unitOf(g.unit!)!), range: null, precision: null, stated: [], implied: [], kind: 'duration' }),
};

const FULL_YEAR: Rule = {
  name: 'full-year',
  re: new RegExp(`${W('the')}\\s+(?:full|fiscal|calendar|whole|entire)\\s+year(?![\\w-])`, 'g'),
  build: (_g, ctx) => {
    if (ctx.ref === null) return null;
    const y = ymd(ctx.ref).y;
    return { type: 'DATE', value: String(y), range: yearInterval(y), precision: 'year', stated: [], implied: ['year'], kind: 'relative' };
  },
};

/** "that day", "the next day", "earlier that day": a day told relative to the last one named. */
const DAY_ANAPHORA: Rule = {
  name: 'day-anaphora',
  re: new RegExp(`(?<rel>${W('earlier that')}|${W('later that')}|${W('that')}|${W('the same')}|${W('the next')}|${W('the following')}|${W('the previous')}|${W('the preceding')})\\s+(?<unit>day|morning|afternoon|evening|night)(?![\\w-])|(?<before>${W('the day before')}|${W('the day after')})(?=\\s*[,.;)])`, 'g'),
  build: (g, ctx) => {
    const base = ctx.lastDay ?? ctx.ref;
    if (base === null) return null;
    const rel = lc(g.rel ?? g.before);
    if (rel === 'that' && g.unit === 'day' && !/\b(?:on|from|since|until|of)\s+$/i.test(ctx.before)) return null;
    const off = /next|following|after/.test(rel) ? 1 : /previous|preceding|before/.test(rel) ? -1 : 0;
    const p = g.unit && g.unit !== 'day' ? g.unit : undefined;
    const r = dayResolved(base + off, 'anaphoric', [], p);
    if (p) {
      r.type = 'TIME';
      r.value = iso(base + off) + timePartCode(p);
    }
    return r;
  },
};

/** "since then": an open range from the date last named. */
const SINCE_THEN: Rule = {
  name: 'since-then',
  re: new RegExp(`${W('since')}\\s+(?:then|that\\s+time)(?![\\w-])`, 'g'),
  build: (_g, ctx) => {
    const last = ctx.lastDate;
    if (!last) return { type: 'DATE', value: null, range: null, precision: null, stated: [], implied: [], kind: 'anaphoric', open: 'after' };
    return { type: 'DATE', value: last.value, range: last.range, precision: last.precision, stated: [], implied: ['year', 'month', 'day'], kind: 'anaphoric', open: 'after' };
  },
};

/** Every rule, in priority order for matches of equal length. */
export const RULES: readonly Rule[] = [
  WEEKDAY_DATE_PAREN, WEEKDAY_DATE, ISO_DATE, DATE, MONTH_YEAR, QUARTER, DECADE, YEAR_SPAN, YEAR_ALONE, MONTH_ALONE, SEASON,
  HOLIDAY, REL_DAY, DAY_ANAPHORA, SINCE_THEN, PART_OF_DAY_REL, WEEKDAY, FULL_YEAR, REL_UNIT, AGO, DURATION, LONG_ADJ, VAGUE_DURATION, SET, CLOCK, REF,
];

export { isoYmd };
