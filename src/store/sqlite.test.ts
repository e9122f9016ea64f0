import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { storeContract, fixtureArticle, fixtureEvent, fixtureResult } from './contract.js';
import { resultJsonWithoutEvents, resultJsons, withoutEvents } from './result-json.js';
import { openSqliteStore } from './sqlite.js';
import { openStore } from './open.js';
import type { SpecResult } from '../output/spec.js';
import type { Report } from './types.js';
import { reportsFromMembers } from '../corpus/members.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('sqlite', (opts) => openSqliteStore(join(dir, `s${n++}.db`), opts));

/**
 * Turn a file this sitrep wrote into what an older schema wrote of the same articles: no cluster
 * members (before 5), no blocking keys (before 4) and, for schema 1 or 2, each article's result
 * with its events, report rows (no rows for unclustered events) holding the whole report (1) or
 * its event and sentence (2) under its key, no event columns in articles.
 */
function downgrade(path: string, version: 1 | 2 | 3 | 4, reports: Report[]): void {
  const raw = new Database(path);
  // (a join reads the reports of a cluster without members back, and keeps them from then on)
  raw.exec('ALTER TABLE clusters DROP COLUMN members');
  raw.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(version));
  // (schema 4 keyed point clusters as any other: no "pt/" keys, see clusterMatchKeys)
  raw.exec("UPDATE cluster_keys SET key = replace(key, 'pt/', '')");
  if (version === 4) return raw.close();
  // (schemas before 4 have no blocking keys: the upgrade makes them from the stored clusters)
  raw.exec('DROP TABLE cluster_keys');
  if (version === 3) return raw.close();
  const rows = raw.prepare('SELECT hash, result, events_from, events_count FROM articles').all() as { hash: string; result: string; events_from: number | null; events_count: number | null }[];
  const eventsOf = raw.prepare('SELECT data FROM reports WHERE rowid BETWEEN ? AND ? ORDER BY rowid').pluck();
  for (const a of rows) {
    if (a.events_from === null) continue;
    const result = JSON.parse(a.result) as SpecResult;
    result.events = (eventsOf.all(a.events_from, a.events_from + a.events_count! - 1) as string[]).map((e) => JSON.parse(e) as unknown);
    raw.prepare('UPDATE articles SET result = ? WHERE hash = ?').run(JSON.stringify(result), a.hash);
  }
  raw.exec("DELETE FROM reports WHERE cluster_id = ''; ALTER TABLE articles DROP COLUMN events_from; ALTER TABLE articles DROP COLUMN events_count");
  const update = raw.prepare("UPDATE reports SET key = ?, data = ? WHERE article = ? AND json_extract(data, '$.id') = ?");
  for (const r of reports) update.run(r.key, JSON.stringify(version === 1 ? r : { event: r.event, sentence: r.sentence }), r.article, r.eventId);
  if (version === 1) raw.exec('CREATE INDEX reports_article ON reports(article)');
  raw.close();
}

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
    raw.exec("CREATE TRIGGER no_e2 BEFORE INSERT ON reports WHEN json_extract(NEW.data, '$.id') = 'e2' BEGIN SELECT RAISE(ABORT, 'boom'); END;");
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

  for (const version of [1, 2, 3, 4] as const) {
    it(`reads and extends a schema ${version} file, upgrading it to schema 5`, async () => {
      const path = join(dir, `v${version}.db`);
      const s = await openSqliteStore(path);
      const future = fixtureEvent({ id: 'e0', status: 'future', type: 'PROTEST', mode: null });
      const ra = fixtureResult({ id: 'a', source: 'A', url: 'https://a.example/1', published: '2024-03-04', events: [future, fixtureEvent({ killed: 3 })] });
      const a = fixtureArticle('a', ra, 'Shelling near Klow killed three, officials said on Monday.');
      const put = await s.putArticle(a);
      const [c] = (await s.listEvents({})).events;
      const before = await s.getEvent(c!.id);
      await s.close();
      downgrade(path, version, before!.reports);

      const again = await openSqliteStore(path);
      expect(await again.getEvent(c!.id)).toEqual(before);
      expect(JSON.stringify((await again.getArticle(put.hash))!.result)).toBe(JSON.stringify(ra));
      expect(await again.stats()).toEqual({ articles: 1, events: 1, clusters: 1 });
      const rb = fixtureResult({ id: 'b', source: 'B', published: '2024-03-05', events: [fixtureEvent({ killed: 5 }), future] });
      const putB = await again.putArticle(fixtureArticle('b', rb, 'text b'));
      const merged = await again.getEvent(c!.id);
      expect(merged!.mentions).toBe(2);
      expect(merged!.reports.map((r) => [r.key, r.source, r.url, r.eventId, r.clusterId, r.sentence])).toEqual([
        [`${put.hash}:e1`, 'A', 'https://a.example/1', 'e1', c!.id, before!.reports[0]!.sentence],
        [`${putB.hash}:e1`, 'B', null, 'e1', c!.id, 'text b'],
      ]);
      expect(JSON.stringify((await again.getArticle(putB.hash))!.result)).toBe(JSON.stringify(rb));
      expect(JSON.stringify((await again.getArticle(put.hash))!.result)).toBe(JSON.stringify(ra));
      expect(await again.stats()).toEqual({ articles: 2, events: 2, clusters: 1 });
      await again.close();
      const check = new Database(path, { readonly: true });
      expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe('5');
      // the cluster's members, kept by the join that read its reports back
      const members = check.prepare('SELECT members FROM clusters WHERE id = ?').pluck().get(c!.id) as string;
      expect(reportsFromMembers(members).map((r) => [r.key, r.source, r.sentence])).toEqual([
        [`${put.hash}:e1`, 'A', before!.reports[0]!.sentence],
        [`${putB.hash}:e1`, 'B', null],
      ]);
      // the cluster's keys, made by the upgrade (else the second article would not have found it)
      expect(check.prepare('SELECT DISTINCT cluster_id FROM cluster_keys').pluck().all()).toEqual([c!.id]);
      // …as schema 5 keys them: the fixture's clash is placed at a point
      expect(check.prepare("SELECT key FROM cluster_keys WHERE key LIKE 'ASSAULT pt/%' ORDER BY key").pluck().all()).toEqual(['ASSAULT pt/a:BOR|North', 'ASSAULT pt/n:BOR|klow', 'ASSAULT pt/p:BOR', 'ASSAULT pt/p:RUR']);
      expect(check.prepare("SELECT count(*) FROM cluster_keys WHERE key NOT LIKE 'ASSAULT pt/%' AND key NOT LIKE 'ASSAULT g:%'").pluck().get()).toBe(0);
      expect(check.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'reports_article'").pluck().get()).toBe(0);
      check.close();
    });
  }

  it('returns an article and its events exactly as given, in one write or a group commit', async () => {
    const s = await openSqliteStore(join(dir, 'exact.db'));
    // Text with characters outside the BMP and quotes, events out of id order, an unclustered
    // event between clustered ones, and a result whose JSON is given (as extraction threads do).
    const text = '“Shelling” near Klow 🚀 killed three; a protest is planned.\nSecond line, with more: Klow.';
    const events = [
      fixtureEvent({ id: 'e3', killed: 3, evidence: [0, 40] }),
      fixtureEvent({ id: 'e1', status: 'future', type: 'PROTEST', mode: null, evidence: [41, 60] }),
      { ...fixtureEvent({ id: 'e2', type: 'PROTEST', mode: null, evidence: [61, 90], place: { name: 'Klow', country: 'BOR', precision: 'admin1' } }), extra: { nested: [1, null, 'x'] } },
    ];
    const ra = fixtureResult({ id: 'a', source: 'A', title: 'Ü', events });
    const rb = fixtureResult({ id: 'b', source: 'B', events: events.map((e) => ({ ...e })) });
    const rc = fixtureResult({ id: 'c', source: 'C' });
    const [pa] = await s.putArticles([fixtureArticle('a', ra, text)]);
    const [pb, pc] = await s.putArticles([
      { ...fixtureArticle('b', rb, text + ' (b)'), resultJson: JSON.stringify(rb), eventJson: rb.events.map((e) => JSON.stringify(e)) },
      { ...fixtureArticle('c', rc, 'c'), resultJson: JSON.stringify(rc), eventJson: [] },
    ]);
    for (const [put, res] of [[pa, ra], [pb, rb], [pc, rc]] as const) expect(JSON.stringify((await s.getArticle(put!.hash))!.result)).toBe(JSON.stringify(res));
    const ids = (await s.listEvents({})).events.map((c) => c.id);
    const reports = [];
    for (const id of ids) reports.push(...(await s.getEvent(id))!.reports);
    expect(reports).toHaveLength(4);
    for (const r of reports) {
      const t = r.article === pa!.hash ? text : text + ' (b)';
      const e = (r.article === pa!.hash ? ra : rb).events.find((x) => x.id === r.eventId)!;
      const ev = e.evidence[0]!;
      expect(JSON.stringify(r)).toBe(
        JSON.stringify({ key: `${r.article}:${e.id}`, article: r.article, eventId: e.id, clusterId: r.clusterId, source: r.article === pa!.hash ? 'A' : 'B', url: null, title: r.article === pa!.hash ? 'Ü' : null, published: null, ingestedAt: r.ingestedAt, event: e, sentence: t.slice(ev.start, ev.end).trim() }),
      );
    }
    expect(await s.stats()).toEqual({ articles: 3, events: 4, clusters: 2 });
    await s.close();
  });

  it('finds where a result JSON keeps its events from lengths, and refuses a JSON that does not fit', () => {
    const events = [fixtureEvent(), fixtureEvent({ id: 'e2', status: 'future' })];
    const full = { ...fixtureResult({ id: 'a', events }), after: { events: [1] } };
    const json = JSON.stringify(full);
    const eventJson = events.map((e) => JSON.stringify(e));
    const lean = { ...full, mentions: { actors: [], places: [], times: [], quantities: [] } };
    expect(withoutEvents(json, lean, eventJson)).toBe(JSON.stringify({ ...full, events: [] }));
    expect(withoutEvents(json, lean, eventJson.slice(1))).toBeNull();
    expect(withoutEvents(json, { ...lean, after: 1 }, eventJson)).toBeNull();
    expect(withoutEvents(json.replace('"id":"e2"', '"id":"e22"'), lean, eventJson)).toBeNull();
    const { checks: _checks, after: _after, ...noTail } = full;
    expect(withoutEvents(JSON.stringify(noTail), noTail, eventJson)).toBe(JSON.stringify({ ...noTail, events: [] }));
    // and made from the result itself, as when no JSON is given
    expect(resultJsonWithoutEvents(full)).toBe(JSON.stringify({ ...full, events: [] }));
    expect(resultJsonWithoutEvents(noTail)).toBe(JSON.stringify({ ...noTail, events: [] }));
    // made once for a worker thread: the whole JSON and each event's, which withoutEvents then cuts
    const made = resultJsons(full);
    expect(made.resultJson).toBe(json);
    expect(made.eventJson).toEqual(eventJson);
    expect(withoutEvents(made.resultJson, lean, made.eventJson)).toBe(JSON.stringify({ ...full, events: [] }));
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

  it('joins a cluster with all its reports when another connection has added to it since', async () => {
    const path = join(dir, 'two-writers.db');
    const one = await openSqliteStore(path);
    const two = await openSqliteStore(path);
    const art = (id: string, killed: number) => fixtureArticle(id, fixtureResult({ id, source: id.toUpperCase(), events: [fixtureEvent({ killed })] }), `text ${id}`);
    await one.putArticle(art('a', 1));
    await two.putArticle(art('b', 2)); // another writer extends the cluster `one` wrote
    await one.putArticle(art('c', 3));
    await one.putArticles([art('d', 4), art('e', 5)]);
    for (const s of [one, two]) {
      const { events } = await s.listEvents({});
      expect(events.map((c) => [c.mentions, c.fatalitiesMin, c.fatalitiesMax, [...c.sources].sort().join()])).toEqual([[5, 1, 5, 'A,B,C,D,E']]);
      expect((await s.getEvent(events[0]!.id))!.reports.map((r) => r.source).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
    }
    await one.close();
    await two.close();
  });

  it('takes turns with another writer: a join reads the cluster as the other writer left it', async () => {
    const path = join(dir, 'turns.db');
    const one = await openSqliteStore(path);
    const two = await openSqliteStore(path);
    // Two clusters a week apart; each article reports one of them, or both.
    // b3 was published before the others: it comes first in its cluster, though written third.
    const art = (id: string, days: ('03' | '10')[]) =>
      fixtureArticle(
        id,
        fixtureResult({ id, source: id.toUpperCase(), published: id === 'b3' ? '2024-03-01' : '2024-03-11', events: days.map((d, i) => fixtureEvent({ id: `e${i}`, date: `2024-03-${d}`, killed: Number(id.slice(1)) })) }),
        `text ${id}`,
      );
    // Turns: which connection writes which articles, in this order.
    const turns: [typeof one, ReturnType<typeof art>[]][] = [
      [one, [art('a1', ['03']), art('a2', ['10'])]], // `one` writes both clusters
      [two, [art('b3', ['03'])]], // the other writer extends the first only
      [one, [art('a4', ['03', '10']), art('a5', ['10'])]],
      [two, [art('b6', ['10'])]],
      [one, [art('a7', ['03', '10'])]],
    ];
    for (const [s, articles] of turns) await s.putArticles(articles);
    // one connection writing the same articles in the same order: the same notes (the sentence of
    // each cluster's first report, though reports read back for merging come without theirs)
    const solo = await openSqliteStore(join(dir, 'turns-solo.db'));
    for (const [, articles] of turns) await solo.putArticles(articles);
    const notes = async (s: typeof solo) => (await s.listEvents({})).events.map((c) => [c.dateStart, c.notes]).sort();
    expect((await notes(solo))[0]).toEqual(['2024-03-03', 'text b3']);
    expect((await notes(solo))[1]![1]).toMatch(/^text /);
    expect(await notes(one)).toEqual(await notes(solo));
    await solo.close();
    for (const s of [one, two]) {
      const { events } = await s.listEvents({});
      const got = events.map((c) => [c.dateStart, c.mentions, [...c.sources].sort().join(), c.fatalitiesMin, c.fatalitiesMax]).sort();
      expect(got).toEqual([
        ['2024-03-03', 4, 'A1,A4,A7,B3', 1, 7],
        ['2024-03-10', 5, 'A2,A4,A5,A7,B6', 2, 7],
      ]);
      for (const c of events) expect((await s.getEvent(c.id))!.reports.length).toBe(c.mentions);
    }
    await one.close();
    await two.close();
  });

  it('refuses URLs it cannot open with a clear message', async () => {
    await expect(openStore('mysql://localhost/x')).rejects.toThrow(/unsupported database URL/);
  });
});
