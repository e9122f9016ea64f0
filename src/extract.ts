// One article in, one SPEC result out. The whole pipeline behind one function that the CLI,
// the store, the server and the workers all call.

import type { FullDoc } from './doc.js';
import { errorMessage } from './errors.js';
import { makeDoc, type MakeDocOptions } from './ingest/article.js';
import type { InputRecord } from './ingest/record.js';
import { toSpec, type SpecError, type SpecResult } from './output/spec.js';
import type { Pipeline } from './pipeline.js';
import type { Resources } from './resources.js';

export interface Extractor {
  pipeline: Pipeline;
  resources: Resources;
}

export function analyse(ex: Extractor, record: InputRecord, opts: MakeDocOptions = {}): FullDoc {
  return ex.pipeline.run(makeDoc(record, opts), ex.resources);
}

export function extractRecord(ex: Extractor, record: InputRecord, opts: MakeDocOptions = {}): SpecResult | SpecError {
  try {
    return toSpec(analyse(ex, record, opts));
  } catch (err) {
    return { id: record.id, error: errorMessage(err) };
  }
}
