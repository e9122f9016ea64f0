// The default pipeline, in order. Why this order:
//  1. paragraphs first: line breaks bound sentences, and zones (title, caption) are not body text;
//  2. sentences+tokens: every later stage works on tokens with offsets;
//  3. actors before places: "Moscow said" is an actor (metonymy), not where something happened;
//     actors-placed after places: a generic actor ("police", "protesters") takes the country of the place its sentence names;
//  4. times and quantities are independent of actors;
//  5. attributions (reported speech) need actors (the speaker) and sentences;
//  6. triggers (event words typed by the lexicon/model) need tokens and actors;
//  7. events are assembled from triggers with all of the above; checks read the events.

import { buildPipeline, type Pipeline, type Stage } from './pipeline.js';
import { paragraphsStage } from './nlp/paragraphs.js';
import { tokensStage } from './nlp/tokens.js';
import { actorsStage } from './resolve/actors/stage.js';
import { timesStage } from './resolve/time/stage.js';
import { quantitiesStage } from './coding/quantities.js';
import { placesStage } from './resolve/places/stage.js';
import { actorsPlacedStage } from './resolve/actors/place-context.js';
import { attributionsStage } from './coding/attribution.js';
import { triggersStage } from './coding/triggers.js';
import { eventsStage } from './coding/stage.js';
import { checksStage } from './checks/stage.js';

export const DEFAULT_STAGES: readonly Stage[] = [
  paragraphsStage,
  tokensStage,
  actorsStage,
  timesStage,
  quantitiesStage,
  placesStage,
  actorsPlacedStage,
  attributionsStage,
  triggersStage,
  eventsStage,
  checksStage,
] as readonly Stage[];

export function defaultPipeline(): Pipeline {
  return buildPipeline(DEFAULT_STAGES);
}
