// GET /api/export: the event clusters matching a filter, as a file. The interchange formats
// (ACLED CSV, GDELT/CAMEO TSV, PLOVER JSON, GeoJSON, JSON lines) are the store engineer's
// writers (src/corpus/formats), the same as `sitrep export`; `csv` is the flat table the
// workbench's "Export CSV" link downloads.

import { exportClusters, FORMATS as CORPUS_FORMATS, type ExportFormat as CorpusFormat } from '../corpus/formats/index.js';
import type { EventCluster, EventFilter, Store } from '../store/types.js';

export const EXPORT_FORMATS = ['csv', ...CORPUS_FORMATS] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const FILES: Record<CorpusFormat, { type: string; filename: string }> = {
  'acled-csv': { type: 'text/csv; charset=utf-8', filename: 'sitrep-acled.csv' },
  'cameo-tsv': { type: 'text/tab-separated-values; charset=utf-8', filename: 'sitrep-cameo.tsv' },
  'plover-json': { type: 'application/json', filename: 'sitrep-plover.json' },
  geojson: { type: 'application/geo+json', filename: 'sitrep-events.geojson' },
  jsonl: { type: 'application/x-ndjson', filename: 'sitrep-events.jsonl' },
};

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
  const chunks: string[] = [];
  if (format === 'csv') {
    chunks.push(CSV_COLUMNS.join(','));
    for await (const e of allEvents(store, filter)) chunks.push(CSV_COLUMNS.map((k) => csvCell(e[k])).join(','));
    return { body: chunks.join('\r\n') + '\r\n', type: 'text/csv; charset=utf-8', filename: 'sitrep-events.csv' };
  }
  await exportClusters(format, store.iterateEvents(filter), (s) => {
    chunks.push(s);
  });
  return { body: chunks.join(''), ...FILES[format] };
}
