import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { articleHash } from '../corpus/hash.js';
import type { InputItem } from '../ingest/read.js';
import { BOSS_SCHEMA, INGEST_QUEUE, openBoss } from './boss.js';
import { enqueueItems } from './enqueue.js';
import { jobIdFor, parseJob } from './job.js';
import { dropDatabase, freshDatabase, pgAnswers, scopedName } from './pgserver.js';
import { formatStatus, queueStatus } from './status.js';
import { syntheticCorpus } from './synthetic.js';
import { runWorker } from './worker.js';

describe('job ids and payloads', () => {
  it('derives a stable, valid UUID from the content hash', () => {
    const h = articleHash('some article');
    const id = jobIdFor(h);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobIdFor(h)).toBe(id);
    expect(jobIdFor(articleHash('another article'))).not.toBe(id);
    expect(() => jobIdFor('not a hash')).toThrow(/hash/);
  });

  it('validates job data before use', () => {
    const hash = articleHash('x');
    expect(parseJob({ hash, record: { id: 1, text: 'x' } }).record).toMatchObject({ id: '1', text: 'x' });
    expect(() => parseJob({ hash, record: { id: 'a' } })).toThrow(/text/);
    expect(() => parseJob({ hash: 'abc', record: { id: 'a', text: 'x' } })).toThrow(/hash/);
    expect(() => parseJob(null)).toThrow();
  });
});

const up = await pgAnswers();
if (!up) console.warn('queue.test: no PostgreSQL server answers on 127.0.0.1:5432 ($SITREP_TEST_PG): skipping the queue tests');
const DB = scopedName('sitrep_queue_unit');

describe.skipIf(!up)('queue on PostgreSQL', () => {
  let url = '';
  beforeAll(async () => {
    url = await freshDatabase(DB);
  });
  afterAll(async () => {
    await dropDatabase(DB);
  });

  const jobCount = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const r = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1`, [INGEST_QUEUE]);
    await c.end();
    return r.rows[0]!.n;
  };

  it('queues each article once, keeps a repeatedly failing one as a dead letter with its error, and retries it when re-enqueued', async () => {
    const records = syntheticCorpus(5, 3);
    const items = (extra: InputItem[] = []): InputItem[] => [...records.map((record) => ({ ok: true as const, record })), ...extra];
    const errors: string[] = [];
    const first = await enqueueItems(url, items([{ ok: false, id: 'line-9', error: 'line 9: not valid JSON' }]), { onError: (id, e) => errors.push(`${id}: ${e}`) });
    expect(first).toEqual({ queued: 5, alreadyQueued: 0, alreadyStored: 0, invalid: 1 });
    expect(errors).toEqual(['line-9: line 9: not valid JSON']);
    // The same corpus again: the job ids are the content hashes, so nothing is queued twice.
    expect(await enqueueItems(url, items())).toEqual({ queued: 0, alreadyQueued: 5, alreadyStored: 0, invalid: 0 });
    expect(await jobCount()).toBe(5);

    // A job no worker can process (its record has no text), retried at once to keep the test short.
    const poisonText = 'Poison article: the worker will not be able to read this job.';
    const hash = articleHash(poisonText);
    const boss = await openBoss(url);
    await boss.insert([{ id: jobIdFor(hash), name: INGEST_QUEUE, data: { hash, record: { id: 'poison' } }, retryLimit: 2, retryDelay: 0, retryBackoff: false }]);
    await boss.stop({ graceful: false, wait: true });

    const run = await runWorker({ url, exitWhenDone: true, pollMs: 100 });
    expect(run).toMatchObject({ processed: 8, inserted: 5, duplicates: 0, failed: 3, deadLettered: 1 });
    const s = await queueStatus(url);
    expect(s).toMatchObject({ queued: 0, retrying: 0, running: 0, done: 5, failed: 1 });
    expect(s.store.articles).toBe(5);
    expect(s.deadLetters).toHaveLength(1);
    expect(s.deadLetters[0]).toMatchObject({ hash, inputId: 'poison', attempts: 3 });
    expect(s.deadLetters[0]!.error).toMatch(/missing "text"/);
    expect(formatStatus(s)).toMatch(/failed\s+1/);
    expect(formatStatus(s)).toMatch(/poison .* after 3 attempts: .*missing "text"/);

    // Re-enqueueing: stored articles are skipped, the dead one is queued again and now succeeds.
    const again = await enqueueItems(url, items([{ ok: true, record: { id: 'poison', text: poisonText } }]));
    expect(again).toEqual({ queued: 1, alreadyQueued: 0, alreadyStored: 5, invalid: 0 });
    const rerun = await runWorker({ url, exitWhenDone: true, pollMs: 100 });
    expect(rerun).toMatchObject({ processed: 1, inserted: 1, failed: 0 });
    const after = await queueStatus(url);
    expect(after).toMatchObject({ queued: 0, running: 0, done: 6, failed: 0, deadLetters: [] });
    expect(after.store.articles).toBe(6);
  }, 120_000);
});
