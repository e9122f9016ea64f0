// GET /api/export: the event clusters matching a filter, as a file.

import type { EventCluster, EventFilter, Store } from '../store/types.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

async function* allEvents(store: Store, filter: EventFilter): AsyncGenerator<EventCluster> {
  const page = 1000;
  for (let offset = 0; ; offset += page) {
    const { events } = await store.listEvents({ ...filter, limit: page, offset });
    yield* events;
    if (events.length < page) return;
  }
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v);
  // Quote everything that needs it, and defuse spreadsheet formulas (=, +, -, @ at the start).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const CSV_COLUMNS: (keyof EventCluster)[] = [
  'id', 'type', 'mode', 'dateStart', 'dateEnd', 'country', 'admin1', 'location', 'lat', 'lon',
  'actors', 'targets', 'fatalitiesMin', 'fatalitiesMax', 'statuses', 'sources', 'mentions',
];

export async function exportEvents(store: Store, format: ExportFormat, filter: EventFilter): Promise<{ body: string; type: string; filename: string }> {
  const lines: string[] = [];
  if (format === 'csv') {
    lines.push(CSV_COLUMNS.join(','));
    for await (const e of allEvents(store, filter)) lines.push(CSV_COLUMNS.map((k) => csvCell(e[k])).join(','));
    return { body: lines.join('\r\n') + '\r\n', type: 'text/csv; charset=utf-8', filename: 'sitrep-events.csv' };
  }
  for await (const e of allEvents(store, filter)) lines.push(JSON.stringify(e));
  return { body: lines.join('\n') + (lines.length ? '\n' : ''), type: 'application/x-ndjson', filename: 'sitrep-events.jsonl' };
}
