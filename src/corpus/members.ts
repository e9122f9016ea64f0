// A cluster's members as its stored row keeps them: of each report, only what buildCluster reads
// (see MemberReport), so that a report joining a stored cluster costs one row read, not a read of
// every report row of the cluster joined with its article. Pure functions, no I/O.
//
// Why: a cluster is rebuilt from all its reports whenever one joins (its state then never depends
// on arrival order), and on a large store the joined clusters are large. At 100,000 articles,
// reading them back (the report rows, their articles' source/url/date, each event's whole JSON)
// was 43 % of a group commit's write (session 17's profile), and the write is the serial part of
// a two-thread ingest. A member here is the report's article, event id and date seen, then
// numbers: the positions of its field values in a list of the cluster's distinct values, as the
// reports of one event mostly repeat the same parties, place, type and codes.
//
// The format, as JSON: [1, firstSentence, values, members], where each member is
//   [article, eventId, seen, source, url, type, mode, acled, cameo, status, actor, target, date, location, fatalities]
// and every field after `seen` is an index into `values`, or -1 for null (or missing). Only the
// first report's sentence is kept: a cluster's notes are that one's (see buildCluster); a report
// that joins later and comes first brings its own. Likewise only the first URL (the cluster's
// sourceUrl): of the others' URLs, one per article and most of what a member would weigh, none
// is read.

import { firstReport, firstWithUrl, memberActor, valueKey, type MemberActor, type MemberEvent, type MemberReport } from './merge.js';

/** The format's number, the first element: a reader refuses another. */
const FORMAT = 1;

/** Fields of a member after [article, eventId, seen], in order (see the format above). */
type Fields = [
  source: string | null,
  url: string | null,
  type: string,
  mode: string | null,
  acled: MemberEvent['acled'],
  cameo: string | null,
  status: string,
  actor: MemberActor | null,
  target: MemberActor | null,
  date: MemberEvent['date'],
  location: MemberEvent['location'],
  fatalities: MemberEvent['fatalities'],
];

type Member = [article: string, eventId: string, seen: string, ...fields: number[]];
type Stored = [format: number, first: string | null, values: unknown[], members: Member[]];

/**
 * The event id a member keeps: the key after "article:" (every key sitrep has made), or, for a
 * key of another shape, the whole key after a \u0001 (never the first character of an event id).
 */
function eventIdOf(r: MemberReport): string {
  const prefix = r.article + ':';
  return r.key.startsWith(prefix) ? r.key.slice(prefix.length) : '\u0001' + r.key;
}

function keyOf(article: string, eventId: string): string {
  return eventId.startsWith('\u0001') ? eventId.slice(1) : `${article}:${eventId}`;
}

/**
 * The field values reportsFromMembers made (shared by the members that have them): a cluster's
 * stored members are written again whenever a report joins it, and these need neither copying
 * nor serialising to be found among the values again (see membersJson).
 */
const readBack = new WeakSet<object>();

/** The value itself when read back from members, else what `slim` makes of it. */
function kept<T extends object, S>(v: T | null | undefined, slim: (v: T) => S): T | S | null {
  if (v === null || v === undefined) return null;
  return readBack.has(v) ? v : slim(v);
}

const slimDate = (d: NonNullable<MemberEvent['date']>) => ({ start: d.start, end: d.end, precision: d.precision });
const slimPlace = (l: NonNullable<MemberEvent['location']>) => ({ name: l.name, country: l.country, admin1: l.admin1, lat: l.lat, lon: l.lon, precision: l.precision });
const slimToll = (f: NonNullable<MemberEvent['fatalities']>) => ({ min: f.min, max: f.max, text: f.text });

/** The values of a report's fields, as buildCluster reads them (actors by name and codes only, see memberActor; the URL of the first report that has one only). */
function fieldsOf(r: MemberReport, url: MemberReport | undefined): Fields {
  const e = r.event;
  return [
    r.source,
    r === url ? r.url : null,
    e.type,
    e.mode,
    e.acled,
    e.cameo,
    e.status,
    kept(e.actor, memberActor),
    kept(e.target, memberActor),
    kept(e.date, slimDate),
    kept(e.location, slimPlace),
    kept(e.fatalities, slimToll),
  ];
}

/** The members of a cluster (its reports, at least one) as its row keeps them. */
export function membersJson(reports: readonly MemberReport[]): string {
  const values: unknown[] = [];
  const at = new Map<string, number>();
  // (a value read back from members is found by identity, without serialising it)
  const atRef = new Map<object, number>();
  const members: Member[] = [];
  const url = firstWithUrl(reports);
  for (const r of reports) {
    const m: Member = [r.article, eventIdOf(r), r.published ?? r.ingestedAt];
    for (const v of fieldsOf(r, url)) {
      if (v === null || v === undefined) {
        m.push(-1);
        continue;
      }
      let i = typeof v === 'object' ? atRef.get(v) : undefined;
      if (i === undefined) {
        const k = valueKey(v);
        i = at.get(k);
        if (i === undefined) {
          i = values.length;
          values.push(v);
          at.set(k, i);
        }
        if (typeof v === 'object' && readBack.has(v)) atRef.set(v, i);
      }
      m.push(i);
    }
    members.push(m);
  }
  const stored: Stored = [FORMAT, firstReport(reports)?.sentence ?? null, values, members];
  return JSON.stringify(stored);
}

/**
 * What a cluster's row keeps of its members (both stores write this): none for a cluster of one
 * report, which a join reads back about as fast from its report row (431,300 of 495,337 clusters
 * after 100,000 generated articles, half of what members would weigh), else membersJson.
 */
export function membersToStore(reports: readonly MemberReport[]): string | null {
  return reports.length > 1 ? membersJson(reports) : null;
}

/**
 * The reports a cluster row's members stand for: equal, for buildCluster and buildMatchView, to
 * the reports they were made from. Their `published` is the time they were seen (published, else
 * ingested), the only use merging makes of either; only the first has its sentence, and only the
 * first that had a URL its URL.
 */
export function reportsFromMembers(json: string): MemberReport[] {
  const stored = JSON.parse(json) as Stored;
  if (!Array.isArray(stored) || stored[0] !== FORMAT) throw new Error(`cluster members in an unknown format (${Array.isArray(stored) ? String(stored[0]) : typeof stored})`);
  const [, first, values, members] = stored;
  for (const v of values) if (typeof v === 'object' && v !== null) readBack.add(v);
  // (each field's type is the one its place in Fields says: values are what membersJson put there)
  const value = <T,>(i: number | undefined): T => (i === undefined || i < 0 ? null : values[i]) as T;
  const out: MemberReport[] = [];
  for (const m of members) {
    const [article, eventId, seen] = m;
    out.push({
      key: keyOf(article, eventId),
      article,
      source: value(m[3] as number),
      url: value(m[4] as number),
      published: seen,
      ingestedAt: seen,
      sentence: null,
      event: {
        type: value(m[5] as number),
        mode: value(m[6] as number),
        acled: value(m[7] as number),
        cameo: value(m[8] as number),
        status: value(m[9] as number),
        actor: value(m[10] as number),
        target: value(m[11] as number),
        date: value(m[12] as number),
        location: value(m[13] as number),
        fatalities: value(m[14] as number),
      },
    });
  }
  const head = firstReport(out);
  if (head) head.sentence = first;
  return out;
}
