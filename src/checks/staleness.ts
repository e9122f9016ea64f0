// stale-report: the article presents as news events that ended long before it was published
// (the founding example: clashes of 12–13 September 2022 reported on 31 May 2023). The newest
// event that is not background, announced or hypothetical decides; with no dated events, the
// article's lead date does.

import type { Check, Doc, Span } from '../doc.js';
import type { Resources } from '../resources.js';
import { parseIso } from '../resolve/time/calendar.js';
import { leadDate } from '../resolve/time/event-date.js';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function readable(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
}

export function staleReport(doc: Doc, res: Resources): Check[] {
  const published = doc.meta.published ? parseIso(doc.meta.published) : null;
  if (published === null) return [];
  const limit = res.settings.staleDays;

  let newest: number | null = null;
  let newestIds: string[] = [];
  let evidence: Span[] = [];
  let newestIso = '';
  for (const e of doc.events ?? []) {
    if (!e.date || e.status === 'historical' || e.status === 'future' || e.status === 'hypothetical') continue;
    const end = parseIso(e.date.end);
    if (end === null || end > published) continue;
    if (newest === null || end > newest) {
      newest = end;
      newestIds = [e.id];
      newestIso = e.date.end;
      evidence = e.date.evidence ? [e.date.evidence] : [];
    } else if (end === newest) {
      newestIds.push(e.id);
    }
  }
  if (newest === null && (doc.events ?? []).length === 0) {
    const lead = leadDate(doc);
    if (lead) {
      newest = parseIso(lead.range!.end);
      newestIso = lead.range!.end;
      evidence = [{ start: lead.start, end: lead.end }];
    }
  }
  if (newest === null) return [];
  const days = published - newest;
  if (days <= limit) return [];
  const check: Check = {
    kind: 'stale-report',
    message: `reported ${days} days after the latest event it describes (${readable(newestIso)}; published ${readable(doc.meta.published!)})`,
    days,
    evidence,
  };
  if (newestIds.length) check.events = newestIds;
  return [check];
}
