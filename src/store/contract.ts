// The one contract every Store implementation must pass. Each implementation's test file calls
// `storeContract(name, factory)`; the factory returns a fresh, empty, initialised store per call
// (SQLite: a temp file; PostgreSQL: a fresh schema). Fixture builders are exported so other
// suites (server, workers) can make realistic results without running the pipeline.

import { afterEach, describe, expect, it } from 'vitest';
import { articleHash } from '../corpus/hash.js';
import type { SpecResult } from '../output/spec.js';
import type { EventFilter, SpecEvent, Store } from './types.js';

/** A new, empty store; `maxCandidates` as the stores' option of that name. */
export type StoreFactory = (opts?: { maxCandidates?: number }) => Promise<Store>;

type Actor = { text: string; name?: string; country: string | null; sector: string | null };

export interface FixtureEventInput {
  id?: string;
  type?: string;
  mode?: string | null;
  status?: string;
  actor?: Actor | null;
  target?: Actor | null;
  date?: string | [string, string] | null;
  precision?: string;
  place?: { name: string; country: string; admin1?: string | null; lat?: number | null; lon?: number | null; precision?: string } | null;
  killed?: number | [number | null, number | null] | null;
  evidence?: [number, number];
  cameo?: string | null;
  acled?: { event_type: string; sub_event_type: string } | null;
}

export function fixtureEvent(e: FixtureEventInput = {}): SpecEvent {
  const date = e.date === null ? null : Array.isArray(e.date) ? e.date : [e.date ?? '2024-03-04', e.date ?? '2024-03-04'];
  const killed = e.killed === undefined || e.killed === null ? null : Array.isArray(e.killed) ? e.killed : [e.killed, e.killed];
  return {
    id: e.id ?? 'e1',
    type: e.type ?? 'ASSAULT',
    mode: e.mode === undefined ? 'heavy-weapons' : e.mode,
    status: e.status ?? 'asserted',
    acled: e.acled === undefined ? { event_type: 'Explosions/Remote violence', sub_event_type: 'Shelling/artillery/missile attack' } : e.acled,
    cameo: e.cameo === undefined ? '194' : e.cameo,
    actor: e.actor === undefined ? { text: 'Ruritanian forces', name: 'Ruritania', country: 'RUR', sector: 'MIL' } : e.actor,
    target: e.target === undefined ? { text: 'Borduria', name: 'Borduria', country: 'BOR', sector: 'MIL' } : e.target,
    date: date ? { start: date[0], end: date[1], precision: e.precision ?? 'day', source: 'clause' } : null,
    location:
      e.place === null
        ? null
        : {
            name: e.place?.name ?? 'Klow',
            country: e.place?.country ?? 'BOR',
            admin1: e.place?.admin1 ?? 'North',
            lat: e.place?.lat === undefined ? 45.0 : e.place.lat,
            lon: e.place?.lon === undefined ? 20.0 : e.place.lon,
            precision: e.place?.precision ?? 'point',
          },
    fatalities: killed ? { min: killed[0], max: killed[1], text: `${killed[0]} killed` } : { min: null, max: null, text: null },
    claimedBy: [],
    via: [],
    evidence: [{ start: e.evidence?.[0] ?? 0, end: e.evidence?.[1] ?? 40 }],
    trigger: { start: 0, end: 5 },
    confidence: 0.8,
    rule: 'fixture',
  };
}

export function fixtureResult(o: { id: string; source?: string | null; published?: string | null; url?: string | null; title?: string | null; events?: SpecEvent[] }): SpecResult {
  return {
    id: o.id,
    article: { title: o.title ?? null, published: o.published ?? null, language: 'en', languageFrom: 'input', source: o.source ?? null, url: o.url ?? null, publishedFrom: o.published ? 'input' : null },
    mentions: { actors: [], places: [], times: [], quantities: [] },
    events: o.events ?? [],
    checks: [],
  };
}

/** An article put: distinct text per (id, salt) so hashes differ. */
export function fixtureArticle(id: string, result: SpecResult, text?: string) {
  return { inputId: id, text: text ?? `Shelling near Klow was reported on Monday by ${result.article.source ?? 'a source'} (${id}).`, result };
}

export function storeContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    const open: Store[] = [];
    const make = async (opts?: { maxCandidates?: number }) => {
      const s = await factory(opts);
      open.push(s);
      return s;
    };
    afterEach(async () => {
      while (open.length) await open.pop()!.close();
    });

    it('starts empty, and init is idempotent', async () => {
      const s = await make();
      await s.init();
      expect(await s.stats()).toEqual({ articles: 0, events: 0, clusters: 0 });
      expect(await s.listEvents({})).toEqual({ events: [], total: 0 });
      expect(await s.getEvent('nope')).toBeNull();
      expect(await s.getArticle('0'.repeat(64))).toBeNull();
    });

    it('stores an article under the sha256 of its text and returns it whole', async () => {
      const s = await make();
      const res = fixtureResult({ id: 'a1', source: 'Wire A', published: '2024-03-05', url: 'https://a.example/1', title: 'Shelling', events: [fixtureEvent({ killed: 3 })] });
      const put = await s.putArticle(fixtureArticle('a1', res, 'Three killed in shelling near Klow.\r\n'));
      expect(put.inserted).toBe(true);
      expect(put.hash).toBe(articleHash('Three killed in shelling near Klow.'));
      expect(put.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await s.hasArticle(put.hash)).toBe(true);
      expect(await s.hasArticle(articleHash('something else'))).toBe(false);
      const row = await s.getArticle(put.hash);
      expect(row).not.toBeNull();
      expect(row!.inputId).toBe('a1');
      expect(row!.source).toBe('Wire A');
      expect(row!.published).toBe('2024-03-05');
      expect(row!.url).toBe('https://a.example/1');
      expect(row!.title).toBe('Shelling');
      expect(row!.text).toBe('Three killed in shelling near Klow.\r\n');
      expect(row!.result).toEqual(res);
      expect(Number.isNaN(Date.parse(row!.ingestedAt))).toBe(false);
      expect(await s.stats()).toEqual({ articles: 1, events: 1, clusters: 1 });
    });

    it('re-ingesting the same text is a no-op, whatever the id', async () => {
      const s = await make();
      const res = fixtureResult({ id: 'a1', source: 'Wire A', events: [fixtureEvent({ killed: 3 })] });
      const first = await s.putArticle(fixtureArticle('a1', res, 'Same text.'));
      const again = await s.putArticle(fixtureArticle('a1', res, 'Same text.'));
      const otherId = await s.putArticle(fixtureArticle('zzz', fixtureResult({ id: 'zzz', events: [fixtureEvent(), fixtureEvent({ id: 'e2' })] }), ' Same text. '));
      expect(first.inserted).toBe(true);
      expect(again).toMatchObject({ hash: first.hash, inserted: false });
      expect(otherId).toMatchObject({ hash: first.hash, inserted: false });
      expect(await s.stats()).toEqual({ articles: 1, events: 1, clusters: 1 });
      expect((await s.getArticle(first.hash))!.inputId).toBe('a1');
    });

    it('merges two reports of one clash with different tolls into one cluster, keeping both figures and sources', async () => {
      const s = await make();
      await s.putArticle(fixtureArticle('a', fixtureResult({ id: 'a', source: 'Wire A', published: '2024-03-04', events: [fixtureEvent({ killed: 3 })] })));
      await s.putArticle(
        fixtureArticle('b', fixtureResult({ id: 'b', source: 'Paper B', published: '2024-03-05', events: [fixtureEvent({ killed: 7, place: { name: 'Klow outskirts', country: 'BOR', lat: 45.05, lon: 20.05 } })] })),
      );
      const { events, total } = await s.listEvents({});
      expect(total).toBe(1);
      const c = events[0]!;
      expect(c.mentions).toBe(2);
      expect(c.articles).toHaveLength(2);
      expect(c.sources.sort()).toEqual(['Paper B', 'Wire A']);
      expect(c.fatalitiesMin).toBe(3);
      expect(c.fatalitiesMax).toBe(7);
      expect(c.figures.map((f) => f.min).sort()).toEqual([3, 7]);
      expect(c.firstSeen).toBe('2024-03-04');
      expect(c.lastSeen).toBe('2024-03-05');
      const tolls = c.disagreements.find((d) => d.kind === 'fatalities');
      expect(tolls?.values.map((v) => `${v.source}:${v.value}`).sort()).toEqual(['Paper B:7', 'Wire A:3']);
      const full = await s.getEvent(c.id);
      expect(full!.reports).toHaveLength(2);
      expect(full!.reports.map((r) => r.source)).toEqual(['Wire A', 'Paper B']);
      expect(full!.reports.every((r) => r.clusterId === c.id)).toBe(true);
      expect(await s.stats()).toEqual({ articles: 2, events: 2, clusters: 1 });
    });

    it('finds the cluster of a report among more clusters of its window than it considers (blocking keys)', async () => {
      // Thirty clashes between other parties, elsewhere, on the same day, and a cap of three
      // candidates: a report reads only the clusters that share a party or a place with it, so its
      // own cluster is found whatever its id.
      const s = await make({ maxCandidates: 3 });
      for (let i = 0; i < 30; i++) {
        const other = fixtureEvent({ actor: { text: `Group ${i}`, name: `Group ${i}`, country: null, sector: 'REB' }, target: null, place: { name: `Town ${i}`, country: 'SYL', admin1: `P${i}`, lat: 10 + i, lon: 50 } });
        await s.putArticle(fixtureArticle(`o${i}`, fixtureResult({ id: `o${i}`, source: `O${i}`, events: [other] }), `other text ${i}`));
      }
      const a = await s.putArticle(fixtureArticle('a', fixtureResult({ id: 'a', source: 'A', events: [fixtureEvent({ killed: 3 })] }), 'text a'));
      const listed = (await s.listEvents({ limit: 100 })).events;
      const ours = listed.find((c) => c.sources.includes('A'))!.id;
      expect(a.inserted).toBe(true);
      const ids = listed.map((c) => c.id).sort();
      // (the point of the test: without keys the cap keeps three smaller ids and the report misses its cluster)
      expect(ids.indexOf(ours)).toBeGreaterThanOrEqual(3);
      await s.putArticle(fixtureArticle('b', fixtureResult({ id: 'b', source: 'B', events: [fixtureEvent({ killed: 5 })] }), 'text b'));
      expect(await s.stats()).toEqual({ articles: 32, events: 32, clusters: 31 });
      expect((await s.getEvent(ours))!.mentions).toBe(2);
    });

    it('lists a cluster by the day, type and country it has now, as later reports change it or not', async () => {
      const s = await make();
      await s.putArticle(fixtureArticle('a', fixtureResult({ id: 'a', source: 'A', events: [fixtureEvent({ date: '2024-03-04' })] })));
      // a report of the day before joins it (one day of slack) and moves its start day
      await s.putArticle(fixtureArticle('b', fixtureResult({ id: 'b', source: 'B', events: [fixtureEvent({ date: '2024-03-03' })] })));
      // one of the same days leaves its day, type and country as they are
      await s.putArticle(fixtureArticle('c', fixtureResult({ id: 'c', source: 'C', events: [fixtureEvent({ date: '2024-03-03' })] })));
      const { events } = await s.listEvents({});
      expect(events).toHaveLength(1);
      expect(events[0]!).toMatchObject({ dateStart: '2024-03-03', dateEnd: '2024-03-04', type: 'ASSAULT', country: 'BOR', mentions: 3 });
      const listedBy = async (f: EventFilter) => (await s.listEvents(f)).events.map((c) => c.mentions);
      expect(await listedBy({ to: '2024-03-03', type: 'assault', country: 'bor' })).toEqual([3]);
      expect(await listedBy({ from: '2024-03-04', to: '2024-03-04' })).toEqual([3]);
      expect(await listedBy({ to: '2024-03-02' })).toEqual([]);
      expect(await listedBy({ country: 'RUR' })).toEqual([]);
    });

    it('agreeing reports merge without a disagreement', async () => {
      const s = await make();
      await s.putArticle(fixtureArticle('a', fixtureResult({ id: 'a', source: 'A', events: [fixtureEvent({ killed: 4 })] })));
      await s.putArticle(fixtureArticle('b', fixtureResult({ id: 'b', source: 'B', events: [fixtureEvent({ killed: 4 })] })));
      const { events } = await s.listEvents({});
      expect(events).toHaveLength(1);
      expect(events[0]!.disagreements).toEqual([]);
      expect(events[0]!.fatalitiesMin).toBe(4);
      expect(events[0]!.fatalitiesMax).toBe(4);
    });

    it('keeps who-attacked-whom claims apart inside one cluster', async () => {
      const s = await make();
      const rur = { text: 'Ruritania', name: 'Ruritania', country: 'RUR', sector: 'MIL' };
      const bor = { text: 'Borduria', name: 'Borduria', country: 'BOR', sector: 'MIL' };
      await s.putArticle(fixtureArticle('a', fixtureResult({ id: 'a', source: 'RUR news', events: [fixtureEvent({ actor: bor, target: rur, place: { name: 'Pass', country: 'RUR', lat: null, lon: null, precision: 'country' } })] })));
      await s.putArticle(fixtureArticle('b', fixtureResult({ id: 'b', source: 'BOR news', events: [fixtureEvent({ actor: rur, target: bor, place: { name: 'Pass', country: 'BOR', lat: null, lon: null, precision: 'country' } })] })));
      const { events } = await s.listEvents({});
      expect(events).toHaveLength(1);
      const dir = events[0]!.disagreements.find((d) => d.kind === 'direction');
      expect(dir?.values.map((v) => `${v.source}: ${v.value}`).sort()).toEqual(['BOR news: Ruritania -> Borduria', 'RUR news: Borduria -> Ruritania']);
    });

    it('does not merge different events: far apart, other days, other type, other parties, vague dates', async () => {
      const s = await make();
      const put = (id: string, e: SpecEvent) => s.putArticle(fixtureArticle(id, fixtureResult({ id, source: id, events: [e] })));
      await put('base', fixtureEvent());
      await put('far', fixtureEvent({ place: { name: 'Zenda', country: 'BOR', lat: 46.5, lon: 21.5 } })); // ~190 km away
      await put('later', fixtureEvent({ date: '2024-03-09' }));
      await put('protest', fixtureEvent({ type: 'PROTEST', mode: null }));
      await put('others', fixtureEvent({ actor: { text: 'Syldavia', country: 'SYL', sector: 'MIL' }, target: { text: 'Freedonia', country: 'FRE', sector: 'MIL' } }));
      await put('month', fixtureEvent({ date: ['2024-03-01', '2024-03-31'], precision: 'month' }));
      await put('undated', fixtureEvent({ date: null }));
      expect((await s.stats()).clusters).toBe(7);
      // …and a third report of the base event still finds it among them.
      await put('again', fixtureEvent({ date: '2024-03-05' }));
      expect((await s.stats()).clusters).toBe(7);
      const base = (await s.listEvents({ source: 'again' })).events;
      expect(base).toHaveLength(1);
      expect(base[0]!.sources.sort()).toEqual(['again', 'base']);
    });

    it('does not chain daily reports into one cluster across days', async () => {
      const s = await make();
      for (const [i, d] of ['2024-03-04', '2024-03-05', '2024-03-06', '2024-03-07'].entries()) {
        await s.putArticle(fixtureArticle(`d${i}`, fixtureResult({ id: `d${i}`, source: `S${i}`, events: [fixtureEvent({ date: d })] })));
      }
      const { events } = await s.listEvents({});
      expect(events.length).toBeGreaterThanOrEqual(2);
      for (const c of events) {
        expect(Date.parse(c.dateEnd!) - Date.parse(c.dateStart!)).toBeLessThanOrEqual(86_400_000);
      }
    });

    it('does not cluster future or hypothetical events, but keeps them in the article', async () => {
      const s = await make();
      const res = fixtureResult({ id: 'f', events: [fixtureEvent({ status: 'future' }), fixtureEvent({ id: 'e2', status: 'hypothetical' })] });
      const put = await s.putArticle(fixtureArticle('f', res));
      expect(await s.stats()).toEqual({ articles: 1, events: 0, clusters: 0 });
      expect((await s.getArticle(put.hash))!.result.events).toHaveLength(2);
    });

    it('returns an article and the reports of its events as they were given', async () => {
      const s = await make();
      const text = '“Shelling” near Klow killed three 🚀; a protest there is planned for Friday.';
      const events = [fixtureEvent({ id: 'e2', killed: 3, evidence: [0, 40] }), fixtureEvent({ id: 'e1', status: 'future', type: 'PROTEST', mode: null }), fixtureEvent({ id: 'e3', type: 'PROTEST', mode: null, evidence: [41, 80] })];
      const res = fixtureResult({ id: 'a', source: 'A', url: 'https://a.example/1', published: '2024-03-04', events });
      const put = await s.putArticle({ ...fixtureArticle('a', res, text), ingestedAt: '2024-03-04T10:00:00.000Z' });
      expect((await s.getArticle(put.hash))!.result).toEqual(res);
      const { events: clusters } = await s.listEvents({});
      const reports = [];
      for (const c of clusters) reports.push(...(await s.getEvent(c.id))!.reports);
      expect(reports.sort((a, b) => a.eventId.localeCompare(b.eventId))).toEqual(
        [events[0]!, events[2]!].map((e) => ({
          key: `${put.hash}:${e.id}`,
          article: put.hash,
          eventId: e.id,
          clusterId: clusters.find((c) => c.type === e.type)!.id,
          source: 'A',
          url: 'https://a.example/1',
          title: null,
          published: '2024-03-04',
          ingestedAt: '2024-03-04T10:00:00.000Z',
          event: e,
          sentence: text.slice(e.evidence[0]!.start, e.evidence[0]!.end).trim(),
        })),
      );
      expect(await s.stats()).toEqual({ articles: 1, events: 2, clusters: 2 });
    });

    it('filters events by time, country, type, actor, status, source and text, with limit and offset', async () => {
      const s = await make();
      const put = (id: string, e: SpecEvent) => s.putArticle(fixtureArticle(id, fixtureResult({ id, source: `Src ${id}`, events: [e] })));
      await put('x1', fixtureEvent({ date: '2024-01-10', place: { name: 'Klow', country: 'BOR' } }));
      await put('x2', fixtureEvent({ date: '2024-02-10', type: 'PROTEST', mode: null, actor: { text: 'students', name: 'Students', country: 'SYL', sector: 'CVL' }, target: null, place: { name: 'Szohod', country: 'SYL' } }));
      await put('x3', fixtureEvent({ date: '2024-03-10', status: 'denied', place: { name: 'Dbrnouk', country: 'BOR', lat: 44, lon: 18 } }));
      const ids = async (f: Parameters<Store['listEvents']>[0]) => (await s.listEvents(f)).events.map((c) => c.location).join(',');
      expect(await ids({})).toBe('Dbrnouk,Szohod,Klow');
      expect(await ids({ from: '2024-02-01' })).toBe('Dbrnouk,Szohod');
      expect(await ids({ to: '2024-02-10' })).toBe('Szohod,Klow');
      expect(await ids({ from: '2024-02-01', to: '2024-02-28' })).toBe('Szohod');
      expect(await ids({ country: 'SYL' })).toBe('Szohod');
      expect(await ids({ country: 'bor' })).toBe('Dbrnouk,Klow');
      expect(await ids({ type: 'PROTEST' })).toBe('Szohod');
      expect(await ids({ actor: 'student' })).toBe('Szohod');
      expect(await ids({ actor: 'RUR' })).toBe('Dbrnouk,Klow');
      expect(await ids({ actor: 'nobody' })).toBe('');
      expect(await ids({ status: 'denied' })).toBe('Dbrnouk');
      expect(await ids({ source: 'src x1' })).toBe('Klow');
      expect(await ids({ text: 'szoh' })).toBe('Szohod');
      expect(await ids({ text: '100%_' })).toBe('');
      expect(await ids({ limit: 1, offset: 1 })).toBe('Szohod');
      const page = await s.listEvents({ country: 'BOR', limit: 1 });
      expect(page.total).toBe(2);
      expect(page.events).toHaveLength(1);
      const all: string[] = [];
      for await (const c of s.iterateEvents({ country: 'BOR', limit: 1 })) all.push(c.location!);
      expect(all).toEqual(['Dbrnouk', 'Klow']);
    });

    it('iterates every cluster in listEvents order, page after page, across equal days and undated clusters', async () => {
      const s = await make();
      // seven clusters that cannot merge: three on one day, two on a later one, two undated
      const days = ['2024-03-04', '2024-03-04', '2024-03-04', '2024-03-06', '2024-03-06', null, null];
      for (const [i, date] of days.entries()) {
        const e = fixtureEvent({ date, actor: { text: `Group ${i}`, name: `Group ${i}`, country: null, sector: 'REB' }, target: null, place: { name: `Town ${i}`, country: 'SYL', admin1: `P${i}`, lat: 10 + i, lon: 50 } });
        await s.putArticle(fixtureArticle(`i${i}`, fixtureResult({ id: `i${i}`, source: `S${i}`, events: [e] }), `text ${i}`));
      }
      const listed = (await s.listEvents({ limit: 100 })).events.map((c) => c.id);
      expect(listed).toHaveLength(7);
      for (const pageSize of [1, 2, 3, 1000]) {
        const got: string[] = [];
        for await (const c of s.iterateEvents({}, pageSize)) got.push(c.id);
        expect(got).toEqual(listed);
      }
      const filtered: string[] = [];
      for await (const c of s.iterateEvents({ from: '2024-03-05' }, 1)) filtered.push(c.id);
      expect(filtered).toEqual(listed.slice(0, 2)); // the later day's two, newest first
    });

    it('merges the same way whatever order the articles arrive in', async () => {
      const arts = [
        fixtureResult({ id: 'p', source: 'P', published: '2024-03-04', events: [fixtureEvent({ killed: 2 })] }),
        fixtureResult({ id: 'q', source: 'Q', published: '2024-03-05', events: [fixtureEvent({ killed: 5, date: '2024-03-05' })] }),
        fixtureResult({ id: 'r', source: 'R', published: '2024-03-06', events: [fixtureEvent({ type: 'PROTEST', mode: null })] }),
      ];
      const snapshot = async (order: SpecResult[]) => {
        const s = await make();
        for (const r of order) await s.putArticle(fixtureArticle(r.id, r, `Article ${r.id}`));
        // Cluster ids depend on the order (they name the report that opened the cluster, or when),
        // and so does the listing order of clusters of the same day (by id): compared without both.
        const clusters = (await s.listEvents({})).events.map(({ id: _id, ...c }) => ({ ...c, disagreements: c.disagreements.map((d) => ({ ...d, values: [...d.values].sort((a, b) => a.article.localeCompare(b.article)) })) }));
        return clusters.sort((a, b) => a.type.localeCompare(b.type));
      };
      const forward = await snapshot(arts);
      const backward = await snapshot([...arts].reverse());
      expect(forward).toHaveLength(2);
      expect(backward).toEqual(forward);
    });

    it('lists articles newest first without their text', async () => {
      const s = await make();
      await s.putArticle({ ...fixtureArticle('old', fixtureResult({ id: 'old' }), 'old text'), ingestedAt: '2024-01-01T00:00:00.000Z' });
      await s.putArticle({ ...fixtureArticle('new', fixtureResult({ id: 'new' }), 'new text'), ingestedAt: '2024-02-01T00:00:00.000Z' });
      const { articles, total } = await s.listArticles({ limit: 10 });
      expect(total).toBe(2);
      expect(articles.map((a) => a.inputId)).toEqual(['new', 'old']);
      expect(articles[0]).not.toHaveProperty('text');
      expect((await s.listArticles({ limit: 1, offset: 1 })).articles.map((a) => a.inputId)).toEqual(['old']);
    });
  });
}
