// `sitrep ingest --queue`: turn inputs into jobs instead of processing them here. Articles
// already in the store are skipped; the job id comes from the content hash, so enqueueing a
// corpus twice (or two machines enqueueing overlapping feeds) queues each article once.

import pg from 'pg';
import type PgBoss from 'pg-boss';
import { articleHash } from '../corpus/hash.js';
import type { InputItem } from '../ingest/read.js';
import { PostgresStore } from '../store/postgres.js';
import { BOSS_SCHEMA, INGEST_QUEUE, openBoss } from './boss.js';
import { initDeadLetters } from './deadletter.js';
import { jobIdFor, type ArticleJob } from './job.js';

export interface EnqueueReport {
  /** Jobs added to the queue. */
  queued: number;
  /** Articles whose job is already waiting or running (enqueued before, not yet stored). */
  alreadyQueued: number;
  /** Articles whose content hash is already stored. */
  alreadyStored: number;
  /** Inputs that could not be read (reported through onError, never silently dropped). */
  invalid: number;
}

export interface EnqueueOptions {
  /** Jobs per INSERT round trip. */
  chunk?: number;
  /** Seconds a worker may hold a job before it is presumed dead and the job retried (default: the queue's, 120). */
  jobTimeoutSeconds?: number;
  onError?: (id: string, error: string) => void;
  onProgress?: (r: EnqueueReport) => void;
}

async function flush(boss: PgBoss, store: PostgresStore, db: pg.Pool, pending: ArticleJob[], report: EnqueueReport, opts: EnqueueOptions): Promise<void> {
  if (!pending.length) return;
  const stored = await store.storedHashes(pending.map((j) => j.hash));
  const seen = new Set<string>();
  const jobs: PgBoss.JobInsert[] = [];
  for (const j of pending) {
    if (stored.has(j.hash)) {
      report.alreadyStored++;
      continue;
    }
    if (seen.has(j.hash)) continue; // the same text twice in one chunk: one job
    seen.add(j.hash);
    jobs.push({ id: jobIdFor(j.hash), name: INGEST_QUEUE, data: j, ...(opts.jobTimeoutSeconds ? { expireInSeconds: opts.jobTimeoutSeconds } : {}) });
  }
  if (jobs.length) {
    // An article that was dead-lettered is being tried again: drop its dead letter and its failed
    // job (whose id the new job reuses, so the insert would otherwise be ignored).
    const dead = await db.query<{ hash: string }>('DELETE FROM sitrep_dead_letters WHERE hash = ANY($1::text[]) RETURNING hash', [jobs.map((j) => (j.data as ArticleJob).hash)]);
    if (dead.rowCount) await boss.deleteJob(INGEST_QUEUE, dead.rows.map((r) => jobIdFor(r.hash)));
    const live = await db.query<{ id: string }>(`SELECT id::text AS id FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND id = ANY($2::uuid[])`, [INGEST_QUEUE, jobs.map((j) => j.id)]);
    const queued = new Set(live.rows.map((r) => r.id));
    const fresh = jobs.filter((j) => !queued.has(j.id!));
    report.alreadyQueued += jobs.length - fresh.length;
    // Two machines enqueueing the same article at once still make one job: the insert ignores ids that exist.
    if (fresh.length) await boss.insert(fresh);
    report.queued += fresh.length;
  }
  pending.length = 0;
}

/** Enqueue every readable input; bad ones are reported and the rest goes on. */
export async function enqueueItems(url: string, items: AsyncIterable<InputItem> | Iterable<InputItem>, opts: EnqueueOptions = {}): Promise<EnqueueReport> {
  const chunk = opts.chunk ?? 500;
  const report: EnqueueReport = { queued: 0, alreadyQueued: 0, alreadyStored: 0, invalid: 0 };
  const boss = await openBoss(url);
  const store = new PostgresStore(url, { max: 1 });
  const db = new pg.Pool({ connectionString: url, max: 1, application_name: 'sitrep-enqueue' });
  try {
    await store.init();
    await initDeadLetters(db);
    const pending: ArticleJob[] = [];
    for await (const item of items) {
      if (!item.ok) {
        report.invalid++;
        opts.onError?.(item.id, item.error);
        continue;
      }
      pending.push({ hash: articleHash(item.record.text), record: item.record, htmlPublished: item.htmlPublished ?? null });
      if (pending.length >= chunk) {
        await flush(boss, store, db, pending, report, opts);
        opts.onProgress?.(report);
      }
    }
    await flush(boss, store, db, pending, report, opts);
    opts.onProgress?.(report);
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await store.close().catch(() => {});
    await db.end().catch(() => {});
  }
  return report;
}
