// Choosing the referent of each recognised toponym from the article's context: the countries
// it mentions (by name, demonym, or through the actors layer), the places that contain it
// ("Qalat city, Zabul", "Fortaleza (Ceara)"), the distance to the other places it names, the
// designator ("Donetsk region" is the oblast, "Donetsk city" the city), feature type and
// population. Two passes: the first settles what is clear, the second uses it.

import type { PlaceMention } from '../../doc.js';
import { haversineKm, type Candidate, type Gazetteer } from './gazetteer.js';
import { ADMIN_DESIGNATORS, POINT_DESIGNATORS, type RawMention } from './recognize.js';
import { KIND } from './sources.js';
import { NONE16 } from './build.js';
import { findVariant } from './fuzzy.js';

const KIND_PRIOR: Record<number, number> = {
  [KIND.country]: 9,
  [KIND.admin1]: 5.5,
  [KIND.region]: 8,
  [KIND.continent]: 7,
  [KIND.capital]: 6,
  [KIND.admin1Seat]: 4,
  [KIND.adminSeat]: 3,
  [KIND.populated]: 2,
};

export interface Context {
  /** country ISO-3 -> weight of its mentions in the article */
  countries: Map<string, number>;
  /** countries the article names as places (not only through demonyms or actors) */
  named: Set<string>;
}

interface Choice {
  id: number;
  score: number;
  margin: number;
}

const DESIGNATOR_WORDS = 'district|province|region|city|town|village|township|county|state|governorate|oblast|municipality|department|division|sub-?district|tehsil|area|lga|zone|territory|hill|sector|camp|countryside';
// What may stand between a place and its container: punctuation, designators, and up to two
// names the gazetteer does not know ("Youga (Zabre, Boulgou)")
const DESIGNATOR_ALT = `${DESIGNATOR_WORDS}|${DESIGNATOR_WORDS.replace(/(^|\|)(\w)/g, (_m, bar: string, c: string) => bar + c.toUpperCase())}`;
// (and the particles of a longer name the gazetteer knows only the start of: "Shakhta imeni
// Gagarina, Donetsk", "Concordia do Para (Para)")
const NAME_PARTICLES = 'imeni|do|de|da|dos|das|del|la|las|los|di|du|al|el|ad|ar|as|ash|az|wa';
const CONTAINER_GAP = new RegExp(`^[\\s,()–-]*(?:(?:${DESIGNATOR_ALT}|\\p{Lu}[\\p{L}'’-]*|${NAME_PARTICLES}|[\\p{N}/]+)[\\s,()]*){0,3}$`, 'u');

const PARTICLE_GAP_RE = /^\s+(?:do|de|da|dos|das|del|de la|de las|de los|di|du)\s+$/;

/** For each mention, the index of the mention that names its container, or -1. */
export function containers(text: string, ms: readonly RawMention[]): Int32Array {
  const out = new Int32Array(ms.length).fill(-1);
  for (let k = 0; k + 1 < ms.length; k++) {
    if ((!ms[k]!.candidates.length || adminIn(text, ms[k]!, ms[k + 1]!)) && looseContainer(text, ms[k]!, ms[k + 1]!)) {
      out[k] = k + 1;
      continue;
    }
    // the first known place after it in a chain "X (Y) district, Z, W": an unknown name in
    // parentheses is an alternative name, so the chain walks through it
    for (let l = k + 1; l < ms.length && l <= k + 3; l++) {
      const a = ms[l - 1]!;
      const b = ms[l]!;
      if (a.sentence !== b.sentence || b.role === 'adjectival' || b.role === 'demonym' || b.role === 'metonymic') break;
      const gap = text.slice(a.end, b.start);
      // a place inside a longer name ("Gulf Clan members", "(Chtouka-Ait Baha, …)") is no
      // container; the chain walks through it like through a name the gazetteer does not know
      if (b.role === 'embedded') {
        if (gap.length > 30 || !CONTAINER_GAP.test(gap)) break;
        continue;
      }
      // "Concordia do Para (Para)", "Leon de los Aldama, Guanajuato": a known name inside a longer
      // unknown one; the chain goes on after it
      if (PARTICLE_GAP_RE.test(gap) && l < k + 3) continue;
      // ("Al Quds - Isawiya town (Al Quds, West Bank)": a city, a dash and its quarter, which is
      // inside the city, not its container: the chain only walks through a quarter it does not know)
      const dashed = !/[,()]/.test(gap) && /^\s[-–]\s$/.test(gap);
      if (dashed && b.candidates.length) break;
      if (gap.length > 30 || (!dashed && !/[,()]/.test(gap)) || !CONTAINER_GAP.test(gap)) break;
      // "Washington, New York and Boston" is a list, not Washington in New York
      if (l === k + 1 && l + 1 < ms.length && ms[l + 1]!.sentence === b.sentence && /^\s*,?\s*(?:and|or)\s+$/.test(text.slice(b.end, ms[l + 1]!.start))) break;
      if (b.candidates.length) {
        // "Shushi (Shusha)": the same place under two of its own names, not its container;
        // "San Juan (San Juan)" is a city in its province
        const a0 = ms[k]!;
        const ids = new Set(a0.candidates.filter((c) => !c.alt).map((c) => c.id));
        const sameName = a0.text.toLowerCase() === b.text.toLowerCase();
        if (sameName || !b.candidates.some((c) => !c.alt && ids.has(c.id))) out[k] = l;
        break;
      }
    }
  }
  return out;
}

const NEAR_GAP_RE = new RegExp(`^[\\s),]*(?:(?:${DESIGNATOR_WORDS}|rural municipality|police station|kebele)\\s+)?(?:near|outside|close to|in|of|under)\\s+(?:the\\s+)?$`, 'i');

/**
 * A place the gazetteer does not know is put where the sentence next places things, even when
 * words stand between: "Banskarcha village under Mahuadanr police station limits (Latehar,
 * Jharkhand)", "Nyatieko village near Marani township (…)". Its own location is unknown; the
 * next place the text gives for it is the best estimate there is.
 */
function looseContainer(text: string, a: RawMention, b: RawMention): boolean {
  if (a.sentence !== b.sentence || b.role !== 'literal') return false;
  const gap = text.slice(a.end, b.start);
  if (gap.length > 80 || /[.;:!?]/.test(gap)) return false;
  return gap.includes('(') || NEAR_GAP_RE.test(gap);
}

/** "Aktau city in Mangystau region", "Hole camp in Al Hasakeh countryside": a named province after "in". */
function adminIn(text: string, a: RawMention, b: RawMention): boolean {
  const base = b.designator?.replace(/ of$/, '') ?? '';
  const gap = text.slice(a.end, b.start);
  // ("Moura, in the Mopti region" too)
  if (ADMIN_DESIGNATORS.has(base) && /^,?\s+(?:(?:city|town|village|district|camp|area),?\s+)?in\s+(?:the\s+)?$/i.test(gap)) return true;
  return quarterOfCity(text, a, b);
}

/** "Oktyabr district in Bishkek city": a quarter of a city the text names as a city. */
function quarterOfCity(text: string, a: RawMention, b: RawMention): boolean {
  return b.designator?.replace(/ of$/, '') === 'city' && /^\s+(?:district|neighbou?rhood|quarter|suburb)\s+(?:in|of)\s+(?:the\s+)?$/i.test(text.slice(a.end, b.start));
}

export function articleContext(gaz: Gazetteer, ms: readonly RawMention[], actorCountries: readonly string[]): Context {
  const countries = new Map<string, number>();
  const named = new Set<string>();
  const add = (c: string | null, w: number, place = true) => {
    if (!c) return;
    countries.set(c, (countries.get(c) ?? 0) + w);
    if (place) named.add(c);
  };
  for (const m of ms) {
    if (m.demonymOf !== undefined) {
      add(gaz.countryOf(m.demonymOf), 0.7, false);
      continue;
    }
    if (m.role === 'embedded') continue;
    const country = m.candidates.find((c) => !c.alt && gaz.data.kind[c.id] === KIND.country);
    if (country) {
      add(gaz.countryOf(country.id), 1);
      continue;
    }
    // a big or administrative place whose every reading is in one country says the article is
    // about that country; a village that happens to have one namesake does not
    const big = m.candidates.filter((c) => gaz.data.kind[c.id]! <= KIND.capital || gaz.data.pop[c.id]! >= 100_000);
    if (big.length && big.length === m.candidates.length && new Set(big.map((c) => gaz.countryOf(c.id))).size === 1) add(gaz.countryOf(big[0]!.id), 0.7);
  }
  for (const c of actorCountries) add(c, 0.5, false);
  return { countries, named };
}

function scoreCandidate(
  gaz: Gazetteer,
  m: RawMention,
  c: Candidate,
  ctx: Context,
  ctxTotal: number,
  container: number | null,
  anchors: readonly { k: number; id: number }[],
  self: number,
): number {
  const d = gaz.data;
  const kind = d.kind[c.id]!;
  let s = KIND_PRIOR[kind] ?? 2;
  s += Math.log10(d.pop[c.id]! + 10) * 1.2;
  if (c.alt) s -= 2.5;
  const iso = gaz.countryOf(c.id);
  if (ctxTotal > 0 && kind !== KIND.country) {
    const w = iso ? ctx.countries.get(iso) ?? 0 : 0;
    // who acts ("Russian forces shelled Klynove, Donetsk") says less about where than a place
    // the article names: an actor's country alone does not outweigh a city of a million
    if (w > 0) s += (ctx.named.has(iso!) ? 2 + 2 * (w / ctxTotal) : 1.5 + w / ctxTotal) * (c.alt ? 0.4 : 1);
    // a world city needs no context ("London" in an American story is still London)
    // (and when the only context is who acts, not a place named, a place elsewhere loses less)
    else if (iso) s -= ((d.pop[c.id]! >= 1_000_000 ? 0.5 : kind >= KIND.adminSeat && d.pop[c.id]! < 50_000 ? 3 : 1.5) + (c.alt ? 3 : 0)) * (ctx.named.size ? 1 : 0.4);
  }
  if (m.designator) {
    const base = m.designator.replace(/ of$/, '');
    if (ADMIN_DESIGNATORS.has(base)) s += kind === KIND.admin1 ? 6 : kind >= KIND.capital ? -2 : 0;
    else if (POINT_DESIGNATORS.has(base)) s += kind >= KIND.capital ? 3 : kind === KIND.admin1 ? -1 : -3;
  }
  // "San Juan (San Juan)": a city is not its own province; "Fatehabad town (Fatehabad district,
  // Haryana)": a town named twice is the same town
  if (container !== null && container === c.id) s += d.kind[container]! >= KIND.capital ? 6 : -6;
  else if (container !== null) {
    const ck = d.kind[container]!;
    const sameCountry = gaz.countryOf(container) === iso;
    if (ck === KIND.country) s += sameCountry ? 6 : -4;
    else if (sameCountry && d.admin1[container] === d.admin1[c.id]) s += 8;
    else if (sameCountry) s += 3;
    else s -= 4;
  }
  if (anchors.length && kind >= KIND.capital) {
    let best = Infinity;
    for (const { k, id: a } of anchors) {
      // (a place does not anchor itself: "San Juan (San Juan)" named twice)
      if (k === self || a === c.id) continue;
      const km = haversineKm(d.lat[c.id]!, d.lon[c.id]!, d.lat[a]!, d.lon[a]!);
      if (km < best) best = km;
    }
    if (best < 30) s += 3;
    else if (best < 100) s += 2;
    else if (best < 300) s += 1;
  }
  // the name exactly as the gazetteer spells it
  if (!c.alt) s += 0.3;
  return s;
}

/** Below this, a lone candidate is more likely a homonym than the place meant. */
const MIN_SCORE = 4;

/**
 * A name shared by an admin-1 unit and a town in it ("Donetsk", "Moscow", "Gori") means the town
 * unless the text says "region"/"province": the unit is usually named after its seat.
 */
function namesakeTown(gaz: Gazetteer, m: RawMention, c: Candidate): boolean {
  const d = gaz.data;
  if (d.kind[c.id] !== KIND.admin1) return false;
  return m.candidates.some((o) => o.id !== c.id && d.kind[o.id]! >= KIND.capital && d.pop[o.id]! >= 1000 && d.country[o.id] === d.country[c.id] && d.admin1[o.id] === d.admin1[c.id]);
}

/**
 * How well container candidate `c` fits the places the text puts in it: a town known by its own
 * name and large counts more than a hamlet reached through a foreign alternate name.
 */
function dependantFit(gaz: Gazetteer, c: number, dependants: readonly RawMention[]): number {
  const d = gaz.data;
  const k = d.kind[c]!;
  let best = 0;
  for (const m of dependants) {
    for (const x of m.candidates) {
      // "Rabat (Rabat)": a town named again as its own container fits as itself
      if (x.id === c && k >= KIND.capital) {
        best = Math.max(best, (x.alt ? 2 : 5) + 0.4 * Math.log10(d.pop[x.id]! + 1));
        continue;
      }
      if (x.id === c || d.country[x.id] !== d.country[c]) continue;
      if (k !== KIND.country && !(k === KIND.admin1 && d.admin1[x.id] === d.admin1[c])) continue;
      const fit = (x.alt ? 2 : 5) + 0.4 * Math.log10(d.pop[x.id]! + 1);
      if (fit > best) best = fit;
    }
  }
  return best;
}

function choose(gaz: Gazetteer, m: RawMention, ctx: Context, ctxTotal: number, container: number | null, anchors: readonly { k: number; id: number }[], self: number, dependants: readonly RawMention[] = [], scope: number | null = null): Choice | null {
  if (!m.candidates.length) return null;
  const d = gaz.data;
  let best: Choice | null = null;
  let second = -Infinity;
  const adminDesignated = !!m.designator && ADMIN_DESIGNATORS.has(m.designator.replace(/ of$/, ''));
  // a province, region or country the text puts the place in (directly or through a town: "Gana
  // (Damboa, Borno)") rules out its namesakes abroad: "Kale township (Kale district, Sagaing
  // region)" is not the Kale in Turkey, whatever its size, and a name with no reading there is a
  // place the gazetteer lacks, placed in that container
  // (a country is in no other country: "Austria, Slovakia, Cyprus" is a list)
  const isCountry = m.candidates.some((c) => !c.alt && d.kind[c.id] === KIND.country);
  const within = scope !== null && !isCountry ? gaz.countryOf(scope) : null;
  const withinAdmin1 = within && d.kind[scope!] === KIND.admin1 && d.admin1[scope!] !== NONE16 ? d.admin1[scope!]! : null;
  for (const c of m.candidates) {
    if (within && c.id !== scope && gaz.countryOf(c.id) !== within) continue;
    // …and a town far off in another province of that country: "Benito Juarez, Nuevo Leon" is
    // not the Benito Juárez borough of Mexico City (GeoNames' and Natural Earth's provinces do not
    // always agree, so a town near the province still counts)
    if (withinAdmin1 !== null && c.id !== scope && d.kind[c.id]! >= KIND.capital && d.admin1[c.id] !== withinAdmin1 && haversineKm(d.lat[c.id]!, d.lon[c.id]!, d.lat[scope!]!, d.lon[scope!]!) > 100) continue;
    let s = scoreCandidate(gaz, m, c, ctx, ctxTotal, container, anchors, self);
    if (!adminDesignated && !dependants.length && namesakeTown(gaz, m, c)) s -= 6;
    if (dependants.length) s += dependantFit(gaz, c.id, dependants);
    if (!best || s > best.score) {
      if (best) second = best.score;
      best = { id: c.id, score: s, margin: 0 };
    } else if (s > second) second = s;
  }
  if (!best) return null;
  best.margin = Number.isFinite(second) ? best.score - second : 10;
  if (best.score < MIN_SCORE) return null;
  return best;
}

/**
 * The nearest container up the chain that was resolved: in "Kar Paung Kya village, Taze township
 * (Shwebo district, Sagaing region)" a township the gazetteer lacks passes its place on to Sagaing.
 */
function resolvedContainer(cont: Int32Array, choice: readonly (Choice | null)[], k: number): number {
  let ci = cont[k]!;
  for (let hops = 0; ci >= 0 && hops < 4; hops++) {
    if (choice[ci]) return ci;
    ci = cont[ci]!;
  }
  return -1;
}

/**
 * Names the gazetteer does not know, looked for among the towns of the province or country the
 * text puts them in under another spelling ("Buldhana city (Buldhana, Maharashtra)" is
 * GeoNames' Buldāna). Without a container, only the article's focus country and identical
 * spelling skeletons count.
 */
function variantsInContainers(gaz: Gazetteer, ms: readonly RawMention[], cont: Int32Array, choice: (Choice | null)[], focusCountry: string | null): void {
  const d = gaz.data;
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k]!;
    if (choice[k] || m.role !== 'literal' || m.demonymOf !== undefined || !/^[\p{Script=Latin}\s'’-]+$/u.test(m.text)) continue;
    const ri = resolvedContainer(cont, choice, k);
    let country: number | null = null;
    let admin1: number | null = null;
    let strict = false;
    if (ri >= 0) {
      const c = choice[ri]!.id;
      if (d.kind[c]! > KIND.admin1) continue;
      country = d.country[c]!;
      if (d.kind[c] === KIND.admin1) admin1 = d.admin1[c]!;
    } else if (focusCountry) {
      const row = gaz.countryPlace(focusCountry);
      if (row === null) continue;
      country = d.country[row]!;
      strict = true;
    }
    if (country === null || country === NONE16) continue;
    const id = findVariant(gaz, m.text, country, admin1 === NONE16 ? null : admin1, strict);
    if (id !== null) choice[k] = { id, score: MIN_SCORE, margin: 0 };
  }
}

/**
 * The nearest province, region or country up the chain of containers, which rules readings out
 * (see choose). An abbreviation ("D.C.", "WB") is too ambiguous to rule anything out.
 */
function scopeOf(gaz: Gazetteer, text: string, ms: readonly RawMention[], cont: Int32Array, choice: readonly (Choice | null)[], k: number): number | null {
  let ci = cont[k]!;
  for (let hops = 0; ci >= 0 && hops < 4; hops++) {
    const ch = choice[ci];
    if (ch && gaz.data.kind[ch.id]! <= KIND.region) return /^(?:\p{Lu}\.?){1,3}$|\.$/u.test(ms[ci]!.text) ? null : ch.id;
    // "Oktyabr district in Bishkek city": a quarter the text puts in a city is in that city's country
    if (ch && hops === 0 && quarterOfCity(text, ms[k]!, ms[ci]!)) return ch.id;
    ci = cont[ci]!;
  }
  return null;
}

/**
 * A name the text puts somewhere once ("Moura, in the Mopti region") is that place wherever the
 * article names it without saying where ("executed 300 men in the central town of Moura"), not a
 * namesake abroad that context alone would have picked. Mentions with a container of their own
 * keep their own reading.
 */
function oneNameOnePlace(ms: readonly RawMention[], cont: Int32Array, choice: (Choice | null)[]): void {
  // (a name that contains something is that container: "San Juan (San Juan)" is a city in its province)
  const isContainer = new Uint8Array(ms.length);
  for (let k = 0; k < ms.length; k++) if (cont[k]! >= 0) isContainer[cont[k]!] = 1;
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k]!;
    if (cont[k]! < 0 || m.role !== 'literal' || resolvedContainer(cont, choice, k) < 0) continue;
    const key = m.text.toLowerCase();
    for (let j = 0; j < ms.length; j++) {
      const o = ms[j]!;
      if (j === k || cont[j]! >= 0 || isContainer[j] || o.demonymOf !== undefined || o.text.toLowerCase() !== key) continue;
      if (o.role !== 'literal' && o.role !== 'modifier') continue;
      choice[j] = choice[k] ?? null;
      if (!choice[k]) cont[j] = cont[k]!;
    }
  }
}

/** Heaviest first (a module function: see byStart in nlp/spans.ts). */
function byWeightDesc(a: [string, number], b: [string, number]): number {
  return b[1] - a[1];
}

export function resolveMentions(gaz: Gazetteer, text: string, ms: readonly RawMention[], actorCountries: readonly string[]): PlaceMention[] {
  const ctx = articleContext(gaz, ms, actorCountries);
  const ctxTotal = [...ctx.countries.values()].reduce((a, b) => a + b, 0);
  const cont = containers(text, ms);
  // the one country the article is most about, if one stands out
  let focusCountry: string | null = null;
  {
    const ranked = [...ctx.countries].sort(byWeightDesc);
    if (ranked.length && ranked[0]![1] >= 0.5 && (ranked.length === 1 || ranked[0]![1] > ranked[1]![1])) focusCountry = ranked[0]![0];
  }
  const choice: (Choice | null)[] = new Array(ms.length).fill(null);
  // containers are resolved before what they contain: walk right to left
  for (let pass = 0; pass < 2; pass++) {
    const anchors: { k: number; id: number }[] = [];
    if (pass === 1) {
      for (let k = 0; k < ms.length; k++) {
        const ch = choice[k];
        if (ch && ms[k]!.role === 'literal' && gaz.data.kind[ch.id]! >= KIND.capital && ch.margin > 1) anchors.push({ k, id: ch.id });
      }
    }
    for (let k = ms.length - 1; k >= 0; k--) {
      const m = ms[k]!;
      if (m.demonymOf !== undefined) {
        choice[k] = { id: m.demonymOf, score: 10, margin: 10 };
        continue;
      }
      const ci = resolvedContainer(cont, choice, k);
      const container = ci >= 0 ? choice[ci]!.id : null;
      const dependants = [];
      for (let q = 0; q < ms.length; q++) if (cont[q] === k) dependants.push(ms[q]!);
      choice[k] = choose(gaz, m, ctx, ctxTotal, container, anchors, k, dependants, scopeOf(gaz, text, ms, cont, choice, k));
    }
  }
  variantsInContainers(gaz, ms, cont, choice, focusCountry);
  oneNameOnePlace(ms, cont, choice);
  const out: PlaceMention[] = [];
  for (let k = 0; k < ms.length; k++) {
    const m = ms[k]!;
    const ch = choice[k];
    if (ch) {
      const p = gaz.info(ch.id);
      const seatId = gaz.seatOf(ch.id);
      const seat = seatId === null ? null : gaz.info(seatId);
      out.push({
        start: m.start,
        end: m.end,
        text: m.text,
        name: p.name,
        country: p.country,
        admin1: p.admin1,
        lat: p.lat,
        lon: p.lon,
        geonameid: p.geonameid,
        feature: p.feature,
        score: Math.round((1 / (1 + Math.exp(-ch.margin))) * 100) / 100,
        role: m.role,
        designator: m.designator,
        resolved: true,
        containerIndex: cont[k]! >= 0 ? cont[k]! : undefined,
        seat: seat ? { name: seat.name, lat: seat.lat, lon: seat.lon } : null,
      });
      continue;
    }
    // a place the gazetteer does not know: keep it, placed in its container if the text gives
    // one, else (inferred, so only at country precision) in the country the article is about
    const ci = cont[k]!;
    const ri = resolvedContainer(cont, choice, k);
    const c = ri >= 0 ? choice[ri] : null;
    const cp = c ? gaz.info(c.id) : null;
    const inferred = !cp && focusCountry ? gaz.countryPlace(focusCountry) : null;
    const cap = inferred !== null ? gaz.seatOf(inferred) : null;
    const capInfo = cap !== null ? gaz.info(cap) : null;
    const base = m.designator?.replace(/ of$/, '') ?? '';
    out.push({
      start: m.start,
      end: m.end,
      text: m.text,
      name: m.text,
      country: cp?.country ?? (inferred !== null ? focusCountry : null),
      admin1: cp?.admin1 ?? null,
      lat: null,
      lon: null,
      geonameid: null,
      feature: ADMIN_DESIGNATORS.has(base) ? 'admin1' : 'point',
      score: 0,
      role: m.role,
      designator: m.designator,
      resolved: false,
      containerIndex: ci >= 0 ? ci : undefined,
      seat: capInfo ? { name: capInfo.name, lat: capInfo.lat, lon: capInfo.lon } : null,
    });
  }
  return out;
}
