import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { storeContract, fixtureArticle, fixtureEvent, fixtureResult } from './contract.js';
import { openSqliteStore } from './sqlite.js';
import { openStore } from './open.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('sqlite', () => openSqliteStore(join(dir, `s${n++}.db`)));

describe('SQLite store specifics', () => {
  it('uses WAL and survives reopening', async () => {
    const path = join(dir, 'reopen.db');
    const s = await openSqliteStore(path);
    await s.putArticle(fixtureArticle('a', fixtureResult({ id: 'a', events: [fixtureEvent({ killed: 2 })] })));
    await s.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = await openStore(path);
    expect(again.kind).toBe('sqlite');
    expect(await again.stats()).toEqual({ articles: 1, events: 1, clusters: 1 });
    await again.close();
  });

  it('rolls back the whole article when a write inside the transaction fails', async () => {
    const path = join(dir, 'rollback.db');
    const s = await openSqliteStore(path);
    // A trigger that rejects the second report makes the failure happen after the article row
    // and the first report were written: nothing of the article may remain.
    const raw = new Database(path);
    raw.exec("CREATE TRIGGER no_e2 BEFORE INSERT ON reports WHEN NEW.key LIKE '%:e2' BEGIN SELECT RAISE(ABORT, 'boom'); END;");
    raw.close();
    const res = fixtureResult({ id: 'x', events: [fixtureEvent(), fixtureEvent({ id: 'e2', type: 'PROTEST' })] });
    await expect(s.putArticle(fixtureArticle('x', res))).rejects.toThrow(/boom/);
    expect(await s.stats()).toEqual({ articles: 0, events: 0, clusters: 0 });
    await s.close();
  });

  it('group-commits several articles, once each, and merges across them', async () => {
    const s = await openSqliteStore(join(dir, 'group.db'));
    const a = fixtureArticle('a', fixtureResult({ id: 'a', source: 'A', events: [fixtureEvent({ killed: 3 })] }), 'text a');
    const b = fixtureArticle('b', fixtureResult({ id: 'b', source: 'B', events: [fixtureEvent({ killed: 5 })] }), 'text b');
    const puts = await s.putArticles([a, b, { ...a, inputId: 'a-again' }]);
    expect(puts.map((p) => p.inserted)).toEqual([true, true, false]);
    expect(await s.stats()).toEqual({ articles: 2, events: 2, clusters: 1 });
    const [c] = (await s.listEvents({})).events;
    expect([c!.fatalitiesMin, c!.fatalitiesMax, c!.mentions]).toEqual([3, 5, 2]);
    await s.close();
  });

  it('refuses URLs it cannot open with a clear message', async () => {
    await expect(openStore('mysql://localhost/x')).rejects.toThrow(/unsupported database URL/);
  });
});
