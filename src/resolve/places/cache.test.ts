import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deserialize, loadGazetteerReport, serialize } from './cache.js';
import { buildFromSources, withoutArticle } from './build.js';
import { normName } from './normalize.js';
import { reportedAdmin1Name } from './admin1-name.js';
import { editDistance, skeleton } from './fuzzy.js';

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
  w('admin1-names.tsv', '# fixture\nop\tcountry\tunit\tname\twhy\nlocal\tAZ\t\t\tfixture\nname\tAM\tSyunik\tSyunik Marz\tfixture\n');
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
    // admin-1 units are reported by the name admin1-names.tsv gives, and found by it
    expect(g.info(g.lookup('Goris')[0]!.id).admin1).toBe('Syunik Marz');
    expect(g.lookup('Syunik Marz').map((c) => g.info(c.id).feature)).toEqual(['admin1']);
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

describe('admin-1 names as reported', () => {
  const naming = { local: new Set(['DE', 'CD']), names: new Map([['SY|idlib', 'Idleb']]) };
  it('keeps a Latin-script own name where the country uses it, else the English one', () => {
    expect(reportedAdmin1Name({ iso2: 'DE', nameEn: 'Lower Saxony', name: 'Niedersachsen' }, naming)).toBe('Niedersachsen');
    expect(reportedAdmin1Name({ iso2: 'CD', nameEn: 'North Kivu', name: 'Nord-Kivu' }, naming)).toBe('Nord-Kivu');
    expect(reportedAdmin1Name({ iso2: 'AF', nameEn: 'Herat', name: 'Hirat' }, naming)).toBe('Herat');
  });
  it('drops the type word and a transliterated ʿayn, keeps an elision', () => {
    expect(reportedAdmin1Name({ iso2: 'NG', nameEn: 'Imo State', name: 'Imo' }, naming)).toBe('Imo');
    expect(reportedAdmin1Name({ iso2: 'YE', nameEn: "Ma'rib", name: "Ma'rib" }, naming)).toBe('Marib');
    expect(reportedAdmin1Name({ iso2: 'YE', nameEn: "Al Bayda'", name: "Al Bayda'" }, naming)).toBe('Al Bayda');
    expect(reportedAdmin1Name({ iso2: 'FR', nameEn: "Côte-d'Or", name: "Côte-d'Or" }, naming)).toBe("Côte-d'Or");
  });
  it('uses the listed name first', () => {
    expect(reportedAdmin1Name({ iso2: 'SY', nameEn: 'Idlib', name: 'Idlib' }, naming)).toBe('Idleb');
  });
  it('finds names without their Arabic article', () => {
    expect(withoutArticle('Al Anbar')).toBe('Anbar');
    expect(withoutArticle('Ar-Raqqah')).toBe('Raqqah');
    expect(withoutArticle('Alabama')).toBeNull();
    expect(withoutArticle('Al Ain')).toBeNull();
  });
});

describe('spelling variants', () => {
  it('folds aspiration, y/i, w/u and doubled letters', () => {
    expect(skeleton('Buldhana')).toBe(skeleton('Buldāna'));
    expect(skeleton('Hulyaipole')).toBe(skeleton('Hulyaypole'));
    expect(skeleton('Nijhgadh')).toBe(skeleton('Nijgadh'));
    expect(skeleton('Gori')).not.toBe(skeleton('Goris'));
    expect(editDistance(skeleton('Naushera'), skeleton('Nowshera'), 1)).toBeLessThanOrEqual(1);
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
