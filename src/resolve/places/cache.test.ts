import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deserialize, loadGazetteerReport, serialize } from './cache.js';
import { buildFromSources } from './build.js';
import { normName } from './normalize.js';

// A tiny gazetteer built from fixture files in the shipped formats: no GeoNames download, no ../shared.
const dir = mkdtempSync(join(tmpdir(), 'sitrep-gaz-'));
const data = join(dir, 'data');
const cache = join(dir, 'cache');
const cities = join(dir, 'cities500.txt');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(extraCorrection = '') {
  const w = (f: string, s: string) => writeFileSync(join(data, f), s);
  mkdirSync(data, { recursive: true });
  w('countries.tsv', 'iso2\tiso3\tname\tlat\tlon\nAZ\tAZE\tAzerbaijan\t40.3\t47.7\nAM\tARM\tArmenia\t40.3\t44.9\nPS\tPSX\tGaza Strip\t31.9\t35.2\n');
  w('country-points.tsv', '# fixture\niso2\tlat\tlon\nAZ\t40.5\t47.5\n');
  w('admin1.tsv', 'ne_id\tiso2\tiso3\tgn_a1_code\tname_en\tname\talt_names\tname_ru\tname_uk\tname_ar\tname_fa\tname_he\ttype_en\tregion\tlat\tlon\tpostal\tiso_3166_2\n'
    + '1\tAZ\tAZE\tAZ.28\tLankaran\tLankaran\tShusha|Lacin Rayonu\t\t\t\t\t\tDistrict\t\t39.77\t46.31\t\tAZ-LAC\n'
    + '2\tAM\tARM\tAM.08\tSyunik\tSyunik\t\tСюник\t\t\t\t\tProvince\t\t39.5\t46.0\t\tAM-SU\n');
  w('geonames-admin1.tsv', 'gn_admin1\tne_id\tshare\tcities\nAM.08\t2\t1.000\t1\n');
  w('corrections.tsv', 'target\tkey\tfield\tvalue\twhy\nadmin1\t1\tname\tLachin\tfixture\nadmin1\t1\tdrop-alt\tShusha\tfixture\ncountry\tPS\tname\tPalestine\tfixture\n' + extraCorrection);
  w('supplement.tsv', 'op\tkey\tnames\tfeature\tcountry\tadmin1\tlat\tlon\tgeonameid\tnote\nplace\t\tNagorno-Karabakh|Artsakh\tregion\tAZE\t\t39.8\t46.75\t\t\nalias\tgn:174895\tGoris City\t\t\t\t\t\t\t\n');
  w('demonyms.tsv', 'place\tforms\nARM\tArmenian|Armenians\n');
  writeFileSync(cities, '174895\tGoris\tGoris\tГорис,غوريس\t39.51111\t46.34168\tP\tPPL\tAM\t\t08\t\t\t\t20379\t\t1384\tAsia/Yerevan\t2023-01-01\n');
}

describe('gazetteer index', () => {
  it('builds from the sources, applies corrections and the supplement, and round-trips', () => {
    fixture();
    const d = buildFromSources({ cities, dataDir: data });
    const back = deserialize(serialize(d));
    expect(back.n).toBe(d.n);
    expect([...back.lat]).toEqual([...d.lat]);
    expect(back.countries.map((c) => c.iso3)).toEqual(['AZE', 'ARM', 'PSE']);
    // the reference point file wins over the polygon centroid; a country without one keeps its centroid
    expect(back.lat[0]).toBeCloseTo(40.5);
    expect(back.lat[1]).toBeCloseTo(40.3);
  });

  it('caches the index and rebuilds it when a source changes', () => {
    fixture();
    const first = loadGazetteerReport({ paths: { cities, dataDir: data }, cacheDir: cache });
    expect(first.built).toBe(true);
    const again = loadGazetteerReport({ paths: { cities, dataDir: data }, cacheDir: cache });
    expect(again.built).toBe(false);
    const g = again.gazetteer;
    expect(g.lookup('Goris').map((c) => g.info(c.id).country)).toEqual(['ARM']);
    expect(g.info(g.lookup('Goris')[0]!.id).admin1).toBe('Syunik');
    expect(g.lookup('Горис')[0]?.alt).toBe(true);
    expect(g.lookup('Goris City')).toHaveLength(1);
    expect(g.lookup('Artsakh').map((c) => g.info(c.id))).toMatchObject([{ country: 'AZE', feature: 'region' }]);
    // the Natural Earth error is corrected: the Lachin district is not called Shusha
    expect(g.lookup('Shusha')).toEqual([]);
    expect(g.info(g.lookup('Lachin')[0]!.id).feature).toBe('admin1');
    expect(g.info(g.demonym('Armenians')!).country).toBe('ARM');
    expect(g.lookup('Palestine').length).toBeGreaterThan(0);

    fixture('country\tAM\tname\tArmenia Fixture\tchanged\n');
    const rebuilt = loadGazetteerReport({ paths: { cities, dataDir: data }, cacheDir: cache });
    expect(rebuilt.built).toBe(true);
    // the previous version stays (another checkout sharing the cache folder may still use it) …
    expect(readdirSync(cache).filter((f) => f.endsWith('.bin'))).toHaveLength(2);
    // … but only the few most recent ones do
    for (let v = 0; v < 6; v++) {
      fixture(`country\tAM\tname\tArmenia Fixture ${v}\tchanged\n`);
      expect(loadGazetteerReport({ paths: { cities, dataDir: data }, cacheDir: cache }).built).toBe(true);
    }
    expect(readdirSync(cache).filter((f) => f.endsWith('.bin'))).toHaveLength(5);
  });

  it('rejects a supplement row without coordinates', () => {
    fixture();
    writeFileSync(join(data, 'supplement.tsv'), 'op\tkey\tnames\tfeature\tcountry\tadmin1\tlat\tlon\tgeonameid\tnote\nplace\t\tNowhere\tregion\tAZE\t\t\t\t\t\n');
    expect(() => buildFromSources({ cities, dataDir: data })).toThrow(/lat and lon/);
  });
});

describe('normName', () => {
  it('folds case, diacritics, apostrophes and hyphens, and Arabic letter variants', () => {
    expect(normName("Donets'k")).toBe(normName('Donetsk'));
    expect(normName('Dara-e-Pech')).toBe('dara e pech');
    expect(normName('Xankəndi')).toBe(normName('Xankandi'));
    expect(normName('Şuşa')).toBe('susa');
    expect(normName('إدلب')).toBe(normName('ادلب'));
    expect(normName('Гори')).not.toBe(normName('Горис'));
  });
});
