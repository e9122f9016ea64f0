// Toponym recognition: candidate spans in running text, looked up in the gazetteer.
//
// Generate candidates freely, refine later (disambiguate.ts): here every capitalised word
// sequence is tried against the name index, longest match first, and so are the words that
// a designator marks as a place even when the gazetteer does not know them ("the village of
// X", "X district"). Demonyms are kept apart ("Armenian" is not a place mention of Armenia,
// it is tagged `adjectival`), and so are uses where the place stands for its government
// ("Moscow said": `metonymic`).

import type { Token } from '../../doc.js';
import { normNameMemo } from './normalize.js';
import type { Candidate, Gazetteer } from './gazetteer.js';
import { KIND } from './sources.js';

export type PlaceRole = 'literal' | 'metonymic' | 'adjectival' | 'demonym' | 'modifier' | 'embedded';

export interface Word {
  start: number;
  end: number;
  text: string;
  /** starts with a capital letter, or is in a script without case (Arabic, Hebrew…) */
  cap: boolean;
}

export interface RawMention {
  start: number;
  end: number;
  text: string;
  candidates: Candidate[];
  role: PlaceRole;
  /** The designator next to the name ("district", "province", "village of") */
  designator: string | null;
  /** index of the sentence */
  sentence: number;
  /** a demonym/adjective: the one place it refers to */
  demonymOf?: number;
}

const CASED_RE = /[\p{Lu}\p{Ll}]/u;
const UPPER_RE = /^\p{Lu}/u;

/** Lower-case words that may sit inside a place name ("Bosnia and Herzegovina", "Rostov on Don"). */
const CONNECTORS = new Set(['of', 'and', 'de', 'del', 'della', 'la', 'le', 'les', 'al', 'el', 'ad', 'an', 'as', 'ash', 'at', 'az', 'ar', 'bin', 'on', 'upon', 'am', 'im', 'an', 'der', 'des', 'do', 'da', 'dos', 'das', 'e', 'y', 'sur', 'en', 'van', 'von',
  // Arabic articles as transliterated inside names ("Deir ez Zor", "Ras el Ain", "Jisr ash Shughur")
  'ez', 'es', 'ed', 'er', 'et', 'ul', 'ur', 'wa', 'ibn']);

/** Words after a name that say what kind of place it is. */
export const POINT_DESIGNATORS = new Set(['village', 'villages', 'town', 'towns', 'city', 'cities', 'district', 'districts', 'township', 'municipality', 'neighbourhood', 'neighborhood', 'camp', 'settlement', 'locality', 'commune', 'subdistrict', 'sub-district', 'suburb', 'area', 'sector', 'market', 'checkpoint', 'crossing', 'tehsil', 'upazila', 'lga', 'department', 'county', 'prefecture', 'woreda', 'kebele', 'hromada', 'raion', 'rayon', 'quarter',
  // the local units ACLED and national reporting name: Colombia, the Philippines, Latin America, South Asia, East Africa
  'corregimiento', 'vereda', 'barangay', 'barrio', 'colonia', 'ward', 'municipio', 'parish', 'sub-county', 'mouza', 'thana', 'taluk', 'tehsil', 'gewog', 'arrondissement', 'localidad']);
export const ADMIN_DESIGNATORS = new Set(['province', 'provinces', 'region', 'regions', 'oblast', 'oblasts', 'governorate', 'governorates', 'state', 'states', 'division', 'krai', 'territory', 'emirate', 'canton', 'countryside']);
const DESIGNATOR_OF = new Set([...POINT_DESIGNATORS, ...ADMIN_DESIGNATORS, 'outskirts', 'vicinity', 'south', 'north', 'east', 'west', 'coast']);

const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'president', 'minister', 'general', 'gen', 'col', 'colonel', 'lt', 'sgt', 'capt', 'captain', 'major', 'sen', 'senator', 'rep', 'gov', 'governor', 'king', 'queen', 'prince', 'princess', 'pope', 'sheikh', 'imam', 'father', 'sir', 'lord', 'judge', 'justice', 'mayor', 'commander', 'chief', 'secretary', 'ambassador', 'spokesman', 'spokeswoman', 'spokesperson', 'premier', 'chancellor', 'emir', 'sultan', 'ayatollah', 'rev', 'bishop', 'archbishop', 'patriarch', 'officer', 'agent', 'coach', 'professor', 'prof', 'st']);

/** Capitalised words that are also names of small places but almost always mean something else. */
const CALENDAR = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

const NEVER_PLACES = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tomorrow',
  'police', 'army', 'government', 'ministry', 'president', 'minister', 'union', 'university', 'state', 'the', 'a', 'an',
  'of', 'man', 'bar', 'best', 'sale', 'mobile', 'reading', 'nice', 'split', 'david', 'god', 'allah', 'islam', 'hamas', 'taliban',
  'al', 'el', 'said', 'says', 'news', 'media', 'press', 'more', 'most', 'many', 'people', 'he', 'she', 'they', 'it', 'we', 'i',
  'this', 'that', 'these', 'those', 'there', 'here', 'his', 'her', 'their', 'our', 'who', 'what', 'when', 'where', 'why', 'how',
  'in', 'on', 'at', 'by', 'for', 'from', 'with', 'after', 'before', 'during', 'since', 'as', 'and', 'but', 'or', 'if', 'while',
  'also', 'however', 'meanwhile', 'according', 'security', 'forces', 'force', 'troops', 'military', 'defense', 'defence', 'office',
  'court', 'council', 'party', 'front', 'movement', 'group', 'national', 'international', 'republic', 'federal', 'central',
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'new', 'old', 'great', 'little', 'upper', 'lower',
  'mount', 'lake', 'river', 'city', 'town', 'village', 'province', 'district', 'region', 'county', 'street', 'road', 'square',
  'airport', 'port', 'bridge', 'hospital', 'school', 'church', 'mosque', 'market', 'camp', 'base', 'center', 'centre', 'house',
  'white', 'black', 'red', 'green', 'blue', 'gold', 'golden', 'victory', 'independence', 'liberty', 'freedom', 'peace', 'hope',
  'justice', 'progress', 'unity', 'mission', 'christmas', 'easter', 'ramadan', 'eid', 'covid', 'corona', 'internet', 'twitter',
  'facebook', 'telegram', 'reuters', 'interfax', 'tass', 'associated', 'agency', 'post', 'times', 'guardian', 'mail', 'star', 'sun',
  'young', 'page', 'tower', 'bank', 'senate', 'congress', 'parliament', 'cabinet', 'islamic', 'democratic', 'popular', 'revolutionary',
  'social', 'liberal', 'people', 'hall', 'college', 'academy', 'institute', 'museum', 'park', 'station', 'prison', 'palace', 'coast',
]);

/** Verbs after a place that make it stand for its government or people ("Moscow said"). */
const ACTOR_VERBS = new Set(['say', 'said', 'says', 'announce', 'announced', 'announces', 'accuse', 'accused', 'accuses', 'deny', 'denied', 'denies', 'blame', 'blamed', 'blames', 'claim', 'claimed', 'claims', 'warn', 'warned', 'warns', 'demand', 'demanded', 'demands', 'urge', 'urged', 'urges', 'condemn', 'condemned', 'condemns', 'reject', 'rejected', 'rejects', 'insist', 'insisted', 'insists', 'state', 'stated', 'states', 'respond', 'responded', 'responds', 'agree', 'agreed', 'agrees', 'sign', 'signed', 'signs', 'refuse', 'refused', 'refuses', 'threaten', 'threatened', 'threatens', 'call', 'called', 'calls', 'ask', 'asked', 'asks', 'hope', 'hoped', 'hopes', 'want', 'wanted', 'wants', 'vow', 'vowed', 'vows', 'pledge', 'pledged', 'pledges', 'decide', 'decided', 'decides', 'approve', 'approved', 'approves', 'impose', 'imposed', 'imposes', 'recognize', 'recognized', 'recognise', 'recognised', 'expel', 'expelled', 'summon', 'summoned', 'send', 'sent', 'sends', 'invade', 'invaded', 'invades', 'launch', 'launched', 'launches', 'support', 'supported', 'supports', 'backed', 'backs', 'oppose', 'opposed', 'opposes', 'seek', 'sought', 'seeks', 'plan', 'planned', 'plans', 'believe', 'believes', 'believed', 'told', 'tells', 'appeal', 'appealed', 'appeals', 'request', 'requested', 'requests', 'offer', 'offered', 'offers', 'provide', 'provided', 'provides', 'recall', 'recalled', 'sanction', 'sanctioned', 'retaliate', 'retaliated', 'will', 'would', 'has', 'have', 'had', 'must', 'should', 'could', 'can', 'may', 'might', 'did', 'does']);

const LOCATIVE_PREPS = new Set(['in', 'at', 'near', 'across', 'throughout', 'from', 'to', 'into', 'inside', 'outside', 'around', 'towards', 'toward', 'within', 'over', 'via', 'through']);

const TOPIC_NOUNS = new Set(['war', 'wars', 'conflict', 'crisis', 'ceasefire', 'truce', 'talks', 'peace', 'settlement', 'issue', 'question', 'dispute', 'deal', 'agreement', 'veterans', 'government', 'authorities', 'officials', 'leader', 'leaders', 'leadership', 'president', 'army', 'forces', 'troops', 'police', 'embassy', 'ministry', 'regime', 'administration', 'delegation', 'envoy', 'policy', 'invasion', 'offensive', 'campaign', 'movement', 'separatists', 'rebels', 'militants']);

/** Verbs that keep a place literal even as subject ("Kyiv was shelled"). */
const PASSIVE_AUX = new Set(['was', 'were', 'is', 'are', 'been', 'being', 'be']);

/** Abbreviations written with a dot before a capitalised word ("St. Louis", "Gen. Smith"). */
const SHORT_FORMS = new Set(['st', 'mt', 'ft', 'pt', 'gen', 'col', 'lt', 'dr', 'mr', 'mrs', 'ms', 'sgt', 'capt', 'rev', 'gov', 'sen', 'rep', 'pres', 'jr', 'sr', 'no', 'ste', 'mts', 'prof', 'maj', 'cpl', 'pvt', 'adm', 'cmdr', 'hon', 'messrs', 'vs', 'co', 'inc', 'ltd', 'corp', 'dept', 'univ', 'ave', 'blvd', 'rd']);

/**
 * The words of one sentence (`text` from `start` to `end`). findPlaces reads each sentence's words
 * once and hands the same array to personLikeNames and recognizeSentence; they never modify it.
 */
export function wordsOf(text: string, start: number, end: number): Word[] {
  const out: Word[] = [];
  const slice = text.slice(start, end);
  for (let at = nextWordStart(slice, 0); at < slice.length; at = nextWordStart(slice, at)) {
    const wordEnd = wordEndAt(slice, at);
    let w = slice.slice(at, wordEnd);
    // a final dot belongs to the word only for abbreviations ("U.S.", "Va."), not at a sentence end
    // ("Breiha village, Deir ez Zor. The coalition…": a short word before a new sentence is not one)
    // (only words ending in a dot are asked: most words are not, and the test reads the rest of the sentence)
    if (w.endsWith('.')) {
      const sentenceEnd = !SHORT_FORMS.has(w.slice(0, -1).toLowerCase()) && (/^\s+["“]?\p{Lu}/u.test(slice.slice(wordEnd)) || wordEnd >= slice.length);
      if (!/^(?:\p{Lu}\.)+$/u.test(w) && (!/^\p{Lu}[\p{Ll}]{0,4}\.$/u.test(w) || (sentenceEnd && at > 0 && /\p{L}/u.test(slice[at - 2] ?? '')))) w = w.slice(0, -1);
    }
    // "Russia's", "Kunar’s": the possessive is not part of the name
    if (w.length > 3 && (w.endsWith("'s") || w.endsWith('’s'))) w = w.slice(0, -2);
    const s = start + at;
    out.push({ start: s, end: s + w.length, text: w, cap: startsCapitalised(w) });
    at = wordEnd;
  }
  return out;
}

// Words are what /[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'’.][\p{L}\p{M}\p{N}]+|&\p{Lu})*\.?/gu matches:
// a letter (or mark), letters, marks and digits, then parts joined by - ' ’ . (each followed by at
// least one of those) or "&" and a capital, then perhaps a dot ("Dara-e-Pech", "Donets'k", "U.S.",
// "AT&T").
// Scanned by hand: the Unicode regex cost 2 % of an ingest's time, on text that is nearly all
// ASCII (the scan asks the regexes only of other characters, code point by code point).
const LETTER_RE = /[\p{L}\p{M}]/u;
const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}]/u;
const CAPITAL_RE = /\p{Lu}/u;

/** Is the code point at `i` a letter or mark (kind 1), or also a digit (kind 2), or (kind 3) a capital? Its length in UTF-16 units, 0 if not. */
function charOf(s: string, i: number, kind: 1 | 2 | 3): number {
  const c = s.charCodeAt(i);
  if (c < 128) {
    if ((c >= 65 && c <= 90) || (kind !== 3 && c >= 97 && c <= 122)) return 1;
    return kind === 2 && c >= 48 && c <= 57 ? 1 : 0;
  }
  if (Number.isNaN(c)) return 0;
  const cp = s.codePointAt(i)!;
  const ch = String.fromCodePoint(cp);
  const re = kind === 1 ? LETTER_RE : kind === 2 ? WORD_CHAR_RE : CAPITAL_RE;
  return re.test(ch) ? ch.length : 0;
}

/** Where the next word starts at or after `i` (s.length when none). */
export function nextWordStart(s: string, i: number): number {
  while (i < s.length) {
    const n = charOf(s, i, 1);
    if (n) return i;
    i += s.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return s.length;
}

/** The end of the word starting at `i` (the regex above, matched from there). */
export function wordEndAt(s: string, i: number): number {
  i += charOf(s, i, 1);
  for (let n = charOf(s, i, 2); n; n = charOf(s, i, 2)) i += n;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 45 || c === 39 || c === 0x2019 || c === 46) {
      let j = i + 1;
      const first = charOf(s, j, 2);
      if (!first) break;
      j += first;
      for (let n = charOf(s, j, 2); n; n = charOf(s, j, 2)) j += n;
      i = j;
    } else if (c === 38) {
      const n = charOf(s, i + 1, 3);
      if (!n) break;
      i += 1 + n;
    } else break;
  }
  return s.charCodeAt(i) === 46 ? i + 1 : i;
}

/** Starts with a capital letter, or with a letter of a script without case (Arabic, Hebrew…). */
function startsCapitalised(w: string): boolean {
  // most words are ASCII: one comparison instead of two Unicode regexes per word
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return CASED_RE.test(w[0]!) ? UPPER_RE.test(w) : /\p{L}/u.test(w[0]!);
}

const MAX_WORDS = 7;

export interface RecognizeContext {
  gaz: Gazetteer;
  text: string;
  /** tokens of the doc, for POS of single-word candidates */
  tokenAt: (offset: number) => Token | undefined;
  /** Is `word` (lower-cased, alone) an ordinary English word? (only asked for sentence-initial candidates) */
  isCommonWord: (lower: string) => boolean;
  /** Surnames seen in full person names elsewhere in the article ("Kelly" after "Ryan Kelly"). */
  personish?: ReadonlySet<string>;
}

/**
 * Last words of two- and three-word capitalised names that are not places and do not start with
 * a place or a common word ("Ryan Kelly", "Mark Zuckerberg"): later, "Kelly" alone is that person.
 */
export function personLikeNames(gaz: Gazetteer, text: string, sentenceWords: readonly (readonly Word[])[]): Set<string> {
  const out = new Set<string>();
  for (const words of sentenceWords) {
    for (let i = 0; i + 1 < words.length; i++) {
      const a = words[i]!;
      const b = words[i + 1]!;
      if (!a.cap || !b.cap || !/^\s+$/.test(text.slice(a.end, b.start))) continue;
      if (!/^\p{Lu}\p{Ll}+$/u.test(a.text) || !/^\p{Lu}\p{Ll}+$/u.test(b.text)) continue;
      const ka = normNameMemo(a.text);
      const kb = normNameMemo(b.text);
      if (NEVER_PLACES.has(ka) || TITLES.has(ka) || gaz.isCommonWord(ka) || gaz.isCommonWord(kb) || isPlaceHead(b.text)) continue;
      if (gaz.lookupKey(`${ka} ${kb}`).length) continue;
      const ca = gaz.lookupKey(ka);
      if (isBigPlace(gaz, ca) || gaz.demonym(a.text) !== null) continue;
      out.add(kb);
    }
  }
  return out;
}

function isBigPlace(gaz: Gazetteer, c: Candidate[]): boolean {
  for (const x of c) {
    const k = gaz.data.kind[x.id]!;
    if (!x.alt && (k <= KIND.continent || k === KIND.capital || gaz.data.pop[x.id]! >= 200_000)) return true;
  }
  return false;
}

function allCaps(s: string): boolean {
  return s.length > 1 && s === s.toUpperCase() && /\p{Lu}/u.test(s);
}

/** Abbreviations and postal codes ("N.J.", "Va.", "NJ") name a place only after "Town, ". */
function isAbbreviation(surface: string): boolean {
  return /\.$/.test(surface) || (surface.length <= 3 && allCaps(surface));
}

/** Place mentions in sentence `sentenceIndex`, which starts at `start` and has the words `words` (wordsOf). */
export function recognizeSentence(ctx: RecognizeContext, sentenceIndex: number, start: number, words: readonly Word[]): RawMention[] {
  const { gaz, text } = ctx;
  const out: RawMention[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (!w.cap) {
      i++;
      continue;
    }
    // longest match starting at word i
    let best = -1;
    let bestCands: Candidate[] = [];
    let key = '';
    for (let j = i; j < words.length && j < i + MAX_WORDS; j++) {
      const wj = words[j]!;
      if (j > i) {
        const gap = text.slice(words[j - 1]!.end, wj.start);
        if (!/^[\s\-]{0,2}$/.test(gap)) break;
        if (!wj.cap && !CONNECTORS.has(wj.text.toLowerCase())) break;
      }
      key = key ? `${key} ${normNameMemo(wj.text)}` : normNameMemo(wj.text);
      if (wj.cap) {
        const c = gaz.lookupKey(key);
        if (c.length) {
          best = j;
          bestCands = c;
        }
      }
      if (!gaz.hasLonger(key)) break;
    }
    const dem = demonymAt(ctx, words, i, sentenceIndex);
    // "Israeli" is also an alternate name of Israel in some languages: the demonym wins unless the
    // gazetteer match is longer ("South African Airways" no, "Syrian Arab Republic" yes)
    if (dem && (best < 0 || dem.next - 1 >= best)) {
      out.push(dem.m);
      i = dem.next;
      continue;
    }
    if (best >= 0) {
      const m = refineMatch(ctx, words, i, best, bestCands, sentenceIndex, start);
      if (m) {
        out.push(m);
        i = best + 1;
        continue;
      }
    }
    const unknown = unknownWithDesignator(ctx, words, i, sentenceIndex);
    if (unknown) {
      out.push(unknown.m);
      i = unknown.next;
      continue;
    }
    i++;
  }
  return out;
}

function designatorAfter(text: string, words: readonly Word[], j: number): string | null {
  // "X district", "X (Y) district", "X Province", "X oblast"
  let k = j + 1;
  if (k < words.length && text.slice(words[j]!.end, words[k]!.start).includes('(')) {
    // skip one parenthesised alternative name
    while (k < words.length && !text.slice(words[k - 1]!.end, words[k]!.start).includes(')')) k++;
    if (k - j > 4) return null;
  }
  const n = words[k];
  if (!n) return null;
  const gap = text.slice(words[k - 1]!.end, n.start);
  if (!/^[\s)]*$/.test(gap)) return null;
  const lw = n.text.toLowerCase().replace(/\.$/, '');
  return POINT_DESIGNATORS.has(lw) || ADMIN_DESIGNATORS.has(lw) ? lw : null;
}

function designatorBefore(text: string, words: readonly Word[], i: number): string | null {
  // "the village of X", "the town of X", "X's" no
  if (i < 2) return null;
  const of = words[i - 1]!;
  if (of.text !== 'of' || !/^\s+$/.test(text.slice(of.end, words[i]!.start))) return null;
  const d = words[i - 2]!.text.toLowerCase();
  return DESIGNATOR_OF.has(d) ? `${d} of` : null;
}

// refineMatch's tests over the candidates, as module functions: callbacks made per call lose
// their optimized code at every full GC (V8 holds a closure's code weakly; between articles none
// is alive) and are compiled again each time.
/** A candidate known by this (normalised) name, not an alternate one. */
function someNamed(gaz: Gazetteer, cands: readonly Candidate[], key: string): boolean {
  for (const c of cands) if (!c.alt && normNameMemo(gaz.info(c.id).name) === key) return true;
  return false;
}

/** A candidate that is a town of some size (a capital or seat of ≥ 50,000) by its own name. */
function someTown(gaz: Gazetteer, cands: readonly Candidate[]): boolean {
  for (const c of cands) if (!c.alt && gaz.data.kind[c.id]! >= KIND.capital && gaz.data.pop[c.id]! >= 50_000) return true;
  return false;
}

/** `key` only abbreviates every candidate's name ("Mass" for Massachusetts). */
function allTruncations(gaz: Gazetteer, cands: readonly Candidate[], key: string): boolean {
  for (const c of cands) if (!isTruncation(key, normNameMemo(gaz.info(c.id).name))) return false;
  return true;
}

/** Every candidate is a place under 20,000 known here only by an alternate name. */
function allTinyByAltName(gaz: Gazetteer, cands: readonly Candidate[]): boolean {
  for (const c of cands) if (!(c.alt && gaz.data.kind[c.id]! >= KIND.adminSeat && gaz.data.pop[c.id]! < 20_000)) return false;
  return true;
}

function refineMatch(ctx: RecognizeContext, words: readonly Word[], i: number, j: number, cands: Candidate[], sentence: number, sentStart: number): RawMention | null {
  const { gaz, text } = ctx;
  const first = words[i]!;
  const last = words[j]!;
  let surface = text.slice(first.start, last.end);
  // "Iraq." at a sentence end: the dot is punctuation, unlike in "Va." or "N.J."
  if (/^\p{Lu}\p{Ll}+\.$/u.test(surface) && someNamed(gaz, cands, normNameMemo(surface))) {
    surface = surface.slice(0, -1);
  }
  const single = i === j;
  const lower = surface.toLowerCase();
  const designator = designatorAfter(text, words, j) ?? designatorBefore(text, words, i);
  // "demonstrated in Nice", "gathered in Tours": a capitalised English word right after "in"/"at"
  // that names a town of some size is the town
  const prevWord = words[i - 1];
  const afterIn =
    single &&
    !!prevWord &&
    /^(?:in|at|near|outside)$/.test(prevWord.text) &&
    /^\s+$/.test(text.slice(prevWord.end, first.start)) &&
    !CALENDAR.has(lower) &&
    !(words[j + 1]?.cap && /^\s+$/.test(text.slice(last.end, words[j + 1]!.start))) &&
    (NEVER_PLACES.has(normNameMemo(surface)) || gaz.isCommonWord(normNameMemo(surface))) &&
    someTown(gaz, cands);
  if (single && NEVER_PLACES.has(normNameMemo(surface)) && !designator && !afterIn) return null;

  if (isAbbreviation(surface) && !isCountryAbbrev(gaz, cands)) {
    // only "Town, N.J." style, "(Rajouri district, J&K)", "(J&K)"
    const prev = words[i - 1];
    const gapBefore = prev ? text.slice(prev.end, first.start) : '';
    const afterTown = !!prev && /^\s*,\s*$/.test(gapBefore) && (prev.cap || POINT_DESIGNATORS.has(prev.text.toLowerCase()));
    const inBrackets = /\(\s*$/.test(text.slice(Math.max(0, first.start - 2), first.start)) && /^\s*\)/.test(text.slice(last.end, last.end + 2));
    if (!afterTown && !inBrackets) return null;
  }
  if (single) {
    const tok = ctx.tokenAt(first.start);
    const sentenceInitial = first.start === sentStart || /^["“‘'(\s]*$/.test(text.slice(sentStart, first.start));
    const big = isBigPlace(gaz, cands);
    const latin = /\p{Script=Latin}/u.test(surface);
    const key = normNameMemo(surface);
    if (!big && !designator && !afterIn && latin && (gaz.isCommonWord(key) || ctx.personish?.has(key))) return null;
    // an English word that only abbreviates a big place ("Mass" for Massachusetts) is the word
    if (!designator && latin && !/\.$/.test(surface) && gaz.isCommonWord(key) && allTruncations(gaz, cands, key)) return null;
    if (!big && !designator && !afterIn && latin) {
      if (tok && tok.pos !== 'PROPN' && !allCaps(surface)) return null;
      if (sentenceInitial && ctx.isCommonWord(lower)) return null;
    }
    // a tiny place known only by a foreign or old name, with nothing around it saying "place"
    if (!designator && allTinyByAltName(gaz, cands)) return null;
  }
  // title + name: "President Jordan", "Mr Paris"
  const prev = words[i - 1];
  if (prev && TITLES.has(prev.text.toLowerCase().replace(/\.$/, '')) && /^\s+$/.test(text.slice(prev.end, first.start))) return null;

  let role: PlaceRole = 'literal';
  // followed by more capitalised words that are not part of it: a person or organisation
  const next = words[j + 1];
  if (next && next.cap && /^\s+$/.test(text.slice(last.end, next.start)) && !designator && !isPlaceHead(next.text) && !(compassUnit(text, words, j + 1) && /[(,]\s*$/.test(text.slice(Math.max(0, first.start - 3), first.start)))) {
    role = 'embedded';
  }
  // preceded by capitalised words: "University of Kabul", "Bank of England"
  if (prev && i >= 2 && prev.text === 'of' && words[i - 2]!.cap && !designator && !DESIGNATOR_OF.has(words[i - 2]!.text.toLowerCase())) {
    role = 'embedded';
  }
  // inside a longer capitalised name: "Paris Hilton", "Lincoln Díaz" (not at a sentence start)
  const prevInitial = !!prev && /^["“‘'(\s]*$/.test(text.slice(sentStart, prev.start));
  const prevCommon = !!prev && (NEVER_PLACES.has(prev.text.toLowerCase()) || (prevInitial && ctx.isCommonWord(prev.text.toLowerCase())));
  if (role === 'literal' && prev && prev.cap && /^\s+$/.test(text.slice(prev.end, first.start)) && !prevCommon && !TITLES.has(prev.text.toLowerCase())) {
    role = 'embedded';
  }
  // a small place's name inside a longer name is a person's or a company's, not a toponym
  if (role === 'embedded' && !isBigPlace(gaz, cands)) return null;
  if (role === 'literal') {
    const before = prev && /^\s+$/.test(text.slice(prev.end, first.start)) ? prev.text.toLowerCase() : '';
    // "Shan-North state", "Kunar province": a designator after the name makes it a place
    role = LOCATIVE_PREPS.has(before) || (designator && !designator.endsWith(' of')) ? 'literal' : usageRole(ctx, words, j, cands);
  }
  return { start: first.start, end: first.start + surface.length, text: surface, candidates: cands, role, designator, sentence };
}

/** "Jos North", "Kitutu Chache South": a compass word after a place name continues it (an admin unit), not a person's name. */
const COMPASS = new Set(['north', 'south', 'east', 'west', 'central', 'northeast', 'northwest', 'southeast', 'southwest']);

/** "(Jos North, Plateau)": a compass word that ends an administrative name in a container list, not "Kanye West, daughters…". */
function compassUnit(text: string, words: readonly Word[], k: number): boolean {
  const w = words[k];
  if (!w || !COMPASS.has(w.text.toLowerCase())) return false;
  const after = text.slice(w.end, w.end + 20);
  return /^\s*[,)(]/.test(after) || /^\s+(?:district|county|lga|township|municipality|ward|woreda|sub-county|constituency)\b/i.test(after);
}

const PLACE_HEADS = new Set(['city', 'province', 'oblast', 'region', 'district', 'governorate', 'state', 'county', 'island', 'islands', 'valley', 'river', 'mountains', 'strip', 'bank', 'peninsula', 'heights', 'sea', 'gulf', 'bay', 'lake', 'desert', 'plain', 'basin', 'corridor', 'town', 'village', 'municipality', 'camp', 'airport', 'port']);
function isPlaceHead(w: string): boolean {
  return PLACE_HEADS.has(w.toLowerCase().replace(/\.$/, ''));
}

/** "mass" of "massachusetts": an abbreviation written without its dot. */
function isTruncation(key: string, name: string): boolean {
  return key.length <= 5 && name.length > key.length && name.startsWith(key);
}

function isCountryAbbrev(gaz: Gazetteer, cands: Candidate[]): boolean {
  for (const c of cands) if (!c.alt && gaz.data.kind[c.id]! <= KIND.region && gaz.data.kind[c.id] !== KIND.admin1) return true;
  return false;
}

/** literal, metonymic ("Moscow said") or modifier ("Ukraine war", "US officials"). */
function usageRole(ctx: RecognizeContext, words: readonly Word[], j: number, cands: Candidate[]): PlaceRole {
  const { text, gaz } = ctx;
  const last = words[j]!;
  const after = text.slice(last.end, last.end + 3);
  let statelike = false;
  for (const c of cands) {
    const k = gaz.data.kind[c.id]!;
    if (!c.alt && (k === KIND.country || k === KIND.capital)) {
      statelike = true;
      break;
    }
  }
  if (/^['’]s\b/.test(after) && statelike) return 'metonymic';
  const next = words[j + 1];
  if (!next || !/^\s+$/.test(text.slice(last.end, next.start))) return 'literal';
  const lw = next.text.toLowerCase();
  if (PASSIVE_AUX.has(lw)) return 'literal';
  if (ACTOR_VERBS.has(lw)) {
    // "Kyiv has been shelled" stays literal
    const after2 = words[j + 2];
    if (after2 && after2.text.toLowerCase() === 'been') return 'literal';
    return 'metonymic';
  }
  // "the Nagorno Karabakh war", "Gaza ceasefire talks", "Kyiv authorities": the place names the topic
  if (TOPIC_NOUNS.has(lw)) return 'modifier';
  if (!next.cap && statelike) {
    const tok = ctx.tokenAt(next.start);
    if (tok && (tok.pos === 'NOUN') && !POINT_DESIGNATORS.has(lw) && !ADMIN_DESIGNATORS.has(lw)) return 'modifier';
    if (tok && tok.pos === 'VERB') return 'metonymic';
  }
  return 'literal';
}

function demonymAt(ctx: RecognizeContext, words: readonly Word[], i: number, sentence: number): { m: RawMention; next: number } | null {
  const { gaz, text } = ctx;
  // two-word forms first ("South African", "Saudi Arabian", "New Zealander")
  for (const span of [2, 1]) {
    if (i + span > words.length) continue;
    const last = words[i + span - 1]!;
    // (a two-word span is normalised and looked up only if a demonym starts with its first word)
    if (span === 2 && (!last.cap || !gaz.mayStartDemonym(normNameMemo(words[i]!.text)) || !/^\s+$/.test(text.slice(words[i]!.end, last.start)))) continue;
    // (one word: its text is that span, and a string already hashed makes the memo lookup cheaper)
    const surface = span === 1 ? last.text : text.slice(words[i]!.start, last.end);
    const id = gaz.demonym(surface);
    if (id === null) continue;
    const plural = /s$/.test(surface) && !/ese$|ss$/.test(surface);
    const next = words[i + span];
    const adjective = !plural && !!next && /^\s+$/.test(text.slice(last.end, next.start)) && !/^(?:and|or)$/i.test(next.text);
    return {
      m: { start: words[i]!.start, end: last.end, text: surface, candidates: [{ id, alt: false }], role: adjective ? 'adjectival' : 'demonym', designator: null, sentence, demonymOf: id },
      next: i + span,
    };
  }
  return null;
}

/** Is word k the start of a name the gazetteer knows (not a common word) that ends a clause ("…, Donetsk.")? */
function placeFollows(ctx: RecognizeContext, words: readonly Word[], k: number): boolean {
  let key = '';
  for (let j = k; j < words.length && j < k + 4; j++) {
    if (!words[j]!.cap) return false;
    key = key ? `${key} ${normNameMemo(words[j]!.text)}` : normNameMemo(words[j]!.text);
    if (NEVER_PLACES.has(key) || ctx.gaz.isCommonWord(key)) return false;
    // "at H&M, Wu said": a name followed by more words is a person or a subject, not a container
    if (ctx.gaz.lookupKey(key).length && /^(?:\s*[.,;:)(]|\s*$|\s+(?:oblast|region|province|state|district|governorate)\b)/i.test(ctx.text.slice(words[j]!.end, words[j]!.end + 12))) return true;
  }
  return false;
}

/** A capitalised name the gazetteer does not know, that a designator marks as a place. */
function unknownWithDesignator(ctx: RecognizeContext, words: readonly Word[], i: number, sentence: number): { m: RawMention; next: number } | null {
  const { text } = ctx;
  let j = i;
  while (j + 1 < words.length && j - i < 3 && words[j + 1]!.cap && /^[\s\-]+$/.test(text.slice(words[j]!.end, words[j + 1]!.start))) j++;
  const first = words[i]!;
  if (NEVER_PLACES.has(normNameMemo(first.text)) && i === j) return null;
  // "PD5 Kandahar city": a code is not the start of a name; the known name after it is matched on its own
  if (/\d/.test(first.text) && i < j) return null;
  const before = designatorBefore(text, words, i);
  const after = designatorAfter(text, words, j);
  const prevWord = words[i - 1];
  const next4 = text.slice(words[j]!.end, words[j]!.end + 4);
  const afterIn = !!prevWord && /^(?:in|near|at|outside|around)$/.test(prevWord.text);
  // "in Amchide (Kolofata, Mayo-Sava)", and "at Klynove, Donetsk" when what follows the comma is a place
  const located =
    afterIn && /^\s*\(\s*\p{Lu}/u.test(next4) ? 'in (…)' : afterIn && /^,\s*\p{Lu}/u.test(next4) && placeFollows(ctx, words, j + 1) ? 'in X, Y' : null;
  const d = before ?? after ?? located;
  if (!d) return null;
  // "the South district" / "Security district" are not names
  if (NEVER_PLACES.has(normNameMemo(words[j]!.text))) return null;
  const prev = words[i - 1];
  if (prev && TITLES.has(prev.text.toLowerCase())) return null;
  return {
    m: { start: first.start, end: words[j]!.end, text: text.slice(first.start, words[j]!.end), candidates: [], role: 'literal', designator: d, sentence },
    next: j + 1,
  };
}
