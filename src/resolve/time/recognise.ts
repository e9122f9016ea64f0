// Finding and resolving time expressions in a text: every rule's pattern is matched over the text,
// the longest non-overlapping matches win, and each is resolved against the reference day with
// the tense of its clause. Two passes follow: expressions that lean on a neighbour ("overnight
// on Monday", "5 p.m. Nov. 9") are merged, and in an old article bare weekdays are re-read
// against the article's own dates (see `narrativeAnchor`).

import type { Span, Token } from '../../doc.js';
import { dayNum, daysInMonth, iso, parseIso, weekday, type DayNum } from './calendar.js';
import { NUMERIC_DATE } from './numeric.js';
import { WordStartScanner } from './openings.js';
import { RULES as GRAMMAR, reresolveWeekday, type Ctx, type Resolved, type Rule } from './rules.js';
import { clauseTense, type Tense } from './tense.js';
import { byStart, spanContaining } from '../../nlp/spans.js';

// Every expression starts at a word boundary, and each rule is tried only where its first
// characters occur (see openings.ts): one pass over the text instead of one scan per rule.
const RULES: readonly Rule[] = [...GRAMMAR, NUMERIC_DATE];
const SCANNER = new WordStartScanner(RULES.map((r) => r.re));

export interface Found extends Span {
  rule: string;
  resolved: Resolved;
}

export interface SentenceWindow extends Span {
  tokenStart: number;
  tokenEnd: number;
}

export interface RecogniseInput {
  text: string;
  /** ISO publication date (the reference day), or null. */
  published: string | null;
  /** Sentences and tokens for tense; without them every clause is untensed. */
  sentences?: readonly SentenceWindow[];
  tokens?: readonly Token[];
  /** Stretches not to read (the date line and dateline that state the publication date). */
  skip?: readonly Span[];
}

interface Raw extends Span {
  rule: Rule;
  groups: Record<string, string | undefined>;
  order: number;
}

const CONTEXT = 30;
const NO_GROUPS: Record<string, string | undefined> = Object.freeze({});

function sentenceAt(sentences: readonly SentenceWindow[] | undefined, pos: number): SentenceWindow | null {
  return spanContaining(sentences, pos);
}

function collect(text: string, skip: readonly Span[]): Raw[] {
  const raws: Raw[] = [];
  SCANNER.scan(text, (order, m) => {
    const rule = RULES[order]!;
    // each exec returns a fresh groups object: keep it as it is (copying it costs more than the match)
    const groups = m.groups ?? NO_GROUPS;
    const lead = rule.lead ? rule.lead(groups) : 0;
    let start = m.index + lead;
    let end = m.index + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (start >= end) return;
    if (skip.some((s) => start < s.end && s.start < end)) return;
    // inside a word ("Maya", "Junes") or a code ("F-2020")
    if (start > 0 && /[A-Za-z0-9]/.test(text[start - 1]!) && /[A-Za-z0-9]/.test(text[start]!)) return;
    raws.push({ start, end, rule, groups, order });
  });
  return raws;
}

/** Longer matches first, then earlier, then in rule order (a module function: see byStart in nlp/spans.ts). */
function longestFirst(a: Raw, b: Raw): number {
  return b.end - b.start - (a.end - a.start) || a.start - b.start || a.order - b.order;
}

export function recognise(input: RecogniseInput): Found[] {
  const { text } = input;
  const ref = input.published ? parseIso(input.published) : null;
  const raws = collect(text, input.skip ?? []);
  raws.sort(longestFirst);

  const tenseCache = new Map<number, Tense | null>();
  const tenseOf = (span: Span): Tense | null => {
    const cached = tenseCache.get(span.start);
    if (cached !== undefined) return cached;
    const s = sentenceAt(input.sentences, span.start);
    const t = s && input.tokens ? clauseTense(input.tokens, s, span, text.slice(Math.max(0, span.start - 20), span.start)) : null;
    tenseCache.set(span.start, t);
    return t;
  };
  let lastDate: Ctx['lastDate'] = null;
  const ctxFor = (r: Span, refDay: DayNum | null, lastYear: number | null, lastDay: DayNum | null = null): Ctx => ({
    lastDate,
    ref: refDay,
    tense: () => tenseOf(r),
    before: text.slice(Math.max(0, r.start - CONTEXT), r.start),
    after: text.slice(r.end, r.end + CONTEXT),
    lastYear,
    lastDay,
  });

  // longest first; a match is taken when it overlaps nothing taken and resolves
  const taken: Found[] = [];
  for (const r of raws) {
    if (taken.some((t) => r.start < t.end && t.start < r.end)) continue;
    const resolved = r.rule.build(r.groups, ctxFor(r, ref, null), text, text.slice(r.start, r.end));
    if (!resolved) continue;
    taken.push({ start: r.start, end: r.end, rule: r.rule.name, resolved });
    (taken[taken.length - 1] as Found & { raw?: Raw }).raw = r;
  }
  taken.sort(byStart);

  // anaphora ("that year", "the following year", "the next day") in text order
  let lastYear: number | null = null;
  let lastDay: DayNum | null = null;
  let lastQuarter: { y: number; q: number; end: number } | null = null;
  let lastDayEnd = -1;
  for (const f of taken) {
    const raw = (f as Found & { raw?: Raw }).raw!;
    if (f.resolved.kind === 'anaphoric' || raw.rule.name === 'since-then' || (raw.rule.name === 'rel-unit' && /^(?:that|the same|later that|earlier that|the following)\b/i.test(raw.groups.rel ?? ''))) {
      const again = raw.rule.build(raw.groups, ctxFor(f, ref, lastYear, lastDay), text, text.slice(f.start, f.end));
      if (again) f.resolved = again;
    }
    // "a year earlier" in a report about a quarter means the same quarter a year before
    const q = /^(\d{4})-Q([1-4])$/.exec(f.resolved.value ?? '');
    if (q) lastQuarter = { y: +q[1]!, q: +q[2]!, end: f.end };
    else if (lastQuarter && f.rule === 'ago' && f.resolved.precision === 'year' && /\b(?:a|one)\s+year\b|year-/i.test(text.slice(f.start, f.end)) && f.start - lastQuarter.end < 600) {
      const y = lastQuarter.y - 1;
      const m0 = (lastQuarter.q - 1) * 3 + 1;
      f.resolved = { ...f.resolved, value: `${y}-Q${lastQuarter.q}`, range: { start: dayNum(y, m0, 1), end: dayNum(y, m0 + 2, daysInMonth(y, m0 + 2)) }, precision: 'month' };
    }
    if (f.resolved.stated.includes('year') && f.resolved.range) lastYear = Number(f.resolved.value!.slice(0, 4)) || lastYear;
    // a clock time or "the morning" after a dated sentence belongs to that day
    if ((f.resolved.kind === 'clock' || (f.rule === 'part-of-day' && /^the\s/i.test(text.slice(f.start, f.end)))) && lastDay !== null && f.start - lastDayEnd < 400 && f.resolved.value) {
      const tail = f.resolved.value.slice(f.resolved.value.indexOf('T'));
      f.resolved = { ...f.resolved, value: iso(lastDay) + tail, range: { start: lastDay, end: lastDay } };
    }
    if (f.resolved.range && f.resolved.precision && f.resolved.value && f.resolved.kind !== 'clock' && f.resolved.kind !== 'ref' && f.resolved.type === 'DATE') {
      lastDate = { range: f.resolved.range, precision: f.resolved.precision, value: f.resolved.value };
    }
    if (f.resolved.precision === 'day' && f.resolved.range && f.resolved.kind !== 'clock' && f.resolved.kind !== 'ref') {
      lastDay = f.resolved.range.start;
      lastDayEnd = f.end;
    }
  }
  for (const f of taken) delete (f as Found & { raw?: Raw }).raw;

  const merged = mergeNeighbours(text, taken);
  const anchor = narrativeAnchor(merged, ref);
  if (anchor !== null) {
    for (const f of merged) {
      if (f.resolved.kind === 'weekday' && f.resolved.weekday !== undefined) f.resolved = reresolveWeekday(f.resolved, anchor, tenseOf(f));
    }
  }
  // "continued overnight" after a dated sentence: the night of that date
  for (let i = 0; i < merged.length; i++) {
    const f = merged[i]!;
    if (f.resolved.kind !== 'overnight') continue;
    for (let j = i - 1; j >= 0; j--) {
      const p = merged[j]!;
      if (f.start - p.end > 400) break;
      if (p.resolved.precision === 'day' && p.resolved.range && p.resolved.kind !== 'clock' && p.resolved.kind !== 'ref') {
        const d = p.resolved.range.start;
        f.resolved = { ...f.resolved, value: `${iso(d)}TNI`, range: { start: d, end: d + 1 } };
        break;
      }
    }
  }
  return merged;
}

const JOIN_OVERNIGHT = /^\s*(?:on|of|into|to|from)?\s*$/i;
const JOIN_CLOCK = /^\s*(?:,|on|of)?\s*$/i;

/** "overnight on Monday" → Monday night to Tuesday; "5 p.m. Nov. 9" → that day at 17:00. */
function mergeNeighbours(text: string, found: Found[]): Found[] {
  const out: Found[] = [];
  for (let i = 0; i < found.length; i++) {
    const a = found[i]!;
    const b = found[i + 1];
    const dayLike = (f: Found | undefined): f is Found => !!f && f.resolved.precision === 'day' && f.resolved.range !== null && f.resolved.kind !== 'clock' && f.resolved.kind !== 'overnight';
    if (a.resolved.kind === 'overnight' && dayLike(b) && JOIN_OVERNIGHT.test(text.slice(a.end, b.start))) {
      const r = b.resolved;
      const d = r.range!.start;
      out.push({
        start: a.start, end: b.end, rule: `overnight+${b.rule}`,
        resolved: { ...r, type: 'DATE', value: r.value!.replace(/T\w+$/, '') + 'TNI', range: { start: d, end: d + 1 }, part: 'night' },
      });
      i++;
      continue;
    }
    if (dayLike(a) && b && b.resolved.kind === 'overnight' && /^\s*$/.test(text.slice(a.end, b.start))) {
      const d = a.resolved.range!.start;
      out.push({ start: a.start, end: b.end, rule: `${a.rule}+overnight`, resolved: { ...a.resolved, value: a.resolved.value!.replace(/T\w+$/, '') + 'TNI', range: { start: d, end: d + 1 }, part: 'night' } });
      i++;
      continue;
    }
    if (a.resolved.kind === 'clock' && dayLike(b) && JOIN_CLOCK.test(text.slice(a.end, b.start)) && a.resolved.value) {
      const hm = a.resolved.value.slice(a.resolved.value.indexOf('T'));
      out.push({ start: a.start, end: b.end, rule: `clock+${b.rule}`, resolved: { ...b.resolved, type: 'TIME', value: b.resolved.value!.replace(/T\w+$/, '') + hm, stated: [...b.resolved.stated, 'time'] } });
      i++;
      continue;
    }
    if (dayLike(a) && b && b.resolved.kind === 'clock' && JOIN_CLOCK.test(text.slice(a.end, b.start)) && /^\s*,?\s*(?:at\s+)?$/.test(text.slice(a.end, b.start)) && b.resolved.value) {
      const hm = b.resolved.value.slice(b.resolved.value.indexOf('T'));
      out.push({ start: a.start, end: b.end, rule: `${a.rule}+clock`, resolved: { ...a.resolved, type: 'TIME', value: a.resolved.value!.replace(/T\w+$/, '') + hm, stated: [...a.resolved.stated, 'time'] } });
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * The day an old article's own narrative points to. When the text pairs a weekday with a
 * calendar date ("Monday (September 12)") and every such pair lies well before publication,
 * the article was written around the latest of them: bare weekdays ("on Tuesday") are read
 * against the day after it, not against the publication date.
 */
export function narrativeAnchor(found: readonly Found[], ref: DayNum | null): DayNum | null {
  if (ref === null) return null;
  let latest: DayNum | null = null;
  for (const f of found) {
    const r = f.resolved;
    if (r.kind !== 'weekday-date' || !r.range || r.mismatch) continue;
    if (!r.stated.includes('weekday')) continue;
    const d = r.range.start;
    if (ref - d <= 7) return null; // the article's narrative is current
    if (weekday(d) !== undefined && (latest === null || d > latest)) latest = d;
  }
  return latest === null ? null : latest + 1;
}
