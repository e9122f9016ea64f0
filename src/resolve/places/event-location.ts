// Where an event happened: the place that governs the event's clause, else its sentence, else
// its paragraph, else the article's lead place (where its first sentence, else its headline, says
// the news happened: the paragraphs after a lead tell more of that event), else the country only.
// Only literal uses count: "Moscow said", "Armenian forces" and "the Ukraine war" never locate an
// event, and a dateline ("BEIRUT (Reuters) -") says where the reporter filed from, not where the
// news happened; an event the text does not place is put in its country (as ACLED codes it), not
// in the city a correspondent writes from.
//
// A place the gazetteer does not know ("the village of X, Y district, Kunar") is reported by its
// own name with the coordinates and precision of the place the text puts it in.

import type { ActorMention, Doc, EventLocation, PlaceMention, Span } from '../../doc.js';
import { spanContaining } from '../../nlp/spans.js';

const LOCATIVE_RE = /\b(?:in|at|near|outside|around|above|below|beyond|inside|into|across|within|throughout|on|over|towards?|of|from|between|along|off|to)\s+(?:the\s+)?(?:(?:outskirts|vicinity|village|town|city|district|province|region|area|suburbs?|centre|center|north|south|east|west|northern|southern|eastern|western|central|north-?eastern|north-?western|south-?eastern|south-?western|border|parts?|areas?)\s+(?:of\s+)?(?:the\s+)?)?$/i;
const FROM_TO_RE = /(?:\b(?:from|to|towards?)\s+(?:the\s+)?\S*|\b(?:invasion|occupation|annexation|war|people|government|embassy|support|solidarity)\s+(?:of|with)\s+(?:the\s+)?)\s*$/i;
const POSSESSIVE_NOT_PLACE_RE = /^['’]s\s+(?!capital\b|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\b|(?:central|centre|center|heartland|interior|borders?|coast|side)\b|[A-Z])/;
const AFFILIATION_OF_RE = /\b(?:forces|army|troops|military|soldiers|government|ministry|president|leaders?|people|citizens|authorities|parliament|ambassador|king|minister)\s+of\s+(?:the\s+)?$/i;
const CLAUSE_BREAK_RE = /;|\s[—–]\s|\b(?:but|while|whereas|meanwhile)\b/gi;

function usable(p: PlaceMention): boolean {
  const role = p.role ?? 'literal';
  return role === 'literal' || role === 'modifier';
}

function precisionOf(feature: string): EventLocation['precision'] {
  if (feature === 'point') return 'point';
  if (feature === 'admin1') return 'admin1';
  if (feature === 'country') return 'country';
  return 'region';
}

const SPECIFICITY: Record<string, number> = { point: 2, admin1: 1.2, region: 0.8, continent: 0, country: 0.3 };

/** The chain's first place with coordinates: the place itself, or the one the text puts it in. */
function located(places: readonly PlaceMention[], i: number): PlaceMention | null {
  let p: PlaceMention | undefined = places[i];
  for (let hops = 0; p && hops < 4; hops++) {
    if (p.lat !== null && p.lon !== null) return p;
    p = p.containerIndex !== undefined ? places[p.containerIndex] : undefined;
  }
  return null;
}

function clauseOf(text: string, sentence: Span, anchor: Span): Span {
  let start = sentence.start;
  let end = sentence.end;
  const s = text.slice(sentence.start, sentence.end);
  CLAUSE_BREAK_RE.lastIndex = 0;
  for (let m = CLAUSE_BREAK_RE.exec(s); m; m = CLAUSE_BREAK_RE.exec(s)) {
    const at = sentence.start + m.index;
    if (at + m[0].length <= anchor.start) start = at + m[0].length;
    else if (at >= anchor.end && at < end) {
      end = at;
      break;
    }
  }
  return { start, end };
}

// (loops and module functions in this file, not callbacks made per call: V8 drops a closure's
// optimized code at every full GC, holding it weakly while none is alive between articles, and
// compiles it again)
function anyStartsFrom(spans: readonly Span[], from: number): boolean {
  for (const q of spans) if (q.start >= from) return true;
  return false;
}

function pick(text: string, { places, contents }: ArticlePlaces, within: Span, anchor: Span): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let i = 0; i < places.length; i++) {
    const p = places[i]!;
    if (p.start < within.start || p.end > within.end || !usable(p)) continue;
    if (!located(places, i) && !countryOnly(p)) continue;
    // a container is reached through what it contains, not chosen on its own
    if (anyStartsFrom(contents[i]!, within.start)) continue;
    const before = text.slice(Math.max(within.start, p.start - 60), p.start);
    const prep = LOCATIVE_RE.test(before);
    if ((p.role ?? 'literal') === 'modifier' && !prep) continue;
    // a country named without "in"/"near" is usually a party ("clashes with Azerbaijan"), not the
    // place; nor is "in Somalia's history" (but "in Somalia's capital", "in Ukraine's east" place
    // it), nor "the armed forces of Armenia" (whose, not where)
    if (p.feature === 'country' && (!prep || POSSESSIVE_NOT_PLACE_RE.test(text.slice(p.end, p.end + 24)) || AFFILIATION_OF_RE.test(before))) continue;
    // "refugees from Ukraine arrived in Slovakia", "against the invasion of Ukraine": an origin, a
    // destination or a topic is a weaker sign of where it happened than "in", "at" or "near"
    let s = prep ? (FROM_TO_RE.test(before) ? 2 : 3) : 0;
    // the text pins it down further: "in La Plata (Buenos Aires)", "Qalat city, Zabul"
    if (p.containerIndex !== undefined) s += 1.5;
    s += SPECIFICITY[p.resolved === false ? (located(places, i) ? 'point' : 'country') : p.feature] ?? 0;
    const dist = p.start >= anchor.end ? p.start - anchor.end : anchor.start - p.end;
    s -= Math.max(0, dist) / 150;
    if (p.start >= anchor.end) s += 0.3;
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  return best;
}

/** An unknown place with nothing but the article's country to put it in. */
function countryOnly(p: PlaceMention): boolean {
  return p.resolved === false && !!p.country && !!p.seat;
}

/** "in Somalia's capital", "in the capital of Mali": the capital, not the country. */
const SENTENCE_GAP_RE = /[.!?]\s|\n/;
const CAPITAL_AFTER_RE = /^['’]s\s+capital\b/;
const CAPITAL_BEFORE_RE = /\bthe\s+capital\s+of\s+$/i;

function toLocation(text: string, places: readonly PlaceMention[], i: number): EventLocation | null {
  const p = places[i]!;
  if (p.feature === 'country' && p.seat) {
    const after = CAPITAL_AFTER_RE.exec(text.slice(p.end, p.end + 12));
    if (after || CAPITAL_BEFORE_RE.test(text.slice(Math.max(0, p.start - 20), p.start))) {
      const evidence = after ? { start: p.start, end: p.end + after[0].length } : { start: p.start, end: p.end };
      return { name: p.seat.name, country: p.country, admin1: null, lat: p.seat.lat, lon: p.seat.lon, precision: 'point', evidence };
    }
  }
  const at = located(places, i);
  if (!at) {
    if (!countryOnly(p)) return null;
    return { name: p.text, country: p.country, admin1: null, lat: p.seat!.lat, lon: p.seat!.lon, precision: 'country', evidence: { start: p.start, end: p.end } };
  }
  const own = p === at;
  // a province or a country is put at its seat or capital, as ACLED and UCDP code such events
  const point = at.feature !== 'point' && at.seat ? at.seat : { lat: at.lat, lon: at.lon };
  return {
    name: own ? at.name : p.text,
    country: at.country,
    admin1: at.admin1,
    lat: point.lat,
    lon: point.lon,
    precision: precisionOf(at.feature),
    // (the name and its container as one span when the text names them together: "Xqorbandi village, Kunar province")
    evidence: own || at.end < p.start || SENTENCE_GAP_RE.test(text.slice(p.end, at.start)) ? { start: p.start, end: p.end } : { start: p.start, end: Math.max(p.end, at.end) },
  };
}

/**
 * The article's focus: the literal place it names most, the most specific on a tie. A dateline's
 * place is where the reporter filed from ("BEIRUT (Reuters) - … in Syria's Idlib"), not news.
 */
function focus(places: readonly PlaceMention[], dateline: ReadonlySet<number>): number {
  const counts = new Map<string, { n: number; i: number; spec: number }>();
  for (let i = 0; i < places.length; i++) {
    const p = places[i]!;
    if ((p.role ?? 'literal') !== 'literal' || p.lat === null || dateline.has(i)) continue;
    const key = `${p.name}|${p.country}|${p.feature}`;
    const c = counts.get(key) ?? { n: 0, i, spec: SPECIFICITY[p.feature] ?? 0 };
    c.n++;
    counts.set(key, c);
  }
  let best: { n: number; i: number; spec: number } | null = null;
  for (const c of counts.values()) {
    if (!best || c.n + c.spec * 0.1 > best.n + best.spec * 0.1) best = c;
  }
  return best ? best.i : -1;
}

/** Country sources that the text states (a named group, a country name, "Somali forces"), not inferred ones. */
const STATED_COUNTRY = new Set(['lexicon', 'name', 'adjective', 'of-phrase']);

/**
 * The country the actors give, at country precision and without coordinates. A mission's
 * country first ("the OSCE SMM observed shots near X": the mission works in Ukraine), else the
 * one country the actors of the event's sentence (or, not `sentenceOnly`, of the article) are
 * stated to belong to ("Somali forces blocked the road in X"). Several countries with no one
 * standing out give nothing.
 */
function actorCountry(doc: Doc, anchor: Span, sentenceOnly: boolean): EventLocation | null {
  const actors: ActorMention[] = [];
  for (const a of doc.actors ?? []) if (a.kind !== 'pronoun') actors.push(a);
  for (const mission of actors) {
    if (mission.operatesIn) return { name: null, country: mission.operatesIn, admin1: null, lat: null, lon: null, precision: 'country', evidence: { start: mission.start, end: mission.end } };
  }
  const sentence = spanContaining(doc.sentences, anchor.start);
  const stated: ActorMention[] = [];
  for (const a of actors) if (a.country && a.country !== 'IGO' && a.countryFrom && STATED_COUNTRY.has(a.countryFrom)) stated.push(a);
  const inSentence: ActorMention[] = [];
  if (sentence) for (const a of stated) if (a.start >= sentence.start && a.end <= sentence.end) inSentence.push(a);
  const pools = sentenceOnly ? (sentence ? [inSentence] : []) : [stated];
  for (const pool of pools) {
    const counts = new Map<string, number>();
    for (const a of pool) counts.set(a.country!, (counts.get(a.country!) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    if (!ranked.length) continue;
    if (ranked.length > 1 && ranked[0]![1] === ranked[1]![1]) return null;
    let a = pool[0]!;
    for (const x of pool) if (x.country === ranked[0]![0]) {
      a = x;
      break;
    }
    return { name: null, country: a.country, admin1: null, lat: null, lon: null, precision: 'country', evidence: { start: a.start, end: a.end } };
  }
  return null;
}

export function eventLocation(doc: Doc, anchor: Span): EventLocation | null {
  const article = articlePlaces(doc);
  return placeLocation(doc, article, anchor) ?? countryLocation(doc, article, anchor);
}

/**
 * The text places the event nowhere: its country, at country precision. The country of a mission
 * or of the event's sentence's actors ("Myanmar's military seized power"), else of the article's
 * focus, else of its dateline, else of the article's actors. Named and put at the capital as the
 * text's own mention of the country is (toLocation), when the text names it.
 */
function countryLocation(doc: Doc, article: ArticlePlaces, anchor: Span): EventLocation | null {
  const { places } = article;
  let at = actorCountry(doc, anchor, true);
  if (!at) {
    const i = article.focus >= 0 ? article.focus : article.datelinePlace;
    const p = i >= 0 ? places[i]! : null;
    if (p?.country) at = { name: null, country: p.country, admin1: null, lat: null, lon: null, precision: 'country', evidence: { start: p.start, end: p.end } };
  }
  at ??= actorCountry(doc, anchor, false);
  if (!at?.country) return at;
  for (let i = 0; i < places.length; i++) {
    const p = places[i]!;
    if (p.feature === 'country' && p.country === at.country && p.seat) return { ...at, name: p.name, lat: p.seat.lat, lon: p.seat.lon };
  }
  return at;
}

/**
 * "a camp of Boko Haram militants": a word of a named armed group's name that the gazetteer also
 * knows (Boko, Kazakhstan) is part of the name, not a place the event happened in. The indices of
 * such places.
 */
function inGroupNames(doc: Doc, places: readonly PlaceMention[]): Set<number> {
  const groups: ActorMention[] = [];
  for (const a of doc.actors ?? []) if (a.kind === 'group') groups.push(a);
  const out = new Set<number>();
  for (let i = 0; i < places.length; i++) {
    const p = places[i]!;
    for (const a of groups) {
      if (a.start <= p.start && p.end <= a.end && a.end - a.start > p.end - p.start) {
        out.add(i);
        break;
      }
    }
  }
  return out;
}

/** What placeLocation reads of an article's places, the same for each of its events. */
interface ArticlePlaces {
  /** the places, those inside a group's name made 'embedded' */
  places: PlaceMention[];
  /** indices of the places inside a group's name */
  named: Set<number>;
  /** per place, the usable places the text puts in it */
  contents: PlaceMention[][];
  /** the article's focus place (see focus), or -1 */
  focus: number;
  /** indices of the places in the dateline */
  dateline: Set<number>;
  /** the dateline's first place, or -1 */
  datelinePlace: number;
  /** where the lead says the news happened (see leadPlace), or -1 */
  lead: number;
}

/** Per places layer (and the actors it was read with): an article has many events, one computation. */
const articlePlacesMemo = new WeakMap<readonly PlaceMention[], { actors: readonly ActorMention[] | undefined; value: ArticlePlaces }>();

function articlePlaces(doc: Doc): ArticlePlaces {
  const raw = doc.places ?? [];
  const memo = articlePlacesMemo.get(raw);
  if (memo && memo.actors === doc.actors) return memo.value;
  const named = inGroupNames(doc, raw);
  const places: PlaceMention[] = [];
  for (let i = 0; i < raw.length; i++) places.push(named.has(i) ? { ...raw[i]!, role: 'embedded' as const } : raw[i]!);
  const contents: PlaceMention[][] = [];
  for (let k = 0; k < places.length; k++) contents.push([]);
  for (let k = 0; k < places.length; k++) {
    const q = places[k]!;
    if (q.containerIndex !== undefined && q.containerIndex !== k && usable(q)) contents[q.containerIndex]?.push(q);
  }
  const dateline = new Set<number>();
  for (let i = 0; i < places.length; i++) if (spanContaining(doc.paragraphs, places[i]!.start)?.kind === 'dateline') dateline.add(i);
  let datelinePlace = -1;
  for (const i of dateline) if (places[i]!.country) {
    datelinePlace = i;
    break;
  }
  const value: ArticlePlaces = { places, named, contents, focus: focus(places, dateline), dateline, datelinePlace, lead: -1 };
  value.lead = leadPlace(doc, value);
  articlePlacesMemo.set(raw, { actors: doc.actors, value });
  return value;
}

function paragraphNumbered<P extends { index: number }>(paragraphs: readonly P[] | undefined, index: number): P | undefined {
  for (const p of paragraphs ?? []) if (p.index === index) return p;
  return undefined;
}

/**
 * Where the lead says the news happened: a place its first body sentence puts something "in",
 * "at" or "near", else its headline does ("Suspected chemical attack kills dozens in Syria's
 * Idlib"). A country gives way to the focus if that is a place in it.
 */
function leadPlace(doc: Doc, article: ArticlePlaces): number {
  const spans: Span[] = [];
  for (const s of doc.sentences ?? []) if (doc.paragraphs?.[s.paragraph]?.kind === 'body') {
    spans.push(s);
    break;
  }
  for (const p of doc.paragraphs ?? []) if (p.kind === 'title') spans.push(p);
  for (const span of spans) {
    const i = pick(doc.text, article, span, { start: span.start, end: span.start });
    if (i < 0) continue;
    const p = article.places[i]!;
    if (!LOCATIVE_RE.test(doc.text.slice(Math.max(span.start, p.start - 60), p.start))) continue;
    return moreExact(article, i);
  }
  return -1;
}

/** "in Azerbaijan" in an article about Nagorno-Karabakh: the article's more precise place in that country. */
function moreExact(article: ArticlePlaces, i: number): number {
  const { places, focus: f } = article;
  if (places[i]!.feature === 'country' && f >= 0 && places[f]!.feature !== 'country' && places[f]!.country === places[i]!.country) return f;
  return i;
}

/** "across Lebanon", "throughout the country": the whole country, not a place in it. */
const NATIONWIDE_RE = /\b(?:across|throughout|all\s+over)\s+(?:the\s+)?$/i;

function placeLocation(doc: Doc, article: ArticlePlaces, anchor: Span): EventLocation | null {
  const { places, named } = article;
  if (!places.length) return null;
  const sentence = spanContaining(doc.sentences, anchor.start);
  if (sentence) {
    const clause = clauseOf(doc.text, sentence, anchor);
    let i = pick(doc.text, article, clause, anchor);
    if (i < 0) i = pick(doc.text, article, sentence, anchor);
    if (i < 0) {
      const para = paragraphNumbered(doc.paragraphs, sentence.paragraph);
      if (para && para.kind === 'body') i = pick(doc.text, article, para, anchor);
    }
    if (i >= 0) {
      const p = places[i]!;
      if (!NATIONWIDE_RE.test(doc.text.slice(Math.max(0, p.start - 20), p.start))) i = moreExact(article, i);
      return toLocation(doc.text, places, i);
    }
  }
  if (article.lead >= 0) return toLocation(doc.text, places, article.lead);
  // places named elsewhere in the article say nothing of where this event was: its country only
  if (article.focus >= 0) return null;
  // the only place named is inside an institution's name ("Hakkari Governor's office issued a
  // ban"): the institution sits there, which beats no place at all
  let inName = -1;
  for (let i = 0; i < places.length; i++) {
    const p = places[i]!;
    if (p.role === 'embedded' && !named.has(i) && p.lat !== null && p.feature !== 'country' && p.feature !== 'continent') {
      inName = i;
      break;
    }
  }
  return inName >= 0 ? toLocation(doc.text, places, inName) : null;
}
