// CAMEO/GDELT-style TSV: the 61 columns of the GDELT 2.0 events table
// (../shared/reference/gdelt2_event_fields.csv), spelled and ordered as GDELT does, with a header
// line (GDELT's own files have none; --no-header drops it). Geography: GDELT uses FIPS 10-4
// country codes, which sitrep does not carry, so *_CountryCode geo columns hold the ISO-3 code.

import type { EventCluster, ClusterActor } from '../../store/types.js';
import { numericId, quadClass } from './codes.js';
import { parseTsv, tsvRow, withHeader } from './csv.js';

export const GDELT_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode', 'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode', 'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code', 'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code', 'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code', 'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const;

type Col = (typeof GDELT_COLUMNS)[number];

/** A CAMEO actor code: country then role (ARMMIL, AZEGOV); IGOs keep their role only. */
function actorCode(a: ClusterActor | undefined): string | null {
  if (!a) return null;
  const country = a.country && a.country !== 'IGO' ? a.country : '';
  const code = country + (a.sector ?? '');
  return code || null;
}

function fractionDate(iso: string): number {
  const [y, m, d] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  return Number((y + (m * 30 + d) / 365).toFixed(4));
}

/** 1 = country, 4 = world city, 5 = world state (ADM1), as GDELT's *_Geo_Type. */
function geoType(p: string | null): number | null {
  return p === 'point' ? 4 : p === 'admin1' ? 5 : p ? 1 : null;
}

function stamp(iso: string): string {
  const t = Date.parse(iso.length === 10 ? iso + 'T00:00:00Z' : iso);
  if (Number.isNaN(t)) return '';
  return new Date(t).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function gdeltHeader(): string {
  return tsvRow([...GDELT_COLUMNS]);
}

export function gdeltRow(c: EventCluster): string {
  const a1 = c.actorRefs[0];
  const a2 = c.targetRefs[0];
  const d = c.dateStart;
  const cameo = c.cameo;
  const full = [c.location, c.admin1, c.country].filter(Boolean).join(', ') || null;
  const row: Partial<Record<Col, unknown>> = {
    GLOBALEVENTID: numericId(c.id),
    SQLDATE: d ? d.replace(/-/g, '') : null,
    MonthYear: d ? d.slice(0, 7).replace('-', '') : null,
    Year: d ? d.slice(0, 4) : null,
    FractionDate: d ? fractionDate(d) : null,
    Actor1Code: actorCode(a1),
    Actor1Name: a1?.name.toUpperCase() ?? null,
    Actor1CountryCode: a1?.country && a1.country !== 'IGO' ? a1.country : null,
    Actor1KnownGroupCode: a1?.country === 'IGO' ? 'IGO' : null,
    Actor1Type1Code: a1?.sector ?? null,
    Actor2Code: actorCode(a2),
    Actor2Name: a2?.name.toUpperCase() ?? null,
    Actor2CountryCode: a2?.country && a2.country !== 'IGO' ? a2.country : null,
    Actor2KnownGroupCode: a2?.country === 'IGO' ? 'IGO' : null,
    Actor2Type1Code: a2?.sector ?? null,
    IsRootEvent: 1,
    EventCode: cameo,
    EventBaseCode: cameo ? cameo.slice(0, 3) : null,
    EventRootCode: cameo ? cameo.slice(0, 2) : null,
    QuadClass: quadClass(cameo, c.type),
    NumMentions: c.mentions,
    NumSources: c.sources.length || c.articles.length,
    NumArticles: c.articles.length,
    ActionGeo_Type: geoType(c.geoPrecision),
    ActionGeo_FullName: full,
    ActionGeo_CountryCode: c.country,
    ActionGeo_Lat: c.lat,
    ActionGeo_Long: c.lon,
    DATEADDED: stamp(c.firstSeen),
    SOURCEURL: c.sourceUrl,
  };
  return tsvRow(GDELT_COLUMNS.map((k) => row[k]));
}

/** Rows of a cameo-tsv export (with its header line) as objects keyed by GDELT column name. */
export function parseGdeltTsv(text: string): Record<string, string>[] {
  const rows = parseTsv(text);
  if (rows[0]?.[0] === 'GLOBALEVENTID') return withHeader(rows);
  return rows.map((r) => Object.fromEntries(GDELT_COLUMNS.map((h, i) => [h, r[i] ?? ''])));
}
