// End-to-end: the real `sitrep` binary (dist/, built by `npm test`) on files the test writes.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { articleHash } from '../corpus/hash.js';
import { generateArticles } from '../bench/corpus.js';
import type { SpecEvent } from '../store/types.js';
import { AUTO_THREADS_MIN_BYTES, autoThreads } from './ingest.js';

const run = promisify(execFile);
const BIN = join(dirname(fileURLToPath(import.meta.url)), '../../bin/sitrep.js');
const dir = mkdtempSync(join(tmpdir(), 'sitrep-ingest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sitrep(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [BIN, ...args], { cwd: dir, maxBuffer: 50 * 1024 * 1024, env: { ...process.env, SITREP_DB: '' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function counts(db: string) {
  const d = new Database(db, { readonly: true });
  try {
    const one = (sql: string) => d.prepare(sql).pluck().get() as number;
    return { articles: one('SELECT count(*) FROM articles'), reports: one('SELECT count(*) FROM reports'), clusters: one('SELECT count(*) FROM clusters') };
  } finally {
    d.close();
  }
}

describe('sitrep ingest / events / export', () => {
  const corpus = join(dir, 'corpus');
  mkdirSync(join(corpus, 'nested'), { recursive: true });
  writeFileSync(join(corpus, 'a.txt'), 'YEREVAN, Sept 13 (Reuters) - Azerbaijani forces shelled the town of Jermuk on Tuesday, killing 49 soldiers, Armenia said.\n');
  writeFileSync(join(corpus, 'nested', 'b.html'), '<html><head><title>Clash</title><meta property="article:published_time" content="2022-09-13"></head><body><article><p>Troops clashed near the border on Tuesday.</p><p>Two soldiers were killed, officials said.</p></article></body></html>');
  writeFileSync(join(corpus, 'batch.jsonl'), '{"id":"j1","text":"Protesters gathered in Yerevan on Wednesday."}\n\n{"id":"j2","text":"Police arrested ten people in Baku."}\n{broken\n');
  writeFileSync(
    join(corpus, 'feed.rss'),
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Border Wire</title><item><title>Drone strike</title><link>https://x.example/1</link><guid>g1</guid><pubDate>Tue, 13 Sep 2022 10:00:00 GMT</pubDate><description>&lt;p&gt;A drone strike hit a village, killing three.&lt;/p&gt;</description></item><item><title>Talks</title><guid>g2</guid><description>Ministers met in Brussels.</description></item></channel></rss>',
  );
  writeFileSync(join(corpus, 'atom.xml'), '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><entry><id>t1</id><title>Shelling</title><link href="https://y.example/2"/><updated>2022-09-14T08:00:00Z</updated><summary>Shelling resumed overnight near Sotk.</summary></entry></feed>');
  writeFileSync(join(corpus, 'notes.bin'), Buffer.from([0, 1, 2, 3]));
  writeFileSync(join(corpus, '.hidden.txt'), 'never read');

  it('reads files, folders, JSONL, RSS and Atom; reports the broken line; a second run adds nothing', async () => {
    const first = await sitrep(['ingest', 'corpus', '--db', 'a.db']);
    expect(first.code).toBe(1); // one broken JSONL line
    expect(first.stderr).toMatch(/batch\.jsonl.*line 4/);
    expect(first.stdout).toMatch(/ingested 8 article\(s\).*7 new, 0 already stored, 1 failed/);
    const c1 = counts(join(dir, 'a.db'));
    expect(c1.articles).toBe(7);

    const second = await sitrep(['ingest', 'corpus', '--db', 'a.db', '--verbose']);
    expect(second.stdout).toMatch(/7 already stored/);
    expect(second.stdout.split('\n').filter((l) => l.startsWith('exists\t'))).toHaveLength(7);
    expect(counts(join(dir, 'a.db'))).toEqual(c1);

    const d = new Database(join(dir, 'a.db'), { readonly: true });
    const feedRow = d.prepare("SELECT * FROM articles WHERE input_id = 'g1'").get() as { source: string; url: string; published: string; text: string };
    const atomRow = d.prepare("SELECT * FROM articles WHERE input_id = 't1'").get() as { source: string; url: string; published: string };
    const htmlRow = d.prepare("SELECT * FROM articles WHERE input_id = 'b'").get() as { published: string; text: string };
    d.close();
    expect(feedRow).toMatchObject({ source: 'Border Wire', url: 'https://x.example/1', published: '2022-09-13' });
    expect(feedRow.text).toContain('A drone strike hit a village, killing three.');
    expect(atomRow).toMatchObject({ source: 'Atom Desk', url: 'https://y.example/2', published: '2022-09-14' });
    expect(htmlRow.published).toBe('2022-09-13');
    expect(htmlRow.text).toContain('Two soldiers were killed');
  });

  it('names a missing path clearly and still ingests the rest', async () => {
    const r = await sitrep(['ingest', 'nope.txt', 'corpus/a.txt', '--db', 'b.db']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.txt/);
    expect(counts(join(dir, 'b.db')).articles).toBe(1);
  });

  it('events prints a table or a JSON array; export writes each format', async () => {
    const table = await sitrep(['events', '--db', 'a.db']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^DATE\s+TYPE/);
    const json = await sitrep(['events', '--db', 'a.db', '--json', '--limit', '5']);
    expect(json.code).toBe(0);
    expect(Array.isArray(JSON.parse(json.stdout))).toBe(true);
    const bad = await sitrep(['events', '--db', 'a.db', '--from', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/YYYY-MM-DD/);
    const out = await sitrep(['export', '--format', 'geojson', '--db', 'a.db', '-o', 'out.geojson']);
    expect(out.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out.geojson'), 'utf8')).type).toBe('FeatureCollection');
    const unknown = await sitrep(['export', '--format', 'xlsx', '--db', 'a.db']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/acled-csv/);
  });
});

describe('crash safety', () => {
  // On one thread, and on two worker threads that each write their own groups of articles.
  it.each([1, 2])('SIGKILL mid-ingest on %i thread(s), then run again: every article exactly once, none half-written', async (threads) => {
    const N = 150 * threads;
    const file = join(dir, `crash-${threads}.jsonl`);
    const hashes = new Set<string>();
    writeFileSync(
      file,
      [...generateArticles(N, 7)]
        .map(({ incident: _i, ...r }) => {
          hashes.add(articleHash(r.text));
          return JSON.stringify(r);
        })
        .join('\n') + '\n',
    );
    const db = join(dir, `crash-${threads}.db`);
    const child = spawn(process.execPath, [BIN, 'ingest', file, '--db', db, '--no-progress', '--threads', String(threads)], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Kill once some articles are committed but well before the end.
    const deadline = Date.now() + 60_000;
    let stored = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        stored = counts(db).articles;
      } catch {
        continue; // not created yet
      }
      if (stored >= 10) break;
    }
    child.kill('SIGKILL');
    await exited;
    const partial = counts(db).articles;
    expect(stored).toBeGreaterThanOrEqual(10);
    expect(partial).toBeLessThan(N);
    checkConsistent(db);

    const again = await sitrep(['ingest', file, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`${N - partial} new, ${partial} already stored, 0 failed`));
    const full = counts(db);
    expect(full.articles).toBe(hashes.size);
    checkConsistent(db);
    const d = new Database(db, { readonly: true });
    const stored2 = new Set(d.prepare('SELECT hash FROM articles').pluck().all() as string[]);
    d.close();
    expect(stored2).toEqual(hashes);

    // Ingesting the same file again changes nothing.
    await sitrep(['ingest', file, '--db', db]);
    expect(counts(db)).toEqual(full);
  }, 120_000);
});

/** No report without its article or cluster, no article missing reports, cluster counts match. */
function checkConsistent(db: string): void {
  const d = new Database(db, { readonly: true });
  try {
    expect(d.prepare('SELECT count(*) FROM reports WHERE article NOT IN (SELECT hash FROM articles)').pluck().get()).toBe(0);
    // (events that are not clustered have a row with cluster_id '')
    expect(d.prepare("SELECT count(*) FROM reports WHERE cluster_id <> '' AND cluster_id NOT IN (SELECT id FROM clusters)").pluck().get()).toBe(0);
    expect(d.prepare('SELECT count(*) FROM clusters WHERE id NOT IN (SELECT cluster_id FROM reports)').pluck().get()).toBe(0);
    // Every stored article has all its event rows: those its row names, and no others.
    const rows = d.prepare('SELECT hash, result, events_from, events_count FROM articles').all() as { hash: string; result: string; events_from: number | null; events_count: number | null }[];
    for (const row of rows) {
      const result = JSON.parse(row.result) as { events: SpecEvent[] };
      const eventRows = d.prepare('SELECT rowid, cluster_id, data FROM reports WHERE article = ? ORDER BY rowid').all(row.hash) as { rowid: number; cluster_id: string; data: string }[];
      const events = row.events_from === null ? result.events : eventRows.map((r) => JSON.parse(r.data) as SpecEvent);
      if (row.events_from !== null) {
        expect(result.events).toEqual([]);
        expect(eventRows.map((r) => r.rowid)).toEqual(Array.from({ length: row.events_count! }, (_, i) => row.events_from! + i));
      }
      const clustered = events.filter((e) => e.status !== 'future' && e.status !== 'hypothetical');
      expect(eventRows.filter((r) => r.cluster_id !== '').length).toBe(clustered.length);
    }
    for (const c of d.prepare('SELECT id, data FROM clusters').all() as { id: string; data: string }[]) {
      expect(d.prepare('SELECT count(*) FROM reports WHERE cluster_id = ?').pluck().get(c.id)).toBe((JSON.parse(c.data) as { mentions: number }).mentions);
    }
  } finally {
    d.close();
  }
}

describe('threads when --threads is not given', () => {
  it('two for a large local corpus on two cores; one for a small one, one core, stdin or a URL', async () => {
    const big = join(dir, 'auto', 'big');
    mkdirSync(join(big, 'nested'), { recursive: true });
    // the bytes of a folder count, nested files too
    writeFileSync(join(big, 'a.jsonl'), 'x'.repeat(AUTO_THREADS_MIN_BYTES / 2));
    writeFileSync(join(big, 'nested', 'b.jsonl'), 'x'.repeat(AUTO_THREADS_MIN_BYTES / 2));
    const small = join(dir, 'auto', 'small.jsonl');
    writeFileSync(small, 'x'.repeat(1000));
    expect(await autoThreads([big], 2)).toBe(2);
    expect(await autoThreads([join(big, 'a.jsonl')], 2)).toBe(1);
    expect(await autoThreads([join(big, 'a.jsonl'), join(big, 'nested', 'b.jsonl')], 8)).toBe(2);
    expect(await autoThreads([big], 1)).toBe(1);
    expect(await autoThreads([small], 2)).toBe(1);
    expect(await autoThreads([big, '-'], 2)).toBe(1);
    expect(await autoThreads([big, 'https://example.org/feed.xml'], 2)).toBe(1);
  });
});
