// The PostgreSQL store: the same contract as the SQLite store, for a shared server that several
// ingest workers (on several machines) write to at once.
//
// Writing an article is one transaction: the article row (keyed by content hash, ON CONFLICT DO
// NOTHING, so a retried job is a no-op), its reports and the clusters they join. Merging follows
// the protocol of src/corpus/merge.ts. Concurrent writers are made safe in two steps:
//   - before looking for candidate clusters, a transaction takes advisory locks on (event type,
//     16-day date bucket) for every bucket within LOCK_MARGIN_DAYS of its candidate windows, in
//     sorted order. Any cluster a window can meet lies inside that margin (a cluster spans at
//     most a report's maximum span plus slack), so two writers that could create, join or read
//     the same cluster always share a bucket and run one after the other: the second sees the
//     first's cluster instead of creating a duplicate, and concurrent writes merge exactly as
//     some one-by-one order would (the order is kept in sitrep_articles.merge_seq);
//   - before joining a cluster it locks the cluster row and rebuilds it from the reports read
//     after the lock, so a report added a moment ago is never lost.
// Deadlocks (two articles with several events locking clusters in different orders) and
// serialisation failures are retried with the whole transaction.

import pg from 'pg';
import { articleHash } from '../corpus/hash.js';
import { membersToStore, reportsFromMembers } from '../corpus/members.js';
import { actorSearchText, buildCluster, candidateWindow, capCandidates, chooseCluster, clusterMatchKeys, clusterSearchText, keyRowChanges, keyRowsOf, MAX_CANDIDATES, MERGE_SETTINGS, newClusterId, POINTS_APART, reportMatchKeys, reportsFromResult, sharesKey, type KeyRows, type MatchView, type MemberReport } from '../corpus/merge.js';
import { SitrepError } from '../errors.js';
import type { SpecResult } from '../output/spec.js';
import type { ArticleRow, EventCluster, EventFilter, PutInput, PutResult, Report, Store, StoreSpec, StoreStats } from './types.js';

/** Days per advisory-lock bucket; wider than any candidate window (8 days + slack) so a window spans at most two. */
const BUCKET_DAYS = 16;
/** Days around a candidate window in which a cluster it meets can lie. */
const LOCK_MARGIN_DAYS = MERGE_SETTINGS.maxDateSpanDays + MERGE_SETTINGS.dateSlackDays + 1;
const DAY_MS = 86_400_000;
const MAX_ATTEMPTS = 8;
/** SQLSTATEs worth retrying the whole transaction for. */
const RETRYABLE = new Set(['40P01', '40001']);

/** How this store's tables are keyed (see POINTS_APART), as sitrep_meta records it: tables keyed otherwise are keyed again when opened. */
const KEYING = 'points-apart';

const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS sitrep_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS sitrep_articles (
  hash text PRIMARY KEY,
  input_id text NOT NULL,
  title text,
  published text,
  url text,
  source text,
  text text NOT NULL,
  -- json, not jsonb: stored and returned whole, never queried inside by the store, and json
  -- only checks the syntax on insert where jsonb rebuilds it (about 1 ms of server CPU an article)
  result json NOT NULL,
  ingested_at text NOT NULL,
  -- The order in which writers merged (taken under the merge locks): replaying articles in this
  -- order rebuilds exactly these clusters.
  merge_seq bigint
);
CREATE SEQUENCE IF NOT EXISTS sitrep_merge_seq;
CREATE INDEX IF NOT EXISTS sitrep_articles_ingested ON sitrep_articles (ingested_at DESC, hash);
CREATE TABLE IF NOT EXISTS sitrep_clusters (
  id text PRIMARY KEY,
  type text NOT NULL,
  date_start text,
  date_end text,
  country text,
  actor_text text NOT NULL,
  source_text text NOT NULL,
  search_text text NOT NULL,
  data jsonb NOT NULL
);
-- What a report joining a cluster reads of its members (see corpus/members.ts), for clusters of
-- more than one report; tables from before it get it here, empty until their clusters change.
ALTER TABLE sitrep_clusters ADD COLUMN IF NOT EXISTS members text;
CREATE INDEX IF NOT EXISTS sitrep_clusters_window ON sitrep_clusters (type, date_start, date_end);
CREATE INDEX IF NOT EXISTS sitrep_clusters_order ON sitrep_clusters (date_start DESC NULLS LAST, id);
CREATE TABLE IF NOT EXISTS sitrep_reports (
  key text PRIMARY KEY,
  article text NOT NULL REFERENCES sitrep_articles (hash),
  cluster_id text NOT NULL,
  data json NOT NULL -- json for the same reason: read whole, never searched
);
CREATE INDEX IF NOT EXISTS sitrep_reports_cluster ON sitrep_reports (cluster_id);
CREATE INDEX IF NOT EXISTS sitrep_reports_article ON sitrep_reports (article);
-- The blocking keys of each dated cluster (keyRowsOf in merge.ts) with its start day: a report's
-- candidates are read through its own keys, not as every cluster of the type in the window.
CREATE TABLE IF NOT EXISTS sitrep_cluster_keys (
  key text NOT NULL,
  date_start text NOT NULL,
  cluster_id text NOT NULL,
  PRIMARY KEY (key, date_start, cluster_id)
);
`;

function dayNumber(iso: string): number {
  return Math.floor(Date.parse(iso.slice(0, 10) + 'T00:00:00Z') / DAY_MS);
}

/** 32-bit FNV-1a of the event type: the first half of the advisory lock key. */
function typeKey(type: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < type.length; i++) {
    h ^= type.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Advisory lock keys (type, bucket) covering every window and its margin, sorted so all writers lock in one order. */
export function mergeLockKeys(windows: readonly ({ type: string; from: string; to: string } | null)[], margin = LOCK_MARGIN_DAYS): [number, number][] {
  const keys = new Map<string, [number, number]>();
  for (const w of windows) {
    if (!w) continue;
    const t = typeKey(w.type);
    const first = Math.floor((dayNumber(w.from) - margin) / BUCKET_DAYS);
    const last = Math.floor((dayNumber(w.to) + margin) / BUCKET_DAYS);
    for (let b = first; b <= last; b++) keys.set(`${t}:${b}`, [t, b]);
  }
  return [...keys.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** The whole result's JSON for the article row (made by an extraction thread, or here). */
function resultJsonOf(input: PutInput): string {
  return input.resultJson ?? JSON.stringify(input.result);
}

function sqlState(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

export interface PostgresStoreOptions {
  /** Connections in the pool (the store is used by one process). */
  max?: number;
  /** A PostgreSQL schema of its own for the tables (created by init), instead of the default search path. */
  schema?: string;
  /**
   * Commit without waiting for the WAL flush. Safe for queue workers: a job is marked done only
   * in a later, synchronous commit, and WAL is replayed in order, so a server crash can lose an
   * article only together with its "done" mark, and the job runs again.
   */
  asyncCommit?: boolean;
  /** Clusters considered per report (default MAX_CANDIDATES); tests make it small. */
  maxCandidates?: number;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly spec: StoreSpec;
  private readonly pool: pg.Pool;
  private readonly schema: string | null;
  private readonly asyncCommit: boolean;
  private readonly maxCandidates: number;

  constructor(url: string, opts: PostgresStoreOptions = {}) {
    if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(opts.schema)) throw new SitrepError('STORE', `bad schema name ${opts.schema}`);
    this.schema = opts.schema ?? null;
    this.spec = { kind: 'postgres', location: url, options: { ...opts } };
    this.asyncCommit = !!opts.asyncCommit;
    this.maxCandidates = opts.maxCandidates ?? MAX_CANDIDATES;
    this.pool = new pg.Pool({
      connectionString: url,
      max: opts.max ?? 4,
      application_name: 'sitrep-store',
      ...(this.schema ? { options: `-c search_path=${this.schema}` } : {}),
    });
    // An idle client losing its connection emits 'error' on the pool; without a listener Node exits.
    this.pool.on('error', (err) => process.stderr.write(`sitrep: postgres: ${err.message}\n`));
  }

  async init(): Promise<void> {
    const c = await this.pool.connect();
    try {
      // Several workers start at once: serialise schema creation (CREATE … IF NOT EXISTS can
      // still collide on the catalog when two sessions run it concurrently).
      await c.query('BEGIN');
      await c.query("SELECT pg_advisory_xact_lock(hashtext('sitrep:schema'))");
      if (this.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      const hadKeys = (await c.query<{ had: boolean }>("SELECT to_regclass('sitrep_cluster_keys') IS NOT NULL AS had")).rows[0]!.had;
      await c.query(SCHEMA_SQL);
      // Tables from before the keys, or keyed before point clusters' keys went apart (see
      // POINTS_APART): every stored cluster's keys, once.
      const keyed = (await c.query<{ value: string }>("SELECT value FROM sitrep_meta WHERE key = 'cluster_keys'")).rows[0]?.value;
      if (!hadKeys || keyed !== KEYING) {
        await c.query('DELETE FROM sitrep_cluster_keys');
        for (let after = ''; ; ) {
          const page = await c.query<{ id: string; data: MatchView }>('SELECT id, data FROM sitrep_clusters WHERE id > $1 ORDER BY id LIMIT 1000', [after]);
          if (!page.rows.length) break;
          const ins: string[][] = [];
          for (const r of page.rows) for (const [k, day] of keyRowChanges(null, keyRowsOf(r.data, POINTS_APART)).ins) ins.push([k, day, r.id]);
          if (ins.length) await c.query('INSERT INTO sitrep_cluster_keys (key, date_start, cluster_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING', [ins.map((x) => x[0]), ins.map((x) => x[1]), ins.map((x) => x[2])]);
          after = page.rows[page.rows.length - 1]!.id;
        }
        await c.query("INSERT INTO sitrep_meta (key, value) VALUES ('cluster_keys', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", [KEYING]);
      }
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK').catch(() => {});
      throw new SitrepError('STORE', `cannot create the sitrep tables: ${(err as Error).message}`, { cause: err });
    } finally {
      c.release();
    }
  }

  async hasArticle(hash: string): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM sitrep_articles WHERE hash = $1', [hash]);
    return (r.rowCount ?? 0) > 0;
  }

  /** Which of these content hashes are already stored (one round trip, for enqueueing in bulk). */
  async storedHashes(hashes: readonly string[]): Promise<Set<string>> {
    if (!hashes.length) return new Set();
    const r = await this.pool.query<{ hash: string }>('SELECT hash FROM sitrep_articles WHERE hash = ANY($1::text[])', [hashes]);
    return new Set(r.rows.map((x) => x.hash));
  }

  async putArticle(input: PutInput): Promise<PutResult> {
    const hash = input.hash ?? articleHash(input.text);
    const ingestedAt = input.ingestedAt ?? new Date().toISOString();
    for (let attempt = 1; ; attempt++) {
      const c = await this.pool.connect();
      try {
        await c.query(this.asyncCommit ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
        const res = await this.write(c, hash, input, ingestedAt);
        await c.query('COMMIT');
        return res;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        if (attempt < MAX_ATTEMPTS && RETRYABLE.has(sqlState(err) ?? '')) {
          await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
          continue;
        }
        throw new SitrepError('STORE', `cannot store article ${input.inputId}: ${(err as Error).message}`, { cause: err });
      } finally {
        c.release();
      }
    }
  }

  private async write(c: pg.PoolClient, hash: string, input: PutInput, ingestedAt: string): Promise<PutResult> {
    const a = input.result.article;
    const ins = await c.query(
      `INSERT INTO sitrep_articles (hash, input_id, title, published, url, source, text, result, ingested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (hash) DO NOTHING RETURNING hash`,
      [hash, input.inputId, a.title ?? null, a.published ?? null, a.url ?? null, a.source ?? null, input.text, resultJsonOf(input), ingestedAt],
    );
    if (!ins.rowCount) return { hash, inserted: false, events: 0, newClusters: 0 };

    const reports = reportsFromResult(hash, input.result, input.text, ingestedAt);
    if (!reports.length) return { hash, inserted: true, events: 0, newClusters: 0 };
    const windows = reports.map((r) => candidateWindow(r));
    const keys = mergeLockKeys(windows);
    // One statement for every lock, taken in the sorted order of the array.
    if (keys.length) {
      await c.query('SELECT pg_advisory_xact_lock(k.t, k.b) FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS k(t, b, o) ORDER BY k.o', [keys.map((k) => k[0]), keys.map((k) => k[1])]);
    }

    // Candidates start inside the window (see candidateWindow), so the index range read is the window.
    // Round trips dominate the cost of a write when the machine is busy, so the article's reports
    // are merged in memory against one read of every window's candidates; only a cluster this
    // article joins costs two more (its row lock, then its members), and everything is written in
    // one statement at the end. Reports are still merged one after the other, each seeing the
    // clusters the previous ones created or changed, exactly as one-by-one writes would.
    // Up to MAX_CANDIDATES per report, the smallest ids of the window counting the clusters this
    // article touched (as the SQLite store counts its batch): the window is read that far plus one
    // row per report, since each touched cluster may stand in for a stored row or leave the window.
    // Each window is read through the report's blocking keys (see clusterMatchKeys), each key up
    // to the limit: the union then holds the smallest ids of the clusters that share a key.
    const limit = this.maxCandidates + reports.length;
    const matchKeys = reports.map((r, i) => (windows[i] ? reportMatchKeys(r, MERGE_SETTINGS, POINTS_APART) : []));
    const dbCandidates: EventCluster[][] = reports.map(() => []);
    const truncated: boolean[] = reports.map(() => false);
    const lookups: { key: string; from: string; to: string; i: number }[] = [];
    windows.forEach((w, i) => {
      if (w) for (const k of matchKeys[i]!) lookups.push({ key: `${w.type} ${k}`, from: w.from, to: w.to, i });
    });
    if (lookups.length) {
      const rows = await c.query<{ l: number; data: EventCluster }>(
        `SELECT w.l::int AS l, c.data FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS w(key, f, t, l),
           LATERAL (SELECT c.data FROM sitrep_cluster_keys k JOIN sitrep_clusters c ON c.id = k.cluster_id
                    WHERE k.key = w.key AND k.date_start <= w.t AND k.date_start >= w.f AND c.date_end >= w.f ORDER BY c.id LIMIT ${limit}) c`,
        [lookups.map((x) => x.key), lookups.map((x) => x.from), lookups.map((x) => x.to)],
      );
      const perLookup = new Map<number, number>();
      const seen = reports.map(() => new Set<string>());
      for (const r of rows.rows) {
        const i = lookups[r.l - 1]!.i;
        perLookup.set(r.l, (perLookup.get(r.l) ?? 0) + 1);
        if (seen[i]!.has(r.data.id)) continue;
        seen[i]!.add(r.data.id);
        dbCandidates[i]!.push(r.data);
      }
      for (const [l, n] of perLookup) if (n === limit) truncated[lookups[l - 1]!.i] = true;
    }

    /** Clusters this article created or joined: their members so far and their rebuilt state. */
    const touched = new Map<string, { members: MemberReport[]; cluster: EventCluster; existing: boolean; storedKeys: KeyRows | null }>();
    const stored: Report[] = [];
    let newClusters = 0;
    for (let i = 0; i < reports.length; i++) {
      const report = reports[i]!;
      const w = windows[i];
      let best: EventCluster | null = null;
      if (w && matchKeys[i]!.length) {
        const cands = dbCandidates[i]!.filter((cl) => !touched.has(cl.id));
        for (const t of touched.values()) {
          const cl = t.cluster;
          if (cl.type === w.type && cl.dateStart !== null && cl.dateEnd !== null && cl.dateStart <= w.to && cl.dateEnd >= w.from && sharesKey(clusterMatchKeys(cl, POINTS_APART), matchKeys[i]!)) cands.push(cl);
        }
        best = chooseCluster(capCandidates(cands, this.maxCandidates, truncated[i]!), report);
      }
      let entry = best ? touched.get(best.id) : undefined;
      if (best && !entry) {
        // Lock the cluster, then read its members: a report another writer added a moment ago
        // (it held the lock) is counted, never lost.
        entry = { members: await this.storedMembers(c, best.id), cluster: best, existing: true, storedKeys: keyRowsOf(best, POINTS_APART) };
        touched.set(best.id, entry);
      }
      const clusterId = best ? best.id : newClusterId(report);
      if (!entry) {
        newClusters++;
        entry = { members: [], cluster: best!, existing: false, storedKeys: null };
        touched.set(clusterId, entry);
      }
      const r: Report = { ...report, clusterId };
      stored.push(r);
      entry.members.push(r);
      entry.cluster = buildCluster(clusterId, entry.members);
    }

    const clusters = [...touched.values()].map((t) => ({ cluster: t.cluster, members: membersToStore(t.members) }));
    // (rows that stay are neither deleted nor inserted, so the two statements below touch different rows)
    const delKeys: string[][] = [];
    const insKeys: string[][] = [];
    for (const [id, t] of touched) {
      const { del, ins } = keyRowChanges(t.storedKeys, keyRowsOf(t.cluster, POINTS_APART));
      for (const [k, day] of del) delKeys.push([k, day, id]);
      for (const [k, day] of ins) insKeys.push([k, day, id]);
    }
    await c.query(
      `WITH kd AS (
         DELETE FROM sitrep_cluster_keys k USING unnest($4::text[], $5::text[], $6::text[]) AS d(key, ds, id)
         WHERE k.key = d.key AND k.date_start = d.ds AND k.cluster_id = d.id
       ), ki AS (
         INSERT INTO sitrep_cluster_keys (key, date_start, cluster_id) SELECT * FROM unnest($7::text[], $8::text[], $9::text[]) ON CONFLICT DO NOTHING
       ), s AS (
         UPDATE sitrep_articles SET merge_seq = nextval('sitrep_merge_seq') WHERE hash = $1
       ), r AS (
         INSERT INTO sitrep_reports (key, article, cluster_id, data)
         SELECT x.key, $1, x.cluster_id, x.data FROM json_to_recordset($2::json) AS x(key text, cluster_id text, data json)
       )
       INSERT INTO sitrep_clusters (id, type, date_start, date_end, country, actor_text, source_text, search_text, data, members)
       SELECT y.id, y.type, y.date_start, y.date_end, y.country, y.actor_text, y.source_text, y.search_text, y.data, y.members
       FROM jsonb_to_recordset($3::jsonb) AS y(id text, type text, date_start text, date_end text, country text, actor_text text, source_text text, search_text text, data jsonb, members text)
       ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, date_start = EXCLUDED.date_start, date_end = EXCLUDED.date_end,
         country = EXCLUDED.country, actor_text = EXCLUDED.actor_text, source_text = EXCLUDED.source_text,
         search_text = EXCLUDED.search_text, data = EXCLUDED.data, members = EXCLUDED.members`,
      [
        hash,
        JSON.stringify(stored.map((r) => ({ key: r.key, cluster_id: r.clusterId, data: r }))),
        JSON.stringify(clusters.map(({ cluster: cl, members }) => ({
          id: cl.id, type: cl.type, date_start: cl.dateStart, date_end: cl.dateEnd, country: cl.country,
          actor_text: actorSearchText(cl), source_text: cl.sources.join('\n').toLowerCase(), search_text: clusterSearchText(cl), data: cl, members,
        }))),
        delKeys.map((x) => x[0]), delKeys.map((x) => x[1]), delKeys.map((x) => x[2]),
        insKeys.map((x) => x[0]), insKeys.map((x) => x[1]), insKeys.map((x) => x[2]),
      ],
    );
    return { hash, inserted: true, events: reports.length, newClusters };
  }

  /**
   * The reports of a stored cluster as merging reads them, with the cluster's row locked: its
   * members (corpus/members.ts) when it keeps them and they are all of its reports, else its
   * report rows. A writer that knows no members (an older sitrep) leaves the column as it was
   * while the cluster grows: members fewer than its mentions are then not used.
   */
  private async storedMembers(c: pg.PoolClient, id: string): Promise<MemberReport[]> {
    const row = (await c.query<{ members: string | null; mentions: number }>("SELECT members, (data->>'mentions')::int AS mentions FROM sitrep_clusters WHERE id = $1 FOR UPDATE", [id])).rows[0];
    const members = row?.members ? reportsFromMembers(row.members) : null;
    if (members && members.length === row!.mentions) return members;
    return (await c.query<{ data: Report }>('SELECT data FROM sitrep_reports WHERE cluster_id = $1', [id])).rows.map((r) => r.data);
  }

  async getArticle(hash: string): Promise<ArticleRow | null> {
    const r = await this.pool.query<{ hash: string; input_id: string; title: string | null; published: string | null; url: string | null; source: string | null; text: string; result: SpecResult; ingested_at: string }>(
      'SELECT hash, input_id, title, published, url, source, text, result, ingested_at FROM sitrep_articles WHERE hash = $1',
      [hash],
    );
    const row = r.rows[0];
    if (!row) return null;
    return { hash: row.hash, inputId: row.input_id, title: row.title, published: row.published, url: row.url, source: row.source, text: row.text, result: row.result, ingestedAt: row.ingested_at };
  }

  /** WHERE clause and parameters for a filter; every value is a bound parameter. */
  private where(f: EventFilter): { sql: string; params: unknown[] } {
    const conds: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.from) conds.push(`date_end >= ${p(f.from)}`);
    if (f.to) conds.push(`date_start <= ${p(f.to)}`);
    if (f.country) conds.push(`country = ${p(f.country.toUpperCase())}`);
    if (f.type) conds.push(`type = ${p(f.type.toUpperCase())}`);
    if (f.actor) conds.push(`strpos(actor_text, ${p(f.actor.toLowerCase())}) > 0`);
    if (f.status) conds.push(`data->'statuses' ? ${p(f.status)}`);
    if (f.source) conds.push(`strpos(source_text, ${p(f.source.toLowerCase())}) > 0`);
    if (f.text) conds.push(`strpos(search_text, ${p(f.text.toLowerCase())}) > 0`);
    return { sql: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
  }

  async listEvents(filter: EventFilter): Promise<{ events: EventCluster[]; total: number }> {
    const { sql, params } = this.where(filter);
    const total = await this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM sitrep_clusters ${sql}`, params);
    const limit = filter.limit ?? 100;
    const offset = filter.offset ?? 0;
    const rows = await this.pool.query<{ data: EventCluster }>(
      `SELECT data FROM sitrep_clusters ${sql} ORDER BY date_start DESC NULLS LAST, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { events: rows.rows.map((r) => r.data), total: Number(total.rows[0]!.n) };
  }

  /**
   * In listEvents' order, a page at a time, each page starting after the last row of the one
   * before rather than at an OFFSET (which reads every row before it again: quadratic on a large
   * store). Dated clusters newest first, then undated ones by id.
   */
  async *iterateEvents(filter: EventFilter, pageSize = 500): AsyncIterable<EventCluster> {
    const { sql, params } = this.where(filter);
    const and = sql ? `${sql} AND` : 'WHERE';
    const n = params.length;
    // (the first page has no row before it: no bound, rather than a sentinel the collation may misplace)
    for (let after: [string, string] | null = null; ; ) {
      const rows: pg.QueryResult<{ data: EventCluster }> = await this.pool.query<{ data: EventCluster }>(
        `SELECT data FROM sitrep_clusters ${and} date_start IS NOT NULL ${after ? `AND date_start <= $${n + 2} AND (date_start < $${n + 2} OR id > $${n + 3})` : ''}
         ORDER BY date_start DESC NULLS LAST, id LIMIT $${n + 1}`,
        after ? [...params, pageSize, ...after] : [...params, pageSize],
      );
      yield* rows.rows.map((r) => r.data);
      if (rows.rows.length < pageSize) break;
      const last = rows.rows[rows.rows.length - 1]!.data;
      after = [last.dateStart!, last.id];
    }
    for (let id = ''; ; ) {
      const rows = await this.pool.query<{ data: EventCluster }>(`SELECT data FROM sitrep_clusters ${and} date_start IS NULL AND id > $${n + 1} ORDER BY id LIMIT $${n + 2}`, [...params, id, pageSize]);
      yield* rows.rows.map((r) => r.data);
      if (rows.rows.length < pageSize) return;
      id = rows.rows[rows.rows.length - 1]!.data.id;
    }
  }

  async getEvent(id: string): Promise<(EventCluster & { reports: Report[] }) | null> {
    const r = await this.pool.query<{ data: EventCluster }>('SELECT data FROM sitrep_clusters WHERE id = $1', [id]);
    const row = r.rows[0];
    if (!row) return null;
    const reports = (await this.pool.query<{ data: Report }>('SELECT data FROM sitrep_reports WHERE cluster_id = $1 ORDER BY key', [id])).rows.map((x) => x.data);
    // First seen first, as the SQLite store lists them.
    const seen = (r: Report) => r.published ?? r.ingestedAt;
    reports.sort((a, b) => (seen(a) < seen(b) ? -1 : seen(a) > seen(b) ? 1 : 0));
    return { ...row.data, reports };
  }

  async listArticles(opts: { limit?: number; offset?: number }): Promise<{ articles: Omit<ArticleRow, 'text' | 'result'>[]; total: number }> {
    const total = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM sitrep_articles');
    const r = await this.pool.query<{ hash: string; input_id: string; title: string | null; published: string | null; url: string | null; source: string | null; ingested_at: string }>(
      'SELECT hash, input_id, title, published, url, source, ingested_at FROM sitrep_articles ORDER BY ingested_at DESC, hash LIMIT $1 OFFSET $2',
      [opts.limit ?? 100, opts.offset ?? 0],
    );
    return {
      articles: r.rows.map((row) => ({ hash: row.hash, inputId: row.input_id, title: row.title, published: row.published, url: row.url, source: row.source, ingestedAt: row.ingested_at })),
      total: Number(total.rows[0]!.n),
    };
  }

  async stats(): Promise<StoreStats> {
    const r = await this.pool.query<{ a: string; e: string; c: string }>(
      'SELECT (SELECT count(*) FROM sitrep_articles) AS a, (SELECT count(*) FROM sitrep_reports) AS e, (SELECT count(*) FROM sitrep_clusters) AS c',
    );
    const row = r.rows[0]!;
    return { articles: Number(row.a), events: Number(row.e), clusters: Number(row.c) };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The entry point src/store/open.ts loads for postgres:// URLs: an initialised store. */
export async function openPostgresStore(url: string, opts: PostgresStoreOptions = {}): Promise<Store> {
  const store = new PostgresStore(url, opts);
  await store.init();
  return store;
}
