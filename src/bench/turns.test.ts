import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The bench's floor and single-thread run taking turns (turns.ts), from the built dist/: the
// children are node processes running dist/bench/run-child.js (`npm test` builds first).
const { floorAndPipelineInTurns, generateCorpusFile, pipelineRunInChild } = (await import(new URL('../../dist/bench/measure.js', import.meta.url).href)) as typeof import('./measure.js');
describe('floor and pipeline taking turns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-turns-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('times each side over its own turns and writes what a run straight through writes', async () => {
    const corpus = join(dir, 'corpus.jsonl');
    await generateCorpusFile(corpus, 150, 7);
    // turns of one group commit (64 articles): 64, 64, then the last 22
    const t = await floorAndPipelineInTurns(corpus, join(dir, 'turns.db'), undefined, 5, 1);
    const straight = await pipelineRunInChild(corpus, join(dir, 'straight.db'), 1);
    expect(t.pipeline.added).toBe(150);
    expect(t.floor.articles).toBe(150);
    expect(t.floor.tokens).toBeGreaterThan(150 * 300);
    expect(t.turnRatios).toHaveLength(3);
    for (const r of t.turnRatios) expect(r).toBeGreaterThan(0);
    // each side's seconds are its turns' only: together less than the wall time of the whole
    expect(t.pipeline.seconds).toBeGreaterThan(0);
    expect(t.floor.seconds).toBeGreaterThan(0);
    // the same groups, in the same order, into the same store: the same events and clusters
    expect([t.pipeline.events, t.pipeline.clusters]).toEqual([straight.events, straight.clusters]);
    expect(t.pipeline.clusters).toBeGreaterThan(0);
  }, 120_000);
});
