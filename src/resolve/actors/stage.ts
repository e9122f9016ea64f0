// Stage: actor mentions. Dictionary matches per sentence are combined into maximal actor
// phrases (compose.ts), then document passes resolve references and fill countries from the
// context or the article's focus country (coref.ts). The lexicon comes from Resources.

import type { ActorMention, Doc, Token } from '../../doc.js';
import { defineStage } from '../../pipeline.js';
import { byStartLongestFirst, insideAny } from '../../nlp/spans.js';
import type { Resources } from '../../resources.js';
import { composeSentence, makeDraft, type ComposeContext, type Draft } from './compose.js';
import { focusCountry, resolveReferences } from './coref.js';
import { actorLexicon, type ActorLexicon } from './lexicon.js';
import { itemsOf, matchItems } from './match.js';

const US_SIGNALS = new Set(['atlanta', 'savannah', 'alabama', 'florida', 'tennessee', 'carolina', 'texas', 'ohio', 'california', 'republican', 'republicans', 'democrat', 'democrats', 'gop', 'ga.', 'gov.', 'sen.', 'rep.', 'governor', 'senate', 'county', 'fbi']);
const CAUCASUS_SIGNALS = new Set(['tbilisi', 'georgian', 'georgians', 'abkhazia', 'ossetia', 'caucasus', 'batumi', 'kutaisi', 'russia', 'russian']);

/** "Georgia" is the US state when US signals outnumber Caucasus ones in the article. */
function georgiaIsUsState(tokens: readonly Token[]): boolean {
  let us = 0;
  let cau = 0;
  for (const t of tokens) {
    const k = t.text.toLowerCase();
    if (US_SIGNALS.has(k)) us++;
    else if (CAUCASUS_SIGNALS.has(k)) cau++;
  }
  return us > cau;
}

/**
 * One article's ComposeContext. A class, not an object literal with a getter: V8 turns such a
 * literal into a dictionary-mode object each time one is made (`--log-maps`: a "Normalize" per
 * article, "accessors overwriting non-accessors"), and every read of the context in composition
 * then looks its key up in a hash table; here the getter lives on the prototype and the contexts
 * share one hidden class.
 */
class ArticleContext implements ComposeContext {
  sentence = 0;
  context: ComposeContext['context'] = [];
  private georgia: boolean | null = null;

  constructor(
    readonly lex: ActorLexicon,
    readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  /** Counted only for articles that name Georgia. */
  get georgiaIsUsState(): boolean {
    return (this.georgia ??= georgiaIsUsState(this.tokens));
  }
}

/** Output mention: the Draft without the fields only the passes need. */
function toMention(d: Draft): ActorMention {
  // Every field in place, undefined when the draft has none (absent to every reader; the SPEC
  // output lists its own fields, see output/spec.ts): mentions of one shape, one hidden class for
  // the stages after this one, instead of one per set of fields given (see makeDraft).
  return {
    start: d.start, end: d.end, text: d.text, name: d.name, country: d.country, sector: d.sector, kind: d.kind,
    adjective: d.adjective ? true : undefined,
    refersTo: d.refersTo || undefined,
    countryFrom: d.countryFrom || (d.noCountry ? 'collective' : undefined),
    locative: d.locative ? true : undefined,
    role: d.role || undefined,
    acledName: d.acledName || undefined,
    operatesIn: d.operatesIn || undefined,
  };
}

export function findActors(doc: Doc, lex: ActorLexicon): ActorMention[] {
  const tokens = doc.tokens ?? [];
  const sentences = doc.sentences ?? [];
  const drafts: Draft[] = [];
  const ctx = new ArticleContext(lex, doc.text, tokens);
  for (const s of sentences) {
    const items = itemsOf(lex, tokens, s.tokenStart, s.tokenEnd);
    if (!items.length) continue;
    ctx.sentence = s.index;
    for (const d of composeSentence(items, matchItems(lex, items), ctx)) drafts.push(d);
  }
  // (loops here and below, not callbacks made per article: V8 drops a closure's optimized code at
  // every full GC, holding it weakly while none is alive between articles, and compiles it again)
  let titleEnd = -1;
  for (const z of doc.zones) if (z.kind === 'title') titleEnd = Math.max(titleEnd, z.end);
  const focus = focusCountry(drafts, ctx.context, titleEnd, (iso3) => lex.countries.get(iso3)?.name ?? iso3);
  const resolved = resolveReferences(drafts, { text: doc.text, tokens, sentences, focus });
  const all = resolved.concat(surnameMentions(resolved, tokens, sentences)).sort(byStartLongestFirst);
  return all.map(toMention);
}

/**
 * News style names a person in full once ("interim Prime Minister Claude Joseph") and by surname
 * after that ("Joseph said", "Joseph declared …"): a capitalised token that is the last name of a
 * person named earlier stands for that person. Only persons the text named with a title or the
 * lexicon knows qualify, and only after their full mention.
 */
function surnameMentions(drafts: readonly Draft[], tokens: readonly Token[], sentences: readonly { index: number; tokenStart: number; tokenEnd: number }[]): Draft[] {
  const persons = new Map<string, Draft>();
  for (const d of drafts) {
    if (d.kind !== 'person' || !d.country) continue;
    const words = d.name.split(/\s+/);
    if (words.length < 2) continue;
    const last = words[words.length - 1]!;
    if (/^[A-Z][a-z'’-]{2,}$/.test(last)) persons.set(last, d);
  }
  if (!persons.size) return [];
  const out: Draft[] = [];
  for (const s of sentences) {
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = tokens[i]!;
      const full = persons.get(t.text);
      if (!full || t.start < full.end || t.pos !== 'PROPN' || insideAny(drafts, t)) continue;
      // "Martine Moise" is someone else of that family: a first name before the surname
      if (i > s.tokenStart && /^[A-Z]/.test(tokens[i - 1]!.text) && tokens[i - 1]!.pos === 'PROPN') continue;
      out.push(makeDraft({
        start: t.start, end: t.end, text: t.text, name: full.name, country: full.country, sector: full.sector, kind: 'person',
        refersTo: [{ text: full.text, name: full.name, country: full.country, sector: full.sector, source: { start: full.start, end: full.end } }],
        sentence: s.index, role: full.role, acledName: full.acledName, inter: full.inter, countryFrom: 'reference',
      }));
    }
  }
  return out;
}

export const actorsStage = defineStage({
  name: 'actors',
  requires: ['sentences', 'tokens'],
  assigns: ['actors'],
  run(doc: Doc, res: Resources) {
    return { actors: findActors(doc, actorLexicon(res)) };
  },
});
