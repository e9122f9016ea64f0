import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureArticle, fixtureEvent, fixtureResult } from '../../store/contract.js';
import { openSqliteStore, type SqliteStore } from '../../store/sqlite.js';
import type { EventCluster } from '../../store/types.js';
import { ACLED_COLUMNS, acledDate, parseAcledCsv } from './acled.js';
import { GDELT_COLUMNS, parseGdeltTsv } from './gdelt.js';
import { parseGeojson } from './geojson.js';
import { exportClusters, type ExportFormat } from './index.js';
import { parsePloverJson } from './plover.js';
import { numericId } from './codes.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-export-'));
let store: SqliteStore;
let clusters: EventCluster[];

beforeAll(async () => {
  store = await openSqliteStore(join(dir, 'x.db'));
  const arm = { text: 'the Armenian army', name: 'Armenian Armed Forces', country: 'ARM', sector: 'MIL' };
  const aze = { text: 'Azerbaijan', name: 'Azerbaijan, "the" Republic', country: 'AZE', sector: 'GOV' };
  const put = (id: string, source: string, events: ReturnType<typeof fixtureEvent>[], text?: string) =>
    store.putArticle(fixtureArticle(id, fixtureResult({ id, source, published: id === 'a' ? '2022-09-12' : '2022-09-13', url: `https://x.example/${id}`, events }), text));
  // One clash, two sources, different tolls and opposite blame; a sentence with commas, quotes and a tab.
  await put('a', 'Armenpress', [fixtureEvent({ actor: aze, target: arm, date: '2022-09-12', killed: 49, place: { name: 'Jermuk', country: 'ARM', admin1: 'Vayots Dzor', lat: 39.84, lon: 45.67 } })], 'Azerbaijan shelled Jermuk, "killing 49",\tofficials said.');
  await put('b', 'APA', [fixtureEvent({ actor: arm, target: aze, date: '2022-09-12', killed: 50, place: { name: 'Jermuk area', country: 'ARM', admin1: 'Vayots Dzor', lat: 39.86, lon: 45.7 } })]);
  // A protest (in ACLED scope), an unlocated statement outside ACLED's scope.
  await put('c', 'Wire', [fixtureEvent({ type: 'PROTEST', mode: 'demonstrate', cameo: '141', acled: { event_type: 'Protests', sub_event_type: 'Peaceful protest' }, actor: { text: 'students', name: 'Students', country: 'ARM', sector: 'CVL' }, target: null, date: '2022-09-20', place: { name: 'Yerevan', country: 'ARM', admin1: null, lat: 40.18, lon: 44.51 } })]);
  await put('d', 'Wire', [fixtureEvent({ type: 'ACCUSE', mode: null, cameo: '112', acled: null, actor: arm, target: aze, date: ['2022-09-12', '2022-09-18'], precision: 'week', place: null })]);
  clusters = (await store.listEvents({ limit: 100 })).events;
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(format: ExportFormat, opts = {}): Promise<string> {
  let out = '';
  await exportClusters(format, store.iterateEvents({}), (s) => void (out += s), { now: '2024-01-01', ...opts });
  return out;
}

describe('export formats round-trip', () => {
  it('has the clusters the fixtures should make', () => {
    expect(clusters).toHaveLength(3);
    const clash = clusters.find((c) => c.type === 'ASSAULT')!;
    expect([...clash.sources].sort()).toEqual(['APA', 'Armenpress']);
    expect(clash.disagreements.map((d) => d.kind).sort()).toEqual(['direction', 'fatalities']);
  });

  it('acled-csv: the codebook columns, in order, and the same events back', async () => {
    const text = await exported('acled-csv');
    expect(text.split('\n')[0]).toBe(ACLED_COLUMNS.join(','));
    const rows = parseAcledCsv(text);
    const inScope = clusters.filter((c) => c.acled);
    expect(rows).toHaveLength(inScope.length);
    for (const c of inScope) {
      const r = rows.find((x) => Number(x.data_id) === numericId(c.id))!;
      expect(r).toBeDefined();
      expect(r.event_date).toBe(acledDate(c.dateStart!));
      expect(r.year).toBe(c.dateStart!.slice(0, 4));
      expect(r.event_type).toBe(c.acled!.event_type);
      expect(r.sub_event_type).toBe(c.acled!.sub_event_type);
      expect(r.actor1).toBe(c.actorRefs[0]!.name);
      expect(r.iso3).toBe(c.country);
      expect(r.iso).toBe('51');
      expect(r.country).toBe('Armenia');
      expect(Number(r.latitude)).toBe(c.lat);
      expect(Number(r.longitude)).toBe(c.lon);
      expect(Number(r.fatalities)).toBe(c.fatalitiesMin ?? 0);
      expect(r.source.split('; ').sort()).toEqual([...c.sources].sort());
    }
    const clash = rows.find((r) => r.event_type === 'Explosions/Remote violence')!;
    expect(clash.time_precision).toBe('1');
    expect(clash.inter1).toBe('1');
    expect(clash.interaction).toBe('11');
    expect(clash.notes).toContain('"killing 49",');
    expect(clash.notes).toMatch(/Sources disagree on fatalities: 49 \(Armenpress\); 50 \(APA\)/);
    const protest = rows.find((r) => r.event_type === 'Protests')!;
    expect(protest.inter1).toBe('6');
    expect(protest.interaction).toBe('60');
  });

  it('cameo-tsv: GDELT 2 columns, one line per event, no stray tabs', async () => {
    const text = await exported('cameo-tsv');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(GDELT_COLUMNS.join('\t'));
    expect(lines.every((l) => l.split('\t').length === 61)).toBe(true);
    const rows = parseGdeltTsv(text);
    expect(rows).toHaveLength(clusters.length);
    for (const c of clusters) {
      const r = rows.find((x) => Number(x.GLOBALEVENTID) === numericId(c.id))!;
      expect(r.SQLDATE).toBe(c.dateStart!.replace(/-/g, ''));
      expect(r.EventCode).toBe(c.cameo);
      expect(r.EventRootCode).toBe(c.cameo!.slice(0, 2));
      expect(Number(r.NumArticles)).toBe(c.articles.length);
      expect(Number(r.NumMentions)).toBe(c.mentions);
      expect(r.Actor1CountryCode).toBe(c.actorRefs[0]?.country ?? '');
      expect(r.ActionGeo_Lat === '' ? null : Number(r.ActionGeo_Lat)).toBe(c.lat);
    }
    const accuse = rows.find((r) => r.EventCode === '112')!;
    expect(accuse.QuadClass).toBe('3');
    expect(accuse.Actor1Code).toBe('ARMMIL');
    expect(rows.find((r) => r.EventCode === '194')!.QuadClass).toBe('4');
    const headless = parseGdeltTsv(await exported('cameo-tsv', { header: false }));
    expect(headless).toEqual(rows);
  });

  it('plover-json: PLOVER field names and the same events back', async () => {
    const recs = parsePloverJson(await exported('plover-json'));
    expect(recs).toHaveLength(clusters.length);
    for (const c of clusters) {
      const p = recs.find((x) => x.id === c.id)!;
      expect(p.event).toEqual([c.type]);
      expect(p.date).toBe(c.dateStart);
      expect(p.enddate).toBe(c.dateEnd);
      expect(p.actor.map((a) => a.entity_text)).toEqual(c.actors);
      expect(p.recipient.map((a) => a.code)).toEqual(c.targetRefs.map((a) => a.country));
      expect(p.fatalities.min).toBe(c.fatalitiesMin);
      expect(p.fatalities.max).toBe(c.fatalitiesMax);
      expect(p.disagreements).toEqual(c.disagreements);
      expect(p.event_loc?.lat ?? null).toBe(c.lat);
    }
    expect(parsePloverJson('[]\n')).toEqual([]);
    expect(() => parsePloverJson('{}')).toThrow();
  });

  it('geojson: a FeatureCollection, points at [lon, lat], unlocated events kept with null geometry', async () => {
    const feats = parseGeojson(await exported('geojson'));
    expect(feats).toHaveLength(clusters.length);
    for (const c of clusters) {
      const f = feats.find((x) => x.id === c.id)!;
      expect(f.geometry).toEqual(c.lat === null ? null : { type: 'Point', coordinates: [c.lon, c.lat] });
      expect(f.properties.fatalities_min).toBe(c.fatalitiesMin);
      expect(f.properties.date_start).toBe(c.dateStart);
    }
    expect(feats.filter((f) => f.geometry === null)).toHaveLength(1);
  });

  it('jsonl: every cluster exactly as stored', async () => {
    const back = (await exported('jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l) as EventCluster);
    expect(back).toEqual(clusters);
  });
});

describe('numericId (ACLED data_id, GDELT GLOBALEVENTID)', () => {
  it('gives every cluster id its own number, hash ids and ids in open order alike', () => {
    // ids in open order whose base-36 digits stop a hex parse early ("g") must still differ
    const open = ['e000000001', 'e00000000f', 'e00000000g', 'e00000000h', 'e0000000g0', 'e00000zzzz'];
    const hashed = ['c000000000001abc', 'c0000000000100ff', 'cffffffffffff123'];
    const numbers = [...open, ...hashed].map(numericId);
    for (const n of numbers) expect(Number.isSafeInteger(n) && n > 0).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    // a hash id keeps the number exports gave it before (its first 48 bits); an open-order id is
    // 2^48 + its row number, above every hash id's
    expect(numericId('c0000000000100ff')).toBe(0x10);
    expect(numericId('e00000000g')).toBe(2 ** 48 + 16);
    expect(Math.min(...open.map(numericId))).toBeGreaterThan(Math.max(...hashed.map(numericId)));
  });
});
