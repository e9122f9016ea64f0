// A PostgreSQL server to test and benchmark against (127.0.0.1:5432 with trust auth, as CI
// provides, or $SITREP_TEST_PG) and throw-away databases of our own on it, so parallel test
// runs by others never collide with ours.

import { createHash } from 'node:crypto';
import pg from 'pg';

/** Server URL without a database name. */
export const PG_SERVER = (process.env.SITREP_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

/**
 * A database name of our own for this checkout: every worktree, clone and CI folder runs the same
 * tests against the same server, so the name carries a hash of the working directory.
 */
export function scopedName(base: string): string {
  return `${base}_${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 10)}`;
}

export function databaseUrl(name: string): string {
  return `${PG_SERVER}/${name}`;
}

/** Whether a server answers; tests that need one skip (with a message) when none does. */
export async function pgAnswers(): Promise<boolean> {
  const c = new pg.Client({ connectionString: databaseUrl('postgres'), connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Drop (disconnecting anyone left over from an earlier run) and recreate a database; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const c = new pg.Client({ connectionString: databaseUrl('postgres') });
  await c.connect();
  try {
    // Identifiers cannot be bound parameters; the name is checked above.
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const c = new pg.Client({ connectionString: databaseUrl('postgres') });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}
