// Dead letters: articles that failed every attempt, kept with their error and the input itself
// so nothing is silently dropped; `sitrep status` lists them and re-enqueueing retries them.

import type pg from 'pg';
import type PgBoss from 'pg-boss';
import { DEAD_QUEUE } from './boss.js';

export interface DeadLetter {
  hash: string;
  inputId: string;
  error: string;
  attempts: number;
  failedAt: string;
}

export async function initDeadLetters(db: pg.Pool | pg.PoolClient): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS sitrep_dead_letters (
    hash text PRIMARY KEY,
    input_id text NOT NULL,
    error text NOT NULL,
    attempts integer NOT NULL,
    record jsonb NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
  )`);
}

export async function recordDeadLetter(
  db: pg.Pool,
  d: { hash: string; inputId: string; error: string; attempts: number; record: unknown },
): Promise<void> {
  await db.query(
    `INSERT INTO sitrep_dead_letters (hash, input_id, error, attempts, record) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (hash) DO UPDATE SET error = EXCLUDED.error, attempts = GREATEST(sitrep_dead_letters.attempts, EXCLUDED.attempts), failed_at = now()`,
    [d.hash, d.inputId, d.error, d.attempts, JSON.stringify(d.record)],
  );
}

export async function listDeadLetters(db: pg.Pool, limit = 20): Promise<{ total: number; items: DeadLetter[] }> {
  const total = await db.query<{ n: string }>('SELECT count(*) AS n FROM sitrep_dead_letters');
  const rows = await db.query<{ hash: string; input_id: string; error: string; attempts: number; failed_at: Date }>(
    'SELECT hash, input_id, error, attempts, failed_at FROM sitrep_dead_letters ORDER BY failed_at DESC LIMIT $1',
    [limit],
  );
  return {
    total: Number(total.rows[0]!.n),
    items: rows.rows.map((r) => ({ hash: r.hash, inputId: r.input_id, error: r.error, attempts: r.attempts, failedAt: r.failed_at.toISOString() })),
  };
}

function outputError(output: unknown): string {
  if (output && typeof output === 'object') {
    const o = output as { error?: unknown; value?: { message?: unknown }; message?: unknown };
    if (typeof o.error === 'string') return o.error;
    if (typeof o.value?.message === 'string') return o.value.message;
    if (typeof o.message === 'string') return o.message;
  }
  return 'failed every attempt (no error recorded)';
}

/**
 * pg-boss moves a job that exhausted its retries to the dead-letter queue, including jobs no
 * worker could report on (the worker died on it every time, so it timed out). Drain that queue
 * into the dead-letter table, which keeps them until someone deals with them.
 */
export async function drainDeadQueue(boss: PgBoss, db: pg.Pool): Promise<number> {
  const jobs = await boss.fetch<unknown>(DEAD_QUEUE, { batchSize: 100, includeMetadata: true });
  for (const job of jobs) {
    const d = job.data as { hash?: unknown; record?: { id?: unknown } } | null;
    await recordDeadLetter(db, {
      hash: typeof d?.hash === 'string' ? d.hash : job.id,
      inputId: String(d?.record?.id ?? job.id),
      error: outputError(job.output),
      attempts: job.retryLimit + 1,
      record: job.data ?? null,
    });
  }
  if (jobs.length) await boss.complete(DEAD_QUEUE, jobs.map((j) => j.id));
  return jobs.length;
}
