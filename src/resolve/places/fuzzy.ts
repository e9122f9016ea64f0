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

interface CountryTowns {
  ids: number[];
  skel: string[];
}

const towns = new WeakMap<Gazetteer, Map<number, CountryTowns>>();

function townsOf(gaz: Gazetteer, country: number): CountryTowns {
  let byCountry = towns.get(gaz);
  if (!byCountry) towns.set(gaz, (byCountry = new Map()));
  let t = byCountry.get(country);
  if (!t) {
    t = { ids: [], skel: [] };
    const d = gaz.data;
    for (let i = 0; i < d.n; i++) {
      if (d.country[i] !== country || d.kind[i]! < KIND.capital) continue;
      t.ids.push(i);
      t.skel.push(skeleton(gaz.info(i).name));
    }
    byCountry.set(country, t);
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
  const t = townsOf(gaz, country);
  const d = gaz.data;
  let best: number | null = null;
  let bestDist = Infinity;
  const max = strict || s.length < 6 ? 0 : 1;
  for (let k = 0; k < t.ids.length; k++) {
    const id = t.ids[k]!;
    if (admin1 !== null && d.admin1[id] !== admin1) continue;
    const dist = editDistance(s, t.skel[k]!, max);
    if (dist > max) continue;
    if (dist < bestDist || (dist === bestDist && d.pop[id]! > d.pop[best!]!)) {
      best = id;
      bestDist = dist;
    }
  }
  return best;
}
