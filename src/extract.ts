// One article in, one SPEC result out. The whole pipeline behind one function that the CLI,
// the store, the server and the workers all call.

import type { DocBase, FullDoc } from './doc.js';
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

/**
 * Several records at once, through the pipeline stage by stage (see Pipeline.runMany): the
 * results are those `extractRecord` gives each record alone, in the same order, and a record that
 * fails gets its error without stopping the others.
 */
export function extractRecords(ex: Extractor, items: readonly { record: InputRecord; opts?: MakeDocOptions }[]): (SpecResult | SpecError)[] {
  const out: (SpecResult | SpecError | null)[] = new Array(items.length).fill(null);
  const bases: DocBase[] = [];
  const at: number[] = [];
  items.forEach(({ record, opts }, i) => {
    try {
      bases.push(makeDoc(record, opts ?? {}));
      at.push(i);
    } catch (err) {
      out[i] = { id: record.id, error: errorMessage(err) };
    }
  });
  ex.pipeline.runMany(bases, ex.resources).forEach((doc, k) => {
    const i = at[k]!;
    try {
      if (doc instanceof Error) throw doc;
      out[i] = toSpec(doc);
    } catch (err) {
      out[i] = { id: items[i]!.record.id, error: errorMessage(err) };
    }
  });
  return out as (SpecResult | SpecError)[];
}

export function extractRecord(ex: Extractor, record: InputRecord, opts: MakeDocOptions = {}): SpecResult | SpecError {
  try {
    return toSpec(analyse(ex, record, opts));
  } catch (err) {
    return { id: record.id, error: errorMessage(err) };
  }
}
