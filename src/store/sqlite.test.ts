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

  it('reads and extends a schema 1 file, whose report rows hold whole reports', async () => {
    const path = join(dir, 'v1.db');
    const s = await openSqliteStore(path);
    const a = fixtureArticle('a', fixtureResult({ id: 'a', source: 'A', url: 'https://a.example/1', published: '2024-03-04', events: [fixtureEvent({ killed: 3 })] }), 'text a');
    await s.putArticle(a);
    const [c] = (await s.listEvents({})).events;
    const before = await s.getEvent(c!.id);
    await s.close();
    // Turn the file into what schema 1 wrote: every field of the report in its row's data.
    const raw = new Database(path);
    const update = raw.prepare('UPDATE reports SET data = ? WHERE key = ?');
    for (const r of before!.reports) update.run(JSON.stringify(r), r.key);
    raw.exec("UPDATE meta SET value = '1' WHERE key = 'schema_version'; CREATE INDEX reports_article ON reports(article);");
    raw.close();

    const again = await openSqliteStore(path);
    expect(await again.getEvent(c!.id)).toEqual(before);
    const b = fixtureArticle('b', fixtureResult({ id: 'b', source: 'B', published: '2024-03-05', events: [fixtureEvent({ killed: 5 })] }), 'text b');
    await again.putArticle(b);
    const merged = await again.getEvent(c!.id);
    expect(merged!.mentions).toBe(2);
    expect(merged!.reports.map((r) => [r.source, r.url, r.eventId, r.clusterId])).toEqual([
      ['A', 'https://a.example/1', 'e1', c!.id],
      ['B', null, 'e1', c!.id],
    ]);
    await again.close();
    const check = new Database(path, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe('2');
    expect(check.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'reports_article'").pluck().get()).toBe(0);
    check.close();
  });

  it('refuses a file from a newer sitrep', async () => {
    const path = join(dir, 'future.db');
    await (await openSqliteStore(path)).close();
    const raw = new Database(path);
    raw.exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'");
    raw.close();
    await expect(openSqliteStore(path)).rejects.toThrow(/newer sitrep/);
  });

  it('merges inside one group commit as article by article, though clusters are written when it ends', async () => {
    const at = '2024-03-10T00:00:00.000Z';
    const art = (id: string, date: string | [string, string], killed: number, protest = true) => {
      const events = [fixtureEvent({ date, killed }), ...(protest ? [fixtureEvent({ id: 'e2', type: 'PROTEST', mode: null, date })] : [])];
      return { ...fixtureArticle(id, fixtureResult({ id, source: id.toUpperCase(), events }), `text ${id}`), ingestedAt: at };
    };
    // A stored cluster of 3-4 March; p narrows it to the 4th, which lets q (the 5th) join it too;
    // p and q also open and join a PROTEST cluster of their own.
    const stored = art('a', ['2024-03-03', '2024-03-04'], 1, false);
    const later = [art('p', '2024-03-04', 2), art('q', '2024-03-05', 3)];
    const one = await openSqliteStore(join(dir, 'batch-one.db'));
    const many = await openSqliteStore(join(dir, 'batch-many.db'));
    for (const s of [one, many]) await s.putArticle(stored);
    for (const x of later) await one.putArticle(x);
    await many.putArticles(later);
    const { events } = await many.listEvents({});
    expect(events).toEqual((await one.listEvents({})).events);
    expect(events.map((c) => `${c.type} ${c.dateStart} ${c.mentions}`).sort()).toEqual(['ASSAULT 2024-03-04 3', 'PROTEST 2024-03-04 2']);
    await one.close();
    await many.close();
  });

  it('refuses URLs it cannot open with a clear message', async () => {
    await expect(openStore('mysql://localhost/x')).rejects.toThrow(/unsupported database URL/);
  });
});
