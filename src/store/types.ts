// The store interface: one contract, two implementations (SQLite embedded, PostgreSQL server),
// one shared contract test suite that runs against both.
//
// Articles are keyed by a content hash so re-ingesting is a no-op. Writing an article, its
// events and the cluster updates happens in one transaction: a crash never leaves half an article.

import type { SpecResult } from '../output/spec.js';

export interface ArticleRow {
  /** sha256 of the normalised text (hex); the idempotency key. */
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
  disagreements: { kind: string; values: { value: string; article: string; source: string | null }[] }[];
}

export interface EventFilter {
  from?: string;
  to?: string;
  country?: string;
  type?: string;
  actor?: string;
  status?: string;
  source?: string;
  text?: string;
  limit?: number;
  offset?: number;
}

export interface PutResult {
  hash: string;
  inserted: boolean;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Create tables if missing. */
  init(): Promise<void>;
  hasArticle(hash: string): Promise<boolean>;
  /** Store an article with its extraction and merge its events, atomically; a no-op when the hash exists. */
  putArticle(input: { inputId: string; text: string; result: SpecResult }): Promise<PutResult>;
  getArticle(hash: string): Promise<ArticleRow | null>;
  listEvents(filter: EventFilter): Promise<{ events: EventCluster[]; total: number }>;
  getEvent(id: string): Promise<(EventCluster & { reports: { article: string; event: unknown }[] }) | null>;
  stats(): Promise<{ articles: number; events: number; clusters: number }>;
  close(): Promise<void>;
}
