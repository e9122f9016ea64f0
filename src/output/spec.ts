// The SPEC result (../shared/SPEC.md) built from a finished document. Field names are the
// contract; extra fields (evidence text, stated/implied parts, the deciding rule) are welcome.

import type { ActorRef, Check, Event, FullDoc } from '../doc.js';

export interface SpecResult {
  id: string;
  article: { title: string | null; published: string | null; language: string; languageFrom: string; source: string | null; url: string | null; publishedFrom: string | null };
  mentions: {
    actors: unknown[];
    places: unknown[];
    times: unknown[];
    quantities: unknown[];
  };
  events: unknown[];
  checks: Check[];
}

export interface SpecError {
  id: string;
  error: string;
}

function actorOut(a: (ActorRef & { span?: { start: number; end: number } | null }) | null) {
  if (!a) return null;
  return {
    text: a.text, name: a.name ?? null, country: a.country, sector: a.sector,
    ...(a.span ? { start: a.span.start, end: a.span.end } : {}),
    ...(a.inferred ? { inferred: true } : {}),
    ...(a.inferredFrom ? { inferredFrom: a.inferredFrom } : {}),
  };
}

export function eventOut(e: Event) {
  return {
    id: e.id,
    type: e.type,
    mode: e.mode,
    status: e.status,
    acled: e.acled,
    cameo: e.cameo,
    actor: actorOut(e.actor),
    target: actorOut(e.target),
    date: e.date ? { start: e.date.start, end: e.date.end, precision: e.date.precision, source: e.date.source, evidence: e.date.evidence } : null,
    location: e.location,
    fatalities: e.fatalities ?? { min: null, max: null, text: null },
    claimedBy: e.claimedBy.map((c) => ({ text: c.text, country: c.country, sector: c.sector })),
    via: e.via,
    evidence: e.evidence.map((s) => ({ start: s.start, end: s.end })),
    trigger: e.trigger,
    confidence: Math.round(e.confidence * 1000) / 1000,
    rule: e.rule,
  };
}

export function toSpec(doc: FullDoc): SpecResult {
  const { meta } = doc;
  return {
    id: doc.id,
    article: { title: meta.title, published: meta.published, language: meta.language, languageFrom: meta.languageFrom, source: meta.source, url: meta.url, publishedFrom: meta.publishedFrom },
    mentions: {
      actors: doc.actors.map((a) => ({ start: a.start, end: a.end, text: a.text, name: a.name, country: a.country, sector: a.sector, kind: a.kind, ...(a.refersTo ? { refersTo: a.refersTo } : {}) })),
      places: doc.places.map((p) => ({ start: p.start, end: p.end, text: p.text, name: p.name, country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon, geonameid: p.geonameid, feature: p.feature, ...(p.role ? { role: p.role } : {}) })),
      times: doc.times.map((t) => ({ start: t.start, end: t.end, text: t.text, type: t.type, value: t.value, ...(t.mod ? { mod: t.mod } : {}), range: t.range, precision: t.precision, stated: t.stated, implied: t.implied })),
      quantities: doc.quantities.map((q) => ({ start: q.start, end: q.end, text: q.text, min: q.min, max: q.max, unit: q.unit, qualifier: q.qualifier ?? null })),
    },
    events: doc.events.map(eventOut),
    checks: doc.checks,
  };
}
