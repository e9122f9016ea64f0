// Building a document up to the times layer for tests of this module (and of the checks).

import type { Doc, TimeMention } from '../../doc.js';
import { makeDoc } from '../../ingest/article.js';
import { paragraphsStage } from '../../nlp/paragraphs.js';
import { loadWink, tokensStage, type WinkNlp } from '../../nlp/tokens.js';
import type { Resources } from '../../resources.js';
import { DEFAULT_SETTINGS } from '../../resources.js';
import { timesStage } from './stage.js';

let nlp: WinkNlp | null = null;

export function testResources(): Resources {
  nlp ??= loadWink();
  return { nlp, settings: { ...DEFAULT_SETTINGS } };
}

export function docWithTimes(text: string, published: string | null): Doc {
  const res = testResources();
  let doc: Doc = makeDoc({ id: 't', text, published });
  doc = { ...doc, ...paragraphsStage.run(doc, res) };
  doc = { ...doc, ...tokensStage.run(doc, res) };
  doc = { ...doc, ...timesStage.run(doc, res) };
  return doc;
}

export function times(text: string, published: string | null): TimeMention[] {
  return [...docWithTimes(text, published).times!];
}

/** The mention whose text is `phrase` (or contains it). */
export function mention(list: readonly TimeMention[], phrase: string): TimeMention | undefined {
  return list.find((t) => t.text === phrase) ?? list.find((t) => t.text.includes(phrase));
}
