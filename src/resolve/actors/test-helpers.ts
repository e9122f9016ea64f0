// Shared by the actor tests: run the stages up to actors on a text.
import { makeDoc } from '../../ingest/article.js';
import { paragraphsStage } from '../../nlp/paragraphs.js';
import { loadWink, tokensStage } from '../../nlp/tokens.js';
import type { ActorMention, Doc } from '../../doc.js';
import type { Resources } from '../../resources.js';
import { DEFAULT_SETTINGS } from '../../resources.js';
import { loadActorLexicon } from './lexicon.js';
import { findActors } from './stage.js';

let res: Resources | null = null;
export function testResources(): Resources {
  res ??= { nlp: loadWink(), settings: DEFAULT_SETTINGS, actors: loadActorLexicon() };
  return res;
}

export function tokenised(text: string): Doc {
  const r = testResources();
  let doc: Doc = makeDoc({ id: 't', text });
  doc = { ...doc, ...paragraphsStage.run(doc, r) };
  doc = { ...doc, ...tokensStage.run(doc, r) };
  return doc;
}

export function actors(text: string): ActorMention[] {
  return findActors(tokenised(text), testResources()['actors'] as never);
}

/** The mention whose text is exactly `t` (the first one). */
export function byText(ms: ActorMention[], t: string): ActorMention | undefined {
  return ms.find((m) => m.text === t);
}
