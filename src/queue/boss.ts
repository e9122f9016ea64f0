// The job queue: pg-boss on the same PostgreSQL database as the store, in a schema of its own.
// pg-boss gives us what a home-made queue would get wrong: SKIP LOCKED fetching, retries with
// backoff, expiry of jobs held by a worker that died, and a dead-letter queue.

import PgBoss from 'pg-boss';

/** One job per article; its id is derived from the content hash, so enqueueing twice is a no-op. */
export const INGEST_QUEUE = 'sitrep-ingest';
/** Where pg-boss moves jobs that exhausted their retries without a worker recording them (e.g. expired). */
export const DEAD_QUEUE = 'sitrep-ingest-dead';
/** pg-boss's tables live here, apart from the store's. */
export const BOSS_SCHEMA = 'sitrep_queue';

export interface QueuePolicy {
  /** Attempts after the first before an article is dead-lettered. */
  retryLimit: number;
  /** Seconds before the first retry (doubles with backoff). */
  retryDelaySeconds: number;
  /** A job held longer than this by a worker is presumed lost (worker killed) and retried. */
  jobTimeoutSeconds: number;
}

export const DEFAULT_POLICY: QueuePolicy = { retryLimit: 2, retryDelaySeconds: 1, jobTimeoutSeconds: 120 };

export interface BossOptions {
  /** Run pg-boss maintenance (expiry, archiving) from this process. */
  supervise?: boolean;
  /** Connections in pg-boss's own pool. */
  max?: number;
}

/** Start pg-boss (installs or migrates its schema when needed) and make sure both queues exist. */
export async function openBoss(url: string, opts: BossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: opts.max ?? 3,
    supervise: opts.supervise ?? false,
    schedule: false,
    application_name: 'sitrep-queue',
  });
  // pg-boss emits errors (lost connection during maintenance…) as events; without a listener
  // Node would crash the process on the first one.
  boss.on('error', (err) => process.stderr.write(`sitrep: queue: ${err.message}\n`));
  await boss.start();
  await ensureQueues(boss, DEFAULT_POLICY);
  return boss;
}

async function ensureQueues(boss: PgBoss, policy: QueuePolicy): Promise<void> {
  // Two processes may start at once: createQueue is "insert if missing" but can still race on the
  // queue's partition; a second look after a failure settles it.
  for (const [name, opts] of [
    [DEAD_QUEUE, { name: DEAD_QUEUE, retentionDays: 30 }],
    [INGEST_QUEUE, {
      name: INGEST_QUEUE,
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: policy.jobTimeoutSeconds,
      deadLetter: DEAD_QUEUE,
    }],
  ] as const) {
    if (await boss.getQueue(name)) continue;
    try {
      await boss.createQueue(name, opts);
    } catch (err) {
      if (!(await boss.getQueue(name))) throw err;
    }
  }
}
