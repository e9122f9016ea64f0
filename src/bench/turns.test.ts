import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The bench's floor and single-thread run taking turns (turns.ts), from the built dist/: the
// children are node processes running dist/bench/run-child.js (`npm test` builds first).
const { runInTurns, generateCorpusFile, pipelineRunInChild } = (await import(new URL('../../dist/bench/measure.js', import.meta.url).href)) as typeof import('./measure.js');
const { GROUP_COMMIT } = (await import(new URL('../../dist/corpus/ingest.js', import.meta.url).href)) as typeof import('../corpus/ingest.js');
describe('floor and pipeline taking turns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-turns-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('times each over its own turns, on the same articles, and writes what a run straight through writes', async () => {
    const corpus = join(dir, 'corpus.jsonl');
    await generateCorpusFile(corpus, 300, 7);
    // turns of whole group commits, at least three (with groups of 128: 128, 128, then the last 44)
    const turnGroups = Math.max(1, Math.floor(128 / GROUP_COMMIT));
    const turns = Math.ceil(300 / (turnGroups * GROUP_COMMIT));
    expect(turns).toBeGreaterThanOrEqual(3);
    const t = await runInTurns({ corpus, warmTexts: 5, single: { dbPath: join(dir, 'one.db') }, two: { dbPath: join(dir, 'two.db') }, turnGroups });
    const straight = await pipelineRunInChild(corpus, join(dir, 'straight.db'), 1);
    expect(t.single.added).toBe(300);
    expect(t.two!.added).toBe(300);
    expect(t.floor.articles).toBe(300);
    expect(t.floor.tokens).toBeGreaterThan(300 * 300);
    expect(t.floorRatios).toHaveLength(turns);
    expect(t.speedups).toHaveLength(turns);
    for (const r of [...t.floorRatios, ...t.speedups]) expect(r).toBeGreaterThan(0);
    for (const r of [t.single, t.two!, t.floor]) expect(r.seconds).toBeGreaterThan(0);
    // the runs' turns start at articles 0, 128 and 256 of 300: in the first, third and fifth fifth
    expect(t.single.fifths).toHaveLength(3);
    expect(t.two!.fifths).toHaveLength(3);
    // the same groups, in the same order: the same events and clusters as straight through
    expect(t.single.clusters).toBeGreaterThan(0);
    expect([t.single.events, t.single.clusters]).toEqual([straight.events, straight.clusters]);
    expect([t.two!.events, t.two!.clusters]).toEqual([straight.events, straight.clusters]);
  }, 180_000);

  it('fails with the failing measurement named, not a hang', async () => {
    const missing = join(dir, 'missing.jsonl');
    await expect(runInTurns({ corpus: missing, warmTexts: 5, single: { dbPath: join(dir, 'x.db') } })).rejects.toThrow(/bench: the (floor pass|run on 1 thread) failed: .*missing\.jsonl/s);
  }, 60_000);
});
