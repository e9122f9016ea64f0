// Reads the layout of an article's text: which lines are a date, a title (or its repetition),
// an image caption or a dateline, and which are body text. Events are only coded from the body,
// but the text itself is never changed: the layout is a list of zones over it.

import type { Span, Zone } from '../doc.js';
import { dateLine, findDateline, type Dateline } from './published.js';

export interface Line extends Span {
  text: string;
}

/** Non-empty lines with their offsets (trailing spaces and \r excluded). */
export function lines(text: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    let start = pos;
    let end = nl;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end, text: text.slice(start, end) });
    pos = nl + 1;
  }
  return out;
}

const CAPTION_CUE = /\b(pictures?|photos?|photograph|file photo|image|caption|credit|Getty|AFP\/|Reuters\/|AP Photo|EPA)\b/i;
const SENTENCE_END = /[.!?…"”’)\]]$/;

/** Lower case, white space runs as one space, trimmed: how a line is compared with a title. */
function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * norm(s) === target, normalising only a line whose first letter could match: every line of an
 * article is compared with its title, and most differ at once (this was most of making a Doc).
 */
function normEquals(s: string, target: string): boolean {
  let i = 0;
  while (i < s.length && /\s/.test(s[i]!)) i++;
  const c = s.charCodeAt(i);
  // (a surrogate is left to norm: its lower case depends on the other half)
  if (i < s.length && (c < 0xd800 || c > 0xdfff) && !target.startsWith(s[i]!.toLowerCase())) return false;
  return norm(s) === target;
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

export interface Layout {
  zones: Zone[];
  /** Date found on the first line, if any. */
  firstLineDate: { date: string; span: Span } | null;
  dateline: Dateline | null;
  /** A title found in the text (first title-like line). */
  title: string | null;
}

/**
 * Classify the lines of `text`. `knownTitle` (from the input record or HTML) lets a line that
 * repeats it be recognised as a title even when it looks like a sentence.
 */
export function readLayout(text: string, knownTitle: string | null): Layout {
  const ls = lines(text);
  const zones: Zone[] = [];
  let firstLineDate: Layout['firstLineDate'] = null;
  let dateline: Dateline | null = null;
  let title: string | null = null;
  const titleNorm = knownTitle ? norm(knownTitle) : null;
  let foundNorm: string | null = null; // norm(title), once a title line is found
  let inHeader = true;

  for (const [i, line] of ls.entries()) {
    if (i === 0) {
      const d = dateLine(line.text);
      if (d) {
        firstLineDate = { date: d.date, span: { start: line.start + d.start, end: line.start + d.end } };
        zones.push({ start: line.start, end: line.end, kind: 'date' });
        continue;
      }
    }
    if ((titleNorm && normEquals(line.text, titleNorm)) || (title && normEquals(line.text, (foundNorm ??= norm(title))))) {
      zones.push({ start: line.start, end: line.end, kind: 'title' });
      continue;
    }
    const next = ls[i + 1];
    if (inHeader) {
      const words = wordCount(line.text);
      const endsLikeSentence = SENTENCE_END.test(line.text);
      if (!title && !titleNorm && words <= 20 && !endsLikeSentence && next) {
        title = line.text;
        zones.push({ start: line.start, end: line.end, kind: 'title' });
        continue;
      }
      if (words <= 30 && next && (CAPTION_CUE.test(line.text) && !endsLikeSentence || (CAPTION_CUE.test(line.text) && words <= 15))) {
        zones.push({ start: line.start, end: line.end, kind: 'caption' });
        continue;
      }
      if (words <= 12 && !endsLikeSentence && next && zones.length > 0) {
        // a short label line between the title and the body (a kicker, a byline, a section name)
        zones.push({ start: line.start, end: line.end, kind: 'caption' });
        continue;
      }
    }
    if (inHeader && !dateline) {
      const d = findDateline(line.text, line.start);
      if (d) {
        dateline = d;
        zones.push({ start: d.start, end: d.end, kind: 'dateline' });
        inHeader = false;
        if (d.end < line.end) zones.push({ start: d.end, end: line.end, kind: 'body' });
        continue;
      }
    }
    inHeader = false;
    zones.push({ start: line.start, end: line.end, kind: 'body' });
  }
  return { zones, firstLineDate, dateline, title };
}
