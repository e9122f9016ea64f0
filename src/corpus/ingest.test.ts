// Ingest with worker threads writes what a single-thread ingest writes: the same articles, the
// same reports in the same clusters (batches are written in reading order, whichever thread
// finishes first), each worker writing through a connection of its own.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generateArticles } from '../bench/corpus.js';
import { readSources } from '../ingest/sources.js';
import { loadResources } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { openSqliteStore } from '../store/sqlite.js';
import { ingestItems } from './ingest.js';
import { keyRowsOf, POINTS_APART, type MatchView } from './merge.js';
import { ExtractPool } from './pool.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-ingest-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The store's blocking-key rows, and those its clusters as stored should have (keyRowsOf), each sorted. */
function keyTables(path: string): { stored: string[]; expected: string[] } {
  const d = new Database(path, { readonly: true });
  try {
    const expected: string[] = [];
    for (const [id, match] of d.prepare('SELECT id, match FROM clusters').raw().all() as [string, string][]) {
      const rows = keyRowsOf(JSON.parse(match) as MatchView, POINTS_APART);
      if (rows) for (const k of rows.keys) expected.push(`${k}|${rows.dateStart}|${id}`);
    }
    const stored = (d.prepare('SELECT key, date_start, cluster_id FROM cluster_keys').raw().all() as string[][]).map((r) => r.join('|'));
    return { stored: stored.sort(), expected: expected.sort() };
  } finally {
    d.close();
  }
}

function dump(path: string): string[] {
  const d = new Database(path, { readonly: true });
  try {
    const rows = [
      ...(d.prepare('SELECT id, data FROM clusters ORDER BY id').all() as { id: string; data: string }[]).map((r) => `${r.id} ${r.data}`),
      ...(d.prepare('SELECT article, cluster_id, data FROM reports ORDER BY article, rowid').all() as { article: string; cluster_id: string; data: string }[]).map((r) => `${r.article} ${r.cluster_id} ${r.data}`),
      ...(d.prepare('SELECT hash, result, events_count FROM articles ORDER BY hash').all() as { hash: string; result: string; events_count: number | null }[]).map((r) => `${r.hash} ${r.events_count} ${r.result}`),
    ];
    return rows;
  } finally {
    d.close();
  }
}

describe('ingest on worker threads', () => {
  it('stores exactly what a single-thread ingest stores', async () => {
    const corpus = join(dir, 'corpus.jsonl');
    writeFileSync(corpus, [...generateArticles(40, 7)].map(({ incident: _incident, ...r }) => JSON.stringify(r)).join('\n') + '\n');
    const one = await openSqliteStore(join(dir, 'one.db'));
    const s1 = await ingestItems(readSources([corpus]), one, { extractor: { pipeline: defaultPipeline(), resources: await loadResources() } });
    await one.close();
    const pool = await ExtractPool.create(2);
    const two = await openSqliteStore(join(dir, 'two.db'));
    try {
      // small batches so that batches finish out of order
      const s2 = await ingestItems(readSources([corpus]), two, { pool, groupCommit: 3 });
      expect(s2.added).toBe(40);
      expect(s2.events).toBe(s1.events);
    } finally {
      await two.close();
      await pool.close();
    }
    const a = dump(join(dir, 'one.db'));
    const b = dump(join(dir, 'two.db'));
    expect(b.length).toBe(a.length);
    expect(b).toEqual(a);
  }, 120_000);

  it('merges the same whatever the group commit, also when a window holds more clusters than are considered', async () => {
    const corpus = join(dir, 'capped.jsonl');
    writeFileSync(corpus, [...generateArticles(80, 19)].map(({ incident: _incident, ...r }) => JSON.stringify(r)).join('\n') + '\n');
    const extractor = { pipeline: defaultPipeline(), resources: await loadResources() };
    const dumps: string[][] = [];
    for (const groupCommit of [1, 5, 32]) {
      const path = join(dir, `capped-${groupCommit}.db`);
      // one candidate per report: most windows of the corpus hold more
      const store = await openSqliteStore(path, { maxCandidates: 1 });
      await ingestItems(readSources([corpus]), store, { extractor, groupCommit });
      await store.close();
      dumps.push(dump(path));
      // the key rows kept up to date as clusters grew, moved their start day or changed keys
      const keys = keyTables(path);
      expect(keys.stored.length).toBeGreaterThan(0);
      expect(keys.stored).toEqual(keys.expected);
    }
    expect(dumps[1]).toEqual(dumps[0]);
    expect(dumps[2]).toEqual(dumps[0]);
    // worker threads open their connections with the store's options (the cap) too
    const pool = await ExtractPool.create(2);
    try {
      const path = join(dir, 'capped-threads.db');
      const store = await openSqliteStore(path, { maxCandidates: 1 });
      await ingestItems(readSources([corpus]), store, { pool, groupCommit: 5 });
      await store.close();
      expect(dump(path)).toEqual(dumps[0]);
    } finally {
      await pool.close();
    }
    // and the cap did bite: with every candidate considered, some report merges elsewhere
    const free = join(dir, 'capped-free.db');
    const store = await openSqliteStore(free);
    await ingestItems(readSources([corpus]), store, { extractor, groupCommit: 32 });
    await store.close();
    expect(dump(free)).not.toEqual(dumps[0]);
  }, 120_000);

  it('fails clearly, without hanging, when the workers cannot write, and refuses an in-memory store', async () => {
    const corpus = join(dir, 'few.jsonl');
    writeFileSync(corpus, [...generateArticles(12, 3)].map(({ incident: _incident, ...r }) => JSON.stringify(r)).join('\n') + '\n');
    const store = await openSqliteStore(join(dir, 'fine.db'));
    // The workers reopen the store from its spec: here one they cannot open.
    const broken = Object.assign(Object.create(store) as typeof store, { spec: { kind: 'sqlite' as const, location: join(dir, 'missing', 'dir', 'x.db'), options: {} } });
    await expect(ingestItems(readSources([corpus]), broken, { threads: 2, groupCommit: 3 })).rejects.toThrow(/cannot open SQLite database/);
    await store.close();
    const memory = await openSqliteStore(':memory:');
    await expect(ingestItems(readSources([corpus]), memory, { threads: 2 })).rejects.toThrow(/in-memory SQLite store cannot be shared/);
    await memory.close();
  }, 60_000);
});
