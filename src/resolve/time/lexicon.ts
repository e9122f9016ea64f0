// Words of the time grammar and the regular-expression fragments built from them. Month and
// weekday names must be capitalised in the text ("may" the verb and "march" the verb never
// match); other words accept a capital first letter (sentence start).

export const MONTHS: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5,
  june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9,
  october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

export const WEEKDAYS: Readonly<Record<string, number>> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6,
};

const SMALL: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90, hundred: 100, a: 1, an: 1, single: 1, couple: 2, dozen: 12,
};

export const ORDINALS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4,
};

/** Words for an unspecified count: "several years", "a few weeks" → X in P X Y. */
const VAGUE = new Set(['several', 'few', 'a few', 'some', 'many', 'a number of', 'numerous', 'recent', 'coming', 'past', 'last', 'next']);

/** The count a number phrase states, `'X'` when it is vague, null when it is not a number. */
export function countOf(phrase: string): number | 'X' | null {
  const p = phrase.toLowerCase().replace(/\s+/g, ' ').trim();
  if (p === '') return 1;
  if (/^\d+(?:\.\d+)?$/.test(p)) return Number(p);
  if (/^\d{1,3}(?:,\d{3})+$/.test(p)) return Number(p.replace(/,/g, ''));
  if (VAGUE.has(p)) return 'X';
  if (p === 'a couple of' || p === 'a couple' || p === 'couple of') return 2;
  if (p === 'half a' || p === 'a half') return 0.5;
  let total = 0;
  for (const part of p.split(/[\s-]+/)) {
    if (part === 'and' || part === 'of') continue;
    const v = SMALL[part];
    if (v === undefined) return null;
    if (v === 100) total = (total || 1) * 100;
    else total += v;
  }
  return total || null;
}

/** Capital or lower first letter: `W('last')` → `[Ll]ast`. */
export function W(word: string): string {
  const f = word[0]!;
  return `[${f.toUpperCase()}${f.toLowerCase()}]${word.slice(1)}`;
}

const alt = (words: string[]): string => words.map(W).join('|');

export const MONTH_RE =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|' +
  'JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|' +
  'Jan\\.?|Feb\\.?|Mar\\.|Apr\\.?|Jun\\.|Jul\\.|Aug\\.?|Sept\\.?|Sep\\.|Oct\\.?|Nov\\.?|Dec\\.?)(?![a-z])';

export const WEEKDAY_RE = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY|Tues\\.|Wed\\.|Thurs\\.|Fri\\.)(?![a-z])';

export const DAY_RE = '(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?(?!\\d|:\\d)';

export const YEAR_RE = '(?:1[5-9]\\d\\d|20\\d\\d)(?!\\d|,\\d)';

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const WORDNUM = `(?:(?:${alt(TENS.split('|'))})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|${alt(NUMBER_WORDS)}|${W('a')} hundred|${W('one')} hundred)`;

/** A count: digits, number words, or vague ("several", "a few"). */
export const COUNT_RE = `(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|${WORDNUM}|${alt(['a couple of', 'a couple', 'several', 'a few', 'few', 'many', 'some', 'a number of', 'a', 'an', 'a single', 'half a', 'a dozen', 'dozen'])})`;

export const UNIT_RE = '(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ies))';

export type Unit = 'S' | 'TM' | 'H' | 'D' | 'W' | 'M' | 'Q' | 'Y' | 'DE' | 'CE';

export function unitOf(word: string): Unit | null {
  const w = word.toLowerCase().replace(/s$/, '').replace(/ie$/, 'y');
  switch (w) {
    case 'second': return 'S';
    case 'minute': return 'TM';
    case 'hour': return 'H';
    case 'day': case 'night': return 'D';
    case 'week': return 'W';
    case 'fortnight': return 'W';
    case 'month': return 'M';
    case 'quarter': return 'Q';
    case 'year': return 'Y';
    case 'decade': return 'DE';
    case 'century': return 'CE';
    default: return null;
  }
}

/** TIMEX3 duration value: P6W, PT16H, PXY. */
export function durationValue(n: number | 'X', unit: Unit, fortnight = false): string {
  if (fortnight && n !== 'X') return `P${n * 2}W`;
  if (unit === 'Q') return n === 'X' ? 'PXQ' : `P${n * 3}M`;
  // TimeML writes counted decades and centuries in years ("four decades" = P40Y)
  if (unit === 'DE' && n !== 'X') return `P${n * 10}Y`;
  if (unit === 'CE' && n !== 'X') return `P${n * 100}Y`;
  const num = n === 'X' ? 'X' : Number.isInteger(n) ? String(n) : String(n);
  if (unit === 'H' || unit === 'TM' || unit === 'S') return `PT${num}${unit === 'TM' ? 'M' : unit}`;
  return `P${num}${unit}`;
}

export const PART_OF_DAY: Readonly<Record<string, string>> = {
  morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', overnight: 'NI', midday: 'MI', noon: 'MI',
};

export const SEASONS: Readonly<Record<string, string>> = {
  spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI',
};

export const DECADE_WORDS: Readonly<Record<string, number>> = {
  twenties: 2, thirties: 3, forties: 4, fifties: 5, sixties: 6, seventies: 7, eighties: 8, nineties: 9,
};
