// The SPEC result (../shared/SPEC.md) built from a finished document. Field names are the
// contract; extra fields (evidence text, stated/implied parts, the deciding rule) are welcome.

import type { ActorMention, ActorRef, Check, Event, FullDoc, PlaceMention, Quantity, TimeMention } from '../doc.js';

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

function claimantOut(c: Event['claimedBy'][number]) {
  return { text: c.text, country: c.country, sector: c.sector };
}

function spanOut(s: { start: number; end: number }) {
  return { start: s.start, end: s.end };
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
    claimedBy: e.claimedBy.map(claimantOut),
    via: e.via,
    evidence: e.evidence.map(spanOut),
    trigger: e.trigger,
    confidence: Math.round(e.confidence * 1000) / 1000,
    rule: e.rule,
  };
}

// The mentions' output shapes, as module functions (see byStart in nlp/spans.ts: a callback made
// per call is compiled again after every full GC).
function actorMentionOut(a: ActorMention) {
  return { start: a.start, end: a.end, text: a.text, name: a.name, country: a.country, sector: a.sector, kind: a.kind, ...(a.refersTo ? { refersTo: a.refersTo } : {}) };
}

function placeMentionOut(p: PlaceMention) {
  return { start: p.start, end: p.end, text: p.text, name: p.name, country: p.country, admin1: p.admin1, lat: p.lat, lon: p.lon, geonameid: p.geonameid, feature: p.feature, ...(p.role ? { role: p.role } : {}) };
}

function timeMentionOut(t: TimeMention) {
  return { start: t.start, end: t.end, text: t.text, type: t.type, value: t.value, ...(t.mod ? { mod: t.mod } : {}), range: t.range, precision: t.precision, stated: t.stated, implied: t.implied };
}

function quantityOut(q: Quantity) {
  return { start: q.start, end: q.end, text: q.text, min: q.min, max: q.max, unit: q.unit, qualifier: q.qualifier ?? null };
}

export function toSpec(doc: FullDoc): SpecResult {
  const { meta } = doc;
  return {
    id: doc.id,
    article: { title: meta.title, published: meta.published, language: meta.language, languageFrom: meta.languageFrom, source: meta.source, url: meta.url, publishedFrom: meta.publishedFrom },
    mentions: {
      actors: doc.actors.map(actorMentionOut),
      places: doc.places.map(placeMentionOut),
      times: doc.times.map(timeMentionOut),
      quantities: doc.quantities.map(quantityOut),
    },
    events: doc.events.map(eventOut),
    checks: doc.checks,
  };
}
