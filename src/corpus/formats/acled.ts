// ACLED CSV: the columns of ACLED's codebook (../shared/reference/acled_codebook.csv), in order.
// Only clusters inside ACLED's scope (an ACLED event/sub-event type) are written. Fatalities is
// one number in ACLED, so the lowest reported figure is used (ACLED codes the most conservative
// estimate); every source's figure and every disagreement go into `notes`.

import type { EventCluster } from '../../store/types.js';
import { formatFigure } from '../merge.js';
import { acledInter, acledInteraction, countryName, isoNumeric, numericId } from './codes.js';
import { csvRow, parseCsv, withHeader } from './csv.js';

export const ACLED_COLUMNS = [
  'data_id', 'iso', 'event_id_cnty', 'event_id_no_cnty', 'event_date', 'year', 'time_precision', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'region', 'country', 'admin1', 'admin2',
  'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities', 'timestamp', 'iso3',
] as const;

/** dd-mm-yyyy, as the codebook spells event_date. */
export function acledDate(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}

function timePrecision(p: string | null): number {
  return p === 'day' ? 1 : p === 'week' ? 2 : 3;
}

/** 1 = the place itself, 2 = a part of a region near it, 3 = a larger region or the country. */
function geoPrecision(p: string | null): number | null {
  return p === 'point' ? 1 : p === 'admin1' ? 2 : p ? 3 : null;
}

function notes(c: EventCluster): string {
  const parts: string[] = [];
  if (c.notes) parts.push(c.notes);
  for (const d of c.disagreements) {
    parts.push(`[Sources disagree on ${d.kind}: ${d.values.map((v) => `${v.value} (${v.source ?? v.article.slice(0, 12)})`).join('; ')}]`);
  }
  if (!c.disagreements.some((d) => d.kind === 'fatalities') && c.figures.length > 1) {
    parts.push(`[Fatalities reported: ${c.figures.map((f) => `${formatFigure(f)} (${f.source ?? f.article.slice(0, 12)})`).join('; ')}]`);
  }
  return parts.join(' ');
}

export function inAcledScope(c: EventCluster): boolean {
  return c.acled !== null && c.dateStart !== null;
}

export function acledHeader(): string {
  return csvRow([...ACLED_COLUMNS]);
}

export function acledRow(c: EventCluster): string {
  const id = numericId(c.id);
  const et = c.acled?.event_type ?? null;
  const a1 = c.actorRefs[0];
  const a2 = c.targetRefs[0];
  const i1 = acledInter(a1, et);
  const i2 = acledInter(a2, et);
  const row: Record<(typeof ACLED_COLUMNS)[number], unknown> = {
    data_id: id,
    iso: isoNumeric(c.country),
    event_id_cnty: `${c.country ?? 'XXX'}${id}`,
    event_id_no_cnty: id,
    event_date: c.dateStart ? acledDate(c.dateStart) : '',
    year: c.dateStart?.slice(0, 4) ?? '',
    time_precision: timePrecision(c.datePrecision),
    event_type: et,
    sub_event_type: c.acled?.sub_event_type ?? null,
    actor1: a1?.name ?? null,
    assoc_actor_1: c.actorRefs.slice(1).map((a) => a.name).join('; '),
    inter1: i1,
    actor2: a2?.name ?? null,
    assoc_actor_2: c.targetRefs.slice(1).map((a) => a.name).join('; '),
    inter2: a2 ? i2 : null,
    interaction: acledInteraction(i1, a2 ? i2 : null),
    region: null,
    country: countryName(c.country),
    admin1: c.admin1,
    admin2: null,
    admin3: null,
    location: c.location,
    latitude: c.lat,
    longitude: c.lon,
    geo_precision: geoPrecision(c.geoPrecision),
    source: c.sources.join('; '),
    source_scale: null,
    notes: notes(c),
    fatalities: c.fatalitiesMin ?? 0,
    timestamp: Math.floor(Date.parse(c.lastSeen) / 1000) || null,
    iso3: c.country,
  };
  return csvRow(ACLED_COLUMNS.map((k) => row[k]));
}

export function parseAcledCsv(text: string): Record<string, string>[] {
  return withHeader(parseCsv(text));
}
