// When an event happened: the time expression that governs its clause, else its sentence, else
// its paragraph (marked and with lower precision), else the article's lead date. Statements with
// no date of their own fall in the article's news window (the day before publication to the
// publication day, or the lead date of an old article); actions with no support get null, never
// the publication date.
//
// And whether an event is background ('historical') or announced ('future'), by its date and the
// tense of its clause, not by where it sits in the article.

import type { DatePrecision, Doc, EventDate, EventStatus, Sentence, Span, TimeMention } from '../../doc.js';
import { iso, parseIso, type DayNum } from './calendar.js';
import { insideAny, spanContaining } from '../../nlp/spans.js';

export interface EventDateOptions {
  /** The event is a statement (said, accused, called for): undated statements are dated to the publication window. */
  statement?: boolean;
}

const COARSER: Record<DatePrecision, DatePrecision> = { day: 'week', week: 'month', month: 'year', year: 'decade', decade: 'decade' };

/** A time mention that can date an event: a calendar interval, not a duration, set or vague reference. */
function isDating(t: TimeMention): boolean {
  return t.range !== null && (t.type === 'DATE' || t.type === 'TIME') && t.precision !== null && !/_REF$/.test(t.value ?? '');
}

function sentenceOf(doc: Doc, pos: number): Sentence | null {
  return spanContaining(doc.sentences, pos);
}

// Clause boundaries between an event word and a time expression: punctuation that closes a
// clause and words that open a new one. A time expression fronting the sentence ("On Monday,")
// governs the whole sentence despite its comma.
const BOUNDARY = /[;:()\u2013\u2014"\u201c\u201d]|,\s|\s(?:and|but|while|whereas|after|before|when|which|who|since|although|because|as|until)\s/g;

function boundaries(text: string): number {
  BOUNDARY.lastIndex = 0;
  let n = 0;
  while (BOUNDARY.exec(text) !== null) n++;
  return n;
}

interface Pick {
  time: TimeMention;
  crossed: number;
}

/** "the 2020 war", "a 1994 ceasefire": a date that names a thing rather than dating the clause. */
const ATTRIBUTIVE_BEFORE = /\b(?:the|a|an|its|their|his|her|this|that|last|next)\s+$|['’]s\s+$/i;
const ATTRIBUTIVE_AFTER = /^\s+[a-z]/;
/** A relative clause opened before the date and not yet closed: ", who announced on Friday". */
const RELATIVE_OPEN = /,\s+(?:who|which|whose)\b[^,]*$/;
/** A date elaborating the one before it: "Around 22 March 2022 (between 15 - 22 March)". */
const ELABORATION = /^\s*\([^()]*$/;

function bestInSentence(doc: Doc, s: Sentence, anchor: Span): Pick | null {
  let best: Pick | null = null;
  let bestCost = Infinity;
  let prevEnd = -1;
  for (const t of docDates(doc).dating) {
    if (t.start < s.start || t.end > s.end) continue;
    const elaborates = prevEnd >= 0 && t.start - prevEnd < 40 && ELABORATION.test(doc.text.slice(prevEnd, t.start));
    prevEnd = t.end;
    if (elaborates) continue;
    if (t.start < anchor.end && anchor.start < t.end) return { time: t, crossed: 0 };
    const between = t.end <= anchor.start ? doc.text.slice(t.end, anchor.start) : doc.text.slice(anchor.end, t.start);
    let crossed = boundaries(between);
    // fronted: only a preposition or nothing before it in the sentence, and the event after it
    const front = t.end <= anchor.start && FRONTED.test(doc.text.slice(s.start, t.start));
    if (front) crossed = 0;
    const attributive = t.precision === 'year' && ATTRIBUTIVE_BEFORE.test(doc.text.slice(Math.max(s.start, t.start - 12), t.start)) && ATTRIBUTIVE_AFTER.test(doc.text.slice(t.end, t.end + 3));
    // a clock time alone ("a curfew from 9 p.m.") says nothing of the day: a day named in the sentence wins
    const clockOnly = t.stated.length > 0 && t.stated.every(isClockPart);
    // "X, who announced on Friday that …, accepted": a date inside a relative clause the event is outside of
    const relative = !front && t.end <= anchor.start && RELATIVE_OPEN.test(doc.text.slice(s.start, t.start)) && /,\s/.test(doc.text.slice(t.end, anchor.start));
    const cost = (front ? Math.min(between.length, 40) : between.length) + 80 * crossed + (attributive ? 200 : 0) + (clockOnly ? 150 : 0);
    if (relative) continue;
    if (cost < bestCost) {
      bestCost = cost;
      best = { time: t, crossed };
    }
  }
  return best;
}

function fromMention(t: TimeMention, source: EventDate['source'], lower = false, doc?: Doc): EventDate {
  const precision = lower ? COARSER[t.precision!] : t.precision!;
  let end = t.range!.end;
  // "since 10 February": from then until the news (the lead date of an old report, else publication)
  if (t.open === 'after' && doc?.meta.published) {
    const lead = docDates(doc).lead;
    const until = lead && lead !== t ? lead.range!.end : doc.meta.published;
    if (until > end) end = until;
  }
  return { start: t.range!.start, end, precision, source, evidence: { start: t.start, end: t.end } };
}

/** A mention that opens its sentence ("On 1 March 2022, …"): it sets the date for what follows. */
function fronted(doc: Doc, t: TimeMention): boolean {
  const s = sentenceOf(doc, t.start);
  return !!s && FRONTED.test(doc.text.slice(s.start, t.start));
}
const FRONTED = /^\W*(?:(?:[A-Za-z /]+:\s*)?(?:on|in|at|by|late|early|around|about|since|from|during|overnight)\s+)*$/i;

/**
 * The article's lead date: the first day-precision date in its first body paragraphs. It is
 * the date the article's news happened on; undated events of the news flow share it.
 */
export function leadDate(doc: Doc): TimeMention | null {
  return docDates(doc).lead;
}

function isClockPart(p: string): boolean {
  return p === 'time' || p === 'part';
}

function startDay(t: TimeMention): DayNum | null {
  return parseIso(t.range!.start);
}

function findLeadDate(doc: Doc, dating: readonly TimeMention[], published: DayNum | null): TimeMention | null {
  // (loops and module functions in this file, not callbacks made per call: V8 drops a closure's
  // optimized code at every full GC, holding it weakly while none is alive between articles)
  const paras: Span[] = [];
  for (const p of doc.paragraphs ?? []) if (p.kind === 'body' && paras.length < 2) paras.push(p);
  if (paras.length === 0) return null;
  for (const t of dating) {
    if (t.precision !== 'day') continue;
    if (!insideAny(paras, t)) continue;
    if (t.open) continue;
    const start = parseIso(t.range!.start)!;
    if (published !== null && start > published) continue;
    return t;
  }
  return null;
}

/** What every event of a document is dated against, worked out once per document. */
interface DocDates {
  // what the values were computed from: a document with other times, paragraphs or publication date is recomputed
  times: Doc['times'];
  paragraphs: Doc['paragraphs'];
  publishedIso: string | undefined;
  /** The mentions that can date an event, in order, and the first day of each. */
  dating: readonly TimeMention[];
  datingStart: readonly (DayNum | null)[];
  /** The publication day. */
  published: DayNum | null;
  lead: TimeMention | null;
  /** The first day of the window the article reports as news: the lead date, else the day before publication. */
  newsStart: DayNum | null;
}

// The events stage asks for these for every event (and twice for some); a document is frozen
// between stages, so its inputs are checked by identity rather than rescanned.
const DOC_DATES = new WeakMap<Doc, DocDates>();

function docDates(doc: Doc): DocDates {
  const publishedIso = doc.meta.published || undefined;
  const cached = DOC_DATES.get(doc);
  if (cached && cached.times === doc.times && cached.paragraphs === doc.paragraphs && cached.publishedIso === publishedIso) return cached;
  const published = publishedIso ? parseIso(publishedIso) : null;
  const dating = (doc.times ?? []).filter(isDating);
  const datingStart = dating.map(startDay);
  const lead = findLeadDate(doc, dating, published);
  const newsStart = lead ? parseIso(lead.range!.start) : published === null ? null : published - 1;
  const dates: DocDates = { times: doc.times, paragraphs: doc.paragraphs, publishedIso, dating, datingStart, published, lead, newsStart };
  DOC_DATES.set(doc, dates);
  return dates;
}

const ORDINAL_DAYS: Record<string, number> = { second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, sixth: 6, '6th': 6, seventh: 7, '7th': 7 };
const NTH_DAY = /\bfor\s+(?:a|the)\s+(second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th)\s+(?:straight\s+|consecutive\s+|successive\s+)?day\s+(?:on\s+|running\s+on\s+)?$/i;

/** "fought for a second day on Sunday": the fighting began the day before the day named. */
function nthDay(doc: Doc, t: TimeMention, d: EventDate): EventDate {
  if (t.precision !== 'day') return d;
  const m = NTH_DAY.exec(doc.text.slice(Math.max(0, t.start - 50), t.start));
  if (!m) return d;
  const start = parseIso(d.start);
  if (start === null) return d;
  return { ...d, start: iso(start - (ORDINAL_DAYS[m[1]!.toLowerCase()]! - 1)) };
}

export function eventDate(doc: Doc, anchor: Span, opts: EventDateOptions = {}): EventDate | null {
  const s = sentenceOf(doc, anchor.start);
  if (s) {
    const pick = bestInSentence(doc, s, anchor);
    if (pick) {
      // "after the Oct. 7 attack": the date names the attack itself; "after" opens the other clause's range, not this one
      const named = pick.time.open && pick.time.end <= anchor.start && /^\s*$/.test(doc.text.slice(pick.time.end, anchor.start));
      const t = named ? { ...pick.time, open: null } : pick.time;
      return nthDay(doc, t, fromMention(t, pick.crossed === 0 ? 'clause' : 'sentence', false, doc));
    }
    // an announced event with no date of its own has none: the news day is when it was announced
    if (announced(doc, anchor)) return null;
    // the paragraph: the latest date that opens an earlier sentence, else the nearest before, else after
    const para = (doc.paragraphs ?? [])[s.paragraph];
    if (para) {
      let before: TimeMention | null = null;
      let front: TimeMention | null = null;
      let after: TimeMention | null = null;
      const { published: pub, dating: times, datingStart } = docDates(doc);
      for (let i = 0; i < times.length; i++) {
        const t = times[i]!;
        if (t.start < para.start || t.end > para.end || t.open) continue;
        // "… condemned the aggression. The Council will meet on Friday.": an announced day does not date what was done
        if (pub !== null && (datingStart[i] ?? -Infinity) > pub) continue;
        if (t.end <= s.start) {
          before = t;
          if (fronted(doc, t)) front = t;
        } else if (t.start >= s.end && !after && t.precision === 'day') after = t;
      }
      // a statement is not dated by what a later sentence tells ("… appealed for corridors. Talks stalled earlier this year.");
      // nor is an event by a vague later one ("… 4 houses had been destroyed. Talks stalled earlier this year."), which
      // mostly opens background: only a day named after it in its paragraph dates it, else the article's lead does
      const t = front ?? before ?? (opts.statement ? null : after);
      if (t) return fromMention(t, 'paragraph', true, doc);
    }
  }
  const { published, lead } = docDates(doc);
  if (lead) {
    const d = fromMention(lead, 'article');
    if (opts.statement && published !== null && published - parseIso(lead.range!.end)! <= 3) {
      // statements follow the news: from the lead date to publication
      return { start: d.start, end: iso(published), precision: 'day', source: 'article', evidence: d.evidence };
    }
    return d;
  }
  if (opts.statement && published !== null) {
    return { start: iso(published - 1), end: iso(published), precision: 'day', source: 'published', evidence: null };
  }
  return null;
}

// ---------------------------------------------------------------- historical / future

/** A future auxiliary governing the event word: "will hold", "would call for", "is due to convene". */
const FUTURE_AUX = /\b(?:will|'ll|shall|would|(?:due|set|scheduled|expected|going|poised|ready|plans?|planning|planned|intends?|aims?|prepares?)\s+to|to\s+be\s+held)\b/i;
const FUTURE_RELATIVE = /^[^.;:]{0,50}?\b(?:which|that|who)\s+(?:is|are)\s+(?:due|set|scheduled|expected|planned)\s+to\b|^[^.;:]{0,50}?\b(?:which|that)\s+will\b/i;
const PLUPERFECT_BEFORE = /\bhad\s+(?:(?:already|long|previously|earlier|also|not|never)\s+)*(?:been\s+)?$/i;
const REPORTED = /\b(?:said|says|told|reported|claimed|according|announced|stated|added|alleged|accused|denied|insisted)\b/i;
const DAYS_FAR = 30;

const CLAUSE_OPENER = /[,;:(\u2013\u2014"\u201c]|\b(?:and|but|that|which|who|while)\b/g;

/** The last six words before the event word, within its clause. */
function clauseBefore(doc: Doc, anchor: Span): string {
  const s = sentenceOf(doc, anchor.start);
  const sStart = s ? s.start : Math.max(0, anchor.start - 200);
  const before = doc.text.slice(Math.max(sStart, anchor.start - 60), anchor.start);
  // what follows the last clause opener (as the last piece of `before.split(CLAUSE_OPENER)`)
  let from = 0;
  CLAUSE_OPENER.lastIndex = 0;
  while (CLAUSE_OPENER.exec(before) !== null) from = CLAUSE_OPENER.lastIndex;
  return before.slice(lastWords(before, from, 6));
}

/**
 * Where the last `n` words of text[from, end) begin, as `text.slice(from).split(/\s+/).slice(-n)`
 * counts them (trailing whitespace makes an empty last word): just after the n-th whitespace run
 * from the end, else `from`. The words keep their own whitespace, which the patterns tested on
 * them (\s+, \b) read as they would the single spaces of a join, without building the array.
 */
function lastWords(text: string, from: number, n: number): number {
  let runs = 0;
  let i = text.length;
  while (i > from) {
    if (!isSpace(text.charCodeAt(i - 1))) {
      i--;
      continue;
    }
    if (++runs === n) return i;
    while (i > from && isSpace(text.charCodeAt(i - 1))) i--;
  }
  return from;
}

const OTHER_SPACE = /\s/;

/** The characters \s matches. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && OTHER_SPACE.test(String.fromCharCode(c)));
}

/** "will hold", "would call for", "a meeting, which is due to convene": announced, not yet happened. */
function announced(doc: Doc, anchor: Span): boolean {
  if (FUTURE_AUX.test(clauseBefore(doc, anchor))) return true;
  const s = sentenceOf(doc, anchor.start);
  return FUTURE_RELATIVE.test(doc.text.slice(anchor.end, Math.min(s ? s.end : anchor.end + 80, anchor.end + 80)));
}

export function temporalStatus(doc: Doc, anchor: Span, date: EventDate | null): Extract<EventStatus, 'historical' | 'future'> | null {
  const { published, newsStart: ns } = docDates(doc);
  const s = sentenceOf(doc, anchor.start);
  const sStart = s ? s.start : Math.max(0, anchor.start - 200);
  const before = doc.text.slice(Math.max(sStart, anchor.start - 60), anchor.start);

  // announced or scheduled: a future auxiliary right before the event word ("will hold"), a
  // relative clause after it ("a meeting, which is due to convene"), or a date after publication
  if (announced(doc, anchor)) return 'future';
  if (date && published !== null) {
    const start = parseIso(date.start);
    if (start !== null && start > published && date.source !== 'article' && date.source !== 'published') return 'future';
  }

  if (date && ns !== null && date.source !== 'article' && date.source !== 'published') {
    const end = parseIso(date.end)!;
    const start = parseIso(date.start)!;
    if (end < ns - DAYS_FAR) return 'historical';
    // an ongoing state "since" a date long past is background
    const ev = date.evidence;
    let mention: TimeMention | undefined;
    if (ev) for (const t of doc.times ?? []) if (t.start === ev.start && t.end === ev.end) {
      mention = t;
      break;
    }
    if (mention?.open === 'after' && start < ns - DAYS_FAR) return 'historical';
    // shortly before the news, told in the pluperfect outside reported speech: background
    if (end < ns && PLUPERFECT_BEFORE.test(before) && !REPORTED.test(doc.text.slice(sStart, anchor.start))) return 'historical';
  }
  // undated (or dated only by the article's lead) and told in the pluperfect outside reported speech
  const ownDate = date && (date.source === 'clause' || date.source === 'sentence');
  if (!ownDate && PLUPERFECT_BEFORE.test(before) && !REPORTED.test(doc.text.slice(sStart, anchor.start))) return 'historical';
  return null;
}
