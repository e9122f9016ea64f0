// date-mismatch: the text pairs a weekday with a calendar date it does not fall on in any year
// near publication ("Saturday, April 1" in an article of April 2022, when 1 April was a Friday).
// The time stage keeps the calendar date and notes the disagreement on the mention.

import type { Check, Doc } from '../doc.js';
import type { Resources } from '../resources.js';
import { parseIso, weekday } from '../resolve/time/calendar.js';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function dateMismatch(doc: Doc, _res: Resources): Check[] {
  const out: Check[] = [];
  for (const t of doc.times ?? []) {
    if (!t.mismatch) continue;
    const day = parseIso(t.mismatch.date);
    if (day === null) continue;
    const [y, m, d] = t.mismatch.date.split('-').map(Number) as [number, number, number];
    const actual = WEEKDAY_NAMES[weekday(day)]!;
    out.push({
      kind: 'date-mismatch',
      message: `"${t.text}": ${d} ${MONTH_NAMES[m - 1]} ${y} was a ${actual}, not a ${t.mismatch.weekday}; the calendar date is used`,
      text: t.text,
      evidence: [{ start: t.start, end: t.end }],
    });
  }
  return out;
}
