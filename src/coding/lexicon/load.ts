// Loading the event-coding resources (lexicon, mapping table, context cues, the default model)
// once per process. Files live in data/events/ (see its README for sources and licences).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Resources } from '../../resources.js';
import { LexiconError, parseLexicon, parseMapping, type Lexicon, type Mapping } from './lexicon.js';
import { parseCues, type Cues } from './cues.js';
import { loadModelFile, type NbModel } from '../model/nb.js';

export interface EventCoding {
  mapping: Mapping;
  lexicon: Lexicon;
  cues: Cues;
  /** PLOVER's REQUEST/REJECT modes by what is asked for (request-modes.tsv): cue name = mode */
  requestModes: Cues;
  /** ACLED note labels ("Defusal:") -> sub-event type, keys lower-cased. */
  noteLabels: ReadonlyMap<string, string>;
  /** The learned sub-type model, or null when none is configured. */
  model: NbModel | null;
  modelPath: string | null;
}

export const EVENTS_DATA_DIR = fileURLToPath(new URL('../../../data/events/', import.meta.url));
export const DEFAULT_MODEL_PATH = EVENTS_DATA_DIR + 'model.json';

export interface EventCodingOptions {
  /** Path of a model made by `sitrep train`; undefined = the shipped default; null = rules only. */
  modelPath?: string | null;
}

export function loadEventCoding(opts: EventCodingOptions = {}): EventCoding {
  const read = (f: string) => readFileSync(EVENTS_DATA_DIR + f, 'utf8');
  const mapping = parseMapping(read('mapping.tsv'));
  const lexicon = parseLexicon(read('lexicon.tsv'), mapping);
  const cues = parseCues(read('cues.tsv'));
  const requestModes = parseCues(read('request-modes.tsv'), 'request-modes.tsv');
  const noteLabels = parseNoteLabels(read('note-labels.tsv'), mapping);
  const envPath = process.env.SITREP_EVENT_MODEL;
  let modelPath: string | null = opts.modelPath === undefined ? (envPath ? envPath : DEFAULT_MODEL_PATH) : opts.modelPath;
  if (modelPath === 'none' || modelPath === '') modelPath = null;
  const model = modelPath ? loadModelFile(modelPath) : null;
  return { mapping, lexicon, cues, requestModes, noteLabels, model, modelPath };
}

/** The event-coding resources, loaded on first use when a caller built Resources without them. */
export function eventCoding(res: Resources): EventCoding {
  const ec = res.events as EventCoding | undefined;
  if (ec) return ec;
  // Resources objects are built once per process; caching on them keeps lexicon parsing out of
  // the per-document path for callers (tests, tools) that did not preload it.
  const loaded = loadEventCoding();
  (res as Record<string, unknown>).events = loaded;
  return loaded;
}

export function parseNoteLabels(text: string, mapping: Mapping, source = 'note-labels.tsv'): Map<string, string> {
  const m = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.startsWith('#')) return;
    const [label, sub] = raw.split('\t').map((c) => c.trim());
    if (!label || !sub || !mapping.has(sub)) throw new LexiconError(`${source}:${i + 1}: expected a label and an ACLED sub-event type`);
    m.set(label.toLowerCase(), sub);
  });
  return m;
}
