// One entry point for every command that needs a store: a file path opens SQLite, a
// postgres:// (or postgresql://) URL opens the PostgreSQL store (src/store/postgres.ts). The
// PostgreSQL module is loaded only when asked for, so SQLite users never load the pg driver.

import { SitrepError } from '../errors.js';
import { DEFAULT_SQLITE_PATH, openSqliteStore } from './sqlite.js';
import type { Store, StoreSpec } from './types.js';

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** The database the user named, else $SITREP_DB, else ./sitrep.db. */
export function resolveDbArg(dbArg?: string | null): string {
  return dbArg || process.env.SITREP_DB || DEFAULT_SQLITE_PATH;
}

export async function openStore(dbArg?: string | null): Promise<Store> {
  const db = resolveDbArg(dbArg);
  if (isPostgresUrl(db)) return openPostgres(db, {});
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(db)) throw new SitrepError('STORE', `unsupported database URL ${db} (use a file path for SQLite or postgres://… for PostgreSQL)`);
  return openSqliteStore(db);
}

/** Another connection to the store a spec names (Store.spec), with the options it was opened with. */
export async function reopenStore(spec: StoreSpec): Promise<Store> {
  return spec.kind === 'postgres' ? openPostgres(spec.location, spec.options) : openSqliteStore(spec.location, spec.options);
}

async function openPostgres(url: string, options: Record<string, unknown>): Promise<Store> {
  let mod: typeof import('./postgres.js');
  try {
    mod = await import('./postgres.js');
  } catch (err) {
    throw new SitrepError('STORE', `PostgreSQL store unavailable: ${(err as Error).message}`, { cause: err });
  }
  return mod.openPostgresStore(url, options);
}
