// Corpus totals and the breakdowns the page's header shows (events by type, country, status).

import type { Store } from '../store/types.js';

function bump(m: Record<string, number>, k: string | null | undefined): void {
  const key = k ?? 'unknown';
  m[key] = (m[key] ?? 0) + 1;
}

/** Pages through every cluster once; the corpus a workbench holds is thousands, not millions. */
export async function statsOf(store: Store) {
  const totals = await store.stats();
  const byType: Record<string, number> = {};
  const byCountry: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  let first: string | null = null;
  let last: string | null = null;
  const page = 1000;
  for (let offset = 0; ; offset += page) {
    const { events } = await store.listEvents({ limit: page, offset });
    for (const e of events) {
      bump(byType, e.type);
      bump(byCountry, e.country);
      for (const s of e.statuses) bump(byStatus, s);
      for (const s of e.sources) bump(bySource, s);
      if (e.dateStart && (!first || e.dateStart < first)) first = e.dateStart;
      const end = e.dateEnd ?? e.dateStart;
      if (end && (!last || end > last)) last = end;
    }
    if (events.length < page) break;
  }
  return { ...totals, byType, byCountry, byStatus, bySource, dates: { first, last } };
}
