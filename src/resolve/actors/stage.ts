// Stage: actor mentions. Dictionary matches per sentence are combined into maximal actor
// phrases (compose.ts), then document passes resolve references and fill countries from the
// context or the article's focus country (coref.ts). The lexicon comes from Resources.

import type { ActorMention, Doc, Token } from '../../doc.js';
import { defineStage } from '../../pipeline.js';
import type { Resources } from '../../resources.js';
import { composeSentence, type ComposeContext, type Draft } from './compose.js';
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

/** Output mention: the Draft without the fields only the passes need. */
function toMention(d: Draft): ActorMention {
  const m: ActorMention = { start: d.start, end: d.end, text: d.text, name: d.name, country: d.country, sector: d.sector, kind: d.kind };
  if (d.adjective) m.adjective = true;
  if (d.refersTo) m.refersTo = d.refersTo;
  if (d.countryFrom) m.countryFrom = d.countryFrom;
  else if (d.noCountry) m.countryFrom = 'collective';
  if (d.locative) m.locative = true;
  if (d.role) m.role = d.role;
  if (d.acledName) m.acledName = d.acledName;
  return m;
}

export function findActors(doc: Doc, lex: ActorLexicon): ActorMention[] {
  const tokens = doc.tokens ?? [];
  const sentences = doc.sentences ?? [];
  const drafts: Draft[] = [];
  let georgia: boolean | null = null;
  const ctx: ComposeContext = {
    lex, text: doc.text, sentence: 0, context: [],
    // counted only for articles that name Georgia
    get georgiaIsUsState() { return (georgia ??= georgiaIsUsState(tokens)); },
  };
  for (const s of sentences) {
    const items = itemsOf(tokens, s.tokenStart, s.tokenEnd);
    if (!items.length) continue;
    ctx.sentence = s.index;
    for (const d of composeSentence(items, matchItems(lex, items), ctx)) drafts.push(d);
  }
  const titleEnd = doc.zones.filter((z) => z.kind === 'title').reduce((e, z) => Math.max(e, z.end), -1);
  const focus = focusCountry(drafts, ctx.context, titleEnd, (iso3) => lex.countries.get(iso3)?.name ?? iso3);
  return resolveReferences(drafts, { text: doc.text, tokens, sentences, focus }).map(toMention);
}

export const actorsStage = defineStage({
  name: 'actors',
  requires: ['sentences', 'tokens'],
  assigns: ['actors'],
  run(doc: Doc, res: Resources) {
    return { actors: findActors(doc, actorLexicon(res)) };
  },
});
