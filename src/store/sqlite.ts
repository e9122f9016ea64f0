// The embedded store: one SQLite file (better-sqlite3), WAL journal so readers (the web server,
// `sitrep events`) never block the ingest writer. Each article is written with its reports and
// cluster updates in one IMMEDIATE transaction (a group commit puts several articles in one):
// a crash or SIGKILL rolls back to the previous commit, never half of an article. The cluster
// rows a transaction changes are written once, at its end. Merging is done by src/corpus/merge.ts.

import Database from 'better-sqlite3';
import { SitrepError } from '../errors.js';
import { articleHash } from '../corpus/hash.js';
import { actorSearchText, buildCluster, buildMatchView, candidateWindow, capCandidates, chooseCluster, clusterMatchKeys, clusterSearchText, firstReport, keyRowsOf, matchView, reportMatchKeys, reportsFromResult, keyRowChanges, sentenceOf, sharesKey, MAX_CANDIDATES, MERGE_SETTINGS, POINTS_APART, type KeyRows, type MatchView, type MemberReport } from '../corpus/merge.js';
import { membersToStore, reportsFromMembers } from '../corpus/members.js';
import type { SpecResult } from '../output/spec.js';
import { eventJsonOf, resultJsonWithoutEvents, withoutEvents } from './result-json.js';
import { startCheckpointer } from './checkpointer.js';
import type { ArticleRow, Checkpointer, EventCluster, EventFilter, PutInput, PutResult, Report, Store, StoreSpec, StoreStats } from './types.js';
import { mapped } from '../objects.js';

export const DEFAULT_SQLITE_PATH = './sitrep.db';
/**
 * 2: report rows keep only what is not already in their article row, and reports are indexed by
 * cluster only.
 * 3: each event's JSON is stored once, in a row of `reports` (see putInTx): an article row's
 * result has `"events":[]` and names its events' rows (events_from, events_count), and a report
 * row keeps just its event (its key and sentence are made again from its article).
 * 4: clusters are found by their blocking keys (`cluster_keys`, see clusterMatchKeys), which a
 * sitrep of schema 3 would not keep up to date.
 * 5: a cluster row keeps its members (`members`, see corpus/members.ts), which a sitrep of schema
 * 4 would not keep up to date; the rows of an older file have none until a report joins them
 * (their reports are then read back, as before). And point clusters' keys are kept apart
 * (POINTS_APART): the upgrade makes every cluster's keys again.
 * An older file is upgraded when opened: its old rows still read correctly, and a sitrep that
 * knows only the older version then refuses the file rather than misread the new rows.
 */
const SCHEMA_VERSION = 5;
const PAGE_SIZE = 16384;
/** WAL pages that make a writer's commit checkpoint them into the file (see the constructor). */
const WAL_CHECKPOINT_PAGES = 16_384;

/** Rows read beyond what a long window needs now (see storedWindow). */
const WINDOW_HEADROOM = 64;

export interface SqliteStoreOptions {
  /** Clusters considered per report (default MAX_CANDIDATES); tests make it small. */
  maxCandidates?: number;
}
// The cache below holds many small parsed objects, and every major GC of the writing thread marks
// all of them: at 20,000 views (and 10,000 kept reports, a cache schema 5 made needless) they were
// most of an ingest thread's live heap. A miss is one indexed read of a page SQLite's own cache
// mostly has. Measured on the bench corpus (5,000 articles, two threads, alternating runs):
// 20,000/10,000 → 414 art/s, peak RSS 705–719 MB; 4,000/2,000 → 434 art/s, 632–641 MB.
/** Bound of the parsed candidate cache: about a MB, the clusters of the last days of news. */
const MAX_PARSED_VIEWS = 4_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- The short columns first: a report read joins them, and a column after text and result is
-- reached only through their overflow pages (files before schema 2 have ingested_at last,
-- files before schema 3 have events_from and events_count last).
CREATE TABLE IF NOT EXISTS articles (
  hash TEXT PRIMARY KEY,
  input_id TEXT NOT NULL,
  title TEXT,
  published TEXT,
  url TEXT,
  source TEXT,
  ingested_at TEXT NOT NULL,
  events_from INTEGER,
  events_count INTEGER,
  text TEXT NOT NULL,
  result TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_ingested ON articles(ingested_at);
-- match (what candidate lookups read) comes before the long columns, so reading it never walks
-- a big cluster's overflow pages; files made before it have it last (added by ALTER TABLE).
-- members (see corpus/members.ts) comes last: what a report joining the cluster reads, and
-- nothing else does. NULL for a cluster of one report, and in the rows of a file from before
-- schema 5 (which gets the column by ALTER TABLE) until a report joins them.
CREATE TABLE IF NOT EXISTS clusters (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  date_start TEXT,
  date_end TEXT,
  country TEXT,
  match TEXT,
  statuses TEXT NOT NULL,
  actor_search TEXT NOT NULL,
  source_search TEXT NOT NULL,
  search TEXT NOT NULL,
  data TEXT NOT NULL,
  members TEXT
);
CREATE INDEX IF NOT EXISTS clusters_type_date ON clusters(type, date_start);
CREATE INDEX IF NOT EXISTS clusters_date ON clusters(date_start);
CREATE INDEX IF NOT EXISTS clusters_country ON clusters(country);
-- One row per event of an article, in the article's order and with consecutive rowids (an
-- article row names them by rowid: no index on article, as each index is a random page write
-- per report); events that are not clustered have cluster_id ''. key is '' in rows of schema 3
-- (it is article:event id); before, it was the whole key, unique without an index of its own.
CREATE TABLE IF NOT EXISTS reports (
  key TEXT NOT NULL,
  article TEXT NOT NULL REFERENCES articles(hash),
  cluster_id TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_cluster ON reports(cluster_id);
-- The blocking keys of each dated cluster (clusterMatchKeys, after its type and a space), with its
-- start day: a report's candidates are read through its own keys (see storedWindow), not as every
-- cluster of the type in the window. A cluster's rows change only when its keys or start day do.
CREATE TABLE IF NOT EXISTS cluster_keys (
  key TEXT NOT NULL,
  date_start TEXT NOT NULL,
  cluster_id TEXT NOT NULL,
  PRIMARY KEY (key, date_start, cluster_id)
) WITHOUT ROWID;
`;

/** One key row of a cluster (see cluster_keys): written as clusters change, and for all of them by the schema 4 upgrade. */
const INSERT_KEY = 'INSERT OR IGNORE INTO cluster_keys (key, date_start, cluster_id) VALUES (?, ?, ?)';

/** What a schema 2 report row keeps in its JSON (schema 1: the whole report, which reads the same). */
type ReportData = Pick<Report, 'event' | 'sentence'>;

/**
 * A report row joined with its article (see the clusterReports statement); `text` is read for
 * schema 3 rows only (key ''), whose sentence is made again from it.
 */
type ReportRow = [key: string, article: string, clusterId: string, source: string | null, url: string | null, title: string | null, published: string | null, ingestedAt: string, data: string, text: string | null];

/** The query of a cluster's ReportRows, with `text` as the SQL for its last column. */
function clusterReportsSql(text: string): string {
  return `SELECT r.key, r.article, r.cluster_id, a.source, a.url, a.title, a.published, a.ingested_at, r.data, ${text} FROM reports r JOIN articles a ON a.hash = r.article WHERE r.cluster_id = ?`;
}

function reportFromRow([key, article, clusterId, source, url, title, published, ingestedAt, data, text]: ReportRow): Report {
  if (key === '') {
    const event = JSON.parse(data) as Report['event'];
    return { key: `${article}:${event.id}`, article, eventId: event.id, clusterId, source, url, title, published, ingestedAt, event, sentence: sentenceOf(text, event) };
  }
  const { event, sentence } = JSON.parse(data) as ReportData;
  return { key, article, eventId: event.id, clusterId, source, url, title, published, ingestedAt, event, sentence };
}

type CandidateWindow = NonNullable<ReturnType<typeof candidateWindow>>;

/**
 * The id of a cluster opened by the report row at `rowid`: "e" and the rowid in base 36, nine
 * digits, so that ids sort in the order clusters were opened (and after the "c" ids of files
 * written before, hashes of the opening report's key, as the PostgreSQL store's still are). Row
 * ids are given in write order, which every ingest keeps (worker threads write in reading
 * order), so the same corpus ingested in the same order gets the same ids. Why not a hash: each new cluster's entry in the
 * clusters' id index, and each report's in reports_cluster (reports mostly join clusters opened
 * shortly before), then lands at the end of those indexes instead of on a page of its own
 * anywhere in them; at 16,000 articles the two were 531 of the 2,220 pages a group commit of 128
 * articles wrote (with these ids 191 of 1,699), and they grow with the store.
 */
export function clusterIdAt(rowid: number): string {
  return 'e' + rowid.toString(36).padStart(9, '0');
}

/** Whether a cluster is one the candidate query selects for the window (see the candidates statement). */
function inWindow(c: MatchView, win: CandidateWindow): boolean {
  return c.type === win.type && c.dateStart !== null && c.dateEnd !== null && c.dateStart <= win.to && c.dateStart >= win.from && c.dateEnd >= win.from;
}

/** A window's stored candidate rows, read up to `limit`; `complete` when the window has no more. */
interface StoredWindow {
  views: MatchView[];
  limit: number;
  complete: boolean;
}

/**
 * A cluster the batch has opened or joined, with all its reports (those of the batch, and what
 * the stored row keeps of the others: MemberReport); written when the batch ends.
 */
class PendingCluster {
  /**
   * buildMatchView of `reports`, or null when a report was added since: candidate checks read
   * only this, and the whole cluster (buildCluster) is made once, when the batch writes it.
   */
  private matched: MatchView | null = null;
  /** clusterMatchKeys of `matched`, made when first asked for. */
  private keys: string[] | null = null;
  /**
   * Whether later reports may join it: a cluster opened by a report that cannot merge becomes a
   * candidate only once its article is done (as a written cluster would), not for that
   * article's next reports.
   */
  visible = false;
  // Bounds of the reports' dates. The cluster's dates are those of some of its reports, so they
  // lie within: a window outside them is refused without rebuilding the cluster.
  private firstStart = '\uffff';
  private lastStart = '';
  private lastEnd = '';

  constructor(
    readonly id: string,
    readonly type: string,
    readonly reports: MemberReport[],
    /** Its stored row's match view (null: a new cluster), which says what its indexes hold (see writeCluster). */
    readonly stored: MatchView | null,
  ) {
    for (const r of reports) this.bound(r);
  }

  add(r: Report): void {
    this.reports.push(r);
    this.bound(r);
    this.matched = null;
    this.keys = null;
  }

  private bound(r: MemberReport): void {
    const d = r.event.date;
    if (!d) return;
    if (d.start < this.firstStart) this.firstStart = d.start;
    if (d.start > this.lastStart) this.lastStart = d.start;
    if (d.end > this.lastEnd) this.lastEnd = d.end;
  }

  /** Its rows in cluster_keys as stored (null: a new cluster, or an undated one). */
  storedKeys(): KeyRows | null {
    return this.stored ? keyRowsOf(this.stored, POINTS_APART) : null;
  }

  /** What matching reads of the cluster its reports make now. */
  view(): MatchView {
    return (this.matched ??= buildMatchView(this.id, this.reports));
  }

  /** The whole cluster its reports make, to write. */
  cluster(): EventCluster {
    return buildCluster(this.id, this.reports);
  }

  /** Its reports as its row keeps them, to write (see membersToStore). */
  members(): string | null {
    return membersToStore(this.reports);
  }

  /**
   * Whether the candidate query would select the cluster as it is now for a report with these
   * keys (see inWindow, storedWindow).
   */
  selectedBy(win: CandidateWindow, reportKeys: readonly string[]): boolean {
    if (this.lastStart < win.from || this.firstStart > win.to || this.lastEnd < win.from) return false;
    return inWindow(this.view(), win) && sharesKey((this.keys ??= clusterMatchKeys(this.view(), POINTS_APART)), reportKeys);
  }
}

/**
 * What one write transaction keeps in memory. Cluster rows are written once at its end, so until
 * then the stored rows of the clusters it changed are stale: `pending` overrides them.
 */
class Batch {
  readonly pending = new Map<string, PendingCluster>();
  readonly byType = new Map<string, PendingCluster[]>();
  /** Stored candidates by key and window (see storedWindow). */
  readonly windows = new Map<string, StoredWindow>();
  /** The rowid of the last report row written, once read (see putInTx). */
  lastRowid: number | null = null;

  add(p: PendingCluster): void {
    this.pending.set(p.id, p);
    const list = this.byType.get(p.type);
    if (list) list.push(p);
    else this.byType.set(p.type, [p]);
  }
}

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
  events_from: number | null;
  events_count: number | null;
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
  readonly spec: StoreSpec;
  private db: Database.Database;
  private ready = false;
  /** Parsed candidate rows by cluster id, with the text they were parsed from (see parsedView). */
  private readonly views = new Map<string, { json: string; view: MatchView }>();
  private readonly maxCandidates: number;
  /** Candidate queries by their LIMIT (see candidateQuery). */
  private readonly candidateQueries = new Map<number, Database.Statement>();

  constructor(path: string = DEFAULT_SQLITE_PATH, opts: SqliteStoreOptions = {}) {
    this.path = path;
    this.spec = { kind: 'sqlite', location: path, options: { ...opts } };
    this.maxCandidates = opts.maxCandidates ?? MAX_CANDIDATES;
    try {
      this.db = new Database(path);
    } catch (err) {
      throw new SitrepError('STORE', `cannot open SQLite database ${path}: ${(err as Error).message}`, { cause: err });
    }
    // Rows are long (an article's result is tens of KB, a cluster a few): pages of 16 KiB make a
    // quarter of the page writes and reads of the default 4 KiB. Only a new, empty file takes it.
    this.db.pragma(`page_size = ${PAGE_SIZE}`);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a crash of the process never loses a committed article; a power cut may
    // lose the last few, never corrupt the file.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
    // A group commit dirties a few MB of pages: a cache that holds them (2 MB by default) is not
    // spilled to the WAL before the commit, and keeps the index pages the next one reads. 16 MiB
    // does that as well as 64 did and leaves the memory to the extraction threads (peak RSS ≤ 1 GB).
    this.db.pragma('cache_size = -16384');
    // An ingest's group commit writes 6–8 MB of pages to the WAL (the rows, and the index pages
    // they touch), and more as the store grows: its indexes are keyed by hashes and parties, so a
    // commit's rows land on index pages all over each index (~20 MB a commit at 15,000 articles).
    // At the default 1,000 pages (16 MB) a checkpoint ran every second or third commit, each
    // copying the same index pages to the file again and waiting on two fsyncs, inside a writer's
    // commit. 16,384 pages (256 MB) copies a page once for many more commits: a 20,000-article
    // ingest wrote 7.9 GB instead of 9.1 at 4,096 pages (64 MB), and its writes took 6 % less
    // time. The WAL file is cut back to that size after a checkpoint rather than kept at its
    // largest, and removed when the last connection closes. While an ingest runs, a thread of
    // its own checkpoints every second (startBackgroundCheckpoints): this is then only the bound
    // on the WAL should that thread fall behind.
    this.db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    this.db.pragma(`journal_size_limit = ${WAL_CHECKPOINT_PAGES * PAGE_SIZE}`);
  }

  async init(): Promise<void> {
    this.initSync();
  }

  private initSync(): void {
    if (this.ready) return;
    this.db.exec(SCHEMA);
    const version = () => this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('schema_version') as string | undefined;
    const found = version();
    if (!found) this.db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    else if (Number(found) > SCHEMA_VERSION) {
      throw new SitrepError('STORE', `${this.path} was written by a newer sitrep (schema ${found}; this one knows ${SCHEMA_VERSION})`);
    } else if (Number(found) < SCHEMA_VERSION) {
      this.db.transaction(() => {
        if (Number(version()) >= SCHEMA_VERSION) return; // another process upgraded it meanwhile
        this.db.exec('DROP INDEX IF EXISTS reports_article');
        const articleCols = this.db.prepare('PRAGMA table_info(articles)').all() as { name: string }[];
        for (const col of ['events_from', 'events_count']) if (!articleCols.some((c) => c.name === col)) this.db.exec(`ALTER TABLE articles ADD COLUMN ${col} INTEGER`);
        // Schema 5: the members column (see addClusterColumns), empty in the old rows: a report
        // joining one of them reads the cluster's reports back (see storedReports), and the
        // cluster's row keeps its members from then on. No rewrite of the file.
        this.addClusterColumns();
        // Every dated cluster's keys, from its stored match view (or its whole state, which holds
        // the view's fields, in rows from before the match column): files before schema 4 have
        // none, and schema 5 keys point clusters apart, so every older file gets them all again.
        // In pages by id: a statement cannot write while another of the connection is iterating.
        this.db.exec('DELETE FROM cluster_keys');
        const insert = this.db.prepare(INSERT_KEY);
        const page = this.db.prepare('SELECT id, coalesce(match, data) FROM clusters WHERE id > ? ORDER BY id LIMIT 1000').raw();
        for (let after = '', rows = page.all(after) as [string, string][]; rows.length; rows = page.all(after) as [string, string][]) {
          for (const [id, json] of rows) for (const [k, day] of keyRowChanges(null, keyRowsOf(JSON.parse(json) as MatchView, POINTS_APART)).ins) insert.run(k, day, id);
          after = rows[rows.length - 1]![0];
        }
        this.db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(String(SCHEMA_VERSION), 'schema_version');
      }).immediate();
    }
    this.addClusterColumns();
    this.ready = true;
    this.prepare();
  }

  /**
   * The clusters columns a file made before them lacks (added last, NULL in the rows there are):
   * the compact match column, filled as clusters are rewritten, and members (schema 5).
   */
  private addClusterColumns(): void {
    const cols = this.db.prepare('PRAGMA table_info(clusters)').all() as { name: string }[];
    for (const col of ['match', 'members']) if (!cols.some((c) => c.name === col)) this.db.exec(`ALTER TABLE clusters ADD COLUMN ${col} TEXT`);
  }

  private st!: {
    has: Database.Statement;
    insertArticle: Database.Statement;
    getArticle: Database.Statement;
    insertReport: Database.Statement;
    lastReport: Database.Statement;
    articleEvents: Database.Statement;
    clusterReports: Database.Statement;
    clusterReportsForMerge: Database.Statement;
    clusterMembers: Database.Statement;
    articleText: Database.Statement;
    upsertCluster: Database.Statement;
    updateCluster: Database.Statement;
    getCluster: Database.Statement;
    insertKey: Database.Statement;
    deleteKey: Database.Statement;
  };

  private putTx!: Database.Transaction<(items: { input: PutInput; hash: string; ingestedAt: string }[], batch: Batch) => PutResult[]>;

  private prepare(): void {
    const db = this.db;
    this.putTx = db.transaction((items: { input: PutInput; hash: string; ingestedAt: string }[], batch: Batch) => {
      const results = items.map((i) => this.putInTx(i.input, i.hash, i.ingestedAt, batch));
      for (const p of batch.pending.values()) this.writeCluster(p.cluster(), p.members(), p.stored, p.storedKeys());
      return results;
    });
    this.st = {
      has: db.prepare('SELECT 1 FROM articles WHERE hash = ?').pluck(),
      insertArticle: db.prepare(
        'INSERT INTO articles (hash, input_id, title, published, url, source, text, result, ingested_at, events_from, events_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      getArticle: db.prepare('SELECT * FROM articles WHERE hash = ?'),
      insertReport: db.prepare("INSERT INTO reports (key, article, cluster_id, data) VALUES ('', ?, ?, ?)"),
      lastReport: db.prepare('SELECT coalesce(max(rowid), 0) FROM reports').pluck(),
      articleEvents: db.prepare('SELECT data FROM reports WHERE rowid BETWEEN ? AND ? ORDER BY rowid').pluck(),
      clusterReports: db.prepare(clusterReportsSql("CASE r.key WHEN '' THEN a.text END")).raw(),
      // The same rows without the articles' text (see storedReports).
      clusterReportsForMerge: db.prepare(clusterReportsSql('NULL')).raw(),
      clusterMembers: db.prepare('SELECT members FROM clusters WHERE id = ?').pluck(),
      articleText: db.prepare('SELECT text FROM articles WHERE hash = ?').pluck(),
      upsertCluster: db.prepare(
        `INSERT INTO clusters (id, type, date_start, date_end, country, statuses, actor_search, source_search, search, data, match, members)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET type = excluded.type, date_start = excluded.date_start, date_end = excluded.date_end,
           country = excluded.country, statuses = excluded.statuses, actor_search = excluded.actor_search,
           source_search = excluded.source_search, search = excluded.search, data = excluded.data, match = excluded.match,
           members = excluded.members`,
      ),
      // (every column but the indexed ones: type, date_start, country; see writeCluster)
      updateCluster: db.prepare(
        'UPDATE clusters SET date_end = ?, statuses = ?, actor_search = ?, source_search = ?, search = ?, data = ?, match = ?, members = ? WHERE id = ?',
      ),
      getCluster: db.prepare('SELECT data FROM clusters WHERE id = ?').pluck(),
      insertKey: db.prepare(INSERT_KEY),
      deleteKey: db.prepare('DELETE FROM cluster_keys WHERE key = ? AND date_start = ? AND cluster_id = ?'),
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
      return this.commit([{ input, hash, ingestedAt }])[0]!;
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
      return this.commit(prepared);
    } catch (err) {
      throw new SitrepError('STORE', `storing ${inputs.length} article(s) (${inputs.map((i) => i.inputId).slice(0, 3).join(', ')}…): ${(err as Error).message}`, { cause: err });
    }
  }

  /** Write articles in one transaction. */
  private commit(items: { input: PutInput; hash: string; ingestedAt: string }[]): PutResult[] {
    return this.putTx.immediate(items, new Batch());
  }

  /**
   * The reports of a stored cluster, as merging reads them: what its row keeps of them (its
   * members, see corpus/members.ts), one read of a row the candidate query has just read. A
   * cluster of one report, and a row written before schema 5, has none: its reports are then read
   * back (the report rows, with their articles' source, url and dates), as every join did
   * before, and its row keeps them from this join on. Merging reads the sentence of a cluster's first report only (its notes,
   * see firstReport): that one's is made again from its article's text, not every report's.
   */
  private storedReports(id: string): MemberReport[] {
    const members = this.st.clusterMembers.get(id) as string | null | undefined;
    if (members) return reportsFromMembers(members);
    const reports = mapped(this.st.clusterReportsForMerge.all(id) as ReportRow[], reportFromRow);
    const first = firstReport(reports);
    if (first && first.sentence === null) first.sentence = sentenceOf(this.st.articleText.get(first.article) as string, first.event);
    return reports;
  }

  /**
   * One article inside the batch's transaction. Its article row and one row per event are
   * written at once; the clusters its reports open or join are kept in `batch` and written once
   * when the batch ends (see putTx), not once per article that touches them. A failure anywhere
   * rolls back the whole transaction, so each article is still all or nothing.
   */
  private putInTx(input: PutInput, hash: string, ingestedAt: string, batch: Batch): PutResult {
    const s = this.st;
    if (s.has.get(hash) !== undefined) return { hash, inserted: false, events: 0, newClusters: 0 };
    const { article: a, events } = input.result;
    const eventJson = input.eventJson?.length === events.length ? input.eventJson : eventJsonOf(events);
    // The event rows get the rowids after the last one: the transaction is the only writer.
    const first = (batch.lastRowid ??= s.lastReport.get() as number) + 1;
    // The article row keeps its result without the events (each is in its event row), unless a
    // given JSON cannot be split, when it keeps the whole result (as schema 2 rows do).
    const rest = !events.length ? null : input.resultJson === undefined ? resultJsonWithoutEvents(input.result) : withoutEvents(input.resultJson, input.result, eventJson);
    const json = rest ?? input.resultJson ?? resultJsonWithoutEvents(input.result); // (with no events, the whole result)
    s.insertArticle.run(hash, input.inputId, a.title ?? null, a.published ?? null, a.url ?? null, a.source ?? null, input.text, json, ingestedAt, rest === null ? null : first, rest === null ? null : events.length);
    const reports = reportsFromResult(hash, input.result, input.text, ingestedAt);
    const touched: PendingCluster[] = [];
    let newClusters = 0;
    let next = 0; // the next report: reports are the article's clusterable events, in order
    for (let i = 0; i < events.length; i++) {
      const r = reports[next];
      if (!r || r.event !== events[i]) {
        this.insertEvent(batch, hash, '', eventJson[i]!);
        continue;
      }
      next++;
      const win = candidateWindow(r);
      // (a report without keys can match no cluster: see clusterMatchKeys)
      const keys = win ? reportMatchKeys(r, MERGE_SETTINGS, POINTS_APART) : [];
      const best = win && keys.length ? chooseCluster(this.candidates(win, keys, batch), r) : null;
      r.clusterId = best?.id ?? clusterIdAt(first + i);
      if (!best) newClusters++;
      let p = batch.pending.get(r.clusterId);
      if (!p) {
        // Read before this report is inserted, so it is counted once. A cluster not yet in the
        // batch was a stored candidate: `best` is its stored view, whose keys it has in the store.
        const reports = best ? this.storedReports(r.clusterId) : [];
        p = new PendingCluster(r.clusterId, r.event.type, reports, best);
        batch.add(p);
      }
      p.add(r);
      // Only a report that can merge makes its cluster a candidate for the article's next reports.
      if (win) p.visible = true;
      touched.push(p);
      this.insertEvent(batch, hash, r.clusterId, eventJson[i]!);
    }
    // From the next article on, every cluster this one touched is a candidate, as if written.
    for (const p of touched) p.visible = true;
    return { hash, inserted: true, events: reports.length, newClusters };
  }

  /** One event row, at the rowid after the batch's last (see putInTx). */
  private insertEvent(batch: Batch, hash: string, clusterId: string, eventJson: string): void {
    const rowid = ++batch.lastRowid!;
    const got = this.st.insertReport.run(hash, clusterId, eventJson).lastInsertRowid;
    if (got !== rowid) throw new Error(`event row ${got} is not at rowid ${rowid}`);
  }

  /**
   * The clusters of a candidate window that share a key with the report (see clusterMatchKeys),
   * as the batch has left them: the stored rows selected, with the batch's own (not yet written)
   * state in place of stored rows it changed, plus the clusters it opened or moved into the
   * selection. When more than MAX_CANDIDATES are selected, the ones with the smallest ids are
   * kept, counting stored and unwritten clusters alike: which clusters a report may join then
   * never depends on where a transaction happened to end (group commits of 8 and of 32 articles
   * merge the same).
   */
  private candidates(win: CandidateWindow, keys: readonly string[], batch: Batch): MatchView[] {
    const out: MatchView[] = [];
    const seen = new Set<string>();
    let complete = true;
    for (const key of keys) {
      const stored = this.storedWindow(win, key, batch);
      if (!stored.complete) complete = false;
      for (const view of stored.views) {
        if (seen.has(view.id)) continue;
        seen.add(view.id);
        const p = batch.pending.get(view.id);
        if (!p) out.push(view);
        else if (p.visible && p.selectedBy(win, keys)) out.push(p.view());
      }
    }
    for (const p of batch.byType.get(win.type) ?? []) {
      if (p.visible && !seen.has(p.id) && p.selectedBy(win, keys)) out.push(p.view());
    }
    // (every key's rows up to the same limit: the union holds the smallest ids of the selection)
    return capCandidates(out, this.maxCandidates, !complete);
  }

  /**
   * The stored clusters of the window with one key. Cluster rows do not change until the batch
   * ends, and articles of one batch often report the same days and parties, so each is read
   * once per batch. One with more rows than MAX_CANDIDATES is read up to MAX_CANDIDATES plus (at
   * least) the number of clusters the batch holds of its type (each may stand in for a stored
   * row, or drop out): the stored rows not read then all sort after the MAX_CANDIDATES that
   * candidates keeps.
   */
  private storedWindow(win: CandidateWindow, key: string, batch: Batch): StoredWindow {
    const typedKey = `${win.type} ${key}`;
    const cacheKey = `${typedKey}|${win.from}|${win.to}`;
    const pendingOfType = batch.byType.get(win.type)?.length ?? 0;
    let got = batch.windows.get(cacheKey);
    if (!got || (!got.complete && got.limit < this.maxCandidates + pendingOfType)) {
      // with room for the batch's next clusters of the type, so that a long window is not read
      // again for each of them
      const limit = this.maxCandidates + Math.ceil((pendingOfType + 1) / WINDOW_HEADROOM) * WINDOW_HEADROOM;
      const rows = this.candidateQuery(limit).all(typedKey, win.to, win.from, win.from) as [string, string][];
      // (a loop, not a callback made per call: V8 drops a closure's optimized code at every full GC)
      const views: MatchView[] = [];
      for (const [id, json] of rows) views.push(this.parsedView(id, json));
      got = { views, limit, complete: rows.length < limit };
      batch.windows.set(cacheKey, got);
    }
    return got;
  }

  /**
   * The candidate query with a LIMIT of `limit`. The limit is written into the SQL rather than
   * bound: SQLite prepares a statement whose LIMIT is a parameter again each time it runs (the
   * plan depends on it), which cost more than the rest of the read. Limits come in steps of
   * WINDOW_HEADROOM, so there are a few statements.
   */
  private candidateQuery(limit: number): Database.Statement {
    let q = this.candidateQueries.get(limit);
    if (!q) {
      // date_start >= from as well (see candidateWindow): the index range is the key's clusters
      // starting in the window, not every older one
      q = this.db
        .prepare(
          `SELECT c.id, coalesce(c.match, c.data) FROM cluster_keys k JOIN clusters c ON c.id = k.cluster_id
           WHERE k.key = ? AND k.date_start <= ? AND k.date_start >= ? AND c.date_end >= ? ORDER BY c.id LIMIT ${limit}`,
        )
        .raw();
      this.candidateQueries.set(limit, q);
    }
    return q;
  }

  /**
   * A stored cluster's match view. The same clusters come back for report after report (a window
   * is a few days of one type), so the parse is kept while the stored text stays the same.
   */
  private parsedView(id: string, json: string): MatchView {
    const hit = this.views.get(id);
    if (hit && hit.json === json) return hit.view;
    const view = JSON.parse(json) as MatchView;
    if (this.views.size >= MAX_PARSED_VIEWS) this.views.clear();
    this.views.set(id, { json, view });
    return view;
  }

  /**
   * A cluster's row, and its key rows when they changed from `storedKeys` (see cluster_keys).
   * `stored` is the row as stored (its match view; null for a new cluster). When a report joins a
   * stored cluster, its type, start and country mostly stay as they were: the row is then updated
   * without those columns, which leaves the clusters' three indexes alone (SQLite rewrites an
   * index's entry for any column an UPDATE sets, even to the value it had). A small saving: most
   * of those indexes' pages in a commit are new clusters' (at 16,000 articles it spared 28 of the
   * 2,220 pages a group commit of 128 articles wrote), but it grows with the store.
   */
  private writeCluster(c: EventCluster, members: string | null, stored: MatchView | null, storedKeys: KeyRows | null): void {
    const statuses = '|' + c.statuses.join('|') + '|';
    const sources = c.sources.join('\n').toLowerCase();
    const data = JSON.stringify(c);
    const view = matchView(c);
    const match = JSON.stringify(view);
    const sameIndexed = stored !== null && stored.type === c.type && stored.dateStart === c.dateStart && stored.country === c.country;
    const updated = sameIndexed && this.st.updateCluster.run(c.dateEnd, statuses, actorSearchText(c), sources, clusterSearchText(c), data, match, members, c.id).changes === 1;
    if (!updated) this.st.upsertCluster.run(c.id, c.type, c.dateStart, c.dateEnd, c.country, statuses, actorSearchText(c), sources, clusterSearchText(c), data, match, members);
    const { del, ins } = keyRowChanges(storedKeys, keyRowsOf(view, POINTS_APART));
    for (const [k, day] of del) this.st.deleteKey.run(k, day, c.id);
    for (const [k, day] of ins) this.st.insertKey.run(k, day, c.id);
  }

  async getArticle(hash: string): Promise<ArticleRow | null> {
    const row = this.s.getArticle.get(hash) as ArticleDbRow | undefined;
    if (!row) return null;
    const result = JSON.parse(row.result) as SpecResult;
    if (row.events_from !== null && row.events_count !== null) {
      const events = this.s.articleEvents.all(row.events_from, row.events_from + row.events_count - 1) as string[];
      if (events.length !== row.events_count) throw new SitrepError('STORE', `article ${hash}: ${events.length} of its ${row.events_count} event rows`);
      result.events = events.map((e) => JSON.parse(e) as unknown);
    }
    return {
      hash: row.hash,
      inputId: row.input_id,
      title: row.title,
      published: row.published,
      url: row.url,
      source: row.source,
      text: row.text,
      result,
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

  /**
   * In listEvents' order, a page at a time, each page starting after the last row of the one
   * before (dated clusters, newest first, then undated ones by id) rather than at an OFFSET: an
   * OFFSET page sorts and skips every row before it, so an export of a large store read the
   * table once per page (a 170,000-cluster store took minutes, mostly in the kernel).
   */
  async *iterateEvents(filter: EventFilter, pageSize = 1000): AsyncIterable<EventCluster> {
    this.s;
    const w = where(filter);
    const and = w.sql ? `${w.sql} AND` : 'WHERE';
    const dated = this.db
      .prepare(`SELECT date_start, id, data FROM clusters ${and} date_start IS NOT NULL AND date_start <= ? AND (date_start < ? OR id > ?) ORDER BY date_start DESC, id LIMIT ?`)
      .raw();
    // ('\uffff' sorts after every date: the first page starts at the newest)
    for (let day = '\uffff', id = ''; ; ) {
      const rows = dated.all(...w.params, day, day, id, pageSize) as [string, string, string][];
      for (const [, , d] of rows) yield JSON.parse(d) as EventCluster;
      if (rows.length < pageSize) break;
      [day, id] = rows[rows.length - 1]!;
    }
    const undated = this.db.prepare(`SELECT id, data FROM clusters ${and} date_start IS NULL AND id > ? ORDER BY id LIMIT ?`).raw();
    for (let id = ''; ; ) {
      const rows = undated.all(...w.params, id, pageSize) as [string, string][];
      for (const [, d] of rows) yield JSON.parse(d) as EventCluster;
      if (rows.length < pageSize) return;
      id = rows[rows.length - 1]![0];
    }
  }

  async getEvent(id: string): Promise<(EventCluster & { reports: Report[] }) | null> {
    const data = this.s.getCluster.get(id) as string | undefined;
    if (!data) return null;
    const reports = (this.s.clusterReports.all(id) as ReportRow[]).map(reportFromRow);
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
    return { articles: one('SELECT count(*) FROM articles'), events: one("SELECT count(*) FROM reports WHERE cluster_id <> ''"), clusters: one('SELECT count(*) FROM clusters') };
  }

  /** WAL checkpoints from a thread of its own while an ingest writes (see checkpointer.ts); none for an in-memory store. */
  async startBackgroundCheckpoints(): Promise<Checkpointer | null> {
    this.s;
    return this.db.memory ? null : startCheckpointer(this.path);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

export async function openSqliteStore(path: string = DEFAULT_SQLITE_PATH, opts: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const s = new SqliteStore(path, opts);
  await s.init();
  return s;
}
