// Building the compact gazetteer from its sources. Runs once (then the result is cached, see
// cache.ts): every place becomes a row of flat typed arrays, every name a key in one sorted,
// UTF-8 encoded key list with posting lists of row ids, so the stage does index lookups and
// never scans the gazetteer.

import { createRequire } from 'node:module';
import { keepScript, normName } from './normalize.js';
import {
  KIND,
  countryNames,
  defaultSourcePaths,
  loadI18nLocales,
  readAdmin1,
  readAdmin1Naming,
  readCities,
  readCorrections,
  readCountries,
  readDemonyms,
  readGeonamesAdmin1,
  readSupplement,
  type Admin1Row,
  type KindCode,
  type RawPlace,
  type SourcePaths,
} from './sources.js';
import type { GazetteerData } from './gazetteer.js';
import { GazetteerError } from './errors.js';
import { reportedAdmin1Name } from './admin1-name.js';

/** Set on a posting when the name is an alternate (other language, old name) rather than the place's own. */
export const ALT_FLAG = 0x80000000;
export const NONE16 = 0xffff;
/** Population given to admin-1 rows that are finer than the admin-1 they report (Burkina Faso's provinces in its regions). */
export const FINER_UNIT_POP = 999_999;
/** keyFlags bit: the name is also an English word in wink's lexicon. */
export const KEY_COMMON_WORD = 1;

const require = createRequire(import.meta.url);

const CITY_KIND: Record<string, KindCode> = { PPLC: KIND.capital, PPLA: KIND.admin1Seat, PPLA2: KIND.adminSeat, PPLA3: KIND.adminSeat, PPLA4: KIND.adminSeat, PPLG: KIND.adminSeat };

interface Row extends RawPlace {
  primary: string[];
  alternate: string[];
}

const POSTAL_COUNTRIES = new Set(['US', 'CA', 'AU']);

function usableAlternate(n: string): boolean {
  if (n.length < 2 || n.length > 60) return false;
  if (/\d/.test(n)) return false;
  // airport and other codes ("MOW", "KBP") would turn acronyms into places
  if (/^[A-Z]{2,4}$/.test(n)) return false;
  return keepScript(n);
}

const ARTICLE_RE = /^(?:al|el|ad|ar|as|an|at|az|ash|ath|adh)[-\s]+(?=\p{Lu})/iu;

/**
 * "Al Anbar" is "Anbar" in most English reporting, "Al-Hasakah" "Hasakah": the name without its
 * Arabic article, or null when it has none (or nothing much is left).
 */
export function withoutArticle(name: string): string | null {
  if (!ARTICLE_RE.test(name)) return null;
  const bare = name.replace(ARTICLE_RE, '');
  return bare.length >= 4 ? bare : null;
}

export class GazetteerBuilder {
  private rows: Row[] = [];
  private countryIdx = new Map<string, number>();
  countries: { iso3: string; iso2: string; name: string; capital?: number }[] = [];
  admin1: { name: string; country: number; seat?: number }[] = [];
  private admin1Idx = new Map<string, number>();
  demonyms: [string, number][] = [];
  englishWords: ReadonlySet<string> = new Set();

  addCountry(iso3: string, iso2: string, name: string): number {
    let i = this.countryIdx.get(iso3);
    if (i === undefined) {
      i = this.countries.length;
      this.countries.push({ iso3, iso2, name });
      this.countryIdx.set(iso3, i);
    }
    return i;
  }

  admin1Ref(country: string | null, name: string | null): number {
    if (!name) return NONE16;
    const c = country ? this.countryIdx.get(country) ?? NONE16 : NONE16;
    const key = `${c}|${name}`;
    let i = this.admin1Idx.get(key);
    if (i === undefined) {
      i = this.admin1.length;
      this.admin1.push({ name, country: c });
      this.admin1Idx.set(key, i);
    }
    return i;
  }

  add(p: RawPlace): number {
    this.rows.push({ ...p });
    return this.rows.length - 1;
  }

  row(i: number): Row {
    return this.rows[i]!;
  }

  get size(): number {
    return this.rows.length;
  }

  build(): GazetteerData {
    const n = this.rows.length;
    const lat = new Float32Array(n);
    const lon = new Float32Array(n);
    const pop = new Uint32Array(n);
    const gid = new Int32Array(n);
    const country = new Uint16Array(n);
    const admin1 = new Uint16Array(n);
    const kind = new Uint8Array(n);
    const enc = new TextEncoder();
    const nameParts: Uint8Array[] = [];
    const nameOff = new Uint32Array(n + 1);
    let off = 0;
    // per name: row -> reached only through an alternate name?
    const keyMap = new Map<string, Map<number, boolean>>();
    const post = (key: string, id: number, alt: boolean) => {
      if (!key) return;
      let l = keyMap.get(key);
      if (!l) keyMap.set(key, (l = new Map()));
      l.set(id, (l.get(id) ?? true) && alt);
    };
    for (let i = 0; i < n; i++) {
      const r = this.rows[i]!;
      lat[i] = r.lat;
      lon[i] = r.lon;
      pop[i] = Math.min(r.population, 0xffffffff);
      gid[i] = r.geonameid ?? -1;
      country[i] = r.country ? this.countryIdx.get(r.country) ?? NONE16 : NONE16;
      admin1[i] = this.admin1Ref(r.country, r.admin1);
      kind[i] = r.kind;
      const b = enc.encode(r.name);
      nameParts.push(b);
      nameOff[i] = off;
      off += b.length;
      for (const nm of r.primary) post(normName(nm), i, false);
      for (const nm of r.alternate) post(normName(nm), i, true);
    }
    nameOff[n] = off;
    const names = concat(nameParts, off);

    const keys = [...keyMap.keys()].map((k) => ({ k, b: enc.encode(k) }));
    keys.sort((a, b) => Buffer.compare(a.b, b.b));
    let keyBytes = 0;
    let postings = 0;
    for (const k of keys) {
      keyBytes += k.b.length;
      postings += keyMap.get(k.k)!.size;
    }
    const keyBlob = new Uint8Array(keyBytes);
    const keyOff = new Uint32Array(keys.length + 1);
    const postOff = new Uint32Array(keys.length + 1);
    const postArr = new Uint32Array(postings);
    let ko = 0;
    let po = 0;
    keys.forEach((k, i) => {
      keyOff[i] = ko;
      keyBlob.set(k.b, ko);
      ko += k.b.length;
      postOff[i] = po;
      for (const [id, alt] of keyMap.get(k.k)!) postArr[po++] = alt ? (id | ALT_FLAG) >>> 0 : id;
    });
    keyOff[keys.length] = ko;
    postOff[keys.length] = po;
    // names that are also ordinary English words ("Commerce", "Energy", "Police"): a lone
    // capitalised one needs more than capitalisation to count as a place
    const keyFlags = new Uint8Array(keys.length);
    keys.forEach((k, i) => {
      if (this.englishWords.has(k.k)) keyFlags[i] |= KEY_COMMON_WORD;
    });
    // the seat of each admin-1 unit and each country's capital: where ACLED and most coders put
    // an event the text places only in a province or a country
    const seatPop = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = kind[i]!;
      if (k === KIND.capital && country[i] !== NONE16) {
        const c = this.countries[country[i]!]!;
        if (c.capital === undefined || pop[i]! > pop[c.capital]!) c.capital = i;
      }
      if ((k === KIND.capital || k === KIND.admin1Seat) && admin1[i] !== NONE16) {
        const a = admin1[i]!;
        if (pop[i]! > (seatPop.get(a) ?? -1)) {
          seatPop.set(a, pop[i]!);
          this.admin1[a]!.seat = i;
        }
      }
    }
    return {
      n,
      lat,
      lon,
      pop,
      gid,
      country,
      admin1,
      kind,
      names,
      nameOff,
      keyBlob,
      keyOff,
      keyFlags,
      postOff,
      post: postArr,
      countries: this.countries,
      admin1Names: this.admin1,
      demonyms: this.demonyms,
    };
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Which countries' Natural Earth units are finer than their first-level division (France's departments, Burkina Faso's provinces). */
function regionModeCountries(units: Admin1Row[], gnMap: Map<string, string>): Set<string> {
  const byCc = new Map<string, { f: number; regions: Set<string>; g: number }>();
  for (const u of units) {
    let s = byCc.get(u.iso2);
    if (!s) byCc.set(u.iso2, (s = { f: 0, regions: new Set(), g: 0 }));
    s.f++;
    if (u.region) s.regions.add(u.region);
  }
  for (const k of gnMap.keys()) {
    const s = byCc.get(k.slice(0, 2));
    if (s) s.g++;
  }
  const out = new Set<string>();
  for (const [cc, s] of byCc) {
    const r = s.regions.size;
    if (r >= 2 && Math.abs(r - s.g) < Math.abs(s.f - s.g)) out.add(cc);
  }
  return out;
}

/** The English word list of the wink model the pipeline already uses (~87k words). */
function englishWords(): Set<string> {
  try {
    const model = require('wink-eng-lite-web-model') as { core(): { features: { lexeme: { list: string[] } } } };
    return new Set(model.core().features.lexeme.list.filter((w) => /^[a-z]+$/.test(w)));
  } catch {
    return new Set();
  }
}

/** Build the whole gazetteer from the shipped sources. */
export function buildFromSources(paths: SourcePaths = defaultSourcePaths()): GazetteerData {
  loadI18nLocales();
  const corrections = readCorrections(paths.dataDir);
  const countries = readCountries(paths.dataDir, corrections);
  const units = readAdmin1(paths.dataDir, corrections);
  const gnMap = readGeonamesAdmin1(paths.dataDir);
  const supplement = readSupplement(paths.dataDir);
  const b = new GazetteerBuilder();
  b.englishWords = englishWords();
  const iso2to3 = new Map<string, string>();
  const countryRow = new Map<string, number>();
  const byName = new Map<string, number>();

  for (const c of countries) {
    iso2to3.set(c.iso2, c.iso3);
    b.addCountry(c.iso3, c.iso2, c.name);
    const names = countryNames(c.iso2);
    const id = b.add({
      name: c.name,
      primary: [c.name, ...names.primary],
      alternate: names.alternate.filter(usableAlternate),
      kind: KIND.country,
      country: c.iso3,
      admin1: null,
      lat: c.lat,
      lon: c.lon,
      population: 50_000_000,
      geonameid: null,
    });
    countryRow.set(c.iso2, id);
    byName.set(c.iso3, id);
  }

  // admin-1: the name reported for a unit, and for each GeoNames admin-1 code
  const regionMode = regionModeCountries(units, gnMap);
  const unitById = new Map(units.map((u) => [u.neId, u]));
  const naming = readAdmin1Naming(paths.dataDir, normName);
  const regionName = (iso2: string, region: string) => naming.names.get(`${iso2}|${normName(region)}`) ?? region;
  const reported = (u: Admin1Row) => (regionMode.has(u.iso2) && u.region ? regionName(u.iso2, u.region) : reportedAdmin1Name(u, naming));
  const gnAdmin1 = new Map<string, string>();
  for (const [code, neId] of gnMap) {
    const u = unitById.get(neId);
    if (u && u.iso2 === code.slice(0, 2)) gnAdmin1.set(code, reported(u));
  }
  const regionPoints = new Map<string, { lat: number; lon: number; n: number; iso2: string; name: string }>();
  for (const c of corrections.filter((x) => x.target === 'gnadmin1')) {
    if (c.field === 'name') gnAdmin1.set(c.key, c.value);
  }

  for (const u of units) {
    const iso3 = iso2to3.get(u.iso2) ?? null;
    if (!Number.isFinite(u.lat) || !Number.isFinite(u.lon)) continue;
    // the reported name is a name of the unit too ("Idleb", "Nord-Kivu")
    const primary = [u.nameEn, u.name, reported(u)];
    for (const n of [u.nameEn, reported(u)]) {
      const bare = withoutArticle(n);
      if (bare) primary.push(bare);
    }
    const id = b.add({
      name: u.nameEn,
      primary,
      // postal codes ("NJ", "BC") where datelines use them; recognition accepts them only after "Town, "
      alternate: [...[...u.alts, ...u.other].filter(usableAlternate), ...(POSTAL_COUNTRIES.has(u.iso2) && u.postal ? [u.postal] : [])],
      kind: KIND.admin1,
      country: iso3,
      admin1: reported(u),
      lat: u.lat,
      lon: u.lon,
      // a province of a region-mode country is finer than the admin-1 reported for it: marked so
      // that an event placed in it goes to its own label point, not to its region's seat
      population: regionMode.has(u.iso2) && u.region ? FINER_UNIT_POP : 1_000_000,
      geonameid: null,
    });
    if (u.iso3166) byName.set(`admin1:${u.iso3166}`, id);
    if (regionMode.has(u.iso2) && u.region) {
      const k = `${u.iso2}|${u.region}`;
      const p = regionPoints.get(k) ?? { lat: 0, lon: 0, n: 0, iso2: u.iso2, name: u.region };
      p.lat += u.lat;
      p.lon += u.lon;
      p.n++;
      regionPoints.set(k, p);
    }
  }
  // the first-level regions of region-mode countries are places too ("Est", "Hauts-de-France")
  for (const p of regionPoints.values()) {
    const iso3 = iso2to3.get(p.iso2) ?? null;
    const name = regionName(p.iso2, p.name);
    b.add({ name, primary: [name, p.name], alternate: [], kind: KIND.admin1, country: iso3, admin1: name, lat: p.lat / p.n, lon: p.lon / p.n, population: 2_000_000, geonameid: null });
  }

  for (const c of readCities(paths.cities)) {
    if (!c.name || !Number.isFinite(c.lat)) continue;
    const iso3 = iso2to3.get(c.cc) ?? null;
    const alts = c.alts ? c.alts.split(',').filter(usableAlternate) : [];
    const bare = withoutArticle(c.name);
    if (bare) alts.push(bare);
    const id = b.add({
      name: c.name,
      primary: c.ascii && c.ascii !== c.name ? [c.name, c.ascii] : [c.name],
      alternate: alts,
      kind: CITY_KIND[c.fcode] ?? KIND.populated,
      country: iso3,
      admin1: gnAdmin1.get(`${c.cc}.${c.admin1}`) ?? null,
      lat: c.lat,
      lon: c.lon,
      population: c.pop,
      geonameid: c.id,
    });
    byName.set(`gn:${c.id}`, id);
  }

  const kindOf: Record<string, KindCode> = { region: KIND.region, continent: KIND.continent, admin1: KIND.admin1, point: KIND.populated };
  for (const s of supplement) {
    if (s.op === 'alias') {
      let id = byName.get(s.key);
      if (id === undefined && s.key.startsWith('country:')) id = countryRow.get(s.key.slice(8));
      if (id === undefined) throw new GazetteerError('GAZ_SOURCE', `supplement.tsv: alias target ${s.key} not found`);
      const r = b.row(id);
      for (const nm of s.names) if (!r.primary.includes(nm)) r.primary.push(nm);
      continue;
    }
    const k = kindOf[s.feature];
    if (k === undefined) throw new GazetteerError('GAZ_SOURCE', `supplement.tsv: unknown feature ${s.feature}`);
    const id = b.add({
      name: s.names[0]!,
      primary: s.names,
      alternate: [],
      kind: k,
      country: s.country,
      admin1: s.admin1,
      lat: s.lat,
      lon: s.lon,
      population: k === KIND.continent ? 1_000_000_000 : k === KIND.region ? 5_000_000 : 10_000,
      geonameid: s.geonameid,
    });
    byName.set(s.names[0]!, id);
  }

  for (const d of readDemonyms(paths.dataDir)) {
    const id = byName.get(d.place);
    if (id === undefined) throw new GazetteerError('GAZ_SOURCE', `demonyms.tsv: no place ${d.place}`);
    b.demonyms.push([normName(d.form), id]);
  }
  return b.build();
}
