// All-numeric dates ("12/09/2022", "2022/09/12", "09.12.2022"), read with chrono-node in both
// the month-first (US) and day-first (British) conventions. When both readings are valid the
// one nearer the publication date (and not after it) wins, so the same article can be read
// right whichever convention its source uses.

import * as chrono from 'chrono-node';
import { dayNum, validDate, type DayNum } from './calendar.js';
import type { Rule } from './rules.js';

const US = chrono.en.casual;
const GB = chrono.en.GB;

function reading(parser: typeof US, s: string, ref: Date): DayNum | null {
  const r = parser.parse(s, ref)[0];
  if (!r || r.index !== 0 || r.text.length !== s.length) return null;
  const c = r.start;
  if (!c.isCertain('day') || !c.isCertain('month') || !c.isCertain('year')) return null;
  const y = c.get('year')!, m = c.get('month')!, d = c.get('day')!;
  return validDate(y, m, d) ? dayNum(y, m, d) : null;
}

export const NUMERIC_DATE: Rule = {
  name: 'numeric-date',
  re: /(?<![\d./-])(?:\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})|\d{4}\/\d{1,2}\/\d{1,2})(?![\d/]|\.\d|-\d)/g,
  build: (_g, ctx, _text, match) => {
    const s = match ?? '';
    const ref = ctx.ref !== null ? new Date(ctx.ref * 86_400_000 + 43_200_000) : new Date(Date.UTC(2000, 0, 1, 12));
    const a = reading(US, s, ref);
    const b = reading(GB, s, ref);
    let d: DayNum | null;
    if (a === null || b === null || a === b) d = a ?? b;
    else if (ctx.ref === null) return null; // ambiguous and nothing to judge by
    else {
      const score = (x: DayNum): number => (x > ctx.ref! + 2 ? 10_000 : 0) + Math.abs(x - ctx.ref!);
      d = score(a) <= score(b) ? a : b;
    }
    if (d === null) return null;
    return {
      type: 'DATE', value: new Date(d * 86_400_000).toISOString().slice(0, 10), range: { start: d, end: d }, precision: 'day',
      stated: ['year', 'month', 'day'], implied: [], kind: 'date',
    };
  },
};
