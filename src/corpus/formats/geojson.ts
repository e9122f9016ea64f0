// GeoJSON (RFC 7946): a FeatureCollection with one Feature per cluster, a Point at [lon, lat]
// when the cluster is located, else a null geometry (allowed by RFC 7946 §3.2) so that no event
// silently disappears from a map layer's attribute table.

import type { EventCluster } from '../../store/types.js';

export interface ClusterFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}

export function geojsonFeature(c: EventCluster): ClusterFeature {
  return {
    type: 'Feature',
    id: c.id,
    geometry: c.lat !== null && c.lon !== null ? { type: 'Point', coordinates: [c.lon, c.lat] } : null,
    properties: {
      id: c.id,
      type: c.type,
      mode: c.mode,
      acled_event_type: c.acled?.event_type ?? null,
      acled_sub_event_type: c.acled?.sub_event_type ?? null,
      cameo: c.cameo,
      date_start: c.dateStart,
      date_end: c.dateEnd,
      date_precision: c.datePrecision,
      location: c.location,
      admin1: c.admin1,
      country: c.country,
      geo_precision: c.geoPrecision,
      actors: c.actors,
      targets: c.targets,
      fatalities_min: c.fatalitiesMin,
      fatalities_max: c.fatalitiesMax,
      statuses: c.statuses,
      sources: c.sources,
      mentions: c.mentions,
      first_seen: c.firstSeen,
      disagreements: c.disagreements.map((d) => d.kind),
      notes: c.notes,
    },
  };
}

export function parseGeojson(text: string): ClusterFeature[] {
  const v = JSON.parse(text) as { type?: string; features?: ClusterFeature[] };
  if (v.type !== 'FeatureCollection' || !Array.isArray(v.features)) throw new Error('GeoJSON export: expected a FeatureCollection');
  return v.features;
}
