// Stage: quantities. Numbers with what they count ("at least 12 people were killed", "killing one
// civilian and wounding four others", "3-4 members … were wounded", "dozens of protesters",
// "no casualties were reported") and the qualifier the text gave, following the fatalities
// conventions: "at least N" -> {N, null}; "more than N" -> {N+1, null}; "about N" and plain N ->
// {N, N}; "several" 3, "dozens" 24, "hundreds" 200, "thousands" 2000 (as minimums).
// `fatalitiesFor` picks an event's death toll from them: the killed only, never the wounded.

import type { Doc, Event, Quantity, Sentence, Span, Token } from '../doc.js';
import { byStart, countStartingBefore } from '../nlp/spans.js';
import { defineStage } from '../pipeline.js';
import { tokenAt } from './assemble/tokens.js';

// Maps, not object literals: every token of every sentence is looked up here, and `w in {…}`
// with arbitrary words is slow (and true for "constructor", inherited from Object.prototype).
const ONES = new Map<string, number>(Object.entries({
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
}));
const TENS = new Map<string, number>(Object.entries({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }));
/** Vague amounts, as minimums (max null). */
const VAGUE = new Map<string, number>(Object.entries({ several: 3, dozens: 24, scores: 20, hundreds: 200, thousands: 2000, tens: 20, multiple: 2, numerous: 3 }));
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);
const NOT_COUNTS = new Set(['km', 'kilometers', 'kilometres', 'miles', 'metres', 'meters', 'm', '%', 'percent', 'per', 'pm', 'am', 'a.m.', 'p.m.', 'hours', 'hour', 'minutes', 'days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'year', 'mm', 'kg', 'tons', 'tonnes', 'dollars', 'usd', 'euros', 'kyat', 'rupees', 'million', 'billion', 'o\'clock', 'th', 'st', 'nd', 'rd', 'times', 'consecutive', 'rounds', 'shots', 'bursts', 'sq', 'square', 'storey', 'floor', 'hectares', 'acres', 'battles', 'attacks', 'clashes', 'incidents', 'operations', 'villages', 'towns', 'districts', 'points', 'positions', 'hideouts', 'areas', 'locations', 'raids', 'airstrikes', 'strikes', 'lines', 'km', 'vehicles', 'cars', 'houses', 'homes', 'shops', 'buildings', 'trucks', 'boats', 'drones', 'missiles', 'rockets', 'shells', 'mortars', 'bombs', 'ieds', 'grenades', 'weapons', 'rifles', 'guns']);

type Qual = { min: (n: number) => number | null; max: (n: number) => number | null };
const QUALIFIERS: [string[], string, Qual][] = [
  [['at', 'least'], 'at least', { min: (n) => n, max: () => null }],
  [['no', 'fewer', 'than'], 'at least', { min: (n) => n, max: () => null }],
  [['no', 'less', 'than'], 'at least', { min: (n) => n, max: () => null }],
  [['more', 'than'], 'more than', { min: (n) => n + 1, max: () => null }],
  [['over'], 'more than', { min: (n) => n + 1, max: () => null }],
  [['upwards', 'of'], 'more than', { min: (n) => n + 1, max: () => null }],
  [['up', 'to'], 'up to', { min: () => null, max: (n) => n }],
  [['at', 'most'], 'up to', { min: () => null, max: (n) => n }],
  [['less', 'than'], 'less than', { min: () => null, max: (n) => n - 1 }],
  [['fewer', 'than'], 'less than', { min: () => null, max: (n) => n - 1 }],
  [['about'], 'about', { min: (n) => n, max: (n) => n }],
  [['around'], 'about', { min: (n) => n, max: (n) => n }],
  [['approximately'], 'about', { min: (n) => n, max: (n) => n }],
  [['roughly'], 'about', { min: (n) => n, max: (n) => n }],
  [['some'], 'about', { min: (n) => n, max: (n) => n }],
  [['nearly'], 'nearly', { min: (n) => n, max: (n) => n }],
  [['almost'], 'nearly', { min: (n) => n, max: (n) => n }],
  [['an', 'estimated'], 'about', { min: (n) => n, max: (n) => n }],
];

// Word lists are Sets and Maps rather than /^(a|b|…)$/ patterns: every token of every sentence is
// looked up in them.

/** What a verb near the number says was done to those counted. */
const VERB_UNITS: [string[], string][] = [
  [['killed', 'kill', 'killing', 'dead', 'died', 'die', 'dies', 'murdered', 'executed', 'beheaded', 'massacred', 'slain', 'lynched', 'fatalities', 'fatality', 'deaths', 'death', 'bodies', 'corpses', 'perished', 'lifeless'], 'killed'],
  [['wounded', 'wounding', 'injured', 'injuring', 'injuries', 'hurt', 'wounds', 'injures', 'hospitalised', 'hospitalized', 'maimed'], 'wounded'],
  [['arrested', 'arresting', 'arrests', 'detained', 'detaining', 'apprehended', 'held', 'nabbed', 'jailed', 'detentions'], 'arrested'],
  [['abducted', 'abducting', 'kidnapped', 'kidnapping', 'hostage', 'hostages', 'captured', 'taken'], 'abducted'],
  [['displaced', 'fled', 'evacuated', 'displacing', 'homeless'], 'displaced'],
  [['missing', 'disappeared'], 'missing'],
];
const UNIT_OF_VERB = new Map(VERB_UNITS.flatMap(([verbs, unit]) => verbs.map((v) => [v, unit] as const)));

function verbUnit(w: string): string | null {
  return UNIT_OF_VERB.get(w) ?? null;
}

const CLAUSE_END = new Set(['.', ';', ':', '!', '?', 'while', 'whereas', 'but', 'although', 'after', 'before', 'when', 'as', 'who', 'which', '(', ')']);

interface NumberAt {
  start: number; // token index
  end: number; // exclusive
  min: number | null;
  max: number | null;
  qualifier: string | null;
  vague: boolean;
}

function parseNumberToken(w: string): number | null {
  if (/^\d{1,3}(,\d{3})+$/.test(w)) return Number(w.replace(/,/g, ''));
  if (/^\d+(\.\d+)?$/.test(w)) return Number(w);
  const one = ONES.get(w);
  if (one !== undefined) return one;
  const ten = TENS.get(w);
  if (ten !== undefined) return ten;
  return null;
}

/** Words other than digits that can begin a number expression (see `numberAt`). */
const NUMBER_STARTS = new Set(['a', 'one', 'half', ...ONES.keys(), ...TENS.keys(), ...VAGUE.keys()]);

/** A number expression starting at token i (without qualifier), or null. */
function numberAt(words: readonly string[], i: number, end: number): NumberAt | null {
  const w = words[i]!;
  // most tokens are neither digits nor number words: settle them before the patterns below
  const c = w.charCodeAt(0);
  if (!(c >= 48 && c <= 57) && !NUMBER_STARTS.has(w)) return null;
  // "3-4", "20-25"
  const range = /^(\d+)-(\d+)$/.exec(w);
  if (range) return { start: i, end: i + 1, min: Number(range[1]), max: Number(range[2]), qualifier: 'range', vague: false };
  if (w === 'a' || w === 'one') {
    if (words[i + 1] === 'dozen') return { start: i, end: i + 2, min: 12, max: 12, qualifier: null, vague: false };
  }
  if (w === 'dozen' && i > 0 && parseNumberToken(words[i - 1]!) !== null) return null;
  if (w === 'half' && words[i + 1] === 'a' && words[i + 2] === 'dozen') return { start: i, end: i + 3, min: 6, max: 6, qualifier: null, vague: false };
  const vague = VAGUE.get(w);
  if (vague !== undefined) {
    // "hundreds of thousands", "tens of thousands"
    if (words[i + 1] === 'of' && words[i + 2] === 'thousands') return { start: i, end: i + 3, min: vague * 1000, max: null, qualifier: w + ' of thousands', vague: true };
    if (w === 'tens' && words[i + 1] !== 'of') return null;
    return { start: i, end: i + 1, min: vague, max: null, qualifier: w, vague: true };
  }
  let n = parseNumberToken(w);
  if (n === null) return null;
  let j = i + 1;
  // "twenty - five"
  if (TENS.has(w) && words[j] === '-' && ONES.has(words[j + 1]!)) {
    n += ONES.get(words[j + 1]!)!;
    j += 2;
  }
  // "two hundred", "3 thousand", "two dozen"
  if (j < end && (words[j] === 'hundred' || words[j] === 'thousand' || words[j] === 'dozen')) {
    n *= words[j] === 'hundred' ? 100 : words[j] === 'thousand' ? 1000 : 12;
    j++;
  }
  // "20 - 25", "between 40 and 50" (the caller handles "between")
  if (j + 1 < end && (words[j] === '-' || words[j] === 'to') && parseNumberToken(words[j + 1]!) !== null && /^\d/.test(w) === /^\d/.test(words[j + 1]!)) {
    const hi = parseNumberToken(words[j + 1]!)!;
    if (hi > n) return { start: i, end: j + 2, min: n, max: hi, qualifier: 'range', vague: false };
  }
  return { start: i, end: j, min: n, max: n, qualifier: null, vague: false };
}

function isDateNumber(words: readonly string[], num: NumberAt): boolean {
  const w = words[num.start]!;
  if (MONTHS.has(words[num.start - 1] ?? '') || MONTHS.has(words[num.end] ?? '')) return true;
  if (/^\d{4}$/.test(w) && Number(w) >= 1900 && Number(w) <= 2100) return true;
  if (/^\d+(st|nd|rd|th)$/.test(w)) return true;
  return false;
}

/** "battalion 101", "LID-44", "a 47-year-old", "7 am": numbers that are names, ages or times. */
function isLabelNumber(words: readonly string[], tokens: readonly Token[], num: NumberAt, floor: number): boolean {
  const next = words[num.end] ?? '';
  if (/^(am|pm|a\.m\.|p\.m\.|hrs|o'clock|h)$/.test(next)) return true;
  if (next === '-' && /^(year|years|month|day|storey|km|kilometre|kilometer|mile|metre|meter|member)$/.test(words[num.end + 1] ?? '')) return true;
  if (/^(years?|months?)$/.test(next) && words[num.end + 1] === 'old') return true;
  if (!/^\d/.test(words[num.start]!)) return false;
  const prev = num.start - 1;
  if (prev < floor) return false;
  const pw = words[prev]!;
  if (pw === '-' || pw === 'no' || pw === 'no.' || pw === 'number' || pw === '#') return true;
  return (tokens[prev]!.pos === 'NOUN' || tokens[prev]!.pos === 'PROPN') && !/^(toll|of|killing|killed)$/.test(pw);
}

function qualifierBefore(words: readonly string[], i: number, floor: number): { at: number; label: string; q: Qual } | null {
  for (const [seq, label, q] of QUALIFIERS) {
    const at = i - seq.length;
    if (at < floor) continue;
    let ok = true;
    for (let k = 0; k < seq.length; k++) if (words[at + k] !== seq[k]) { ok = false; break; }
    if (ok) return { at, label, q };
  }
  return null;
}

/** The unit of a number: a verb just before it ("killing 3"), or the noun it counts and the verb after. */
function unitOf(words: readonly string[], tokens: readonly Token[], num: NumberAt, floor: number, end: number): { unit: string | null; noun: string | null } {
  // before: "killing at least 3", "killed 2", "death toll rose to 15", "arrested 12"
  for (let k = num.start - 1; k >= Math.max(floor, num.start - 7); k--) {
    const w = words[k]!;
    if (CLAUSE_END.has(w) || w === ',') break;
    // "killing his wife and three children" shares the verb; "were killed and 3 wounded" does not
    if (w === 'and') {
      let v = k - 1;
      while (v >= Math.max(floor, k - 4) && !verbUnit(words[v]!)) v--;
      if (v < floor || !verbUnit(words[v]!) || BE_AUX.has(words[v - 1] ?? '') || !/ing$|ed$/.test(words[v]!)) break;
      continue;
    }
    const u = verbUnit(w);
    // "killing 3" counts the killed; "dead 3" or "bodies 3" do not read that way, but "shot dead 3" and "the bodies of 3" do
    if (u && !/^(dead|death|deaths|bodies|fatalities|fatality)$/.test(w)) return { unit: u, noun: null };
    if (w === 'dead' && words[k - 1] === 'shot' && k === num.start - 1) return { unit: 'killed', noun: null };
    if ((w === 'bodies' || w === 'body') && words[k + 1] === 'of' && k + 2 === num.start) return { unit: 'killed', noun: null };
    if (w === 'toll') return { unit: 'killed', noun: null };
  }
  // the counted noun: skip "of", determiners and modifiers, up to 4 tokens
  let noun: string | null = null;
  let k = num.end;
  for (let steps = 0; k < end && steps < 5; k++, steps++) {
    const w = words[k]!;
    if (w === 'others') {
      noun = 'others';
      k++;
      break;
    }
    if (w === 'of' || w === 'the' || w === 'other' || w === 'more') continue;
    if (CLAUSE_END.has(w) || w === ',') break;
    const u = verbUnit(w);
    if (u) return { unit: u, noun };
    const pos = tokens[k]!.pos;
    if (pos === 'NOUN' || pos === 'PROPN') {
      noun = w;
      // keep going over compound nouns ("Taliban members")
      if (k + 1 < end && (tokens[k + 1]!.pos === 'NOUN') && !verbUnit(words[k + 1]!)) continue;
      k++;
      break;
    }
    if (pos !== 'ADJ' && pos !== 'NUM' && pos !== 'ADV' && w !== '-' && !/^[A-Z]/.test(tokens[k]!.text)) break;
  }
  if (noun && NOT_COUNTS.has(noun)) return { unit: null, noun };
  // the verb after the noun phrase: "3 civilians were killed", "two others wounded", "5 people dead"
  for (let steps = 0; k < end && steps < 10; k++, steps++) {
    const w = words[k]!;
    // a parenthesis inside the noun phrase ("three Katiba Macina (JNIM) militants were killed")
    if (w === '(') {
      const close = words.indexOf(')', k);
      if (close > k && close - k <= 6 && close < end) { k = close; continue; }
    }
    if (CLAUSE_END.has(w)) break;
    const u = verbUnit(w);
    if (u) {
      // "3 assailants killed a journalist": an active verb with an object counts the doers
      if (isActiveTransitive(words, k, end)) return { unit: null, noun };
      return { unit: u, noun };
    }
    if (w === 'lost' && words[k + 1] === 'their' && words[k + 2] === 'lives') return { unit: 'killed', noun };
    // the noun phrase's own verb ends the search ("pagers used by hundreds of members exploded …, killing 12")
    // (not a participle, a passive or a verb coordinated with the unit verb: "were tortured and killed")
    if (tokens[k]!.pos === 'VERB' && !BE_AUX.has(w) && !/ing$/.test(w) && !PARTICIPLE_MODIFIERS.has(w)
      && !BE_AUX.has(words[k - 1] ?? '') && !/^(and|or|,)$/.test(words[k + 1] ?? '')) break;
  }
  return { unit: noun, noun };
}

const BE_AUX = new Set(['was', 'were', 'been', 'be', 'being', 'are', 'is', 'got', 'get']);

function isActiveTransitive(words: readonly string[], k: number, end: number): boolean {
  const w = words[k]!;
  let verbAt = k;
  if (w === 'dead' && words[k - 1] === 'shot') verbAt = k - 1;
  else if (!/^(killed|murdered|executed|beheaded|massacred|lynched|wounded|injured|hurt|arrested|detained|abducted|kidnapped|captured|apprehended)$/.test(w)) return false;
  if (BE_AUX.has(words[verbAt - 1] ?? '') || BE_AUX.has(words[verbAt - 2] ?? '')) return false;
  const next = words[k + 1] ?? '';
  if (k + 1 >= end) return false;
  return /^(a|an|the|his|her|their|its|two|three|four|five|six|seven|eight|nine|ten|one|several|dozens|him|them|at|more|over|about|some)$/.test(next) || /^\d/.test(next);
}

const SIZE_TAG = /\[size=([^\]]*)\]/gi;
const PERSON_SINGULAR = new Set(['man', 'woman', 'boy', 'girl', 'child', 'civilian', 'soldier', 'policeman', 'policewoman', 'officer', 'person', 'farmer', 'student', 'journalist', 'teacher', 'trader', 'driver', 'villager', 'resident', 'youth', 'teenager', 'member', 'militant', 'fighter', 'rebel', 'leader', 'worker', 'shepherd', 'herder', 'guard', 'suspect', 'victim', 'pastor', 'priest', 'imam', 'chief', 'elder', 'baby', 'infant', 'tailor', 'merchant', 'commander', 'official', 'doctor', 'nurse', 'passenger', 'activist', 'miner', 'captive', 'hostage', 'wife', 'husband', 'son', 'daughter', 'brother', 'sister', 'father', 'mother', 'captain', 'general', 'monk', 'administrator', 'informant', 'sarpanch', 'cleric', 'clergyman', 'businessman', 'lawyer', 'judge', 'engineer', 'gunman', 'militiaman', 'constable', 'inspector', 'sergeant', 'lieutenant', 'colonel', 'major', 'jawan', 'gendarme', 'trafficker', 'dealer', 'vendor', 'employee', 'politician', 'councillor', 'candidate', 'mayor', 'headman', 'president', 'chairman', 'secretary', 'councilor', 'hitman', 'thief', 'robber', 'prisoner', 'detainee']);
const PARTICIPLE_MODIFIERS = new Set(['suspected', 'alleged', 'presumed', 'reported', 'unidentified', 'unknown', 'armed', 'retired', 'former', 'off-duty', 'wanted']);
const KILL_PASSIVE = new Set(['killed', 'murdered', 'shot', 'beheaded', 'executed', 'lynched', 'stabbed', 'hacked', 'slain', 'dead', 'died']);

export function findQuantities(doc: Doc): Quantity[] {
  const tokens = doc.tokens ?? [];
  const words = tokens.map((t) => t.text.toLowerCase());
  const out: Quantity[] = [];
  for (const s of doc.sentences ?? []) {
    const a = s.tokenStart;
    const b = s.tokenEnd;
    for (let i = a; i < b; i++) {
      const w = words[i]!;
      // "no casualties", "no one was killed", "none were hurt"
      if (w === 'no' || w === 'none' || w === 'nobody' || (w === 'without' && words[i + 1] === 'casualties')) {
        const zero = zeroCasualties(words, i, b);
        if (zero) {
          out.push(mk(doc, tokens, i, zero.end, 0, 0, zero.unit, 'none'));
          i = zero.end - 1;
          continue;
        }
      }
      let num: NumberAt | null = null;
      if (w === 'between' && i + 3 < b) {
        const lo = numberAt(words, i + 1, b);
        if (lo && words[lo.end] === 'and') {
          const hi = numberAt(words, lo.end + 1, b);
          if (hi && hi.min !== null && lo.min !== null) num = { start: i, end: hi.end, min: lo.min, max: hi.min, qualifier: 'range', vague: false };
        }
      }
      num ??= numberAt(words, i, b);
      if (!num) {
        // "a man was killed", "killed a civilian": one person
        const one = singlePerson(words, tokens, i, a, b);
        if (one) out.push(mk(doc, tokens, i, one.end, 1, 1, one.unit, null, one.noun));
        continue;
      }
      if (isDateNumber(words, num) || isLabelNumber(words, tokens, num, a)) {
        i = num.end - 1;
        continue;
      }
      let min = num.min;
      let max = num.max;
      let qualifier = num.qualifier;
      let from = num.start;
      const q = num.vague ? null : qualifierBefore(words, num.start, a);
      if (q && num.qualifier !== 'range') {
        min = q.q.min(num.min!);
        max = q.q.max(num.max!);
        qualifier = q.label;
        from = q.at;
      }
      const { unit, noun } = unitOf(words, tokens, num, a, b);
      if (noun && NOT_COUNTS.has(noun) && !unit) {
        i = num.end - 1;
        continue;
      }
      out.push(mk(doc, tokens, from, num.end, min, max, unit, qualifier, noun));
      i = num.end - 1;
    }
  }
  // "President Jovenel Moise was shot dead": a named person killed is one
  for (const m of doc.actors ?? []) {
    if (m.kind !== 'person') continue;
    const k = firstTokenFrom(tokens, m.end);
    if (k < 0 || out.some((q) => q.start <= m.start && m.end <= q.end)) continue;
    let v = k;
    if (words[v] !== 'was') continue;
    v++;
    while (tokens[v]?.pos === 'ADV') v++;
    const w = words[v] ?? '';
    const killed = /^(killed|murdered|assassinated|executed|beheaded|lynched|slain)$/.test(w) || (w === 'shot' && words[v + 1] === 'dead');
    if (killed && tokens[k]!.sentence === tokens[v]?.sentence) {
      out.push({ start: m.start, end: m.end, text: m.text, min: 1, max: 1, unit: 'killed', qualifier: null, noun: 'person' });
    }
  }
  // ACLED notes: "[size=hundreds]" is the size of the protest
  for (const m of doc.text.matchAll(SIZE_TAG)) {
    const v = sizeValue(m[1]!);
    if (!v) continue;
    const start = m.index!;
    out.push({ start, end: start + m[0].length, text: m[0], min: v.min, max: v.max, unit: 'protesters', qualifier: 'size' });
  }
  return out.sort(byStart);
}

/** The index of the first token starting at or after `pos` (tokens are in text order), or -1. */
function firstTokenFrom(tokens: readonly Token[], pos: number): number {
  const k = countStartingBefore(tokens, pos);
  return k < tokens.length ? k : -1;
}

function mk(doc: Doc, tokens: readonly Token[], from: number, to: number, min: number | null, max: number | null, unit: string | null, qualifier: string | null, noun?: string | null): Quantity {
  const start = tokens[from]!.start;
  const end = tokens[to - 1]!.end;
  const q: Quantity = { start, end, text: doc.text.slice(start, end), min, max, unit, qualifier };
  if (noun) q.noun = noun;
  return q;
}

function zeroCasualties(words: readonly string[], i: number, end: number): { end: number; unit: string } | null {
  const w1 = words[i + 1] ?? '';
  if (words[i] === 'without' && w1 === 'casualties') return { end: i + 2, unit: 'killed' };
  // "no casualties", "no fatalities", "no deaths", "no one was killed", "no injuries", "none were hurt"
  if (/^(casualties|casualty|fatalities|deaths|victims)$/.test(w1)) return { end: i + 2, unit: 'killed' };
  if (/^(injuries|injured)$/.test(w1)) return { end: i + 2, unit: 'wounded' };
  const after = words[i] === 'no' && w1 === 'one' ? i + 2 : words[i] === 'none' || words[i] === 'nobody' ? i + 1 : -1;
  if (after < 0) return null;
  for (let k = after; k < Math.min(end, after + 4); k++) {
    const u = verbUnit(words[k]!);
    if (u === 'killed' || u === 'wounded') return { end: k + 1, unit: u };
  }
  return null;
}

/** Verbs after which the next person named is the one killed. */
const KILLING = new Set(['killed', 'killing', 'murdered', 'executed', 'beheaded', 'lynched']);
/** The words `singlePerson` can start at. */
const SINGLE_STARTS = new Set(['him', 'her', 'another', 'he', 'she', 'a', 'an', 'his', 'their', 'the']);

/** "a man was killed", "killing a civilian", "shot dead a police officer": one person. */
function singlePerson(words: readonly string[], tokens: readonly Token[], i: number, a: number, b: number): { end: number; unit: string; noun: string } | null {
  const w = words[i]!;
  if (!SINGLE_STARTS.has(w)) return null;
  // "killing him", "killing another"
  if (/^(him|her|another)$/.test(w) && i - 1 >= a && KILLING.has(words[i - 1]!)) {
    return { end: i + 1, unit: 'killed', noun: w === 'another' ? 'another' : 'pronoun' };
  }
  // "He was killed": someone already counted, most likely (see fatalitiesFor)
  if ((w === 'he' || w === 'she') && words[i + 1] === 'was' && /^(killed|murdered|shot)$/.test(words[i + 2] ?? '') && (words[i + 2] !== 'shot' || words[i + 3] === 'dead')) {
    return { end: i + 1, unit: 'killed', noun: 'pronoun' };
  }
  if (w !== 'a' && w !== 'an' && w !== 'his' && w !== 'her' && w !== 'their' && w !== 'the') return null;
  // "the death of a civilian", "the killing of a driver": the event named, not a new count
  if (words[i - 1] === 'of' && /^(death|killing|murder|deaths|killings|assassination)$/.test(words[i - 2] ?? '')) return null;
  let k = i + 1;
  // "killed a dahalo": after a killing verb any noun is the victim
  const afterKill = i - 1 >= a && KILLING.has(words[i - 1]!);
  while (k < b && k < i + 7 && !PERSON_SINGULAR.has(words[k]!)) {
    if (afterKill && tokens[k]!.pos === 'NOUN' && !/^(number|group|total|series|few|lot|couple)$/.test(words[k]!)) break;
    // "a suspected NPA militant": participles the tagger reads as verbs still modify the noun
    const modifier = PARTICIPLE_MODIFIERS.has(words[k]!);
    if (!modifier && tokens[k]!.pos !== 'ADJ' && tokens[k]!.pos !== 'NOUN' && tokens[k]!.pos !== 'PROPN' && tokens[k]!.pos !== 'NUM' && words[k] !== '-') return null;
    k++;
  }
  if (k >= b || !(PERSON_SINGULAR.has(words[k]!) || (afterKill && tokens[k]!.pos === 'NOUN'))) return null;
  const noun = words[k]!;
  // before: "killed a man", "killing a civilian", "shot dead a man", "beat and killed a man"
  for (let p = i - 1; p >= Math.max(a, i - 2); p--) {
    const x = words[p]!;
    if (x === 'dead' && words[p - 1] === 'shot') return { end: k + 1, unit: 'killed', noun };
    if (/^(dead|death|deaths|bodies|fatalities|casualties)$/.test(x)) continue;
    const u = verbUnit(x);
    if (u) return { end: k + 1, unit: u, noun };
  }
  // after: "a man was killed", "a soldier from the … forces was killed", "a child was shot dead",
  // "a 40-year-old villager on his way back from a farm was shot dead", "a man's body was found"
  for (let p = k + 1; p < Math.min(b, k + 13); p++) {
    const x = words[p]!;
    if (CLAUSE_END.has(x) || x === ',') break;
    if ((x === 'body' || x === 'corpse') && (words[p - 1] === "'s" || words[p - 1] === '’s')) return { end: k + 1, unit: 'killed', noun };
    if (KILL_PASSIVE.has(x)) {
      if (x === 'shot' && words[p + 1] !== 'dead' && words[p + 1] !== 'and') return { end: k + 1, unit: 'wounded', noun };
      if (x === 'shot' && words[p + 1] === 'and') return { end: k + 1, unit: verbUnit(words[p + 2] ?? '') ?? 'wounded', noun };
      return { end: k + 1, unit: 'killed', noun };
    }
    const u = verbUnit(x);
    if (u) return { end: k + 1, unit: u, noun };
  }
  return null;
}

function sizeValue(v: string): { min: number | null; max: number | null } | null {
  const t = v.toLowerCase().trim();
  if (!t || t === 'no report') return null;
  const words = t.replace(/,/g, '').split(/[\s]+/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const r = /^(\d+)-(\d+)$/.exec(w);
    if (r) return { min: Number(r[1]), max: Number(r[2]) };
    const n = parseNumberToken(w);
    if (n !== null) {
      if (/^(at|least)$/.test(words[i - 1] ?? '')) return { min: n, max: null };
      if (words[i - 1] === 'than') return { min: n + 1, max: null };
      return { min: n, max: n };
    }
    if (w === 'dozen' && words[i - 1] === 'a') return { min: 12, max: 12 };
    const vague = VAGUE.get(w);
    if (vague !== undefined) return { min: vague, max: null };
  }
  return null;
}

export const quantitiesStage = defineStage({
  name: 'quantities',
  requires: ['sentences', 'tokens'],
  assigns: ['quantities'],
  run(doc) {
    return { quantities: findQuantities(doc) };
  },
});

/** ACLED event types whose events carry fatalities (violent events). */
const VIOLENT = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Riots']);
const LETHAL_PLOVER_MODES = new Set(['ASSAULT']);

const FATALITIES_CODED = /\b(?:fatalit(?:y|ies)|casualties|deaths) (?:were |was )?(?:coded|estimated) (?:as|to|at) (\d+)|\b(\d+) fatalit(?:y|ies)\b/i;

/**
 * An event's death toll from the quantities of its paragraph: the killed only, never the wounded.
 * Several killed counts for different groups add up ("6 soldiers and 1 civilian were killed");
 * a count repeating an earlier one, or a subset ("including 3 children"), does not. A statement
 * that nobody was hurt gives {0, 0}; no figure gives null.
 */
export function fatalitiesFor(doc: Doc, event: Event): Event['fatalities'] {
  const violent = event.acled ? VIOLENT.has(event.acled.event_type) || event.acled.sub_event_type === 'Excessive force against protesters' : LETHAL_PLOVER_MODES.has(event.type);
  if (!violent) return null;
  const tokens = doc.tokens ?? [];
  // the token holding the trigger's start, else the first after it
  const tok = tokens[tokenAt(tokens, event.trigger.start)];
  if (!tok) return null;
  const sent = (doc.sentences ?? [])[tok.sentence];
  if (!sent) return null;
  // the toll depends on the paragraph only: worked out once per paragraph, a copy per event
  let byPara = paragraphTolls.get(doc);
  if (!byPara) {
    byPara = new Map();
    paragraphTolls.set(doc, byPara);
  }
  let toll = byPara.get(sent.paragraph);
  if (toll === undefined) {
    toll = paragraphToll(doc, sent.paragraph);
    byPara.set(sent.paragraph, toll);
  }
  return toll && { min: toll.min, max: toll.max, text: toll.text, span: { start: toll.span.start, end: toll.span.end } };
}

type Toll = { min: number | null; max: number | null; text: string; span: Span };
const paragraphTolls = new WeakMap<Doc, Map<number, Toll | null>>();

/** Is the count told as a party's claim ("… claimed to have killed 30")? */
function isClaimed(doc: Doc, from: number, q: Quantity): boolean {
  return /\bclaim\w*\b[^.]*$/i.test(doc.text.slice(Math.max(from, q.start - 60), q.start));
}

/** "the man", "he was killed": someone an indefinite count already covers. */
function isAnaphoric(q: Quantity): boolean {
  return q.noun === 'pronoun' || /^the\b/i.test(q.text);
}

function quantityText(q: Quantity): string {
  return q.text;
}

function paragraphToll(doc: Doc, paragraph: number): Toll | null {
  const sents = doc.sentences ?? [];
  // loops, not per-call closures: V8 drops a closure's optimized code at each full GC
  const para: Sentence[] = [];
  for (const s of sents) if (s.paragraph === paragraph) para.push(s);
  const from = para[0]!.start;
  const to = para.at(-1)!.end;
  const text = doc.text.slice(from, to);
  // ACLED notes state the coded toll: "4 fatalities.", "Fatalities coded as 3"
  const coded = FATALITIES_CODED.exec(text);
  if (coded) {
    const n = Number(coded[1] ?? coded[2]);
    const start = from + coded.index;
    return { min: n, max: n, text: coded[0], span: { start, end: start + coded[0].length } };
  }
  const killed: Quantity[] = [];
  for (const q of doc.quantities ?? []) if (q.start >= from && q.end <= to && q.unit === 'killed') killed.push(q);
  if (!killed.length) return null;
  const positive: Quantity[] = [];
  for (const q of killed) if ((q.min ?? q.max ?? 0) > 0) positive.push(q);
  if (!positive.length) {
    const z = killed[0]!;
    return { min: 0, max: 0, text: z.text, span: { start: z.start, end: z.end } };
  }
  let anyNeutral = false;
  for (const q of positive) if (!isClaimed(doc, from, q)) { anyNeutral = true; break; }
  let anyCount = false;
  for (const q of positive) if (!isAnaphoric(q)) { anyCount = true; break; }
  let min = 0;
  let max: number | null = 0;
  const used: Quantity[] = [];
  for (const q of positive) {
    if (anyCount && isAnaphoric(q)) continue;
    if (anyNeutral && isClaimed(doc, from, q)) continue;
    const before = doc.text.slice(Math.max(from, q.start - 30), q.start).toLowerCase();
    if (/\b(including|among them|of whom|of them|among the dead|among those)\s*(at least\s*)?$/.test(before)) continue;
    const v = q.min ?? q.max ?? 0;
    // a later sentence restating the toll ("Four … were killed. … 4 dead") is not a new count
    let restated = false;
    for (const u of used) if ((u.min ?? u.max) === v && sents[tokenSentence(doc, u)] !== sents[tokenSentence(doc, q)]) { restated = true; break; }
    if (restated) continue;
    used.push(q);
    min += v;
    max = max === null || q.max === null ? null : max + q.max;
  }
  if (!used.length) return null;
  // "killed four civilians. Two were burned to death and the other two were shot dead": a breakdown
  // of the first count in later sentences is not more dead
  if (used.length >= 3) {
    const head = used[0]!;
    const rest = used.slice(1);
    let restSum = 0;
    for (const q of rest) restSum += q.min ?? q.max ?? 0;
    if (restSum === (head.min ?? head.max)) {
      let later = true;
      for (const q of rest) if (!(tokenSentence(doc, q) > tokenSentence(doc, head))) { later = false; break; }
      if (later) return { min: head.min, max: head.max, text: head.text, span: { start: head.start, end: head.end } };
    }
  }
  const first = used[0]!;
  const last = used.at(-1)!;
  return { min, max, text: used.map(quantityText).join(' + '), span: { start: first.start, end: last.end } };
}

/** The sentence of the first token starting at or after the quantity's start. */
function tokenSentence(doc: Doc, q: Quantity): number {
  const tokens = doc.tokens ?? [];
  let i = tokenAt(tokens, q.start);
  if (tokens[i] && tokens[i]!.start < q.start) i++;
  return tokens[i]?.sentence ?? -1;
}
