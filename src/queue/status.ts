// `sitrep status`: how far the queue is, how fast it goes, and what failed.

import pg from 'pg';
import { PostgresStore } from '../store/postgres.js';
import type { StoreStats } from '../store/types.js';
import { BOSS_SCHEMA, DEAD_QUEUE, INGEST_QUEUE } from './boss.js';
import { initDeadLetters, listDeadLetters, type DeadLetter } from './deadletter.js';

export interface QueueStatus {
  queued: number;
  /** Failed at least once, waiting for another attempt. */
  retrying: number;
  running: number;
  done: number;
  /** Articles that failed every attempt: dead letters, including those not yet moved to the table. */
  failed: number;
  /** Articles per second over the last minute. */
  lastMinutePerSecond: number;
  /** Articles per second from the first job started to the last one finished. */
  overallPerSecond: number | null;
  store: StoreStats;
  deadLetters: DeadLetter[];
}

export async function queueStatus(url: string): Promise<QueueStatus> {
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'sitrep-status' });
  const store = new PostgresStore(url, { max: 1 });
  try {
    await store.init();
    await initDeadLetters(pool);
    const installed = await pool.query("SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'job'", [BOSS_SCHEMA]);
    const counts = { created: 0, retry: 0, active: 0, completed: 0, failed: 0, deadQueued: 0 };
    let lastMinute = 0;
    let overall: number | null = null;
    if (installed.rowCount) {
      // pg-boss keeps recent jobs in `job` and moves finished ones to `archive` after a while.
      const all = `SELECT name, state::text AS state, started_on, completed_on FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1::text[])
                   UNION ALL SELECT name, state::text, started_on, completed_on FROM ${BOSS_SCHEMA}.archive WHERE name = ANY($1::text[])`;
      const byState = await pool.query<{ state: string; n: string }>(`SELECT state, count(*) AS n FROM (${all}) j GROUP BY state`, [[INGEST_QUEUE]]);
      for (const r of byState.rows) if (r.state in counts) counts[r.state as keyof typeof counts] += Number(r.n);
      // Dead jobs a worker has not yet moved into the dead-letter table.
      const undrained = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state < 'completed'
           AND NOT EXISTS (SELECT 1 FROM sitrep_dead_letters d WHERE d.hash = job.data->>'hash')`,
        [DEAD_QUEUE],
      );
      counts.deadQueued = Number(undrained.rows[0]!.n);
      const rate = await pool.query<{ recent: string; n: string; first: Date | null; last: Date | null }>(
        `SELECT count(*) FILTER (WHERE completed_on > now() - interval '60 seconds') AS recent, count(*) AS n,
                min(started_on) AS first, max(completed_on) AS last
         FROM (${all}) j WHERE name = $2 AND state = 'completed'`,
        [[INGEST_QUEUE], INGEST_QUEUE],
      );
      const r = rate.rows[0]!;
      lastMinute = Number(r.recent) / 60;
      if (r.first && r.last && r.last > r.first) overall = Number(r.n) / ((r.last.getTime() - r.first.getTime()) / 1000);
    }
    const dead = await listDeadLetters(pool);
    return {
      queued: counts.created,
      retrying: counts.retry,
      running: counts.active,
      done: counts.completed,
      failed: dead.total + counts.deadQueued,
      lastMinutePerSecond: lastMinute,
      overallPerSecond: overall,
      store: await store.stats(),
      deadLetters: dead.items,
    };
  } finally {
    await pool.end().catch(() => {});
    await store.close().catch(() => {});
  }
}

export function formatStatus(s: QueueStatus): string {
  const lines = [
    `queued   ${s.queued}`,
    `retrying ${s.retrying}`,
    `running  ${s.running}`,
    `done     ${s.done}`,
    `failed   ${s.failed}`,
    `rate     ${s.lastMinutePerSecond.toFixed(1)} articles/s over the last minute` + (s.overallPerSecond !== null ? `, ${s.overallPerSecond.toFixed(1)} articles/s overall` : ''),
    `store    ${s.store.articles} articles, ${s.store.events} event reports, ${s.store.clusters} event clusters`,
  ];
  if (s.deadLetters.length) {
    lines.push('', `dead letters (newest ${s.deadLetters.length}):`);
    for (const d of s.deadLetters) lines.push(`  ${d.failedAt}  ${d.inputId}  ${d.hash.slice(0, 12)}  after ${d.attempts} attempts: ${d.error}`);
  }
  return lines.join('\n') + '\n';
}
