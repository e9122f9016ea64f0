// Spelling variants of a place the text puts in a known province or country. Transliterations
// of one name differ in ways an exact index cannot meet: "Buldhana"/"Buldāna", "Hulyaipole"/
// "Hulyaypole", "Naushera"/"Nowshera", "Nijhgadh"/"Nijgadh". Only asked for a name the gazetteer
// does not know, and only among the towns of the province (or country) the text gives, so a
// loose comparison stays safe: a near-miss elsewhere in the world is never considered.

import { normName } from './normalize.js';
import type { Gazetteer } from './gazetteer.js';
import { KIND } from './sources.js';

/** A spelling skeleton: aspiration marks, y/i, w/u, c/q/k and doubled letters folded. */
export function skeleton(name: string): string {
  return normName(name)
    .replace(/[\s-]+/g, '')
    .replace(/([bcdgjkpqrstz])h/g, '$1')
    .replace(/y/g, 'i')
    .replace(/w/g, 'u')
    .replace(/ou/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/[cq]/g, 'k')
    .replace(/(.)\1+/g, '$1');
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (max <= 1) return Math.min(atMostOneEdit(a, b), max + 1);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The edit distance of a and b when it is 0 or 1, else 2. findVariant compares a name with
 * every town of a country, and one edit is all it ever allows: past the first difference the
 * rest must be equal after one substitution, insertion or deletion, so no table is needed.
 */
function atMostOneEdit(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 1) return 2;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (a.length === b.length) return sameFrom(a, i + 1, b, i + 1) ? 1 : 2;
  return (a.length > b.length ? sameFrom(a, i + 1, b, i) : sameFrom(a, i, b, i + 1)) ? 1 : 2;
}

/** Is a from index i the same as b from index j? */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/** A country's towns (ids ascending) with their skeletons. */
interface Towns {
  ids: number[];
  skel: string[];
}

/** A country's towns by skeleton length: a variant is at most one letter longer or shorter. */
type CountryTowns = Map<number, Towns>;

const towns = new WeakMap<Gazetteer, Map<number, CountryTowns>>();

function townsOf(gaz: Gazetteer, country: number): CountryTowns {
  let byCountry = towns.get(gaz);
  if (!byCountry) towns.set(gaz, (byCountry = new Map()));
  let t = byCountry.get(country);
  if (!t) byCountry.set(country, (t = buildTowns(gaz, country)));
  return t;
}

/**
 * A country's towns, read from the whole gazetteer once per country. A function of its own: inside
 * townsOf, the long loop was compiled on the stack (OSR) and the code after it, with no type
 * feedback yet, threw that compiled code away once per country (`--trace-deopt`: 8–11 times a run).
 */
function buildTowns(gaz: Gazetteer, country: number): CountryTowns {
  const t: CountryTowns = new Map();
  const d = gaz.data;
  for (let i = 0; i < d.n; i++) {
    if (d.country[i] !== country || d.kind[i]! < KIND.capital) continue;
    const skel = skeleton(gaz.info(i).name);
    let bucket = t.get(skel.length);
    if (!bucket) t.set(skel.length, (bucket = { ids: [], skel: [] }));
    bucket.ids.push(i);
    bucket.skel.push(skel);
  }
  return t;
}

/**
 * The town in `country` (and `admin1`, if given) whose name is a spelling variant of `name`, or
 * null. `strict` (no province to narrow it down) accepts only identical skeletons.
 */
export function findVariant(gaz: Gazetteer, name: string, country: number, admin1: number | null, strict: boolean): number | null {
  const s = skeleton(name);
  if (s.length < 4 || !/^[a-z]+$/.test(s)) return null;
  const byLength = townsOf(gaz, country);
  const d = gaz.data;
  let best: number | null = null;
  let bestDist = Infinity;
  const max = strict || s.length < 6 ? 0 : 1;
  for (let len = s.length - max; len <= s.length + max; len++) {
    const t = byLength.get(len);
    if (!t) continue;
    for (let k = 0; k < t.ids.length; k++) {
      const id = t.ids[k]!;
      if (admin1 !== null && d.admin1[id] !== admin1) continue;
      const dist = editDistance(s, t.skel[k]!, max);
      if (dist > max) continue;
      // the nearest spelling, then the largest town, then the first row
      if (dist < bestDist || (dist === bestDist && (d.pop[id]! > d.pop[best!]! || (d.pop[id] === d.pop[best!] && id < best!)))) {
        best = id;
        bestDist = dist;
      }
    }
  }
  return best;
}
