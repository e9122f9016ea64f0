// The embedded store: one SQLite file (better-sqlite3), WAL journal so readers (the web server,
// `sitrep events`) never block the ingest writer. Each article is written with its reports and
// cluster updates in one IMMEDIATE transaction: a crash or SIGKILL rolls back to the previous
// article, never half of one. Merging is done by src/corpus/merge.ts.

import Database from 'better-sqlite3';
import { SitrepError } from '../errors.js';
import { articleHash } from '../corpus/hash.js';
import { actorSearchText, buildCluster, candidateWindow, chooseCluster, clusterSearchText, matchView, newClusterId, reportsFromResult, type MatchView } from '../corpus/merge.js';
import type { SpecResult } from '../output/spec.js';
import type { ArticleRow, EventCluster, EventFilter, PutInput, PutResult, Report, Store, StoreStats } from './types.js';

export const DEFAULT_SQLITE_PATH = './sitrep.db';
const SCHEMA_VERSION = 1;
/** Clusters considered per report: the window is a few days of one type, so this is generous. */
const MAX_CANDIDATES = 500;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  hash TEXT PRIMARY KEY,
  input_id TEXT NOT NULL,
  title TEXT,
  published TEXT,
  url TEXT,
  source TEXT,
  text TEXT NOT NULL,
  result TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_ingested ON articles(ingested_at);
CREATE TABLE IF NOT EXISTS clusters (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  date_start TEXT,
  date_end TEXT,
  country TEXT,
  statuses TEXT NOT NULL,
  actor_search TEXT NOT NULL,
  source_search TEXT NOT NULL,
  search TEXT NOT NULL,
  data TEXT NOT NULL,
  match TEXT
);
CREATE INDEX IF NOT EXISTS clusters_type_date ON clusters(type, date_start);
CREATE INDEX IF NOT EXISTS clusters_date ON clusters(date_start);
CREATE INDEX IF NOT EXISTS clusters_country ON clusters(country);
CREATE TABLE IF NOT EXISTS reports (
  key TEXT PRIMARY KEY,
  article TEXT NOT NULL REFERENCES articles(hash),
  cluster_id TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_cluster ON reports(cluster_id);
CREATE INDEX IF NOT EXISTS reports_article ON reports(article);
`;

interface ArticleDbRow {
  hash: string;
  input_id: string;
  title: string | null;
  published: string | null;
  url: string | null;
  source: string | null;
  text: string;
  result: string;
  ingested_at: string;
}

function where(filter: EventFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const like = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  if (filter.from) {
    clauses.push('date_end >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    clauses.push('date_start <= ?');
    params.push(filter.to);
  }
  if (filter.country) {
    clauses.push('country = ?');
    params.push(filter.country.toUpperCase());
  }
  if (filter.type) {
    clauses.push('type = ?');
    params.push(filter.type.toUpperCase());
  }
  if (filter.actor) {
    clauses.push("actor_search LIKE ? ESCAPE '\\'");
    params.push(like(filter.actor));
  }
  if (filter.status) {
    clauses.push("statuses LIKE ? ESCAPE '\\'");
    params.push(like(`|${filter.status}|`));
  }
  if (filter.source) {
    clauses.push("source_search LIKE ? ESCAPE '\\'");
    params.push(like(filter.source));
  }
  if (filter.text) {
    clauses.push("search LIKE ? ESCAPE '\\'");
    params.push(like(filter.text));
  }
  return { sql: clauses.length ? 'WHERE ' + clauses.join(' AND ') : '', params };
}

const ORDER = 'ORDER BY date_start IS NULL, date_start DESC, id';

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly path: string;
  private db: Database.Database;
  private ready = false;

  constructor(path: string = DEFAULT_SQLITE_PATH) {
    this.path = path;
    try {
      this.db = new Database(path);
    } catch (err) {
      throw new SitrepError('STORE', `cannot open SQLite database ${path}: ${(err as Error).message}`, { cause: err });
    }
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a crash of the process never loses a committed article; a power cut may
    // lose the last few, never corrupt the file.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
  }

  async init(): Promise<void> {
    this.initSync();
  }

  private initSync(): void {
    if (this.ready) return;
    this.db.exec(SCHEMA);
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema_version') as { value: string } | undefined;
    if (!row) this.db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    else if (Number(row.value) > SCHEMA_VERSION) {
      throw new SitrepError('STORE', `${this.path} was written by a newer sitrep (schema ${row.value}; this one knows ${SCHEMA_VERSION})`);
    }
    // A database from before the compact match column gets it (filled as clusters are rewritten).
    const cols = this.db.prepare('PRAGMA table_info(clusters)').all() as { name: string }[];
    if (!cols.some((c) => c.name === 'match')) this.db.exec('ALTER TABLE clusters ADD COLUMN match TEXT');
    this.ready = true;
    this.prepare();
  }

  private st!: {
    has: Database.Statement;
    insertArticle: Database.Statement;
    getArticle: Database.Statement;
    candidates: Database.Statement;
    insertReport: Database.Statement;
    clusterReports: Database.Statement;
    upsertCluster: Database.Statement;
    getCluster: Database.Statement;
  };

  private putTx!: Database.Transaction<(input: PutInput, hash: string, ingestedAt: string) => PutResult>;
  private putManyTx!: Database.Transaction<(items: { input: PutInput; hash: string; ingestedAt: string }[]) => PutResult[]>;

  private prepare(): void {
    const db = this.db;
    this.putTx = db.transaction((input: PutInput, hash: string, ingestedAt: string) => this.putInTx(input, hash, ingestedAt));
    this.putManyTx = db.transaction((items: { input: PutInput; hash: string; ingestedAt: string }[]) => items.map((i) => this.putInTx(i.input, i.hash, i.ingestedAt)));
    this.st = {
      has: db.prepare('SELECT 1 FROM articles WHERE hash = ?').pluck(),
      insertArticle: db.prepare(
        'INSERT INTO articles (hash, input_id, title, published, url, source, text, result, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      getArticle: db.prepare('SELECT * FROM articles WHERE hash = ?'),
      // date_start >= from as well (see candidateWindow): the index range is the window, not every older cluster
      candidates: db.prepare(`SELECT coalesce(match, data) FROM clusters WHERE type = ? AND date_start <= ? AND date_start >= ? AND date_end >= ? ORDER BY id LIMIT ${MAX_CANDIDATES}`).pluck(),
      insertReport: db.prepare('INSERT OR IGNORE INTO reports (key, article, cluster_id, data) VALUES (?, ?, ?, ?)'),
      clusterReports: db.prepare('SELECT data FROM reports WHERE cluster_id = ?').pluck(),
      upsertCluster: db.prepare(
        `INSERT INTO clusters (id, type, date_start, date_end, country, statuses, actor_search, source_search, search, data, match)
         VALUES (@id, @type, @date_start, @date_end, @country, @statuses, @actor_search, @source_search, @search, @data, @match)
         ON CONFLICT(id) DO UPDATE SET type = excluded.type, date_start = excluded.date_start, date_end = excluded.date_end,
           country = excluded.country, statuses = excluded.statuses, actor_search = excluded.actor_search,
           source_search = excluded.source_search, search = excluded.search, data = excluded.data, match = excluded.match`,
      ),
      getCluster: db.prepare('SELECT data FROM clusters WHERE id = ?').pluck(),
    };
  }

  private get s() {
    if (!this.ready) this.initSync();
    return this.st;
  }

  async hasArticle(hash: string): Promise<boolean> {
    return this.s.has.get(hash) !== undefined;
  }

  async putArticle(input: PutInput): Promise<PutResult> {
    return this.putSync(input);
  }

  /** The synchronous write, exposed for the bench's single-writer loop. */
  putSync(input: PutInput): PutResult {
    const s = this.s;
    const hash = input.hash ?? articleHash(input.text);
    const ingestedAt = input.ingestedAt ?? new Date().toISOString();
    try {
      return this.putTx.immediate(input, hash, ingestedAt);
    } catch (err) {
      throw new SitrepError('STORE', `storing article ${input.inputId}: ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * Several articles in one transaction (group commit): each article is still all or nothing,
   * and a crash loses at most the batch in flight, which the next run ingests again.
   */
  async putArticles(inputs: PutInput[]): Promise<PutResult[]> {
    return this.putManySync(inputs);
  }

  putManySync(inputs: PutInput[]): PutResult[] {
    this.s;
    const now = new Date().toISOString();
    const prepared = inputs.map((input) => ({ input, hash: input.hash ?? articleHash(input.text), ingestedAt: input.ingestedAt ?? now }));
    try {
      return this.putManyTx.immediate(prepared);
    } catch (err) {
      throw new SitrepError('STORE', `storing ${inputs.length} article(s) (${inputs.map((i) => i.inputId).slice(0, 3).join(', ')}…): ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * The body of the article transaction. Clusters this article touches are kept in memory while
   * its reports are placed (a later report may join a cluster an earlier one opened) and each is
   * rebuilt and written once at the end, not once per report.
   */
  private putInTx(input: PutInput, hash: string, ingestedAt: string): PutResult {
    const s = this.st;
    if (s.has.get(hash) !== undefined) return { hash, inserted: false, events: 0, newClusters: 0 };
    const a = input.result.article;
    s.insertArticle.run(hash, input.inputId, a.title ?? null, a.published ?? null, a.url ?? null, a.source ?? null, input.text, input.resultJson ?? JSON.stringify(input.result), ingestedAt);
    const reports = reportsFromResult(hash, input.result, input.text, ingestedAt);
    const members = new Map<string, Report[]>();
    const state = new Map<string, MatchView>();
    let newClusters = 0;
    for (const r of reports) {
      const win = candidateWindow(r);
      let best: MatchView | null = null;
      if (win) {
        const candidates = (s.candidates.all(win.type, win.to, win.from, win.from) as string[]).map((d) => {
          const c = JSON.parse(d) as MatchView;
          return state.get(c.id) ?? c;
        });
        const seen = new Set(candidates.map((c) => c.id));
        for (const c of state.values()) {
          if (!seen.has(c.id) && c.type === win.type && c.dateStart && c.dateEnd && c.dateStart <= win.to && c.dateEnd >= win.from) candidates.push(c);
        }
        best = chooseCluster(candidates, r);
      }
      r.clusterId = best?.id ?? newClusterId(r);
      if (!best) newClusters++;
      let list = members.get(r.clusterId);
      if (!list) {
        // Read before this report is inserted, so it is counted once.
        list = best ? (s.clusterReports.all(r.clusterId) as string[]).map((d) => JSON.parse(d) as Report) : [];
        members.set(r.clusterId, list);
      }
      list.push(r);
      s.insertReport.run(r.key, hash, r.clusterId, JSON.stringify(r));
      // Only a report that can merge makes its cluster a candidate for the next ones.
      if (win) state.set(r.clusterId, buildCluster(r.clusterId, list));
    }
    for (const [id, list] of members) {
      const built = state.get(id);
      this.writeCluster(built && 'mentions' in built ? (built as EventCluster) : buildCluster(id, list));
    }
    return { hash, inserted: true, events: reports.length, newClusters };
  }

  private writeCluster(c: EventCluster): void {
    this.s.upsertCluster.run({
      id: c.id,
      type: c.type,
      date_start: c.dateStart,
      date_end: c.dateEnd,
      country: c.country,
      statuses: '|' + c.statuses.join('|') + '|',
      actor_search: actorSearchText(c),
      source_search: c.sources.join('\n').toLowerCase(),
      search: clusterSearchText(c),
      data: JSON.stringify(c),
      match: JSON.stringify(matchView(c)),
    });
  }

  async getArticle(hash: string): Promise<ArticleRow | null> {
    const row = this.s.getArticle.get(hash) as ArticleDbRow | undefined;
    if (!row) return null;
    return {
      hash: row.hash,
      inputId: row.input_id,
      title: row.title,
      published: row.published,
      url: row.url,
      source: row.source,
      text: row.text,
      result: JSON.parse(row.result) as SpecResult,
      ingestedAt: row.ingested_at,
    };
  }

  async listEvents(filter: EventFilter): Promise<{ events: EventCluster[]; total: number }> {
    this.s;
    const w = where(filter);
    const total = (this.db.prepare(`SELECT count(*) FROM clusters ${w.sql}`).pluck().get(...w.params) as number) ?? 0;
    const limit = filter.limit ?? 100;
    const offset = filter.offset ?? 0;
    const rows = this.db.prepare(`SELECT data FROM clusters ${w.sql} ${ORDER} LIMIT ? OFFSET ?`).pluck().all(...w.params, limit, offset) as string[];
    return { events: rows.map((d) => JSON.parse(d) as EventCluster), total };
  }

  async *iterateEvents(filter: EventFilter): AsyncIterable<EventCluster> {
    this.s;
    const w = where(filter);
    const page = this.db.prepare(`SELECT data FROM clusters ${w.sql} ${ORDER} LIMIT ? OFFSET ?`).pluck();
    const size = 1000;
    for (let offset = 0; ; offset += size) {
      const rows = page.all(...w.params, size, offset) as string[];
      for (const d of rows) yield JSON.parse(d) as EventCluster;
      if (rows.length < size) return;
    }
  }

  async getEvent(id: string): Promise<(EventCluster & { reports: Report[] }) | null> {
    const data = this.s.getCluster.get(id) as string | undefined;
    if (!data) return null;
    const reports = (this.s.clusterReports.all(id) as string[]).map((d) => JSON.parse(d) as Report);
    reports.sort((a, b) => ((a.published ?? a.ingestedAt) < (b.published ?? b.ingestedAt) ? -1 : 1));
    return { ...(JSON.parse(data) as EventCluster), reports };
  }

  async listArticles(opts: { limit?: number; offset?: number }): Promise<{ articles: Omit<ArticleRow, 'text' | 'result'>[]; total: number }> {
    this.s;
    const total = this.db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    const rows = this.db
      .prepare('SELECT hash, input_id, title, published, url, source, ingested_at FROM articles ORDER BY ingested_at DESC, hash LIMIT ? OFFSET ?')
      .all(opts.limit ?? 100, opts.offset ?? 0) as Omit<ArticleDbRow, 'text' | 'result'>[];
    return {
      articles: rows.map((r) => ({ hash: r.hash, inputId: r.input_id, title: r.title, published: r.published, url: r.url, source: r.source, ingestedAt: r.ingested_at })),
      total,
    };
  }

  async stats(): Promise<StoreStats> {
    this.s;
    const one = (sql: string) => this.db.prepare(sql).pluck().get() as number;
    return { articles: one('SELECT count(*) FROM articles'), events: one('SELECT count(*) FROM reports'), clusters: one('SELECT count(*) FROM clusters') };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

export async function openSqliteStore(path: string = DEFAULT_SQLITE_PATH): Promise<SqliteStore> {
  const s = new SqliteStore(path);
  await s.init();
  return s;
}
