// Everything the stages read but never change: the NLP model, the actor dictionary, the
// gazetteer, the event model and the settings. Loaded once per process and passed to every
// stage call (no module-level mutable state), so tests can build tiny ones.

import { loadWink, type WinkNlp } from './nlp/tokens.js';
import { loadGazetteer } from './resolve/places/cache.js';
import { loadActorLexicon } from './resolve/actors/lexicon.js';
import { loadEventCoding } from './coding/lexicon/load.js';

export interface Settings {
  /** A report is stale when its newest non-historical event ended more than this many days before publication. */
  staleDays: number;
  /** Event sub-type model made by `sitrep train` (path); undefined = the shipped default; null = rules only. */
  eventModel?: string | null;
}

export const DEFAULT_SETTINGS: Settings = { staleDays: 30 };

export interface Resources {
  nlp: WinkNlp;
  settings: Settings;
  /** Named resources owned by individual modules (actor lexicon, gazetteer, event model…). */
  [name: string]: unknown;
}

export interface ResourceOptions {
  settings?: Partial<Settings>;
}

export async function loadResources(opts: ResourceOptions = {}): Promise<Resources> {
  const settings: Settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  return {
    nlp: loadWink(),
    settings,
    actors: loadActorLexicon(),
    events: loadEventCoding({ modelPath: settings.eventModel }),
    gazetteer: await loadGazetteer(),
  };
}
