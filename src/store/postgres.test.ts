import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { storeContract, fixtureArticle, fixtureEvent, fixtureResult } from './contract.js';
import { mergeLockKeys, PostgresStore } from './postgres.js';
import { openStore } from './open.js';
import type { Store } from './types.js';
import { reportsFromMembers } from '../corpus/members.js';
import { dropDatabase, freshDatabase, pgAnswers, scopedName } from '../queue/pgserver.js';

const DB = scopedName('sitrep_queue_store_test');
const up = await pgAnswers();
if (!up) console.warn('postgres.test: no PostgreSQL server answers on 127.0.0.1:5432 ($SITREP_TEST_PG): skipping the PostgreSQL store tests');

describe('merge lock keys', () => {
  it('covers every 16-day bucket a window touches, sorted, one key per (type, bucket)', () => {
    // Day 19792 (2024-03-10) opens bucket 1237, so this window straddles buckets 1236 and 1237.
    const keys = mergeLockKeys([{ type: 'ASSAULT', from: '2024-03-05', to: '2024-03-12' }], 0);
    expect(keys.map((k) => k[1])).toEqual([1236, 1237]);
    expect(mergeLockKeys([{ type: 'ASSAULT', from: '2024-03-10', to: '2024-03-17' }], 0).map((k) => k[1])).toEqual([1237]);
    expect(new Set(keys.map((k) => k[0])).size).toBe(1);
    const one = mergeLockKeys([{ type: 'ASSAULT', from: '2024-03-02', to: '2024-03-04' }, null, { type: 'ASSAULT', from: '2024-03-03', to: '2024-03-05' }], 0);
    expect(one).toHaveLength(1);
    const two = mergeLockKeys([{ type: 'PROTEST', from: '2024-03-02', to: '2024-03-04' }, { type: 'ASSAULT', from: '2024-03-02', to: '2024-03-04' }], 0);
    expect(two).toHaveLength(2);
    expect(two[0]![0]).toBeLessThanOrEqual(two[1]![0]);
    expect(mergeLockKeys([null])).toEqual([]);
  });

  it('widens each window by the margin in which a cluster it can meet may lie', () => {
    // 2024-03-10..03-17 lies in bucket 1237 alone; ten days either side reach 1236 and 1238.
    expect(mergeLockKeys([{ type: 'ASSAULT', from: '2024-03-10', to: '2024-03-17' }]).map((k) => k[1])).toEqual([1236, 1237, 1238]);
    // Two windows a week apart share buckets through their margins, though not directly.
    const a = mergeLockKeys([{ type: 'ASSAULT', from: '2024-03-07', to: '2024-03-09' }]).map((k) => k[1]);
    const b = mergeLockKeys([{ type: 'ASSAULT', from: '2024-03-14', to: '2024-03-16' }]).map((k) => k[1]);
    expect(a.filter((x) => b.includes(x)).length).toBeGreaterThan(0);
  });
});

describe.skipIf(!up)('PostgreSQL store', () => {
  let url = '';
  let n = 0;
  beforeAll(async () => {
    url = await freshDatabase(DB);
  });
  afterAll(async () => {
    await dropDatabase(DB);
  });

  // Each contract test gets a schema of its own in our database.
  storeContract('postgres', async (opts) => {
    const s = new PostgresStore(url, { schema: `contract_${n++}`, ...opts });
    await s.init();
    return s;
  });

  it('is what openStore returns for a postgres:// URL', async () => {
    const s = await openStore(url);
    expect(s.kind).toBe('postgres');
    expect(await s.stats()).toEqual({ articles: 0, events: 0, clusters: 0 });
    await s.close();
  });

  it('binds filter values as parameters (no SQL injection through filters)', async () => {
    const s = new PostgresStore(url, { schema: 'inject' });
    await s.init();
    await s.putArticle(fixtureArticle('a', fixtureResult({ id: 'a', source: 'A', events: [fixtureEvent()] })));
    expect((await s.listEvents({ text: "x' OR '1'='1" })).total).toBe(0);
    expect((await s.listEvents({ country: "BOR'; DROP TABLE sitrep_clusters; --" })).total).toBe(0);
    expect((await s.stats()).clusters).toBe(1);
    await s.close();
  });

  /**
   * A store in `schema` holding one clash, changed behind its back by `tamper` (through a client
   * on that schema) into what an older sitrep left, then opened again: `opened` checks what
   * opening made of it, and the next report of the clash must still find its cluster.
   */
  async function reopenAfter(schema: string, tamper: (c: pg.Client) => Promise<void>, opened: (c: pg.Client) => Promise<void>): Promise<void> {
    const s = new PostgresStore(url, { schema });
    await s.init();
    await s.putArticle(fixtureArticle('a', fixtureResult({ id: 'a', source: 'A', events: [fixtureEvent({ killed: 3 })] }), 'text a'));
    await s.close();
    const c = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await c.connect();
    try {
      await tamper(c);
      const again = new PostgresStore(url, { schema });
      await again.init();
      await opened(c);
      // and the next report of the clash finds its cluster through the keys
      await again.putArticle(fixtureArticle('b', fixtureResult({ id: 'b', source: 'B', events: [fixtureEvent({ killed: 5 })] }), 'text b'));
      expect(await again.stats()).toEqual({ articles: 2, events: 2, clusters: 1 });
      await again.close();
    } finally {
      await c.end();
    }
  }

  it('gives the clusters of tables made before blocking keys their keys when it opens them', async () => {
    await reopenAfter(
      'keyless',
      async (c) => void (await c.query('DROP TABLE sitrep_cluster_keys')),
      async (c) => expect((await c.query('SELECT count(DISTINCT cluster_id)::int AS n FROM sitrep_cluster_keys')).rows[0].n).toBe(1),
    );
  });

  it('keys the clusters of tables keyed before point clusters went apart again when it opens them', async () => {
    const keys = async (c: pg.Client) => (await c.query<{ key: string }>('SELECT key FROM sitrep_cluster_keys ORDER BY key')).rows.map((r) => r.key);
    let apart: string[] = [];
    await reopenAfter(
      'rekey',
      async (c) => {
        apart = await keys(c);
        expect(apart).toContain('ASSAULT pt/p:RUR'); // (the fixture's clash is placed at a point)
        // as a table written before: plain keys, no word of how it is keyed
        await c.query("UPDATE sitrep_cluster_keys SET key = replace(key, 'pt/', ''); DELETE FROM sitrep_meta");
        expect(await keys(c)).not.toContain('ASSAULT pt/p:RUR');
      },
      async (c) => expect(await keys(c)).toEqual(apart),
    );
  });

  it('keeps the members of a cluster of several reports, and reads the reports back when they are not all of them', async () => {
    const s = new PostgresStore(url, { schema: 'members' });
    await s.init();
    const art = (id: string, killed: number, published: string) => fixtureArticle(id, fixtureResult({ id, source: id.toUpperCase(), published, events: [fixtureEvent({ killed })] }), `text ${id}`);
    await s.putArticle(art('a', 1, '2024-03-05'));
    const c = new pg.Client({ connectionString: url, options: '-c search_path=members' });
    await c.connect();
    const stored = async () => (await c.query<{ members: string | null; mentions: number }>("SELECT members, (data->>'mentions')::int AS mentions FROM sitrep_clusters")).rows;
    expect(await stored()).toEqual([{ members: null, mentions: 1 }]); // (a lone report: none)
    await s.putArticle(art('b', 2, '2024-03-04'));
    const [two] = await stored();
    expect(reportsFromMembers(two!.members!).map((r) => [r.source, r.sentence])).toEqual([['A', null], ['B', 'text b']]);
    // An older writer adds a report and leaves the members as they were: the next join must not
    // lose that report.
    await s.putArticle(art('c', 3, '2024-03-06'));
    await c.query('UPDATE sitrep_clusters SET members = $1', [two!.members]);
    await s.putArticle(art('d', 4, '2024-03-06'));
    const [cl] = (await s.listEvents({})).events;
    expect([cl!.mentions, cl!.fatalitiesMin, cl!.fatalitiesMax, [...cl!.sources].sort().join(), cl!.notes]).toEqual([4, 1, 4, 'A,B,C,D', 'text b']);
    expect(reportsFromMembers((await stored())[0]!.members!)).toHaveLength(4);
    await c.end();
    await s.close();
  });

  async function writeConcurrently(schema: string, writers: number, articles: ReturnType<typeof fixtureArticle>[]): Promise<Store[]> {
    const stores = Array.from({ length: writers }, () => new PostgresStore(url, { schema, max: 2 }));
    await stores[0]!.init();
    const queue = [...articles];
    await Promise.all(stores.map(async (s) => {
      for (let a = queue.shift(); a; a = queue.shift()) await s.putArticle(a);
    }));
    return stores;
  }

  it('merges one event reported by many writers at the same moment into one cluster', async () => {
    const arts = Array.from({ length: 12 }, (_, i) =>
      fixtureArticle(`r${i}`, fixtureResult({ id: `r${i}`, source: `Outlet ${i}`, events: [fixtureEvent({ killed: 3 + (i % 4) })] }), `Report ${i} of the shelling near Klow.`));
    // One writer per article, all released together: without the merge lock most of them
    // would see no cluster yet and open their own.
    const stores = await writeConcurrently('race_one', 12, arts);
    const { events, total } = await stores[0]!.listEvents({});
    expect(total).toBe(1);
    expect(events[0]!.mentions).toBe(12);
    expect(events[0]!.fatalitiesMin).toBe(3);
    expect(events[0]!.fatalitiesMax).toBe(6);
    expect(events[0]!.sources).toHaveLength(12);
    for (const s of stores) await s.close();
  });

  it('gives concurrent writers the same clusters as one writer, with no duplicates', async () => {
    // 24 incidents: 3 dates x 8 places ~150 km apart, each reported by 5 outlets, shuffled.
    const arts: ReturnType<typeof fixtureArticle>[] = [];
    for (let day = 0; day < 3; day++) {
      for (let p = 0; p < 8; p++) {
        for (let k = 0; k < 5; k++) {
          const id = `d${day}p${p}k${k}`;
          const date = `2024-03-${String(4 + day * 3).padStart(2, '0')}`;
          const e = fixtureEvent({ date, killed: 2 + k, place: { name: `Town ${p}`, country: 'BOR', lat: 40 + p * 1.4, lon: 20 } });
          arts.push(fixtureArticle(id, fixtureResult({ id, source: `Outlet ${k}`, published: date, events: [e] }), `Report ${id}.`));
        }
      }
    }
    let seed = 7;
    const shuffled = arts.map((a) => ({ a, r: (seed = (seed * 16807) % 2147483647) })).sort((x, y) => x.r - y.r).map((x) => x.a);
    const partition = async (s: Store) => {
      const out: string[] = [];
      for await (const c of s.iterateEvents({})) out.push([...c.articles].sort().join(','));
      return out.sort();
    };
    const [single] = await writeConcurrently('seq', 1, arts);
    const stores = await writeConcurrently('race_many', 6, shuffled);
    const expected = await partition(single!);
    expect(expected).toHaveLength(24);
    expect(await partition(stores[0]!)).toEqual(expected);
    expect(await stores[0]!.stats()).toEqual({ articles: 120, events: 120, clusters: 24 });
    // Every report points at a cluster that exists, and every cluster lists exactly its reports.
    const c = new pg.Client({ connectionString: url, options: '-c search_path=race_many' });
    await c.connect();
    const orphans = await c.query('SELECT count(*)::int AS n FROM sitrep_reports r LEFT JOIN sitrep_clusters c ON c.id = r.cluster_id WHERE c.id IS NULL');
    const mismatched = await c.query(`SELECT count(*)::int AS n FROM sitrep_clusters c
      WHERE (c.data->>'mentions')::int <> (SELECT count(*) FROM sitrep_reports r WHERE r.cluster_id = c.id)`);
    await c.end();
    expect(orphans.rows[0].n).toBe(0);
    expect(mismatched.rows[0].n).toBe(0);
    for (const s of [single!, ...stores]) await s.close();
  });
});
