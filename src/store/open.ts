// One entry point for every command that needs a store: a file path opens SQLite, a
// postgres:// (or postgresql://) URL opens the PostgreSQL store (src/store/postgres.ts, which must
// export `openPostgresStore(url): Promise<Store>`). The PostgreSQL module is loaded only when asked
// for, so SQLite users never load the pg driver.

import { SitrepError } from '../errors.js';
import { DEFAULT_SQLITE_PATH, openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** The database the user named, else $SITREP_DB, else ./sitrep.db. */
export function resolveDbArg(dbArg?: string | null): string {
  return dbArg || process.env.SITREP_DB || DEFAULT_SQLITE_PATH;
}

export async function openStore(dbArg?: string | null): Promise<Store> {
  const db = resolveDbArg(dbArg);
  if (isPostgresUrl(db)) {
    // A computed specifier keeps this compiling before postgres.ts exists.
    const spec = './postgres.js';
    let mod: { openPostgresStore?: (url: string) => Promise<Store> };
    try {
      mod = (await import(spec)) as typeof mod;
    } catch (err) {
      throw new SitrepError('STORE', `PostgreSQL store unavailable: ${(err as Error).message}`, { cause: err });
    }
    if (typeof mod.openPostgresStore !== 'function') throw new SitrepError('STORE', 'PostgreSQL store unavailable: src/store/postgres.ts exports no openPostgresStore');
    return mod.openPostgresStore(db);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(db)) throw new SitrepError('STORE', `unsupported database URL ${db} (use a file path for SQLite or postgres://… for PostgreSQL)`);
  return openSqliteStore(db);
}
