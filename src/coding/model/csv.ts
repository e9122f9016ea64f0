// Reading labelled examples for `sitrep train` / `sitrep evaluate`: an ACLED-style CSV export
// (a header row with `notes` and `sub_event_type`, quoted fields with commas and newlines) or the
// project's own TSV (label <TAB> text, # comments).

import { readFileSync } from 'node:fs';
import { parseCsv } from '../../corpus/formats/csv.js';

export interface Example {
  text: string;
  label: string;
  /** ACLED event type when the file has one (used to report event-type accuracy). */
  eventType?: string;
}

// The one CSV parser, shared with the export round-trips.
export { parseCsv };

export interface ReadOptions {
  textColumn?: string;
  labelColumn?: string;
}

export function readExamples(path: string, opts: ReadOptions = {}): Example[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  raw = raw.replace(/^\uFEFF/, '');
  if (/\.tsv$/i.test(path)) {
    const out: Example[] = [];
    raw.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim() || line.startsWith('#')) return;
      const tab = line.indexOf('\t');
      if (tab < 0) throw new Error(`${path}:${i + 1}: expected label<TAB>text`);
      out.push({ label: line.slice(0, tab).trim(), text: line.slice(tab + 1).trim() });
    });
    return out;
  }
  const rows = parseCsv(raw);
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const textCol = header.indexOf((opts.textColumn ?? 'notes').toLowerCase());
  const labelCol = header.indexOf((opts.labelColumn ?? 'sub_event_type').toLowerCase());
  const typeCol = header.indexOf('event_type');
  if (textCol < 0 || labelCol < 0) {
    throw new Error(`${path}: the header needs columns "${opts.textColumn ?? 'notes'}" and "${opts.labelColumn ?? 'sub_event_type'}" (found: ${header.join(', ')})`);
  }
  const out: Example[] = [];
  for (const r of rows) {
    const text = (r[textCol] ?? '').trim();
    const label = (r[labelCol] ?? '').trim();
    if (!text || !label) continue;
    const ex: Example = { text, label };
    if (typeCol >= 0 && r[typeCol]) ex.eventType = r[typeCol]!.trim();
    out.push(ex);
  }
  return out;
}
