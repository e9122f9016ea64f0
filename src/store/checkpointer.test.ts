import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startCheckpointer } from './checkpointer.js';
import { openSqliteStore } from './sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A WAL database whose writer never checkpoints itself, with ~2 MB of rows in its WAL. */
function walOnly(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} `.repeat(100));
  })();
  return db;
}

describe('background WAL checkpoints', () => {
  it('copy the WAL into the database file from a thread of their own, while the writer stays open', async () => {
    const path = join(dir, 'a.db');
    const writer = walOnly(path);
    // nothing checkpointed yet: the rows are in the WAL, the database file is a page or two
    expect(statSync(path).size).toBeLessThan(64 * 1024);
    const cp = await startCheckpointer(path, 10);
    expect(cp).not.toBeNull();
    for (let i = 0; i < 100 && statSync(path).size < 1_000_000; i++) await new Promise((r) => setTimeout(r, 20));
    const done = await cp!.stop();
    expect(statSync(path).size).toBeGreaterThan(1_000_000);
    expect(done.checkpoints).toBeGreaterThan(0);
    expect(done.failure).toBeNull();
    // the writer goes on writing, and a new reader sees every row
    writer.prepare('INSERT INTO t (x) VALUES (?)').run('after');
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2001);
    reader.close();
    writer.close();
  });

  it('is not started for a file that does not exist (the writers then checkpoint themselves)', async () => {
    expect(await startCheckpointer(join(dir, 'missing.db'), 10)).toBeNull();
  });

  it('runs for a SQLite file store, not for an in-memory one', async () => {
    const file = await openSqliteStore(join(dir, 'b.db'));
    const cp = await file.startBackgroundCheckpoints();
    expect(cp).not.toBeNull();
    expect((await cp!.stop()).failure).toBeNull();
    await file.close();
    const memory = await openSqliteStore(':memory:');
    expect(await memory.startBackgroundCheckpoints()).toBeNull();
    await memory.close();
  });
});
