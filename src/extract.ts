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
  const { bases, at, out } = basesOf(items);
  return specsOf(items, ex.pipeline.runMany(bases, ex.resources), at, out);
}

/** extractRecords, calling `between()` after each document of each stage (see Pipeline.runManyAsync). */
export async function extractRecordsAsync(
  ex: Extractor,
  items: readonly { record: InputRecord; opts?: MakeDocOptions }[],
  between: () => void | Promise<void>,
): Promise<(SpecResult | SpecError)[]> {
  const { bases, at, out } = basesOf(items);
  return specsOf(items, await ex.pipeline.runManyAsync(bases, ex.resources, between), at, out);
}

/** The documents of the records that make one, with their places among `items`; the others' errors in `out`. */
function basesOf(items: readonly { record: InputRecord; opts?: MakeDocOptions }[]) {
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
  return { bases, at, out };
}

/** Each pipeline result as its record's SPEC result (or error), in place in `out`. */
function specsOf(
  items: readonly { record: InputRecord }[],
  docs: readonly (FullDoc | Error)[],
  at: readonly number[],
  out: (SpecResult | SpecError | null)[],
): (SpecResult | SpecError)[] {
  docs.forEach((doc, k) => {
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
