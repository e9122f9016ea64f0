// Stage: time expressions (TIMEX3 DATE/TIME/DURATION/SET), resolved against the publication
// date with the tense of their clause. See recognise.ts for the method and rules.ts for the grammar.

import type { Doc, Span, TimeMention } from '../../doc.js';
import { defineStage } from '../../pipeline.js';
import { isoRange } from './calendar.js';
import { recognise, type Found } from './recognise.js';

export function toMention(text: string, f: Found): TimeMention {
  const r = f.resolved;
  const m: TimeMention = {
    start: f.start,
    end: f.end,
    text: text.slice(f.start, f.end),
    type: r.type,
    value: r.value,
    range: r.range ? isoRange(r.range) : null,
    precision: r.precision,
    stated: r.stated,
    implied: r.implied,
  };
  if (r.mod) m.mod = r.mod;
  if (r.open) m.open = r.open;
  if (r.mismatch) {
    m.mismatch = { weekday: WEEKDAY_NAMES[r.mismatch.weekday]!, date: isoRange({ start: r.mismatch.date, end: r.mismatch.date }).start };
  }
  return m;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The stretches that only state the publication date (date line, dateline): not content. */
function skipSpans(doc: Doc): Span[] {
  const out: Span[] = [];
  for (const z of doc.zones) if (z.kind === 'date' || z.kind === 'dateline') out.push({ start: z.start, end: z.end });
  if (doc.meta.publishedSpan) out.push(doc.meta.publishedSpan);
  return out;
}

export function timesOf(doc: Doc): TimeMention[] {
  const found = recognise({
    text: doc.text,
    published: doc.meta.published,
    sentences: doc.sentences,
    tokens: doc.tokens,
    skip: skipSpans(doc),
  });
  const out: TimeMention[] = [];
  for (const f of found) out.push(toMention(doc.text, f));
  return out;
}

export const timesStage = defineStage({
  name: 'times',
  requires: ['sentences', 'tokens'],
  assigns: ['times'],
  run(doc) {
    return { times: timesOf(doc) };
  },
});
