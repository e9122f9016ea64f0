// Merging reports of one real event into a cluster. Pure functions, no I/O: both stores call
// them inside their write transaction, so SQLite and PostgreSQL merge identically.
//
// The protocol a store follows for each report of a new article:
//   1. window = candidateWindow(report)          → null: the report stays a cluster of its own
//   2. load clusters of window.type starting in [window.from, window.to] that share one of
//      reportMatchKeys(report) (stores index clusters by keyRowsOf(cluster))
//   3. best = chooseCluster(candidates, report)  → null: new cluster with newClusterId(report)
//   4. insert the report with its cluster id, then buildCluster(id, allReportsOfThatCluster)
//      (what buildCluster reads of them, MemberReport: a store may keep that with the cluster,
//      see corpus/members.ts, rather than read every report back)
// A cluster is always rebuilt from its reports, so its state never depends on arrival order;
// under concurrent writers a store only has to serialise steps 2–4 for overlapping windows.
//
// Contradictions are kept, never averaged: each source's figure stays in `figures`, and
// differing tolls, reversed attacker/target, asserted-vs-denied and differing days are listed
// in `disagreements`.

import { sha256Hex } from './hash.js';
import type { SpecResult } from '../output/spec.js';
import type { ClusterActor, ClusterFigure, Disagreement, EventCluster, Report, SpecEvent } from '../store/types.js';
import { EARTH_RADIUS_KM, haversineKm } from '../resolve/places/gazetteer.js';
import { mapped } from '../objects.js';

export interface MergeSettings {
  /** Reports whose dates miss each other by up to this many days still overlap (time zones, "overnight"). */
  dateSlackDays: number;
  /** Reports dated more loosely than this (a month, a year) never merge: too vague to be the same event. */
  maxDateSpanDays: number;
  /** Two point locations farther apart than this are different events. */
  maxDistanceKm: number;
}

export const MERGE_SETTINGS: MergeSettings = { dateSlackDays: 1, maxDateSpanDays: 8, maxDistanceKm: 50 };

/** Statuses that describe something that did not (yet) happen: kept in the article, not clustered. */
const UNCLUSTERED = new Set(['future', 'hypothetical']);

const DAY_MS = 86_400_000;

/**
 * Matching reads the same few dates (a window's days) for every candidate of every report:
 * remember the parsed day numbers. Bounded; a pure function of the string.
 */
const dayNumbers = new Map<string, number>();

function dayNumber(iso: string): number {
  let n = dayNumbers.get(iso);
  if (n === undefined) {
    const t = Date.parse(iso.slice(0, 10) + 'T00:00:00Z');
    n = Number.isNaN(t) ? NaN : Math.round(t / DAY_MS);
    if (dayNumbers.size >= 20_000) dayNumbers.clear();
    dayNumbers.set(iso, n);
  }
  return n;
}

/** The inverse of dayNumber, remembered for the same reason (every report asks for its window's two days). */
const isoDays = new Map<number, string>();

function isoDay(n: number): string {
  let iso = isoDays.get(n);
  if (iso === undefined) {
    iso = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (isoDays.size >= 20_000) isoDays.clear();
    isoDays.set(n, iso);
  }
  return iso;
}

/** Inclusive span in days of an ISO date range. */
function spanDays(start: string, end: string): number {
  return dayNumber(end) - dayNumber(start) + 1;
}

export function clusterable(e: SpecEvent): boolean {
  return !UNCLUSTERED.has(e.status);
}

/** The report's sentence: the text of the event's first evidence span (a store may keep it or make it again from the article's text). */
export function sentenceOf(text: string | null, e: SpecEvent): string | null {
  const ev = e.evidence?.[0];
  if (!text || !ev || ev.end <= ev.start) return null;
  const s = text.slice(ev.start, Math.min(ev.end, ev.start + 600)).trim();
  return s || null;
}

/** The clusterable events of one article's result, as reports (clusterId left empty for the store). */
export function reportsFromResult(articleHash: string, result: SpecResult, text: string | null, ingestedAt: string): Report[] {
  const out: Report[] = [];
  for (const raw of result.events) {
    const event = raw as SpecEvent;
    if (!event || typeof event.type !== 'string' || !clusterable(event)) continue;
    out.push({
      key: `${articleHash}:${event.id}`,
      article: articleHash,
      eventId: event.id,
      clusterId: '',
      source: result.article.source ?? null,
      url: result.article.url ?? null,
      title: result.article.title ?? null,
      published: result.article.published ?? null,
      ingestedAt,
      event,
      sentence: sentenceOf(text, event),
    });
  }
  return out;
}

export function newClusterId(report: Pick<Report, 'key'>): string {
  return 'c' + sha256Hex(report.key).slice(0, 15);
}

function validRange(d: SpecEvent['date']): d is NonNullable<SpecEvent['date']> {
  return !!d && !Number.isNaN(dayNumber(d.start)) && !Number.isNaN(dayNumber(d.end)) && dayNumber(d.end) >= dayNumber(d.start);
}

/** A report says who or where: without either, nothing ties it to another report of the same day. */
function identifiable(r: Report): boolean {
  const l = r.event.location;
  return reportParties(r).size > 0 || (!!l && rank(l.precision) <= 2 && (l.name !== null || l.lat !== null));
}

/**
 * The date window in which candidate clusters must lie, or null when the report cannot merge.
 * A cluster that can take the report lies inside the window, start and end: matchScore refuses a
 * union of the two date ranges longer than the report's own span plus the slack, so a cluster
 * starting before `from` (or ending after `to`) never matches. Stores therefore select
 * `date_start BETWEEN from AND to`, a short index range, rather than every older cluster of the
 * type that still overlaps (a scan that grows with the store).
 */
export function candidateWindow(report: Report, s: MergeSettings = MERGE_SETTINGS): { type: string; from: string; to: string } | null {
  const d = report.event.date;
  if (!validRange(d) || spanDays(d.start, d.end) > s.maxDateSpanDays) return null;
  if (!identifiable(report)) return null;
  return { type: report.event.type, from: isoDay(dayNumber(d.start) - s.dateSlackDays), to: isoDay(dayNumber(d.end) + s.dateSlackDays) };
}

// --- actors ---------------------------------------------------------------------------------

type SpecActor = NonNullable<SpecEvent['actor']>;

/** An actor as merging reads it (a SpecEvent's actor is one): the name it goes by, and its codes. */
export interface MemberActor {
  name?: string | null;
  text?: string;
  country: string | null;
  sector: string | null;
}

function actorName(a: MemberActor): string {
  return (a.name ?? a.text ?? '').trim();
}

/** An actor as a cluster's members keep it (see corpus/members.ts): its name and codes, which merge exactly as the whole actor does. */
export function memberActor(a: MemberActor): MemberActor {
  return { name: actorName(a), country: a.country ?? null, sector: a.sector ?? null };
}

/** What makes two actor mentions the same party: the country for states and their organs, else the name. */
export function partyKey(a: { name?: string | null; text?: string; country: string | null }): string {
  if (a.country && a.country !== 'IGO') return a.country;
  return (a.name ?? a.text ?? '').trim().toLowerCase();
}

function reportParties(r: Report): Set<string> {
  const out = new Set<string>();
  for (const a of [r.event.actor, r.event.target]) if (a && partyKey(a)) out.add(partyKey(a));
  return out;
}

function clusterParties(c: MatchView): Set<string> {
  const out = new Set<string>();
  for (const a of [...c.actorRefs, ...c.targetRefs]) if (partyKey(a)) out.add(partyKey(a));
  return out;
}

// --- places ---------------------------------------------------------------------------------

/** Great-circle distance in km (the geocoder's own). */
export const distanceKm = haversineKm;

const PRECISION_RANK: Record<string, number> = { point: 0, admin1: 1, region: 2, country: 3 };
const DATE_PRECISION_DAYS: Record<string, number> = { day: 1, week: 7, month: 31, year: 366, decade: 3660 };

function rank(p: string | null | undefined): number {
  return p != null && p in PRECISION_RANK ? PRECISION_RANK[p]! : 9;
}

// --- matching -------------------------------------------------------------------------------

/** What matching reads of a cluster: stores may keep just this, small, for candidate lookups. */
export type MatchView = Pick<
  EventCluster,
  'id' | 'type' | 'dateStart' | 'dateEnd' | 'datePrecision' | 'country' | 'admin1' | 'location' | 'lat' | 'lon' | 'geoPrecision' | 'actorRefs' | 'targetRefs'
>;

export function matchView(c: EventCluster): MatchView {
  const { id, type, dateStart, dateEnd, datePrecision, country, admin1, location, lat, lon, geoPrecision, actorRefs, targetRefs } = c;
  return { id, type, dateStart, dateEnd, datePrecision, country, admin1, location, lat, lon, geoPrecision, actorRefs, targetRefs };
}

/**
 * How well a report fits a cluster, or null when it cannot be the same event. Same type is
 * required (the store already selected by type), dates must overlap (with slack) without
 * stretching the cluster, places must be compatible and the two sets of parties must share one
 * (attacker and target may be swapped: that is a disagreement, not a different event).
 */
export function matchScore(c: MatchView, r: Report, s: MergeSettings = MERGE_SETTINGS): number | null {
  const e = r.event;
  if (c.type !== e.type) return null;
  if (!validRange(e.date) || !c.dateStart || !c.dateEnd) return null;
  const rs = dayNumber(e.date.start), re = dayNumber(e.date.end);
  const cs = dayNumber(c.dateStart), ce = dayNumber(c.dateEnd);
  if (rs > ce + s.dateSlackDays || re < cs - s.dateSlackDays) return null;
  // A chain of daily reports must not grow one cluster across a week of separate clashes.
  const union = Math.max(re, ce) - Math.min(rs, cs) + 1;
  const narrowest = Math.min(re - rs + 1, DATE_PRECISION_DAYS[c.datePrecision ?? ''] ?? ce - cs + 1);
  if (union > Math.max(re - rs + 1, narrowest) + s.dateSlackDays) return null;

  let score = 1;
  if (rs === cs && re === ce) score += 1;

  const rp = reportParties(r);
  const cp = clusterParties(c);
  let shared = 0;
  for (const k of rp) if (cp.has(k)) shared++;
  if (rp.size && cp.size) {
    if (!shared) return null;
    score += (2 * shared) / new Set([...rp, ...cp]).size;
  }
  const sameSides = rp.size === 2 && shared === 2;
  // Positive evidence that this is the same event, beyond type and day: a shared party, or the
  // same place below country level. Two unattributed, unplaced "shelling" reports of one day are
  // not one event (a country-wide war has many such a day).
  let placeEvidence = false;

  const loc = e.location;
  if (loc && (c.country || c.lat != null)) {
    const bothPoints = loc.precision === 'point' && c.geoPrecision === 'point' && loc.lat != null && loc.lon != null && c.lat != null && c.lon != null;
    if (bothPoints) {
      const d = distanceKm(loc.lat!, loc.lon!, c.lat!, c.lon!);
      if (d > s.maxDistanceKm) return null;
      score += 2 * (1 - d / s.maxDistanceKm);
      placeEvidence = true;
    } else if (loc.country && c.country && loc.country !== c.country) {
      // Each side often places a border clash on its own territory: the same two parties on the
      // same days still make one event; anyone else in another country does not.
      if (!sameSides) return null;
    } else if (loc.admin1 && c.admin1 && loc.admin1 !== c.admin1 && rank(loc.precision) <= 1 && rank(c.geoPrecision) <= 1) {
      return null;
    } else if (loc.country && loc.country === c.country) {
      score += 0.5;
      if (loc.admin1 && loc.admin1 === c.admin1) {
        score += 0.5;
        if (rank(loc.precision) <= 1 && rank(c.geoPrecision) <= 1) placeEvidence = true;
      }
      if (loc.name && c.location && loc.name.toLowerCase() === c.location.toLowerCase() && rank(loc.precision) <= 2) placeEvidence = true;
    }
  }
  if (!shared && !placeEvidence) return null;
  return score;
}

// --- blocking keys ------------------------------------------------------------------------

/**
 * The keys a cluster is found by, and the keys a report looks it up with: matchScore accepts a
 * pair only when they share a party or have place evidence (two points within maxDistanceKm, the
 * same first-level division, or the same place name, in one country), and each of those makes
 * them share a key. So a store may read only the clusters of a window that share a key with the
 * report (an index lookup) instead of every cluster of the type in the window: on a large store
 * a window of a few days holds the clusters of every conflict in the news, and matching them
 * all cost more than the rest of the write (and the MAX_CANDIDATES cap then dropped arbitrary
 * ones). Keys never decide a match, they only rule out pairs matchScore would refuse.
 *   p:PARTY         a party (partyKey) of the actor or target
 *   a:CTRY|ADMIN1   a place known to the first-level division
 *   n:CTRY|name     a named place (lower case)
 *   g:LAT|LON       the 1° grid cell of a point; a report asks for every cell its radius touches
 *
 * With `pointsApart` (how both stores key since session 18: SQLite's schema 5, PostgreSQL's
 * sitrep_meta; without it, the keys they had before, which the upgrades replace), a cluster placed at a point has
 * its p:, a: and n: keys under "pt/" (pt/p:PARTY…), and a report placed at a point does not ask
 * for those: matchScore refuses two points farther apart than maxDistanceKm, and the grid keys
 * already find every point cluster nearer than that. A report placed otherwise (or not at all)
 * asks for its keys both ways. On the generated corpus at 100,000 articles, 31 % of the
 * candidate rows read were point clusters found for a point report through a party, province
 * or name: each a row fetched and a view checked, for nothing.
 */
export function clusterMatchKeys(c: MatchView, pointsApart = false): string[] {
  const keys = new Set<string>();
  const point = c.geoPrecision === 'point' && isCoord(c.lat, c.lon);
  const ns = pointsApart && point ? POINT_KEYS : '';
  for (const k of clusterParties(c)) keys.add(ns + 'p:' + k);
  if (c.country) {
    if (c.admin1 && rank(c.geoPrecision) <= 1) keys.add(`${ns}a:${c.country}|${c.admin1}`);
    if (c.location) keys.add(`${ns}n:${c.country}|${c.location.toLowerCase()}`);
  }
  if (point) keys.add(`g:${Math.floor(c.lat! / GRID_DEG)}|${lonCell(c.lon!)}`);
  return [...keys];
}

/** Where a point cluster's party, province and name keys go with `pointsApart` (see clusterMatchKeys). */
const POINT_KEYS = 'pt/';

/**
 * How the stores key clusters (the `pointsApart` of clusterMatchKeys, reportMatchKeys and
 * keyRowsOf): one value for both, so they read the same candidates and merge alike. Each keys
 * its older files or tables again when it opens them.
 */
export const POINTS_APART = true;

/** The keys a report looks candidates up with (see clusterMatchKeys); empty when it can match nothing. */
export function reportMatchKeys(r: Report, s: MergeSettings = MERGE_SETTINGS, pointsApart = false): string[] {
  const keys = new Set<string>();
  for (const k of reportParties(r)) keys.add('p:' + k);
  const loc = r.event.location;
  const point = !!loc && loc.precision === 'point' && isCoord(loc.lat, loc.lon);
  if (loc?.country) {
    if (loc.admin1 && rank(loc.precision) <= 1) keys.add(`a:${loc.country}|${loc.admin1}`);
    if (loc.name && rank(loc.precision) <= 2) keys.add(`n:${loc.country}|${loc.name.toLowerCase()}`);
  }
  // (the point clusters it can match, a point report finds by the grid alone)
  if (pointsApart && !point) for (const k of [...keys]) keys.add(POINT_KEYS + k);
  if (point) for (const g of cellsWithin(loc.lat!, loc.lon!, s.maxDistanceKm)) keys.add(g);
  return [...keys];
}

const GRID_DEG = 1;
const LON_CELLS = 360 / GRID_DEG;
/** Kilometres per degree of latitude on the sphere haversineKm measures on. */
const KM_PER_DEG = (EARTH_RADIUS_KM * Math.PI) / 180;

function isCoord(lat: number | null | undefined, lon: number | null | undefined): boolean {
  return typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon);
}

/** A longitude cell number brought into 0 … LON_CELLS-1 (across the antimeridian). */
function wrapLonCell(x: number): number {
  const c = x % LON_CELLS;
  return c < 0 ? c + LON_CELLS : c;
}

function lonCell(lon: number): number {
  return wrapLonCell(Math.floor(lon / GRID_DEG));
}

/**
 * The grid cells holding every point within `km` of (lat, lon). The latitude band is km over the
 * length of a degree; the longitude half-width is the widest a circle of that radius reaches on
 * the sphere, asin(sin(km/R) / cos lat) at the band's edge nearest a pole (every cell of a row
 * when the circle holds a pole). Both with a margin, so that rounding never loses a cell.
 */
function cellsWithin(lat: number, lon: number, km: number): string[] {
  const dLat = (km / KM_PER_DEG) * 1.01 + 1e-6;
  const lat0 = Math.max(-90, lat - dLat);
  const lat1 = Math.min(90, lat + dLat);
  const polar = Math.max(Math.abs(lat0), Math.abs(lat1));
  const ratio = Math.sin(km / EARTH_RADIUS_KM) / Math.cos((polar * Math.PI) / 180);
  const dLon = ratio >= 1 || polar >= 90 ? 180 : ((Math.asin(ratio) * 180) / Math.PI) * 1.01 + 1e-6;
  const out: string[] = [];
  const rows = [Math.floor(lat0 / GRID_DEG), Math.floor(lat1 / GRID_DEG)];
  const cols = dLon >= 180 ? null : [Math.floor((lon - dLon) / GRID_DEG), Math.floor((lon + dLon) / GRID_DEG)];
  for (let y = rows[0]!; y <= rows[1]!; y++) {
    if (!cols) for (let x = 0; x < LON_CELLS; x++) out.push(`g:${y}|${x}`);
    else for (let x = cols[0]!; x <= cols[1]!; x++) out.push(`g:${y}|${wrapLonCell(x)}`);
  }
  return out;
}

/**
 * A dated cluster's rows in a store's key table: its keys after its type and a space (stores
 * look a key up within a type), and its start day (the window range); null when undated, as an
 * undated cluster is never a candidate.
 */
export interface KeyRows {
  keys: string[];
  dateStart: string;
}

export function keyRowsOf(view: MatchView, pointsApart = false): KeyRows | null {
  if (view.dateStart === null) return null;
  const keys: string[] = [];
  for (const k of clusterMatchKeys(view, pointsApart)) keys.push(`${view.type} ${k}`);
  return { keys, dateStart: view.dateStart };
}

/**
 * The key rows (key, start day) a store deletes and inserts when a cluster's rows go from
 * `before` to `after`: only those that differ, so the rows that stay are not written (and a store
 * may run the two in one statement).
 */
export function keyRowChanges(before: KeyRows | null, after: KeyRows | null): { del: [string, string][]; ins: [string, string][] } {
  const same = before && after && before.dateStart === after.dateStart;
  // (loops, not callbacks made per call: see disagreementsOf)
  const del: [string, string][] = [];
  if (before) for (const k of before.keys) if (!same || !after!.keys.includes(k)) del.push([k, before.dateStart]);
  const ins: [string, string][] = [];
  if (after) for (const k of after.keys) if (!same || !before!.keys.includes(k)) ins.push([k, after.dateStart]);
  return { del, ins };
}

/** Whether two key lists (clusterMatchKeys, reportMatchKeys) share one. */
export function sharesKey(a: readonly string[], b: readonly string[]): boolean {
  for (const k of a) if (b.includes(k)) return true;
  return false;
}

/** Clusters a report is checked against, at most: those of a few days and one type that share a key with it, so this is generous. */
export const MAX_CANDIDATES = 500;

/**
 * The candidates a report is checked against, in place: when there are more than `max` (or the
 * stored ones were read only up to a limit, `truncated`), those with the smallest ids, counting
 * stored clusters and the ones a transaction has not written yet alike. Which clusters a report
 * may join then never depends on where a transaction happened to end.
 */
export function capCandidates<C extends { id: string }>(cands: C[], max: number, truncated: boolean): C[] {
  if (truncated || cands.length > max) {
    cands.sort(byId);
    cands.length = Math.min(cands.length, max);
  }
  return cands;
}

/** The best-fitting candidate, or null. Ties go to the smaller id so every store picks the same one. */
export function chooseCluster<C extends MatchView>(candidates: readonly C[], r: Report, s: MergeSettings = MERGE_SETTINGS): C | null {
  let best: C | null = null;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const sc = matchScore(c, r, s);
    if (sc === null) continue;
    if (sc > bestScore || (sc === bestScore && best && c.id < best.id)) {
      best = c;
      bestScore = sc;
    }
  }
  return best;
}

// --- building a cluster from its reports ------------------------------------------------------

/** What building a cluster reads of an event (see MemberReport). */
export type MemberEvent = Pick<SpecEvent, 'type' | 'mode' | 'status' | 'acled' | 'cameo' | 'date' | 'location' | 'fatalities'> & {
  actor: MemberActor | null;
  target: MemberActor | null;
};

/**
 * What buildCluster and buildMatchView read of a report: a Report is one, and so is what a stored
 * cluster keeps of each of its members (corpus/members.ts), so a join need not read every report
 * of the cluster back. Of the sentences, only the first report's is read (see firstReport).
 */
export type MemberReport = Pick<Report, 'key' | 'article' | 'source' | 'url' | 'published' | 'ingestedAt' | 'sentence'> & { event: MemberEvent };

/**
 * One key per distinct JSON value, and a string's costs no serialising (no other JSON starts with
 * "s"): mostCommon's default key, and how a cluster's members list its distinct values.
 */
export function valueKey(v: unknown): string {
  return typeof v === 'string' ? 's' + v : JSON.stringify(v);
}

function mostCommon<T>(values: (T | null | undefined)[], key: (v: T) => string = valueKey): T | null {
  const counts = new Map<string, { v: T; n: number; first: number }>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const k = key(v);
    const cur = counts.get(k);
    if (cur) cur.n++;
    else counts.set(k, { v, n: 1, first: i });
  }
  let best: { v: T; n: number; first: number } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n || (c.n === best.n && c.first < best.first)) best = c;
  return best ? best.v : null;
}

/** Most reported first, then first reported (module functions, as in nlp/spans.ts: see byStart there). */
function byCountThenFirst(x: { n: number; first: number }, y: { n: number; first: number }): number {
  return y.n - x.n || x.first - y.first;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function collectActors(list: (MemberActor | null)[]): ClusterActor[] {
  const byName = new Map<string, { ref: ClusterActor; n: number; first: number }>();
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (!a) continue;
    const name = actorName(a);
    if (!name) continue;
    const cur = byName.get(name);
    if (cur) cur.n++;
    else byName.set(name, { ref: { name, country: a.country ?? null, sector: a.sector ?? null }, n: 1, first: i });
  }
  const out: ClusterActor[] = [];
  for (const x of [...byName.values()].sort(byCountThenFirst)) out.push(x.ref);
  return out;
}

export function formatFigure(f: { min: number | null; max: number | null }): string {
  if (f.min !== null && f.max !== null) return f.min === f.max ? String(f.min) : `${f.min}-${f.max}`;
  if (f.min !== null) return `>=${f.min}`;
  if (f.max !== null) return `<=${f.max}`;
  return '?';
}

function seenAt(r: MemberReport): string {
  return r.published ?? r.ingestedAt;
}

/** Sort reports so every store rebuilds a cluster from the same sequence. */
function bySeen(a: MemberReport, b: MemberReport): number {
  return seenAt(a) < seenAt(b) ? -1 : seenAt(a) > seenAt(b) ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function ordered(reports: readonly MemberReport[]): readonly MemberReport[] {
  return [...reports].sort(bySeen);
}

/**
 * The report that comes first in a cluster of these reports or more (buildCluster's `first`):
 * the only one whose sentence a cluster keeps (its notes).
 */
export function firstReport<R extends MemberReport>(reports: readonly R[]): R | undefined {
  let first: R | undefined;
  for (const r of reports) if (!first || bySeen(r, first) < 0) first = r;
  return first;
}

/** The first of these reports that has a URL: the only URL a cluster of them or more reads (its sourceUrl). */
export function firstWithUrl<R extends MemberReport>(reports: readonly R[]): R | undefined {
  let first: R | undefined;
  for (const r of reports) if (r.url && (!first || bySeen(r, first) < 0)) first = r;
  return first;
}

// The callbacks of disagreementsOf, clusterDate, clusterPlace and buildCluster, as module
// functions: a cluster is built for every report merged, and callbacks made per call lose their
// optimized code at every full GC (V8 holds a closure's code weakly and none is alive between
// articles), to be compiled again.
type Claim = Disagreement['values'][number];
type ClusterEvent = MemberEvent;
const articleOf = (r: MemberReport): string => r.article;
const eventOf = (r: MemberReport): ClusterEvent => r.event;
const reportActor = (r: MemberReport): MemberActor | null => r.event.actor;
const reportTarget = (r: MemberReport): MemberActor | null => r.event.target;
const statusOf = (r: MemberReport): string => r.event.status;
const figureClaim = (f: ClusterFigure): Claim => ({ value: formatFigure(f), article: f.article, source: f.source });
/** Sectors that speak for their country's state: its organs are one side of a dyad. */
const STATE_SECTORS = new Set(['GOV', 'MIL', 'COP']);
/**
 * A party as a "who attacked whom" claim reads it: a state and its organs by their country (as
 * partyKey), anyone else by country and name. By country alone, the two sides of a civil war (the
 * army and the Rapid Support Forces, both SDN) were one party, and every report of one side
 * attacking the other read as its own reversal.
 */
function directionParty(a: MemberActor): string {
  const key = partyKey(a);
  if (!a.country || a.country === 'IGO' || a.sector === null || STATE_SECTORS.has(a.sector)) return key;
  return `${key}:${actorName(a).toLowerCase()}`;
}
/**
 * The reports of `reports` whose "who attacked whom" another report reverses. Only reports naming
 * two parties count (one coded as acting on itself claims no direction). Each party's key is made
 * once a report: clusters are rebuilt at every join, many of their reports at a time.
 */
function reversedDirections(reports: readonly MemberReport[]): MemberReport[] {
  const directed: [actor: string, target: string, r: MemberReport][] = [];
  for (const r of reports) {
    const { actor, target } = r.event;
    if (!actor || !target || !partyKey(actor) || !partyKey(target)) continue;
    const a = directionParty(actor);
    const t = directionParty(target);
    if (a !== t) directed.push([a, t, r]);
  }
  const pairs = new Set<string>();
  for (const [a, t] of directed) pairs.add(`${a}>${t}`);
  const reversed: MemberReport[] = [];
  for (const [a, t, r] of directed) if (pairs.has(`${t}>${a}`)) reversed.push(r);
  return reversed;
}
const directionClaim = (r: MemberReport): Claim => ({ value: `${actorName(r.event.actor!)} -> ${actorName(r.event.target!)}`, article: r.article, source: r.source });
const statusClaim = (r: MemberReport): Claim => ({ value: r.event.status, article: r.article, source: r.source });
const isDatedToDay = (r: MemberReport): boolean => r.event.date?.precision === 'day';
const dayRangeKey = (r: MemberReport): string => `${r.event.date!.start}..${r.event.date!.end}`;
const dateClaim = (r: MemberReport): Claim => ({ value: r.event.date!.start === r.event.date!.end ? r.event.date!.start : `${r.event.date!.start}..${r.event.date!.end}`, article: r.article, source: r.source });
const hasValidDate = (r: MemberReport): boolean => validRange(r.event.date);
const daysSpanned = (r: MemberReport): number => spanDays(r.event.date!.start, r.event.date!.end);
const dateStartOf = (r: MemberReport): string => r.event.date!.start;
const dateEndOf = (r: MemberReport): string => r.event.date!.end;
const datePrecisionOf = (r: MemberReport) => r.event.date!.precision;
const locationRank = (l: NonNullable<SpecEvent['location']>): number => rank(l.precision);
const locationKey = (l: NonNullable<SpecEvent['location']>): string => `${l.name}|${l.country}|${l.admin1}|${l.lat}|${l.lon}`;
const actorOf = (e: ClusterEvent) => e.actor;
const targetOf = (e: ClusterEvent) => e.target;
const modeOf = (e: ClusterEvent) => e.mode;
const acledOf = (e: ClusterEvent) => e.acled;
const acledKey = (a: NonNullable<ClusterEvent['acled']>): string => `${a.event_type}|${a.sub_event_type}`;
const cameoOf = (e: ClusterEvent) => e.cameo;
const eventStatus = (e: ClusterEvent) => e.status;
const nameOf = (a: ClusterActor): string => a.name;

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function sourcesOf(reports: readonly MemberReport[]): string[] {
  const out: string[] = [];
  for (const r of reports) if (r.source) out.push(r.source);
  return out;
}

function firstUrl(reports: readonly MemberReport[]): string | null {
  for (const r of reports) if (r.url) return r.url;
  return null;
}

function disagreementsOf(reports: readonly MemberReport[], figures: ClusterFigure[]): Disagreement[] {
  const out: Disagreement[] = [];
  const articles = new Set(mapped(reports, articleOf));
  if (articles.size < 2) return out; // one article contradicting itself is the conflicts check's job

  const figValues = new Set(mapped(figures, formatFigure));
  if (figValues.size > 1) out.push({ kind: 'fatalities', values: mapped(figures, figureClaim) });

  const reversed = reversedDirections(reports);
  if (reversed.length) {
    out.push({
      kind: 'direction',
      values: mapped(reversed, directionClaim),
    });
  }

  const statuses = new Set(mapped(reports, statusOf));
  if (statuses.has('denied') && statuses.size > 1) out.push({ kind: 'status', values: mapped(reports, statusClaim) });

  const dayReports = reports.filter(isDatedToDay);
  const days = new Set(mapped(dayReports, dayRangeKey));
  if (days.size > 1) {
    out.push({
      kind: 'date',
      values: mapped(dayReports, dateClaim),
    });
  }
  return out;
}

/** The date of a cluster's ordered reports: that of its most precise reports (the narrowest spans), so a loose "this week" report does not blur a clash dated to the day. */
function clusterDate(reports: readonly MemberReport[]): Pick<EventCluster, 'dateStart' | 'dateEnd' | 'datePrecision'> {
  const dated = reports.filter(hasValidDate);
  if (!dated.length) return { dateStart: null, dateEnd: null, datePrecision: null };
  const narrow = Math.min(...mapped(dated, daysSpanned));
  const core: MemberReport[] = [];
  for (const r of dated) if (daysSpanned(r) === narrow) core.push(r);
  return {
    dateStart: mapped(core, dateStartOf).sort()[0]!,
    dateEnd: mapped(core, dateEndOf).sort().at(-1)!,
    datePrecision: mostCommon(mapped(core, datePrecisionOf)),
  };
}

/** The location of a cluster's ordered reports: the most precise one; among equals, the most reported one. */
function clusterPlace(reports: readonly MemberReport[]): NonNullable<SpecEvent['location']> | null {
  const located: NonNullable<SpecEvent['location']>[] = [];
  for (const r of reports) {
    const l = r.event.location;
    if (l && (l.country !== null || l.lat !== null || l.name !== null)) located.push(l);
  }
  if (!located.length) return null;
  const best = Math.min(...mapped(located, locationRank));
  const most: NonNullable<SpecEvent['location']>[] = [];
  for (const l of located) if (rank(l.precision) === best) most.push(l);
  return mostCommon(most, locationKey);
}

/**
 * matchView(buildCluster(id, members)), computed without the rest of the cluster (figures,
 * disagreements, sources…): a store checking candidates while a cluster grows needs only this,
 * and builds the whole cluster once, when it writes it. Made by the same functions, so equal.
 */
export function buildMatchView(id: string, members: readonly MemberReport[]): MatchView {
  if (!members.length) throw new Error(`cluster ${id}: no reports`);
  const reports = ordered(members);
  const { dateStart, dateEnd, datePrecision } = clusterDate(reports);
  return {
    id,
    type: reports[0]!.event.type,
    dateStart,
    dateEnd,
    datePrecision,
    ...locationFields(clusterPlace(reports)),
    actorRefs: collectActors(mapped(reports, reportActor)),
    targetRefs: collectActors(mapped(reports, reportTarget)),
  };
}

/** The location columns of a cluster (or its match view) from its place. */
function locationFields(loc: ReturnType<typeof clusterPlace>): Pick<MatchView, 'country' | 'admin1' | 'location' | 'lat' | 'lon' | 'geoPrecision'> {
  return { country: loc?.country ?? null, admin1: loc?.admin1 ?? null, location: loc?.name ?? null, lat: loc?.lat ?? null, lon: loc?.lon ?? null, geoPrecision: loc?.precision ?? null };
}

/** A cluster's whole state from its reports (at least one). Deterministic and order-independent. */
export function buildCluster(id: string, members: readonly MemberReport[]): EventCluster {
  if (!members.length) throw new Error(`cluster ${id}: no reports`);
  const reports = ordered(members);
  const first = reports[0]!;
  const events = mapped(reports, eventOf);
  const { dateStart, dateEnd, datePrecision } = clusterDate(reports);

  const figures: ClusterFigure[] = [];
  for (const r of reports) {
    const f = r.event.fatalities;
    if (f && (f.min !== null || f.max !== null)) figures.push({ min: f.min, max: f.max, text: f.text ?? null, article: r.article, source: r.source });
  }
  const mins: number[] = [];
  const maxs: number[] = [];
  for (const f of figures) {
    const lo = f.min ?? f.max;
    const hi = f.max ?? f.min;
    if (lo !== null) mins.push(lo);
    if (hi !== null) maxs.push(hi);
  }

  const actorRefs = collectActors(mapped(events, actorOf));
  const targetRefs = collectActors(mapped(events, targetOf));
  const seen = mapped(reports, seenAt).sort();

  return {
    id,
    type: first.event.type,
    mode: mostCommon(mapped(events, modeOf)),
    acled: mostCommon(mapped(events, acledOf), acledKey),
    cameo: mostCommon(mapped(events, cameoOf)),
    dateStart,
    dateEnd,
    datePrecision,
    ...locationFields(clusterPlace(reports)),
    actors: mapped(actorRefs, nameOf),
    targets: mapped(targetRefs, nameOf),
    actorRefs,
    targetRefs,
    fatalitiesMin: mins.length ? Math.min(...mins) : null,
    fatalitiesMax: maxs.length ? Math.max(...maxs) : null,
    figures,
    statuses: uniq(mapped(events, eventStatus)).sort(),
    sources: uniq(sourcesOf(reports)),
    articles: uniq(mapped(reports, articleOf)),
    mentions: reports.length,
    firstSeen: seen[0]!,
    lastSeen: seen.at(-1)!,
    disagreements: disagreementsOf(reports, figures),
    notes: first.sentence,
    sourceUrl: firstUrl(reports),
  };
}

/** Lower-cased text the `actor` filter searches: names and country codes of actors and targets. */
export function actorSearchText(c: EventCluster): string {
  return [...c.actorRefs, ...c.targetRefs].map((a) => `${a.name}\t${a.country ?? ''}`).join('\n').toLowerCase();
}

/** Lower-cased text the `text` filter searches. */
export function clusterSearchText(c: EventCluster): string {
  return [c.type, c.mode, c.acled?.event_type, c.acled?.sub_event_type, c.location, c.admin1, c.country, ...c.actors, ...c.targets, ...c.sources, c.notes]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}
