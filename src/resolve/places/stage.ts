// Stage: place mentions. Recognise toponyms in each sentence (recognize.ts), then choose what
// each refers to from the article's context (disambiguate.ts). Runs after the actors stage so
// that the countries the actors belong to count as context, and so that a span the actors layer
// took as a person is not also a place.

import type { ActorMention, PlaceMention, Token } from '../../doc.js';
import { countStartingBefore } from '../../nlp/spans.js';
import { defineStage } from '../../pipeline.js';
import type { Resources } from '../../resources.js';
import { GazetteerError } from './errors.js';
import { Gazetteer } from './gazetteer.js';
import { resolveMentions } from './disambiguate.js';
import { personLikeNames, recognizeSentence, wordsOf, type RawMention, type RecognizeContext } from './recognize.js';

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
  const t = tokens[countStartingBefore(tokens, offset, true) - 1];
  return t && t.start === offset ? t : undefined;
}

/**
 * What recognizeSentence asks of the article (RecognizeContext), as a class: its methods are made
 * once, where closures made per article lose their optimized code at every full GC (V8 keeps a
 * closure's code only weakly, and between articles none is alive), to be recompiled each time.
 */
class PlaceContext implements RecognizeContext {
  constructor(
    readonly gaz: Gazetteer,
    readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly common: Map<string, boolean>,
    private readonly nlp: Resources['nlp'],
    readonly personish: ReadonlySet<string>,
  ) {}

  tokenAt(offset: number): Token | undefined {
    return tokenStartingAt(this.tokens, offset);
  }

  isCommonWord(lower: string): boolean {
    let v = this.common.get(lower);
    if (v === undefined) {
      const pos = this.nlp.readDoc(lower).tokens().out(this.nlp.its.pos) as string[];
      v = pos.length === 1 && FUNCTION_POS.has(pos[0]!);
      this.common.set(lower, v);
    }
    return v;
  }
}

function overlapsAny(spans: readonly { start: number; end: number }[], m: { start: number; end: number }): boolean {
  for (const p of spans) if (p.start < m.end && m.start < p.end) return true;
  return false;
}

export function findPlaces(input: PlaceInput, gaz: Gazetteer, res: Pick<Resources, 'nlp'>): PlaceMention[] {
  const { text, tokens } = input;
  let common = commonWords.get(res.nlp);
  if (!common) {
    common = new Map();
    commonWords.set(res.nlp, common);
  }
  if (common.size > COMMON_WORDS_MAX) common.clear();
  // (loops rather than callbacks made per article: see PlaceContext)
  const sentenceWords: ReturnType<typeof wordsOf>[] = [];
  for (const s of input.sentences) sentenceWords.push(wordsOf(text, s.start, s.end));
  const ctx = new PlaceContext(gaz, text, tokens, common, res.nlp, personLikeNames(gaz, text, sentenceWords));
  const persons: ActorMention[] = [];
  for (const a of input.actors) if (a.kind === 'person') persons.push(a);
  const raw: RawMention[] = [];
  for (let i = 0; i < input.sentences.length; i++) {
    for (const m of recognizeSentence(ctx, i, input.sentences[i]!.start, sentenceWords[i]!)) {
      if (overlapsAny(persons, m)) continue;
      raw.push(m);
    }
  }
  // states and their institutions say which country an article is about; an armed group's
  // country (JNIM → Mali) says where it comes from, not where this event was
  const actorCountries: string[] = [];
  for (const a of input.actors) if (a.country && a.country !== 'IGO' && (a.kind === 'state' || a.kind === 'institution')) actorCountries.push(a.country);
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
