// Extracting a batch stage by stage gives each article exactly what extracting it alone gives,
// in order, and one article a stage fails on does not stop the others.

import { beforeAll, describe, expect, it } from 'vitest';
import { generateArticles } from './bench/corpus.js';
import { extractRecord, extractRecords, extractRecordsAsync, type Extractor } from './extract.js';
import type { InputRecord } from './ingest/record.js';
import { buildPipeline, defineStage } from './pipeline.js';
import { loadResources } from './resources.js';
import { DEFAULT_STAGES, defaultPipeline } from './stages.js';

let ex: Extractor;
beforeAll(async () => {
  ex = { pipeline: defaultPipeline(), resources: await loadResources() };
});

function records(n: number, seed: number): InputRecord[] {
  return [...generateArticles(n, seed)].map(({ incident: _incident, ...r }) => r as InputRecord);
}

describe('extractRecords (a batch, stage by stage)', () => {
  it('gives every article what extractRecord gives it alone, in order', () => {
    const batch = records(12, 7);
    const alone = batch.map((r) => JSON.stringify(extractRecord(ex, r)));
    const together = extractRecords(ex, batch.map((record) => ({ record }))).map((o) => JSON.stringify(o));
    expect(together).toEqual(alone);
    // the batch is not trivially empty: the generated articles report events
    expect(together.filter((j) => j.includes('"type":"ASSAULT"')).length).toBeGreaterThan(3);
  });

  it('gives the same with a pause after each document of each stage (extractRecordsAsync), awaiting only a promise', async () => {
    const batch = records(6, 9);
    let calls = 0;
    let pauses = 0;
    const paused = await extractRecordsAsync(ex, batch.map((record) => ({ record })), () => {
      // every third call has other work to do (a promise), the others none
      if (++calls % 3) return undefined;
      return new Promise<void>((r) => setImmediate(() => (pauses++, r())));
    });
    expect(paused.map((o) => JSON.stringify(o))).toEqual(extractRecords(ex, batch.map((record) => ({ record }))).map((o) => JSON.stringify(o)));
    expect(calls).toBe(ex.pipeline.stages.length * batch.length);
    expect(pauses).toBe(Math.floor(calls / 3));
  });

  it('keeps an article a stage fails on apart: it gets the error, the others their results', () => {
    const batch = records(3, 11);
    const poisoned = batch[1]!.id;
    // a stage that throws on one document only, after the tokens are made
    const failing = defineStage({
      name: 'fails-on-one',
      requires: ['tokens'],
      assigns: [],
      run(doc) {
        if (doc.id === poisoned) throw new Error('boom');
        return {};
      },
    });
    const stages = [...DEFAULT_STAGES];
    stages.splice(2, 0, failing);
    const faulty: Extractor = { pipeline: buildPipeline(stages), resources: ex.resources };
    const outs = extractRecords(faulty, batch.map((record) => ({ record })));
    expect(outs[1]).toEqual({ id: poisoned, error: `stage "fails-on-one" failed on article ${poisoned}: boom` });
    expect(JSON.stringify(outs[0])).toBe(JSON.stringify(extractRecord(ex, batch[0]!)));
    expect(JSON.stringify(outs[2])).toBe(JSON.stringify(extractRecord(ex, batch[2]!)));
    // and the single-article path reports the same error
    expect(extractRecord(faulty, batch[1]!)).toEqual(outs[1]);
  });

  it('runs one stage over the whole batch before the next stage starts', () => {
    const calls: string[] = [];
    const recorder = (name: string) =>
      defineStage({
        name,
        requires: ['tokens'],
        assigns: [],
        run(doc) {
          calls.push(`${name}:${doc.id}`);
          return {};
        },
      });
    const stages = [...DEFAULT_STAGES];
    stages.splice(2, 0, recorder('a'), recorder('b'));
    const batch = records(2, 17);
    extractRecords({ pipeline: buildPipeline(stages), resources: ex.resources }, batch.map((record) => ({ record })));
    const [x, y] = batch.map((r) => r.id);
    expect(calls).toEqual([`a:${x}`, `a:${y}`, `b:${x}`, `b:${y}`]);
  });

  it('reports a record that cannot become a document without running the rest for nothing', () => {
    const batch = records(2, 13);
    const bad = { ...batch[0]!, text: 42 } as unknown as InputRecord;
    const outs = extractRecords(ex, [{ record: bad }, { record: batch[1]! }]);
    expect('error' in outs[0]!).toBe(true);
    expect(JSON.stringify(outs[1])).toBe(JSON.stringify(extractRecord(ex, batch[1]!)));
  });
});
