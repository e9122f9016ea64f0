// The store interface: one contract, two implementations (SQLite embedded, PostgreSQL server),
// one shared contract test suite (contract.ts) that runs against both.
//
// Articles are keyed by a content hash so re-ingesting is a no-op. Writing an article, its
// events and the cluster updates happens in one transaction: a crash never leaves half an article.
// Cluster state is always recomputed from the cluster's reports by the pure functions in
// src/corpus/merge.ts, so both stores merge identically and the result does not depend on the
// order articles arrived in.

import type { SpecResult } from '../output/spec.js';

export interface ArticleRow {
  /** sha256 of the normalised text (hex); the idempotency key (see articleHash). */
  hash: string;
  /** The caller's id (input `id`), not unique across sources. */
  inputId: string;
  title: string | null;
  published: string | null;
  url: string | null;
  source: string | null;
  text: string;
  result: SpecResult;
  ingestedAt: string;
}

/** An actor as a cluster keeps it: the canonical name with its codes. */
export interface ClusterActor {
  name: string;
  country: string | null;
  sector: string | null;
}

/** One source's figure for a cluster: what this article said, never averaged with the others. */
export interface ClusterFigure {
  min: number | null;
  max: number | null;
  text: string | null;
  article: string;
  source: string | null;
}

export interface Disagreement {
  /** 'fatalities' | 'direction' (who attacked whom) | 'status' (asserted vs denied) | 'date' */
  kind: string;
  values: { value: string; article: string; source: string | null }[];
}

/** One real-world event, merged from every report of it. */
export interface EventCluster {
  id: string;
  type: string;
  mode: string | null;
  acled: { event_type: string; sub_event_type: string } | null;
  dateStart: string | null;
  dateEnd: string | null;
  country: string | null;
  admin1: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  actors: string[];
  targets: string[];
  /** Range of fatality figures across reports (never averaged). */
  fatalitiesMin: number | null;
  fatalitiesMax: number | null;
  statuses: string[];
  sources: string[];
  articles: string[];
  mentions: number;
  firstSeen: string;
  /** Where reports disagree: death tolls, who attacked whom. */
  disagreements: Disagreement[];
  // --- added by the store engineer (additive) ---
  /** CAMEO code of the most common report, for the GDELT-style export. */
  cameo: string | null;
  /** Actors and targets with their country/sector codes, same order as `actors`/`targets`. */
  actorRefs: ClusterActor[];
  targetRefs: ClusterActor[];
  /** 'point' | 'admin1' | 'region' | 'country' of the chosen location, or null. */
  geoPrecision: string | null;
  /** Date precision of the tightest report ('day', 'week', …), or null. */
  datePrecision: string | null;
  /** Each article's fatality figure (only reports that gave one). */
  figures: ClusterFigure[];
  /** Latest publication/ingest time among the reports. */
  lastSeen: string;
  /** The evidence sentence of the first report, for ACLED-style notes. */
  notes: string | null;
  /** URL of the first report, when known. */
  sourceUrl: string | null;
}

/** One event as one article reported it: a member of a cluster. */
export interface Report {
  /** `${articleHash}:${eventId}` */
  key: string;
  article: string;
  eventId: string;
  clusterId: string;
  source: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  ingestedAt: string;
  /** The SPEC event object (src/output/spec.ts eventOut). */
  event: SpecEvent;
  /** The text of the event's first evidence span (its sentence), when available. */
  sentence: string | null;
}

/** The SPEC event as stored (a typed view of eventOut's output). */
export interface SpecEvent {
  id: string;
  type: string;
  mode: string | null;
  status: string;
  acled: { event_type: string; sub_event_type: string } | null;
  cameo: string | null;
  actor: { text: string; name?: string | null; country: string | null; sector: string | null } | null;
  target: { text: string; name?: string | null; country: string | null; sector: string | null } | null;
  date: { start: string; end: string; precision: string; source?: string } | null;
  location: { name: string | null; country: string | null; admin1: string | null; lat: number | null; lon: number | null; precision: string } | null;
  fatalities: { min: number | null; max: number | null; text: string | null } | null;
  claimedBy: { text: string; country: string | null; sector: string | null }[];
  via: string[];
  evidence: { start: number; end: number }[];
  confidence: number;
  [extra: string]: unknown;
}

export interface EventFilter {
  /** ISO date: clusters ending on or after it. */
  from?: string;
  /** ISO date: clusters starting on or before it. */
  to?: string;
  /** ISO-3 country of the event location. */
  country?: string;
  /** PLOVER type. */
  type?: string;
  /** Substring of an actor or target name, or an exact country code. */
  actor?: string;
  status?: string;
  source?: string;
  /** Substring of actors, targets, location, notes or sources (case-insensitive). */
  text?: string;
  limit?: number;
  offset?: number;
}

export interface PutInput {
  inputId: string;
  text: string;
  result: SpecResult;
  /** Overrides the time of ingest (tests, replays); ISO date-time. */
  ingestedAt?: string;
  /** `articleHash(text)` when the caller already computed it (ingest does, to skip stored articles). */
  hash?: string;
  /**
   * `JSON.stringify(result)` when already made (by an extraction thread, off the writer thread).
   * With it, `result.mentions` may be left empty: a store reads them only through this JSON.
   */
  resultJson?: string;
  /** `JSON.stringify` of each of `result.events`, when already made (by an extraction thread). */
  eventJson?: readonly string[];
}

export interface PutResult {
  hash: string;
  inserted: boolean;
  /** Events that entered clusters, and how many of them created a new cluster (0 when not inserted). */
  events?: number;
  newClusters?: number;
}

export interface StoreStats {
  articles: number;
  /** Reports: events as articles reported them. */
  events: number;
  clusters: number;
}

/**
 * What opens another connection to the same store, as plain data that can be posted to a worker
 * thread (ingest's workers write in turn, each through its own connection; see corpus/ingest.ts).
 */
export interface StoreSpec {
  kind: 'sqlite' | 'postgres';
  /** The SQLite file or the postgres:// URL. */
  location: string;
  /** The options the store was opened with (SqliteStoreOptions, PostgresStoreOptions). */
  options: Record<string, unknown>;
}

/** Housekeeping a store runs in the background while an ingest writes (see Store.startBackgroundCheckpoints). */
export interface Checkpointer {
  /** Stop; resolves with how many checkpoints ran and the first failure, if any. */
  stop(): Promise<{ checkpoints: number; failure: string | null }>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** How to open this store again from another thread (see StoreSpec). */
  readonly spec: StoreSpec;
  /** Create tables if missing. */
  init(): Promise<void>;
  hasArticle(hash: string): Promise<boolean>;
  /** Store an article with its extraction and merge its events, atomically; a no-op when the hash exists. */
  putArticle(input: PutInput): Promise<PutResult>;
  getArticle(hash: string): Promise<ArticleRow | null>;
  /** Clusters matching the filter, newest first (dateStart desc, then id). `total` ignores limit/offset. */
  listEvents(filter: EventFilter): Promise<{ events: EventCluster[]; total: number }>;
  getEvent(id: string): Promise<(EventCluster & { reports: Report[] }) | null>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
  // --- added by the store engineer (additive) ---
  /**
   * Every cluster matching the filter in listEvents' order, read a page (default a store's own
   * size) at a time, for exports of any size (limit/offset ignored).
   */
  iterateEvents(filter: EventFilter, pageSize?: number): AsyncIterable<EventCluster>;
  /**
   * Optional group commit: several articles in one transaction, each still all or nothing (a
   * repeated text inside the batch is stored once). Stores without it get putArticle per article.
   */
  putArticles?(inputs: PutInput[]): Promise<PutResult[]>;
  /**
   * Optional: while a long write (an ingest) runs, do the store's housekeeping off the writing
   * threads (SQLite: WAL checkpoints, see store/checkpointer.ts); null when there is none to do.
   */
  startBackgroundCheckpoints?(): Promise<Checkpointer | null>;
  /** Article summaries (no text/result), newest ingest first. */
  listArticles(opts: { limit?: number; offset?: number }): Promise<{ articles: Omit<ArticleRow, 'text' | 'result'>[]; total: number }>;
}
