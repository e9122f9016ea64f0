// The export formats `sitrep export --format F` writes, streamed cluster by cluster so an export
// of any size runs in bounded memory.

import type { EventCluster } from '../../store/types.js';
import { acledHeader, acledRow, inAcledScope } from './acled.js';
import { gdeltHeader, gdeltRow } from './gdelt.js';
import { geojsonFeature } from './geojson.js';
import { ploverRecord } from './plover.js';

export const FORMATS = ['acled-csv', 'cameo-tsv', 'plover-json', 'geojson', 'jsonl'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportOptions {
  /** cameo-tsv: write GDELT's column names as a first line (default true). */
  header?: boolean;
  /** Time stamp for PLOVER's coded_date (tests fix it). */
  now?: string;
}

export interface ExportCounts {
  written: number;
  skipped: number;
}

export function isFormat(f: string): f is ExportFormat {
  return (FORMATS as readonly string[]).includes(f);
}

/** Write clusters in `format` through `write` (which may wait for the stream to drain). */
export async function exportClusters(format: ExportFormat, clusters: AsyncIterable<EventCluster>, write: (s: string) => Promise<void> | void, opts: ExportOptions = {}): Promise<ExportCounts> {
  const counts: ExportCounts = { written: 0, skipped: 0 };
  const now = opts.now ?? new Date().toISOString().slice(0, 10);
  let first = true;
  switch (format) {
    case 'acled-csv':
      await write(acledHeader());
      for await (const c of clusters) {
        if (!inAcledScope(c)) {
          counts.skipped++;
          continue;
        }
        await write(acledRow(c));
        counts.written++;
      }
      break;
    case 'cameo-tsv':
      if (opts.header !== false) await write(gdeltHeader());
      for await (const c of clusters) {
        await write(gdeltRow(c));
        counts.written++;
      }
      break;
    case 'plover-json':
      await write('[');
      for await (const c of clusters) {
        await write((first ? '\n' : ',\n') + JSON.stringify(ploverRecord(c, now)));
        first = false;
        counts.written++;
      }
      await write(first ? ']\n' : '\n]\n');
      break;
    case 'geojson':
      await write('{"type":"FeatureCollection","features":[');
      for await (const c of clusters) {
        await write((first ? '\n' : ',\n') + JSON.stringify(geojsonFeature(c)));
        first = false;
        counts.written++;
      }
      await write(first ? ']}\n' : '\n]}\n');
      break;
    case 'jsonl':
      for await (const c of clusters) {
        await write(JSON.stringify(c) + '\n');
        counts.written++;
      }
      break;
  }
  return counts;
}
