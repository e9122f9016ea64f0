// Stage: place mentions. Recognise toponyms in each sentence (recognize.ts), then choose what
// each refers to from the article's context (disambiguate.ts). Runs after the actors stage so
// that the countries the actors belong to count as context, and so that a span the actors layer
// took as a person is not also a place.

import type { ActorMention, PlaceMention, Token } from '../../doc.js';
import { countBefore } from '../../nlp/spans.js';
import { defineStage } from '../../pipeline.js';
import type { Resources } from '../../resources.js';
import { GazetteerError } from './errors.js';
import { Gazetteer } from './gazetteer.js';
import { resolveMentions } from './disambiguate.js';
import { personLikeNames, recognizeSentence, wordsOf, type RawMention } from './recognize.js';

/** The gazetteer from Resources (loaded once by loadResources). */
export function gazetteerOf(res: Resources): Gazetteer {
  const g = res.gazetteer;
  if (!(g instanceof Gazetteer)) throw new GazetteerError('GAZ_SOURCE', 'Resources has no gazetteer: add `gazetteer: await loadGazetteer()` to loadResources');
  return g;
}

const FUNCTION_POS = new Set(['ADJ', 'ADV', 'VERB', 'ADP', 'DET', 'PRON', 'AUX', 'CCONJ', 'SCONJ', 'PART', 'INTJ']);

export interface PlaceInput {
  text: string;
  sentences: readonly { start: number; end: number }[];
  tokens: readonly Token[];
  actors: readonly ActorMention[];
}

/**
 * Whether a lower-cased word is a function word, per NLP model: the answer depends only on the
 * word (it is tagged alone), so it is shared across articles instead of re-tagging the same
 * words in every one. Bounded so a long ingest does not grow it without limit.
 */
const commonWords = new WeakMap<object, Map<string, boolean>>();
const COMMON_WORDS_MAX = 50_000;

/**
 * The token that starts at `offset`, if any (the last one when several do). Tokens are sorted by
 * start, and only a few words per article ask, so a binary search beats indexing every token.
 */
function tokenStartingAt(tokens: readonly Token[], offset: number): Token | undefined {
  const t = tokens[countBefore(tokens, (tok) => tok.start <= offset) - 1];
  return t && t.start === offset ? t : undefined;
}

export function findPlaces(input: PlaceInput, gaz: Gazetteer, res: Pick<Resources, 'nlp'>): PlaceMention[] {
  const { text, tokens } = input;
  let common = commonWords.get(res.nlp);
  if (!common) {
    common = new Map();
    commonWords.set(res.nlp, common);
  }
  if (common.size > COMMON_WORDS_MAX) common.clear();
  const isCommonWord = (lower: string): boolean => {
    let v = common!.get(lower);
    if (v === undefined) {
      const pos = res.nlp.readDoc(lower).tokens().out(res.nlp.its.pos) as string[];
      v = pos.length === 1 && FUNCTION_POS.has(pos[0]!);
      common!.set(lower, v);
    }
    return v;
  };
  const sentenceWords = input.sentences.map((s) => wordsOf(text, s.start, s.end));
  const ctx = { gaz, text, tokenAt: (o: number) => tokenStartingAt(tokens, o), isCommonWord, personish: personLikeNames(gaz, text, sentenceWords) };
  const persons = input.actors.filter((a) => a.kind === 'person');
  const raw: RawMention[] = [];
  input.sentences.forEach((s, i) => {
    for (const m of recognizeSentence(ctx, i, s.start, sentenceWords[i]!)) {
      if (persons.some((p) => p.start < m.end && m.start < p.end)) continue;
      raw.push(m);
    }
  });
  // states and their institutions say which country an article is about; an armed group's
  // country (JNIM → Mali) says where it comes from, not where this event was
  const actorCountries = input.actors.filter((a) => a.country && a.country !== 'IGO' && (a.kind === 'state' || a.kind === 'institution')).map((a) => a.country!);
  return resolveMentions(gaz, text, raw, actorCountries);
}

export const placesStage = defineStage({
  name: 'places',
  requires: ['sentences', 'tokens', 'actors'],
  assigns: ['places'],
  run(doc, res) {
    const places = findPlaces({ text: doc.text, sentences: doc.sentences!, tokens: doc.tokens!, actors: doc.actors! }, gazetteerOf(res), res);
    return { places };
  },
});
