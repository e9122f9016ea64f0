// The distributed-ingestion guarantee, end to end with real processes: two `sitrep worker`
// processes share one queue and one PostgreSQL store, one is SIGKILLed mid-run, and the corpus
// still finishes with every article stored exactly once, with the same events as a
// single-process run, and with exactly the clusters that writing the articles one by one in the
// order the workers merged them gives (merging is incremental, so clusters may depend on the
// order articles arrive in; what concurrency must never add is a duplicate or a lost report).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { articleHash } from '../corpus/hash.js';
import { extractRecord } from '../extract.js';
import type { SpecResult } from '../output/spec.js';
import { loadResources } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { PostgresStore } from '../store/postgres.js';
import { BOSS_SCHEMA, INGEST_QUEUE } from './boss.js';
import { dropDatabase, freshDatabase, pgAnswers, scopedName } from './pgserver.js';
import { queueStatus } from './status.js';
import { syntheticCorpus } from './synthetic.js';

const BIN = fileURLToPath(new URL('../../bin/sitrep.js', import.meta.url));
const REPLAY_DB = scopedName('sitrep_queue_kill_replay');
const RUN_DB = scopedName('sitrep_queue_kill_run');
const N = 1000;
/** Short, so the killed worker's jobs come back quickly; a batch takes well under a second. */
const JOB_TIMEOUT_S = 4;

const up = await pgAnswers();
if (!up) console.warn('distributed.test: no PostgreSQL server answers on 127.0.0.1:5432 ($SITREP_TEST_PG): skipping the distributed ingestion test');

function worker(url: string): { proc: ChildProcess; lines: string[]; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const proc = spawn(process.execPath, [BIN, 'worker', '--db', url, '--exit-when-done', '--verbose'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  proc.stderr!.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  proc.stdout!.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, lines, exit };
}

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { t = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms); });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(t);
  }
}

interface Snapshot {
  hashes: string[];
  events: Map<string, unknown>;
  reportKeys: string[];
  /** Each cluster as the sorted keys of its reports. */
  clusters: string[];
  storedTwice: number;
}

/** Write the stored articles one by one, in the order the workers merged them, into a fresh store. */
async function replay(fromUrl: string, toUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: fromUrl });
  await c.connect();
  const rows = await c.query<{ input_id: string; text: string; result: SpecResult; ingested_at: string }>(
    'SELECT input_id, text, result, ingested_at FROM sitrep_articles ORDER BY merge_seq NULLS FIRST, hash',
  );
  await c.end();
  const store = new PostgresStore(toUrl);
  await store.init();
  for (const r of rows.rows) await store.putArticle({ inputId: r.input_id, text: r.text, result: r.result, ingestedAt: r.ingested_at });
  await store.close();
}

async function snapshot(url: string): Promise<Snapshot> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const arts = await c.query<{ hash: string; events: unknown }>("SELECT hash, result->'events' AS events FROM sitrep_articles ORDER BY hash");
    const reports = await c.query<{ key: string }>('SELECT key FROM sitrep_reports ORDER BY key');
    const clusters = await c.query<{ keys: string }>("SELECT string_agg(key, ',' ORDER BY key) AS keys FROM sitrep_reports GROUP BY cluster_id");
    const twice = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM (SELECT input_id FROM sitrep_articles GROUP BY input_id HAVING count(*) > 1) d");
    return {
      hashes: arts.rows.map((r) => r.hash),
      events: new Map(arts.rows.map((r) => [r.hash, r.events])),
      reportKeys: reports.rows.map((r) => r.key),
      clusters: clusters.rows.map((r) => r.keys).sort(),
      storedTwice: twice.rows[0]!.n,
    };
  } finally {
    await c.end();
  }
}

async function storedCount(c: pg.Client): Promise<number> {
  const r = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM sitrep_articles');
  return r.rows[0]!.n;
}

describe.skipIf(!up)('distributed ingestion on PostgreSQL', () => {
  afterAll(async () => {
    await dropDatabase(REPLAY_DB);
    await dropDatabase(RUN_DB);
  });

  it(`2 workers, one SIGKILLed mid-run: ${N} articles stored exactly once, same events as one process, no duplicate cluster`, async () => {
    const corpus = syntheticCorpus(N, 11);
    const expectedHashes = [...new Set(corpus.map((r) => articleHash(r.text)))].sort();
    expect(expectedHashes).toHaveLength(N);

    // Two workers, one killed once it is busy.
    const url = await freshDatabase(RUN_DB);
    // Enqueued through the CLI, as a user would.
    const file = join(mkdtempSync(join(tmpdir(), 'sitrep-queue-')), 'corpus.jsonl');
    writeFileSync(file, corpus.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const enq = spawnSync(process.execPath, [BIN, 'ingest', '--queue', '--db', url, '--job-timeout', String(JOB_TIMEOUT_S), file], { encoding: 'utf8' });
    expect(enq.status).toBe(0);
    expect(enq.stdout).toMatch(new RegExp(`queued ${N} article\\(s\\).*0 already queued, 0 already stored, 0 unreadable`));
    rmSync(dirname(file), { recursive: true, force: true });
    const a = worker(url);
    const b = worker(url);
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    let atKill = 0;
    try {
      await within((async () => {
        // Wait until a fifth of the corpus is stored, then kill A right after it fetched a batch,
        // so it dies holding jobs that must come back.
        for (;;) {
          atKill = await storedCount(probe).catch(() => 0);
          if (atKill >= N / 5) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        const fetchedSoFar = a.lines.filter((l) => l.includes('fetched')).length;
        while (a.lines.filter((l) => l.includes('fetched')).length === fetchedSoFar) await new Promise((r) => setTimeout(r, 2));
        a.proc.kill('SIGKILL');
      })(), 120_000, 'the corpus to get under way');
      atKill = await storedCount(probe);
    } finally {
      await probe.end();
    }
    expect(await a.exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(atKill).toBeLessThan(N);
    expect(await within(b.exit, 150_000, 'the surviving worker')).toEqual({ code: 0, signal: null });

    const run = await snapshot(url);
    expect(run.hashes).toEqual(expectedHashes);
    expect(run.storedTwice).toBe(0);

    // The same events as the pipeline gives in one process, article by article.
    const ex = { pipeline: defaultPipeline(), resources: await loadResources() };
    const solo = new Map<string, unknown>();
    for (const r of corpus) {
      const out = extractRecord(ex, r);
      expect('error' in out).toBe(false);
      solo.set(articleHash(r.text), JSON.parse(JSON.stringify((out as SpecResult).events)));
    }
    expect(run.events).toEqual(solo);
    expect([...run.events.values()].some((e) => Array.isArray(e) && e.length > 0)).toBe(true);

    // Exactly the clusters of a one-by-one run in the workers' merge order: no duplicate
    // cluster from a race, no report lost or counted twice.
    const replayUrl = await freshDatabase(REPLAY_DB);
    await replay(url, replayUrl);
    const ref = await snapshot(replayUrl);
    expect(run.reportKeys).toEqual(ref.reportKeys);
    expect(run.clusters).toEqual(ref.clusters);
    expect(run.clusters.length).toBeLessThan(run.reportKeys.length);

    const status = await queueStatus(url);
    expect(status).toMatchObject({ queued: 0, retrying: 0, running: 0, done: N, failed: 0 });
    expect(status.store.articles).toBe(N);
    // The jobs A held when it died were handed to B after they timed out.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const recovered = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND retry_count > 0`, [INGEST_QUEUE]);
    await c.end();
    expect(recovered.rows[0]!.n).toBeGreaterThan(0);
    expect(b.lines.join('\n')).toMatch(/already stored|stored/);
  }, 400_000);
});
