// The store a worker writes to: PostgreSQL only, since workers on several machines share it.

import { PostgresStore } from '../store/postgres.js';
import type { Store } from '../store/types.js';

export function isPostgresUrl(db: string | undefined): db is string {
  return !!db && /^postgres(ql)?:\/\//i.test(db);
}

export async function openQueueStore(url: string): Promise<Store> {
  if (!isPostgresUrl(url)) throw new Error(`the queue needs a PostgreSQL store (--db postgres://…), not ${url}`);
  const store = new PostgresStore(url, { asyncCommit: true });
  await store.init();
  return store;
}
