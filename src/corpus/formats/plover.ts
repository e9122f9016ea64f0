// PLOVER JSON: the field names of the PLOVER manual's data-fields chapter (id, date, enddate,
// actor/recipient as lists of entity objects with code/sector/entity_text, event, mode,
// event_loc with Mordecai-style location fields, event_text, quad_code), plus sitrep's named
// extras (fatalities, sources, disagreements, mentions), which PLOVER explicitly allows.
// Written as one JSON array.

import type { ClusterActor, EventCluster } from '../../store/types.js';
import { countryName, quadClass } from './codes.js';

export interface PloverEntity {
  code: string | null;
  sector: string | null;
  entity_text: string;
}

export interface PloverRecord {
  id: string;
  has_event: boolean;
  date: string | null;
  enddate: string | null;
  actor: PloverEntity[];
  recipient: PloverEntity[];
  event: string[];
  mode: string[];
  context: string[];
  event_loc: {
    resolved_place: string | null;
    lat: number | null;
    lon: number | null;
    province: string | null;
    country: string | null;
    country_code: string | null;
    resolution: number | null;
  } | null;
  event_text: string[];
  quad_code: number | null;
  coder: string;
  coded_date: string;
  comment: string | null;
  // sitrep extras
  fatalities: { min: number | null; max: number | null; by_source: { value: number | null; max: number | null; source: string | null; article: string }[] };
  acled: EventCluster['acled'];
  cameo: string | null;
  statuses: string[];
  sources: string[];
  articles: string[];
  mentions: number;
  first_seen: string;
  disagreements: EventCluster['disagreements'];
}

function entity(a: ClusterActor): PloverEntity {
  return { code: a.country, sector: a.sector, entity_text: a.name };
}

/** PLOVER location resolution: 4 city, 2 province, 1 country. */
function resolution(p: string | null): number | null {
  return p === 'point' ? 4 : p === 'admin1' ? 2 : p ? 1 : null;
}

export function ploverRecord(c: EventCluster, codedDate: string): PloverRecord {
  const located = c.location !== null || c.country !== null || c.lat !== null;
  return {
    id: c.id,
    has_event: true,
    date: c.dateStart,
    enddate: c.dateEnd,
    actor: c.actorRefs.map(entity),
    recipient: c.targetRefs.map(entity),
    event: [c.type],
    mode: c.mode ? [c.mode] : [],
    context: [],
    event_loc: located
      ? { resolved_place: c.location, lat: c.lat, lon: c.lon, province: c.admin1, country: countryName(c.country), country_code: c.country, resolution: resolution(c.geoPrecision) }
      : null,
    event_text: c.notes ? [c.notes] : [],
    quad_code: quadClass(c.cameo, c.type),
    coder: 'sitrep',
    coded_date: codedDate,
    comment: c.disagreements.length ? `sources disagree on ${c.disagreements.map((d) => d.kind).join(', ')}` : null,
    fatalities: { min: c.fatalitiesMin, max: c.fatalitiesMax, by_source: c.figures.map((f) => ({ value: f.min, max: f.max, source: f.source, article: f.article })) },
    acled: c.acled,
    cameo: c.cameo,
    statuses: c.statuses,
    sources: c.sources,
    articles: c.articles,
    mentions: c.mentions,
    first_seen: c.firstSeen,
    disagreements: c.disagreements,
  };
}

export function parsePloverJson(text: string): PloverRecord[] {
  const v: unknown = JSON.parse(text);
  if (!Array.isArray(v)) throw new Error('PLOVER export: expected a JSON array');
  return v as PloverRecord[];
}
