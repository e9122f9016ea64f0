// Phrase building within one sentence: dictionary matches combine into maximal actor mentions.
//   adjective + head        "the Armenian army", "Russian Defence Ministry", "Sudanese troops"
//   country 's head         "Azerbaijan's Ministry of Defense"
//   country head            "Azerbaijan Armed Forces", "Mali army"
//   head of [the] country   "the armed forces of Armenia", "President of Russia"
//   title Name Name         "Prime Minister Ranil Wickremesinghe"
//   X-backed head           "Iranian-backed militias" (the patron is not the actor's country)
// Heads without a country are left for the document passes (context, focus, anaphora).

import type { ActorEntry, ActorLexicon, ActorRole } from './lexicon.js';
import type { Item, Match } from './match.js';
import type { ActorKind, ActorMention, Span } from '../../doc.js';

export type CountryFrom = 'lexicon' | 'name' | 'adjective' | 'of-phrase' | 'context' | 'focus' | 'reference';

/** An ActorMention while it is being built, with what the document passes need. */
export interface Draft extends Omit<ActorMention, 'countryFrom' | 'role' | 'acledName'> {
  sentence: number;
  role: ActorRole | null;
  acledName: string | null;
  inter: number | null;
  countryFrom: CountryFrom | null;
  locative?: boolean;
  /** named as where people come from ("migrants from Honduras"), which says little about where the article is */
  origin?: boolean;
  /** "Western governments": a group of countries, so no country is inferred */
  noCountry?: boolean;
  /** the institution/noun entry a head-only mention came from, for "the ministry" anaphora */
  head?: ActorEntry;
  plural?: boolean;
}

/** What a Draft is made from: its span, text, sentence and identity; the rest defaults (see makeDraft). */
export type DraftFields = Partial<Draft> & Pick<Draft, 'start' | 'end' | 'text' | 'sentence' | 'name' | 'country' | 'sector' | 'kind'>;

/**
 * A Draft with every field in place, in one order, whichever of them `f` gives: `role`,
 * `acledName`, `inter` and `countryFrom` null unless given, the optional ones undefined (absent,
 * to every reader). Why: drafts made as literals in several key orders, and given their optional
 * fields later, came in dozens of hidden classes (V8's maps), so the passes that read them met new
 * ones late in a run and threw their optimised code away (`wrong map`; resolveReferences costs
 * 0.2–0.4 s of TurboFan each time it is recompiled, in every worker thread).
 */
export function makeDraft(f: DraftFields): Draft {
  return {
    start: f.start, end: f.end, text: f.text, name: f.name, country: f.country, sector: f.sector, kind: f.kind,
    adjective: f.adjective, refersTo: f.refersTo, operatesIn: f.operatesIn,
    sentence: f.sentence,
    // (given as undefined stays undefined, as the spread this replaces did)
    role: 'role' in f ? f.role! : null, acledName: 'acledName' in f ? f.acledName! : null,
    inter: 'inter' in f ? f.inter! : null, countryFrom: 'countryFrom' in f ? f.countryFrom! : null,
    locative: f.locative, origin: f.origin, noCountry: f.noCountry, head: f.head, plural: f.plural,
  };
}

const LOCATIVE = new Set(['in', 'at', 'near', 'inside', 'across', 'throughout', 'within', 'around', 'outside', 'into', 'over', 'from', 'towards', 'toward', 'across']);
const AFFILIATION = new Set(['led', 'backed', 'supported', 'sponsored', 'allied', 'aligned', 'funded', 'trained', 'armed', 'controlled', 'based', 'run', 'installed', 'linked', 'affiliated']);
const PATRON = new Set(['backed', 'supported', 'sponsored', 'allied', 'aligned', 'funded', 'trained', 'armed', 'linked', 'affiliated', 'installed']);
/** Nouns that extend a group or organisation name without changing who it is ("Hezbollah fighters"). */
const EXTENDERS = new Set(['fighters', 'militants', 'rebels', 'members', 'forces', 'gunmen', 'insurgents', 'troops', 'commanders', 'commander', 'leaders', 'leader', 'spokesman', 'spokeswoman', 'spokesperson', 'movement', 'militia', 'militiamen', 'operatives', 'units', 'officials', 'official', 'chief', 'envoy', 'monitors', 'mission', 'peacekeepers', 'soldiers', 'personnel', 'delegation', 'representatives', 'team', 'inspectors']);
const NAME_STOP = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'said', 'says', 'the', 'on', 'in', 'and', 'of']);
const PERSON_POS = new Set(['PROPN']);
/** Verbs whose object is an actor, so a capital after them is its government ("accused Kyiv"). */
const ADDRESSEE_VERBS = new Set(['accused', 'accuses', 'accuse', 'blamed', 'blames', 'blame', 'urged', 'urges', 'warned', 'warns', 'condemned', 'condemns', 'criticised', 'criticized', 'told', 'tells', 'asked', 'asks', 'pressed', 'thanked', 'praised', 'sanctioned', 'recognised', 'recognized']);
const MODIFIER_POS = new Set(['ADJ', 'NOUN', 'VERB', 'PROPN', 'NUM']);

const HEAD_TYPES = new Set(['institution', 'title', 'noun']);
/** Person words that take the sector of the institution before them ("military leader", "army spokesman"). */
const PERSONISH = new Set(['leaders', 'officials', 'spokesman', 'authorities', 'commander', 'minister']);

/** Two heads in a row: the second names the actor unless it is generic ("police forces") or a person of the first ("military spokesman"). */
function combineHeads(first: ActorEntry, second: ActorEntry): ActorEntry {
  if (GENERIC_HEADS.has(second.name)) return first;
  if ((second.type === 'title' || PERSONISH.has(second.name)) && first.sector && first.sector !== second.sector && first.type === 'institution') {
    return { ...second, sector: first.sector, role: first.role, needsName: false };
  }
  return second;
}
/** Heads that only say "some of them" and keep the sector of a more specific head before them. */
const GENERIC_HEADS = new Set(['forces', 'units', 'personnel', 'officials', 'members']);

export function entryOf(m: Match | undefined, ...types: string[]): ActorEntry | undefined {
  if (!m) return undefined;
  for (const t of types) for (const e of m.entries) if (e.type === t) return e;
  return undefined;
}

function isHeadOrPeople(x: ActorEntry): boolean {
  return HEAD_TYPES.has(x.type) || x.type === 'people';
}

function isHead(e: ActorEntry): boolean {
  return HEAD_TYPES.has(e.type);
}

function isNotHead(e: ActorEntry): boolean {
  return !HEAD_TYPES.has(e.type);
}

const isCap = (s: string) => { const c = s.charAt(0); return c !== c.toLowerCase(); };
const PLURAL_HEAD = /(s|people|men|police|personnel|military|army|aircraft|artillery|media|crowd|militia)$/;

export interface ComposeContext {
  lex: ActorLexicon;
  text: string;
  sentence: number;
  /** US-state sense of "Georgia" (set by the document when US signals outweigh Caucasus ones) */
  readonly georgiaIsUsState: boolean;
  /** countries named where they are not actors (a capital as a place), for the focus */
  context: { iso3: string; span: Span }[];
}

/**
 * One sentence's composition: its items, their lexicon matches and the context, with the helpers
 * over them as methods. (They were closures made per sentence, and V8 drops a closure's
 * optimized code at every full GC — it holds it weakly and none is alive between articles —
 * to compile it again; methods are made once.)
 */
class SentenceComposer {
  constructor(
    private readonly items: readonly Item[],
    private readonly matches: readonly (Match | undefined)[],
    private readonly ctx: ComposeContext,
  ) {}

  key(k: number) {
    return this.items[k]?.key;
  }

  /** include a directly preceding "the" in the span */
  withThe(i: number): number {
    return (i > 0 && this.key(i - 1) === 'the' ? this.items[i - 1]!.start : this.items[i]!.start);
  }

  /** the head (institution/title/noun) starting at k, allowing up to 2 unmatched modifiers before it; the last of a run of heads wins ("government aircraft") */
  findHead(k: number): { m: Match; e: ActorEntry } | null {
    let mods = 0;
    let found: { m: Match; e: ActorEntry } | null = null;
    while (k < this.items.length) {
      const m = this.matches[k];
      const e = entryOf(m, 'institution', 'title', 'noun');
      if (m && e && m.entries.every(isHeadOrPeople)) {
        // "military police forces": a generic last word keeps the specific head before it
        const prev = found as { m: Match; e: ActorEntry } | null;
        found = prev ? { m: { ...prev.m, j: m.j, end: m.end }, e: combineHeads(prev.e, e) } : { m, e };
        k = m.j;
        continue;
      }
      if (found) break;
      if (m) return null;
      const it = this.items[k]!;
      if (mods >= 2 || !MODIFIER_POS.has(it.pos) || isCap(it.text) && !it.joined) return null;
      mods++;
      k++;
    }
    return found;
  }

  draft(start: number, end: number, base: Partial<Draft> & Pick<Draft, 'name' | 'country' | 'sector' | 'kind'>): Draft {
    return makeDraft({ start, end, text: this.ctx.text.slice(start, end), sentence: this.ctx.sentence, ...base });
  }

  headDraft(start: number, end: number, e: ActorEntry, country: string | null, from: CountryFrom | null, name: string): Draft {
    const d = this.draft(start, end, { name, country, sector: e.sector, kind: e.kind, role: e.role, countryFrom: country ? from : null, head: e });
    d.plural = PLURAL_HEAD.test(d.text.toLowerCase());
    return d;
  }

  /** Title + capitalised name tokens: extend to the name, use a known person's country. */
  extendTitle(d: Draft, k: number): number {
    let j = k;
    const pm = this.matches[k];
    const person = entryOf(pm, 'person', 'surname');
    if (person) {
      d.end = pm!.end;
      d.kind = 'person';
      if (!d.country) { d.country = person.country; d.countryFrom = 'lexicon'; }
      d.name = person.name;
      d.text = this.ctx.text.slice(d.start, d.end);
      return pm!.j;
    }
    while (j < this.items.length && PERSON_POS.has(this.items[j]!.pos) && isCap(this.items[j]!.text) && !this.matches[j] && !NAME_STOP.has(this.items[j]!.key) && j - k < 4) j++;
    if (j > k) {
      d.end = this.items[j - 1]!.end;
      d.kind = 'person';
      d.name = this.ctx.text.slice(this.items[k]!.start, d.end);
      d.text = this.ctx.text.slice(d.start, d.end);
    }
    return j;
  }

  /** "Georgia" in an American story is the US state */
  usState(e: ActorEntry): ActorEntry {
    return (e.name === 'Georgia' && this.ctx.georgiaIsUsState ? { ...e, country: 'USA', name: 'Georgia (U.S. state)' } : e);
  }

  /** "of [the] Country" after a head: the country it belongs to */
  ofCountry(k: number): { e: ActorEntry; j: number } | null {
    if (this.key(k) !== 'of') return null;
    let n = k + 1;
    if (this.key(n) === 'the') n++;
    const e = entryOf(this.matches[n], 'country');
    return e ? { e: this.usState(e), j: this.matches[n]!.j } : null;
  }

  compose(): Draft[] {
    const out: Draft[] = [];
    let i = 0;
    while (i < this.items.length) {
      const m = this.matches[i];
      if (!m) { i++; continue; }
      if (entryOf(m, 'block')) { i = m.j; continue; }

      const country = entryOf(m, 'country');
      const adjective = entryOf(m, 'adjective');
      const org = entryOf(m, 'org', 'group');
      const person = entryOf(m, 'person', 'surname');

      // Named organisations, groups and people first: their names are the most specific.
      if (org && !(country && this.items[m.j] && this.findHead(m.j))) {
        let j = m.j;
        while (j < this.items.length && EXTENDERS.has(this.items[j]!.key) && !this.matches[j]?.entries.some(isNotHead)) j++;
        if (this.key(j) === "'s" && EXTENDERS.has(this.key(j + 1) ?? '')) j += 2;
        const start = org.type === 'org' ? this.withThe(i) : this.items[i]!.start;
        const end = this.items[j - 1]!.end;
        out.push(this.draft(start, end, {
          name: org.name, country: org.country, sector: org.sector, kind: org.kind, role: org.role,
          acledName: org.acledName, inter: org.inter, countryFrom: org.country ? 'lexicon' : null, plural: org.type === 'group' && /s$/.test(this.ctx.text.slice(start, end)),
          ...(org.operatesIn ? { operatesIn: org.operatesIn } : {}),
        }));
        i = j;
        continue;
      }
      if (person && !country && !adjective) {
        out.push(this.draft(m.start, m.end, { name: person.name, country: person.country, sector: person.sector, kind: 'person', role: person.role, countryFrom: 'lexicon' }));
        i = m.j;
        continue;
      }

      // Adjective (+ affiliation) (+ coordination) + head.
      if (adjective) {
        const adj = adjective;
        let k = m.j;
        // "Russian-backed separatists": the patron is not the actor's country
        if (this.items[k]?.joined && AFFILIATION.has(this.key(k)!)) {
          const patron = PATRON.has(this.key(k)!);
          const h = this.findHead(k + 1);
          if (h) {
            const start = this.withThe(i);
            const d = this.headDraft(start, h.m.end, h.e, patron ? null : adj.country, 'adjective', this.ctx.text.slice(this.items[i]!.start, h.m.end));
            if (h.e.type === 'title') { i = this.extendTitle(d, h.m.j); out.push(d); continue; }
            out.push(d);
            i = h.m.j;
            continue;
          }
          out.push(this.draft(m.start, this.items[k]!.end, { name: adj.name, country: adj.country, sector: null, kind: 'state', adjective: true, countryFrom: 'adjective' }));
          i = k + 1;
          continue;
        }
        // "Azerbaijani and Armenian forces": each adjective takes the shared head
        const coordinated: Match[] = [m];
        while ((this.key(k) === 'and' || this.key(k) === ',' || this.key(k) === 'or') && entryOf(this.matches[k + 1], 'adjective')) {
          coordinated.push(this.matches[k + 1]!);
          k = this.matches[k + 1]!.j;
          if (this.key(k) === ',' && this.key(k + 1) === 'and') k++;
        }
        const h = this.findHead(k);
        // "ethnic Armenian forces" are a community, not the state: their country comes from where they are
        const ethnic = i > 0 && this.key(i - 1) === 'ethnic';
        if (h && (ethnic || adj.country === null)) {
          const start = ethnic ? this.items[i - 1]!.start : this.withThe(i);
          const e = ethnic && (h.e.sector === 'MIL' || h.e.sector === 'COP') ? { ...h.e, sector: 'REB', role: 'communal' as const } : h.e;
          const d = this.headDraft(start, h.m.end, e, null, null, this.ctx.text.slice(start, h.m.end));
          if (!ethnic) d.noCountry = true;
          out.push(d);
          i = h.m.j;
          continue;
        }
        if (adj.country === null) { i = m.j; continue; }
        if (h) {
          for (let c = 0; c < coordinated.length; c++) {
            const cm = coordinated[c]!;
            const ce = entryOf(cm, 'adjective')!;
            const last = c === coordinated.length - 1;
            const start = c === 0 ? this.withThe(i) : cm.start;
            const end = last ? h.m.end : cm.end;
            const d = this.headDraft(start, end, h.e, ce.country, 'adjective', `${ce.name} ${h.e.name}`);
            if (last && h.e.type === 'title') {
              const j = this.extendTitle(d, h.m.j);
              out.push(d);
              i = j;
            } else out.push(d);
          }
          if (h.e.type !== 'title') i = h.m.j;
          continue;
        }
        // "the US said": a form that is both a name and an adjective, used as a name
        if (country && coordinated.length === 1) {
          // fall through to the name below
        } else {
        // an adjective of something that is not an actor ("Armenian positions")
        for (const cm of coordinated) {
          const ce = entryOf(cm, 'adjective')!;
          out.push(this.draft(cm.start, cm.end, { name: ce.name, country: ce.country, sector: null, kind: 'state', adjective: true, countryFrom: 'adjective' }));
        }
        i = k;
        continue;
        }
      }

      if (country) {
        const c = this.usState(country);
        if (c.ambiguous && looksLikePersonName(this.items, this.matches, m)) { i = m.j; continue; }
        let k = m.j;
        const locative = i > 0 && LOCATIVE.has(this.key(i - 1)!);
        const origin = i > 0 && this.key(i - 1) === 'from';
        if (this.items[k]?.joined && this.key(k) === 'based') {
          out.push(this.draft(m.start, this.items[k]!.end, { name: c.name, country: c.country, sector: null, kind: 'state', adjective: true, countryFrom: 'name' }));
          i = k + 1;
          continue;
        }
        if (this.key(k) === "'s") {
          const h = this.findHead(k + 1);
          if (h) {
            const d = this.headDraft(m.start, h.m.end, h.e, c.country, 'name', `${h.e.name} of ${c.name}`);
            i = h.e.type === 'title' ? this.extendTitle(d, h.m.j) : h.m.j;
            out.push(d);
            continue;
          }
        } else {
          const h = this.findHead(k);
          if (h && h.e.type !== 'noun' && h.m.i - k <= 1) {
            const d = this.headDraft(this.withThe(i), h.m.end, h.e, c.country, 'name', `${h.e.name} of ${c.name}`);
            i = h.e.type === 'title' ? this.extendTitle(d, h.m.j) : h.m.j;
            out.push(d);
            continue;
          }
        }
        // "anti-Russia rally", "pro-Ukraine march": the name describes something else
        if (this.items[i]!.joined && i > 0 && (this.key(i - 1) === 'pro' || this.key(i - 1) === 'anti')) {
          out.push(this.draft(this.items[i - 1]!.start, m.end, { name: c.name, country: c.country, sector: null, kind: 'state', adjective: true, countryFrom: 'name' }));
          i = m.j;
          continue;
        }
        const d = this.draft(m.start, m.end, { name: c.name, country: c.country, sector: 'GOV', kind: 'state', role: 'gov', countryFrom: 'name' });
        if (locative) d.locative = true;
        if (origin) d.origin = true;
        out.push(d);
        i = m.j;
        continue;
      }

      const capital = entryOf(m, 'capital');
      if (capital) {
        const k = m.j;
        const prev = i > 0 ? this.key(i - 1) : undefined;
        const verbNext = this.items[k] && (this.items[k]!.pos === 'VERB' || this.items[k]!.pos === 'AUX') && !this.items[k]!.joined;
        const pairedVerb = this.key(k) === 'and' && entryOf(this.matches[k + 1], 'capital', 'country') && this.items[this.matches[k + 1]!.j] && ['VERB', 'AUX'].includes(this.items[this.matches[k + 1]!.j]!.pos);
        const agentive = prev !== undefined && (ADDRESSEE_VERBS.has(prev) || prev === 'by');
        if (agentive || ((verbNext || pairedVerb) && !(prev && (LOCATIVE.has(prev) || prev === 'to' || prev === 'of')))) {
          out.push(this.draft(m.start, m.end, { name: this.ctx.lex.countries.get(capital.country!)?.name ?? capital.name, country: capital.country, sector: 'GOV', kind: 'state', role: 'gov', countryFrom: 'name' }));
        } else {
          this.ctx.context.push({ iso3: capital.country!, span: { start: m.start, end: m.end } });
        }
        i = m.j;
        continue;
      }

      const people = entryOf(m, 'people');
      if (people) {
        out.push(this.draft(m.start, m.end, { name: people.name, country: people.country, sector: null, kind: 'state', countryFrom: 'name', plural: true }));
        i = m.j;
        continue;
      }

      const head = entryOf(m, 'institution', 'title', 'noun');
      if (head && head.needsCountry) { i = m.j; continue; }
      if (head) {
        // a run of heads: the last one is the head ("government forces" is one entry; "police officers" too)
        let hm = m;
        let he = head;
        while (this.matches[hm.j] && entryOf(this.matches[hm.j], 'institution', 'title', 'noun') && this.matches[hm.j]!.entries.every(isHead)) {
          const next = this.matches[hm.j]!;
          he = combineHeads(he, entryOf(next, 'institution', 'title', 'noun')!);
          hm = { ...hm, j: next.j, end: next.end };
        }
        // a capitalised common noun inside a proper name ("Red Rebels", "Municipal Workers Union") is not the head of an actor phrase
        const it0 = this.items[i]!;
        if (isCap(it0.text) && !it0.first && i > 0 && isCap(this.items[i - 1]!.text) && !this.matches[i - 1] && this.items[i - 1]!.pos === 'PROPN' || (isCap(this.items[hm.j - 1]!.text) && hm.j < this.items.length && isCap(this.items[hm.j]!.text) && this.items[hm.j]!.pos === 'PROPN' && !this.matches[hm.j] && he.type !== 'title')) {
          i = hm.j;
          continue;
        }
        const start = this.withThe(i);
        const of = this.ofCountry(hm.j);
        if (of) {
          const d = this.headDraft(start, this.items[of.j - 1]!.end, he, of.e.country, 'of-phrase', `${he.name} of ${of.e.name}`);
          out.push(d);
          i = of.j;
          continue;
        }
        const d = this.headDraft(start, hm.end, he, null, null, he.name);
        if (he.type === 'title') {
          i = this.extendTitle(d, hm.j);
          // "general", "captain" alone are common words, not actors
          if (he.needsName && d.kind !== 'person') continue;
          out.push(d);
          continue;
        }
        out.push(d);
        i = hm.j;
        continue;
      }
      i = m.j;
    }
    return out;
  }
}

export function composeSentence(items: readonly Item[], matches: readonly (Match | undefined)[], ctx: ComposeContext): Draft[] {
  return new SentenceComposer(items, matches, ctx).compose();
}

/** "Chad Smith", "Michael Jordan", "Georgia Peterson": an ambiguous country name used as a person's name. */
function looksLikePersonName(items: readonly Item[], matches: readonly (Match | undefined)[], m: Match): boolean {
  const next = items[m.j];
  if (next && !next.joined && next.pos === 'PROPN' && isCap(next.text) && !matches[m.j] && !NAME_STOP.has(next.key) && next.key !== "'s") return true;
  const prev = items[m.i - 1];
  if (prev && prev.pos === 'PROPN' && isCap(prev.text) && !NAME_STOP.has(prev.key)) {
    // a capitalised word before that is not itself an actor ("Michael Jordan", not "Sudan and Chad")
    let p = m.i - 1;
    while (p >= 0 && !matches[p]) p--;
    const covering = p >= 0 && matches[p]!.j > m.i - 1;
    if (!covering) return true;
  }
  return false;
}

export type { ActorKind };
