// The gazetteer as the stage sees it: flat typed arrays (one row per place) and a sorted list of
// normalised names with posting lists. A lookup is a binary search over the keys (UTF-8 bytes),
// so recognition costs a handful of comparisons per candidate and no scan of the data.

import { ALT_FLAG, FINER_UNIT_POP, KEY_COMMON_WORD, NONE16 } from './build.js';
import { normName, normNameMemo } from './normalize.js';
import { KIND } from './sources.js';

export interface GazetteerData {
  n: number;
  lat: Float32Array;
  lon: Float32Array;
  pop: Uint32Array;
  /** GeoNames id, or -1 */
  gid: Int32Array;
  /** index into `countries`, or 0xffff */
  country: Uint16Array;
  /** index into `admin1Names`, or 0xffff */
  admin1: Uint16Array;
  kind: Uint8Array;
  /** display names, UTF-8, row i is names[nameOff[i]..nameOff[i+1]) */
  names: Uint8Array;
  nameOff: Uint32Array;
  /** sorted normalised names, UTF-8 */
  keyBlob: Uint8Array;
  keyOff: Uint32Array;
  /** per key: KEY_COMMON_WORD … */
  keyFlags: Uint8Array;
  /** posting list of key k is post[postOff[k]..postOff[k+1]); ALT_FLAG marks alternate names */
  postOff: Uint32Array;
  post: Uint32Array;
  countries: { iso3: string; iso2: string; name: string; capital?: number }[];
  admin1Names: { name: string; country: number; seat?: number }[];
  /** normalised demonym/adjective -> row of the place it refers to */
  demonyms: [string, number][];
}

export type FeatureName = 'country' | 'admin1' | 'region' | 'continent' | 'point';

export interface Candidate {
  id: number;
  /** matched through an alternate (other-language, historical) name */
  alt: boolean;
}

export interface PlaceInfo {
  id: number;
  name: string;
  country: string | null;
  admin1: string | null;
  lat: number;
  lon: number;
  population: number;
  geonameid: string | null;
  kind: number;
  feature: FeatureName;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * Entries kept by each lookup memo before it starts afresh. Recognition asks about the same few
 * thousand words in every article (each capitalised word, its prefixes, "is it a common word?"),
 * and encoding each to UTF-8 for a binary search cost more than the search itself.
 */
const MEMO_LIMIT = 50_000;

export class Gazetteer {
  readonly data: GazetteerData;
  private readonly demonymMap: Map<string, number>;
  /** The first word of every demonym's normal form ("south" of "south african", "armenian") */
  private readonly demonymFirstWords: Set<string>;
  private readonly countryRow: Map<string, number>;
  /** normalised key -> index of that exact key in the sorted keys, or -1 (lookupKey, isCommonWord) */
  private readonly exactMemo = new Map<string, number>();
  /** normalised key -> does a longer name start with it (hasLonger) */
  private readonly longerMemo = new Map<string, boolean>();

  constructor(data: GazetteerData) {
    this.data = data;
    this.demonymMap = new Map(data.demonyms);
    this.demonymFirstWords = new Set(data.demonyms.map(([k]) => firstWord(k)));
    this.countryRow = new Map();
    for (let i = 0; i < data.n && data.kind[i] === KIND.country; i++) {
      const c = data.country[i]!;
      if (c !== NONE16) this.countryRow.set(data.countries[c]!.iso3, i);
    }
  }

  get size(): number {
    return this.data.n;
  }

  /** Index of the first key >= bytes. */
  private lowerBound(q: Uint8Array): number {
    const { keyBlob, keyOff } = this.data;
    let lo = 0;
    let hi = keyOff.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBytes(keyBlob, keyOff[mid]!, keyOff[mid + 1]!, q) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the key equal to `key`, or -1 (memoised). */
  private exactIndex(key: string): number {
    let k = this.exactMemo.get(key);
    if (k !== undefined) return k;
    const q = enc.encode(key);
    k = this.lowerBound(q);
    const { keyBlob, keyOff } = this.data;
    if (k >= keyOff.length - 1 || compareBytes(keyBlob, keyOff[k]!, keyOff[k + 1]!, q) !== 0) k = -1;
    if (this.exactMemo.size >= MEMO_LIMIT) this.exactMemo.clear();
    this.exactMemo.set(key, k);
    return k;
  }

  /** Places whose name normalises to `key` (already normalised with normName). */
  lookupKey(key: string): Candidate[] {
    if (!key) return [];
    const k = this.exactIndex(key);
    if (k < 0) return [];
    const { postOff, post } = this.data;
    const out: Candidate[] = [];
    for (let p = postOff[k]!; p < postOff[k + 1]!; p++) {
      const v = post[p]!;
      out.push({ id: (v & ~ALT_FLAG) >>> 0, alt: (v & ALT_FLAG) !== 0 });
    }
    return out;
  }

  /** Is this (normalised) name also an ordinary English word? */
  isCommonWord(key: string): boolean {
    const k = this.exactIndex(key);
    return k >= 0 && (this.data.keyFlags[k]! & KEY_COMMON_WORD) !== 0;
  }

  lookup(name: string): Candidate[] {
    return this.lookupKey(normName(name));
  }

  /** Is there any name that starts with `key + ' '` (so a longer match may follow)? */
  hasLonger(key: string): boolean {
    let r = this.longerMemo.get(key);
    if (r === undefined) {
      r = this.hasLongerUncached(key);
      if (this.longerMemo.size >= MEMO_LIMIT) this.longerMemo.clear();
      this.longerMemo.set(key, r);
    }
    return r;
  }

  private hasLongerUncached(key: string): boolean {
    const q = enc.encode(key + ' ');
    const k = this.lowerBound(q);
    const { keyBlob, keyOff } = this.data;
    if (k >= keyOff.length - 1) return false;
    const s = keyOff[k]!;
    if (keyOff[k + 1]! - s < q.length) return false;
    for (let i = 0; i < q.length; i++) if (keyBlob[s + i] !== q[i]) return false;
    return true;
  }

  /** The place a demonym refers to ("Armenian" -> Armenia); asked of capitalised words in text, so memoised like them. */
  demonym(form: string): number | null {
    return this.demonymMap.get(normNameMemo(form)) ?? null;
  }

  /**
   * Can a demonym start with a word whose normal form is `key`? If not, no span that starts with
   * that word is one, and recognition need not build and normalise the span ("Ryan Kelly").
   * (A word that normalises to nothing leaves the span's first word unknown: it may.)
   */
  mayStartDemonym(key: string): boolean {
    return key === '' || this.demonymFirstWords.has(firstWord(key));
  }

  countryPlace(iso3: string): number | null {
    return this.countryRow.get(iso3) ?? null;
  }

  info(id: number): PlaceInfo {
    const d = this.data;
    const c = d.country[id]!;
    const a = d.admin1[id]!;
    const kind = d.kind[id]!;
    const gid = d.gid[id]!;
    return {
      id,
      name: dec.decode(d.names.subarray(d.nameOff[id]!, d.nameOff[id + 1]!)),
      country: c === NONE16 ? null : d.countries[c]!.iso3,
      admin1: a === NONE16 ? null : d.admin1Names[a]!.name,
      lat: round(d.lat[id]!),
      lon: round(d.lon[id]!),
      population: d.pop[id]!,
      geonameid: gid < 0 ? null : String(gid),
      kind,
      feature: featureOf(kind),
    };
  }

  /** The capital of a country row, or the seat of an admin-1 row: a representative point. */
  seatOf(id: number): number | null {
    const d = this.data;
    const k = d.kind[id]!;
    if (k === KIND.country) return d.country[id] === NONE16 ? null : d.countries[d.country[id]!]!.capital ?? null;
    if (k === KIND.admin1) return d.admin1[id] === NONE16 || d.pop[id] === FINER_UNIT_POP ? null : d.admin1Names[d.admin1[id]!]!.seat ?? null;
    return null;
  }

  countryOf(id: number): string | null {
    const c = this.data.country[id]!;
    return c === NONE16 ? null : this.data.countries[c]!.iso3;
  }

  admin1Of(id: number): number {
    return this.data.admin1[id]!;
  }
}

export function featureOf(kind: number): FeatureName {
  switch (kind) {
    case KIND.country:
      return 'country';
    case KIND.admin1:
      return 'admin1';
    case KIND.region:
      return 'region';
    case KIND.continent:
      return 'continent';
    default:
      return 'point';
  }
}

function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

function compareBytes(blob: Uint8Array, s: number, e: number, q: Uint8Array): number {
  const n = Math.min(e - s, q.length);
  for (let i = 0; i < n; i++) {
    const d = blob[s + i]! - q[i]!;
    if (d) return d;
  }
  return e - s - q.length;
}

/** The mean Earth radius haversineKm measures with. */
export const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in km. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The first word of a normalised name (normName separates words by single spaces). */
function firstWord(key: string): string {
  const sp = key.indexOf(' ');
  return sp < 0 ? key : key.slice(0, sp);
}
