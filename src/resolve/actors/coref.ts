// Document-level reference: what "the country", "both sides", "the two countries", "each other",
// "They (Armenia)", "it said", "the ministry" and a bare "the government" stand for. Each
// resolved mention gets `refersTo` with the actors it stands for and the span that licensed them.

import type { ActorRef, Span, Token } from '../../doc.js';
import { makeDraft, type Draft } from './compose.js';
import { byStart, byStartLongestFirst } from '../../nlp/spans.js';

export interface Focus {
  iso3: string;
  name: string;
  /** the first mention that names the focus country */
  source: Span;
}

type Ref = ActorRef & { source: Span };

const refOf = (d: Draft): Ref => ({ text: d.text, name: d.name, country: d.country, sector: d.sector, source: { start: d.start, end: d.end } });

/** A mention that can stand as an antecedent: a named state-level actor, not a bare adjective. */
const isAntecedent = (d: Draft) => !d.adjective && d.country !== null && d.kind !== 'pronoun' && d.kind !== 'agency';

/** Which country the article is about: the most mentioned (title counts double), first mention on ties. */
export function focusCountry(drafts: readonly Draft[], context: readonly { iso3: string; span: Span }[], titleEnd: number, countryName: (iso3: string) => string): Focus | null {
  const score = new Map<string, { n: number; first: Span }>();
  const add = (iso3: string, span: Span, weight = 1) => {
    const w = (span.end <= titleEnd ? 2 : 1) * weight;
    const s = score.get(iso3);
    if (s) s.n += w;
    else score.set(iso3, { n: w, first: span });
  };
  for (const d of drafts) {
    if (!d.country || d.country === 'IGO' || d.kind === 'agency' || d.kind === 'igo') continue;
    if (d.origin) continue;
    // nationals abroad ("Cuban migrants") say little about where the article is
    if (d.countryFrom === 'adjective' && (d.sector === 'REF' || d.sector === 'CVL')) continue;
    // groups operate across borders (JNIM in Burkina Faso): they count less than a named country
    if (d.countryFrom === 'name' || d.countryFrom === 'adjective' || d.countryFrom === 'of-phrase') add(d.country, { start: d.start, end: d.end });
    else if (d.countryFrom === 'lexicon' && d.kind !== 'person') add(d.country, { start: d.start, end: d.end }, d.kind === 'group' ? 0.5 : 1);
  }
  for (const c of context) add(c.iso3, c.span);
  let best: Focus | null = null;
  let bestN = 0;
  for (const [iso3, s] of score) {
    if (s.n > bestN || (s.n === bestN && best && s.first.start < best.source.start)) {
      best = { iso3, name: countryName(iso3), source: s.first };
      bestN = s.n;
    }
  }
  return best;
}

const PAIR_PHRASES: string[][] = [
  ['both', 'sides'], ['the', 'two', 'sides'], ['both', 'countries'], ['the', 'two', 'countries'], ['the', 'two', 'nations'],
  ['both', 'nations'], ['each', 'other'], ['one', 'another'], ['the', 'two', 'neighbours'], ['the', 'two', 'neighbors'],
  ['the', 'two', 'rivals'], ['the', 'two', 'armies'], ['both', 'armies'], ['the', 'two', 'governments'], ['both', 'governments'],
  ['the', 'two', 'states'], ['both', 'parties'], ['the', 'two', 'parties'], ['the', 'warring', 'parties'], ['the', 'warring', 'sides'],
  ['the', 'two', 'forces'], ['the', 'two', 'militaries'],
];
const COUNTRY_PHRASES: string[][] = [['the', 'country'], ['the', 'nation'], ['this', 'country']];
const SPEECH = new Set(['say', 'said', 'says', 'add', 'added', 'claim', 'claimed', 'state', 'stated', 'report', 'reported', 'accuse', 'accused', 'blame', 'blamed', 'deny', 'denied',
  'insist', 'insisted', 'warn', 'warned', 'announce', 'announced', 'note', 'noted', 'tell', 'told', 'allege', 'alleged', 'confirm', 'confirmed', 'maintain', 'maintained', 'urge', 'urged',
  'call', 'called', 'write', 'wrote', 'stress', 'stressed', 'threaten', 'threatened', 'demand', 'demanded', 'reject', 'rejected', 'vow', 'vowed', 'respond', 'responded', 'argue', 'argued', 'assert', 'asserted', 'declare', 'declared']);
const PRONOUNS = new Set(['it', 'they', 'he', 'she']);
/** Pronouns that stand for the one acted on: "accused him", "stormed his residence", "three of its employees". */
const OBJECT_PRONOUNS = new Set(['him', 'her', 'his', 'its']);
/**
 * What a possessive pronoun's owner is hit through: an attack on "his residence", a protest
 * against "his rule", the killing of "its employees" is one on him or it.
 */
const OWNED = new Set(['residence', 'residences', 'home', 'homes', 'house', 'compound', 'office', 'offices', 'headquarters', 'rule', 'regime',
  'government', 'administration', 'convoy', 'motorcade', 'car', 'vehicle', 'employees', 'staff', 'workers', 'positions', 'bases', 'base']);
/** First words of every pattern above: most tokens fail this one Set lookup and cost nothing more. */
const MODIFIER_POS = new Set(['ADJ', 'NOUN', 'PROPN']);
const TRIGGER_WORDS = new Set([...PAIR_PHRASES, ...COUNTRY_PHRASES].map((p) => p[0]!).concat([...PRONOUNS, ...OBJECT_PRONOUNS]));

/** The phrases by their first word, in list order ("the" starts most of them). */
function byFirstWord(phrases: string[][]): Map<string, string[][]> {
  const m = new Map<string, string[][]>();
  for (const p of phrases) {
    const list = m.get(p[0]!);
    if (list) list.push(p);
    else m.set(p[0]!, [p]);
  }
  return m;
}
const PAIR_BY_FIRST = byFirstWord(PAIR_PHRASES);
const COUNTRY_BY_FIRST = byFirstWord(COUNTRY_PHRASES);

/** The first of `phrases` (all starting with the word at t) that the tokens from t spell. */
function phraseFrom(tokens: readonly Token[], t: number, end: number, phrases: string[][] | undefined): string[] | undefined {
  return phrases?.find((p) => phraseAt(tokens, t, end, p));
}

function phraseAt(tokens: readonly Token[], t: number, end: number, phrase: string[]): boolean {
  if (t + phrase.length > end) return false;
  for (let k = 0; k < phrase.length; k++) {
    const text = tokens[t + k]!.text;
    // (lengths first: most words differ in length, and lower-casing allocates)
    if (text.length !== phrase[k]!.length || text.toLowerCase() !== phrase[k]) return false;
  }
  return true;
}

export interface CorefInput {
  text: string;
  tokens: readonly Token[];
  sentences: readonly { index: number; tokenStart: number; tokenEnd: number }[];
  focus: Focus | null;
}

/** Mentions before `pos` that can be antecedents, nearest first, within `maxBack` sentences. */
function before(drafts: readonly Draft[], pos: number, sentence: number, maxBack: number): Draft[] {
  const out: Draft[] = [];
  for (let k = drafts.length - 1; k >= 0; k--) {
    const d = drafts[k]!;
    if (d.end > pos) continue;
    if (d.sentence < sentence - maxBack) break;
    out.push(d);
  }
  return out;
}

/**
 * The nearest mention of `before(…)` that `test(x, d, arg)` accepts, without collecting the
 * others. The tests are module functions given what they compare with (`d`, `arg`): a callback
 * made per call would lose its optimized code at every full GC (V8 holds a closure's code weakly
 * and none is alive between articles) and be compiled again.
 */
function findBefore<A>(drafts: readonly Draft[], pos: number, sentence: number, maxBack: number, test: (x: Draft, d: Draft | null, arg: A) => unknown, d: Draft | null, arg: A): Draft | undefined {
  for (let k = drafts.length - 1; k >= 0; k--) {
    const x = drafts[k]!;
    if (x.end > pos) continue;
    if (x.sentence < sentence - maxBack) break;
    if (test(x, d, arg)) return x;
  }
  return undefined;
}

/** A state named before that a country's phrase can point back to. */
function stateAntecedent(x: Draft): boolean {
  return isAntecedent(x) && x.country !== 'IGO' && x.kind === 'state' && !x.origin;
}

/** "the ministry" → an earlier mention with a head of the same class and a country. */
function sameHeadClass(x: Draft, d: Draft | null, cls: string): unknown {
  return x !== d && x.head && headClass(x.head.name) === cls && x.country && !x.refersTo;
}

/** "the council's presidency" → an earlier body whose name or text ends in the possessor word. */
function possessorNamed(x: Draft, d: Draft | null, word: string): unknown {
  return x !== d && !x.adjective && x.country && x.kind !== 'pronoun' && x.kind !== 'sector'
    && (x.name.toLowerCase().split(/\s+/).pop() === word || x.text.toLowerCase().split(/\s+/).pop() === word);
}

/** "its forces", "their troops" → the nearest actor before (a plural one only for "their"). */
function ownerOf(x: Draft, d: Draft | null, their: boolean): unknown {
  return x !== d && !x.adjective && x.country && x.country !== 'IGO' && x.kind !== 'agency' && x.kind !== 'sector' && (their || !x.plural);
}

/** A state just named, for a bare plural of its forces. */
function stateJustNamed(x: Draft, d: Draft | null): unknown {
  return x !== d && x.kind === 'state' && !x.adjective && !x.locative && !x.origin && x.country && x.country !== 'IGO';
}

/** Highest score first (a module function, not a callback made per call: see findBefore). */
function byScoreDesc(a: [string, { n: number }], b: [string, { n: number }]): number {
  return b[1].n - a[1].n;
}

/** A bracketed name annotates the word before it and is not what a later "it" points to. */
function bracketed(text: string, d: Draft): boolean {
  return text.charAt(d.start - 1) === '(' && text.charAt(d.end) === ')';
}

/** The speaker "it", "they" or "he"/"she" names: the nearest fitting candidate (nearest first). */
function speakerFor(pronoun: string, cands: readonly Draft[]): Draft | undefined {
  if (pronoun === 'it') {
    for (const d of cands) if (d.kind !== 'person' && d.kind !== 'sector' && !d.plural && d.kind !== 'pronoun') return d;
    return undefined;
  }
  if (pronoun === 'they') {
    for (const d of cands) if (d.kind !== 'person' && (d.plural || d.kind === 'group' || d.kind === 'sector')) return d;
    for (const d of cands) if (d.kind !== 'person') return d;
    return undefined;
  }
  for (const d of cands) if (d.kind === 'person') return d;
  return undefined;
}

/**
 * "accused him", "stormed his official residence", "protests against his rule", "three of its
 * employees": the one acted on, a mention that refers to the nearest person named before (him,
 * his, her; a person too, so a president's residence stays the president's, not his army) or the
 * nearest organisation or state (its), within two sentences. A possessive counts
 * only before something that stands for its owner (OWNED) and no actor mention of its own; "her"
 * before any other word is the object.
 */
function objectReference(found: readonly Draft[], added: readonly Draft[], text: string, tokens: readonly Token[], t: number, s: { index: number; tokenEnd: number }, lower: string): Draft | null {
  const tok = tokens[t]!;
  let end = tok.end;
  if (lower !== 'him') {
    let v = t + 1;
    while (v < s.tokenEnd && v - t <= 3 && MODIFIER_POS.has(tokens[v]!.pos) && !OWNED.has(tokens[v]!.text.toLowerCase())) v++;
    const noun = tokens[v];
    if (noun && v < s.tokenEnd && OWNED.has(noun.text.toLowerCase())) {
      for (const d of found) if (d.start <= noun.start && noun.start < d.end) return null;
      end = noun.end;
    } else if (lower !== 'her' || (t + 1 < s.tokenEnd && MODIFIER_POS.has(tokens[t + 1]!.pos))) {
      return null; // "his critics", "in her name": a possessive of no owner OWNED names
    }
  }
  // (sorted only now: most possessives are before a word that names no owner, and return above)
  const drafts = added.length ? found.concat(added).sort(byStart) : found;
  const cands: Draft[] = [];
  for (const d of before(drafts, tok.start, s.index, 2)) if (!d.adjective && d.kind !== 'agency' && d.kind !== 'pronoun') cands.push(d);
  let ante: Draft | undefined;
  if (lower === 'its') ante = speakerFor('it', cands);
  else {
    // a person named by name before one described ("the speaker of parliament")
    for (const d of cands) if (d.kind === 'person' && !d.plural && /^\p{Lu}/u.test(d.text) && !/^the\s/i.test(d.text)) { ante = d; break; }
    if (!ante) for (const d of cands) if (d.kind === 'person' && !d.plural) { ante = d; break; }
  }
  if (!ante) return null;
  const refs = ante.refersTo?.length ? ante.refersTo : [refOf(ante)];
  return makeDraft({ start: tok.start, end, text: text.slice(tok.start, end), name: ante.name, country: ante.country, sector: ante.sector, kind: ante.kind === 'person' ? 'person' : 'pronoun', refersTo: refs, sentence: s.index, role: ante.role, acledName: ante.acledName, inter: ante.inter, countryFrom: 'reference' });
}

/** Add reference mentions and resolve head-only mentions in place. `drafts` must be sorted by start. */
export function resolveReferences(drafts: Draft[], input: CorefInput): Draft[] {
  const { tokens, text, focus } = input;
  const added: Draft[] = [];
  const sorted = () => drafts.slice().sort(byStart);
  const focusRef = (): Ref[] => (focus ? [{ text: text.slice(focus.source.start, focus.source.end), name: focus.name, country: focus.iso3, sector: 'GOV', source: focus.source }] : []);

  for (const s of input.sentences) {
    for (let t = s.tokenStart; t < s.tokenEnd; t++) {
      const tok = tokens[t]!;
      if (tok.text.length > 4) continue;
      const lower = tok.text.toLowerCase();
      if (!TRIGGER_WORDS.has(lower)) continue;

      // both sides / the two countries / each other
      const pair = phraseFrom(tokens, t, s.tokenEnd, PAIR_BY_FIRST.get(lower));
      if (pair) {
        const start = tok.start;
        const end = tokens[t + pair.length - 1]!.end;
        // the two most salient parties: mentions in the whole article, with a bonus for the last two sentences
        const score = new Map<string, { n: number; d: Draft }>();
        for (const d of drafts) {
          if (!isAntecedent(d) || d.country === 'IGO' || d.countryFrom === 'focus') continue;
          const recent = d.end <= start && d.sentence >= s.index - 1 ? 2 : 0;
          const cur = score.get(d.country!);
          if (cur) { cur.n += 1 + recent; if (d.end <= start) cur.d = d; }
          else score.set(d.country!, { n: 1 + recent, d });
        }
        const top = [...score.entries()].sort(byScoreDesc).slice(0, 2);
        const seen = new Map<string, Draft>(top.map(([c, v]) => [c, v.d]));
        if (seen.size === 2) {
          const lastWord = pair[pair.length - 1]!;
          const sector = /armies|forces|militaries/.test(lastWord) ? 'MIL' : /governments|countries|nations|states/.test(lastWord) ? 'GOV' : null;
          const refs = [...seen.values()].sort(byStart).map((d) => ({ ...refOf(d), sector: sector ?? d.sector }));
          // "the troops of both countries", "the leaders of the two countries": the head takes the pair
          const ofTok = tokens[t - 1];
          const headD = ofTok && ofTok.text.toLowerCase() === 'of' ? drafts.find((d) => d.head && d.end <= ofTok.start && ofTok.start - d.end <= 1 && d.country === null) : undefined;
          if (headD) {
            headD.end = end;
            headD.text = text.slice(headD.start, end);
            headD.refersTo = refs.map((r) => ({ ...r, sector: headD.sector }));
            headD.countryFrom = 'reference';
          } else {
            for (let k = drafts.length - 1; k >= 0; k--) if (drafts[k]!.start >= start && drafts[k]!.end <= end) drafts.splice(k, 1);
            added.push(makeDraft({ start, end, text: text.slice(start, end), name: pair.join(' '), country: null, sector, kind: 'pronoun', refersTo: refs, sentence: s.index, role: null, acledName: null, inter: null, countryFrom: 'reference', plural: true }));
          }
        }
        t += pair.length - 1;
        continue;
      }

      // the country / the nation ('s)
      const cp = phraseFrom(tokens, t, s.tokenEnd, COUNTRY_BY_FIRST.get(lower));
      if (cp) {
        const next = tokens[t + cp.length];
        if (!(next && /^(side|level|wide)$/i.test(next.text))) {
          const start = tok.start;
          const end = tokens[t + cp.length - 1]!.end;
          // the country named just before, else the article's country (an institution's country is often a foreign one)
          const ante = findBefore(drafts, start, s.index, 2, stateAntecedent, null, null);
          const refs: Ref[] = ante ? [{ ...refOf(ante), sector: 'GOV' }] : focusRef();
          if (refs.length) added.push(makeDraft({ start, end, text: text.slice(start, end), name: refs[0]!.name ?? refs[0]!.text, country: refs[0]!.country, sector: 'GOV', kind: 'pronoun', refersTo: refs, sentence: s.index, role: 'gov', acledName: null, inter: null, countryFrom: 'reference' }));
        }
        t += cp.length - 1;
        continue;
      }

      if (OBJECT_PRONOUNS.has(lower)) {
        const m = objectReference(drafts, added, text, tokens, t, s, lower);
        if (m) {
          added.push(m);
          while (t + 1 < s.tokenEnd && tokens[t + 1]!.start < m.end) t++;
        }
        continue;
      }
      if (!PRONOUNS.has(lower)) continue;
      // "They (Armenia)": a parenthesised correction names the referent
      const open = tokens[t + 1];
      if (open && open.text === '(') {
        const inner = drafts.find((d) => d.start >= open.end && d.start - open.end <= 1 && !d.adjective && d.country);
        const close = inner ? tokens.find((x) => x.start >= inner.end && x.text === ')') : undefined;
        if (inner && close && close.start - inner.end <= 1) {
          added.push(makeDraft({ start: tok.start, end: tok.end, text: tok.text, name: inner.name, country: inner.country, sector: inner.sector, kind: 'pronoun', refersTo: [refOf(inner)], sentence: s.index, role: inner.role, acledName: inner.acledName, inter: inner.inter, countryFrom: 'reference' }));
          continue;
        }
      }
      // "it said", "they also claimed": the speaker is the nearest fitting actor before
      let v = t + 1;
      while (v < s.tokenEnd && v - t <= 3 && (tokens[v]!.pos === 'ADV' || tokens[v]!.pos === 'AUX' || tokens[v]!.pos === 'PART')) v++;
      const verb = tokens[v];
      if (!verb || v >= s.tokenEnd || !(SPEECH.has(verb.text.toLowerCase()) || SPEECH.has(verb.lemma.toLowerCase()))) continue;
      // a bracketed name annotates the word before it and is not what a later "it" points to
      const cands: Draft[] = [];
      for (const d of before(drafts.concat(added).sort(byStart), tok.start, s.index, 3)) if (!d.adjective && d.kind !== 'agency' && !bracketed(text, d)) cands.push(d);
      const ante = speakerFor(lower, cands);
      if (!ante) continue;
      const refs = ante.refersTo?.length ? ante.refersTo : [refOf(ante)];
      added.push(makeDraft({ start: tok.start, end: tok.end, text: tok.text, name: ante.name, country: refs.length === 1 ? refs[0]!.country : null, sector: refs.length === 1 ? refs[0]!.sector : ante.sector, kind: 'pronoun', refersTo: refs, sentence: s.index, role: ante.role, acledName: ante.acledName, inter: ante.inter, countryFrom: 'reference' }));
    }
  }

  // "the ministry (Armenia)": a bare head corrected in brackets stands for the bracketed actor
  const all = sorted();
  for (let k = 0; k + 1 < all.length; k++) {
    const a = all[k]!;
    const b = all[k + 1]!;
    if (a.adjective || b.adjective || !b.country || a.kind === 'pronoun') continue;
    const between = text.slice(a.end, b.start);
    // only a word that names nobody by itself is corrected ("the ministry (Armenia)"); for "Azerbaijan (Armenia)" the text is ambiguous and both names stay
    if (/^\s*\($/.test(between) && /^\)/.test(text.slice(b.end, b.end + 1)) && a.head && !a.country && b.kind === 'state') {
      a.refersTo = [{ ...refOf(b), sector: a.sector }];
      a.country = b.country;
      a.countryFrom = 'reference';
    }
  }

  // Head-only mentions: "the ministry" → the last ministry named; nouns → the sentence's country; else the focus.
  const bySentence = new Map<number, Draft[]>();
  for (const d of all) {
    const list = bySentence.get(d.sentence);
    if (list) list.push(d);
    else bySentence.set(d.sentence, [d]);
  }
  for (const d of all) {
    if (!d.head || d.country || d.refersTo || d.noCountry) continue;
    const cls = headClass(d.head.name);
    const ante = d.text.toLowerCase().startsWith('the ') && d.head.type !== 'noun'
      ? findBefore(all, d.start, d.sentence, 40, sameHeadClass, d, cls)
      : undefined;
    if (ante) {
      d.country = ante.country;
      d.refersTo = [refOf(ante)];
      d.countryFrom = 'reference';
      continue;
    }
    // "the council's presidency", "the group's spokesman": the possessor is a body named before by that head word
    const possessor = text.slice(Math.max(0, d.start - 30), d.start).match(/\bthe ([a-z]+)['’]s\s$/i);
    if (possessor) {
      const word = possessor[1]!.toLowerCase();
      const o = findBefore(all, d.start, d.sentence, 5, possessorNamed, d, word);
      if (o) {
        d.country = o.country;
        if (o.country === 'IGO') d.sector = 'IGO';
        d.refersTo = [{ ...refOf(o), sector: d.sector }];
        d.countryFrom = 'reference';
        continue;
      }
    }
    // "its forces", "their troops": the owner is the nearest actor before
    const owner = text.slice(Math.max(0, d.start - 6), d.start).toLowerCase().match(/\b(its|their)\s$/);
    if (owner) {
      const o = findBefore(all, d.start, d.sentence, 2, ownerOf, d, owner[1] === 'their');
      if (o) {
        d.country = o.country;
        d.refersTo = [{ ...refOf(o), sector: d.sector }];
        d.countryFrom = 'reference';
        continue;
      }
    }
    // a bare plural of state forces ("peacekeepers were deployed") belongs to the state just named
    if (d.head.type === 'institution' && (d.sector === 'MIL' || d.sector === 'COP') && !/^(the|its|their)\s/i.test(d.text) && d.plural) {
      const near = findBefore(all, d.start, d.sentence, 1, stateJustNamed, d, null);
      if (near) {
        d.country = near.country;
        d.refersTo = [{ ...refOf(near), sector: d.sector }];
        d.countryFrom = 'context';
        continue;
      }
    }
    if (d.head.type === 'noun') {
      let inSentence: Draft | undefined;
      for (const x of bySentence.get(d.sentence)!) {
        if (x !== d && x.kind === 'state' && !x.adjective && x.country && x.country !== 'IGO' && x.countryFrom === 'name' && x.locative) {
          inSentence = x;
          break;
        }
      }
      if (inSentence) {
        d.country = inSentence.country;
        d.countryFrom = 'context';
        d.refersTo = [{ ...refOf(inSentence), sector: d.sector }];
        continue;
      }
    }
    if (focus) {
      d.country = focus.iso3;
      d.countryFrom = 'focus';
      d.refersTo = focusRef().map((r) => ({ ...r, sector: d.sector }));
    }
  }
  return all.concat(added).sort(byStartLongestFirst);
}

/** The last word of a head's name ("Ministry of Defence" → "Defence"). */
function headClass(name: string): string {
  return name.slice(name.lastIndexOf(' ') + 1);
}
