// Publication dates as they appear at the top of an article: "May 31, 2023", "31 May 2023",
// "2023-05-31", "Tuesday, 13 September 2022", and datelines such as
// "MOGADISHU, Oct 30, 2022 (Wire) -" or "KHARTOUM, April 16 (Reuters) –".

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const MONTH_RE = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const WEEKDAY_RE = '(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\\.?,?\\s+)?';

export function monthNumber(name: string): number | null {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? null;
}

export function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 2999) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The calendar date of an ISO date or date-time, in its own offset (not shifted to UTC). */
export function normalisePublished(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (m) return isoDate(+m[1]!, +m[2]!, +m[3]!);
  const parsed = parseWrittenDate(value.trim());
  return parsed?.date ?? null;
}

export interface FoundDate {
  date: string;
  start: number;
  end: number;
}

const WRITTEN_PATTERNS: RegExp[] = [
  // May 31, 2023 / Tuesday, May 31, 2023
  new RegExp(`^${WEEKDAY_RE}${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'i'),
  // 31 May 2023
  new RegExp(`^${WEEKDAY_RE}(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_RE},?\\s+(\\d{4})`, 'i'),
  // 2023-05-31 (optionally a time)
  /^(\d{4})-(\d{2})-(\d{2})/,
];

/** A written date at the very start of `s` (after optional weekday). */
export function parseWrittenDate(s: string): FoundDate | null {
  for (const [i, re] of WRITTEN_PATTERNS.entries()) {
    const m = re.exec(s);
    if (!m) continue;
    let date: string | null = null;
    if (i === 0) date = isoDate(+m[3]!, monthNumber(m[1]!)!, +m[2]!);
    else if (i === 1) date = isoDate(+m[3]!, monthNumber(m[2]!)!, +m[1]!);
    else date = isoDate(+m[1]!, +m[2]!, +m[3]!);
    if (date) return { date, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** A first line that is nothing but a date ("May 31, 2023"). */
export function dateLine(line: string): FoundDate | null {
  const trimmed = line.trim();
  if (trimmed.length > 40) return null;
  const lead = line.length - line.trimStart().length;
  const found = parseWrittenDate(trimmed);
  if (!found) return null;
  // the rest of the line may only be a time or punctuation
  const rest = trimmed.slice(found.end).trim();
  if (rest && !/^[,\s]*(\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)?)?[.\s]*$/i.test(rest)) return null;
  return { date: found.date, start: lead + found.start, end: lead + found.end };
}

/**
 * A dateline opening the body: "PLACE, Month D, YYYY (Agency) -" or "PLACE, Month D (Agency) –".
 * Returns the span of the dateline, the date (when the year is stated) and the agency.
 */
export interface Dateline {
  start: number;
  end: number;
  date: string | null;
  month: number | null;
  day: number | null;
  place: string | null;
  agency: string | null;
}

const DATELINE_RE = new RegExp(
  `^([A-Z][A-Z .'\\-]{1,40}(?:,\\s*[A-Z][A-Za-z .]{1,30})?),\\s+${MONTH_RE}\\s+(\\d{1,2})(?:,\\s*(\\d{4}))?\\s*(?:\\(([^)]{1,40})\\))?\\s*[-–—_]+\\s*`,
);
const DATELINE_NODATE_RE = /^([A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?)\s*\(([^)]{1,40})\)\s*[-–—_]+\s*/;

export function findDateline(paragraph: string, offset: number): Dateline | null {
  const m = DATELINE_RE.exec(paragraph);
  if (m) {
    const month = monthNumber(m[2]!);
    const day = +m[3]!;
    const year = m[4] ? +m[4] : null;
    return {
      start: offset,
      end: offset + m[0].length,
      date: year && month ? isoDate(year, month, day) : null,
      month,
      day,
      place: m[1]!.trim(),
      agency: m[5]?.trim() ?? null,
    };
  }
  const n = DATELINE_NODATE_RE.exec(paragraph);
  if (n) {
    return { start: offset, end: offset + n[0].length, date: null, month: null, day: null, place: n[1]!.trim(), agency: n[2]!.trim() };
  }
  return null;
}
