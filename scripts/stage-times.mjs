// Where a single-thread ingest's time goes, by stage: `node --heap-growing-percent=100
// --max-semi-space-size=32 scripts/stage-times.mjs [N] [--statements]` (after `npm run build`).
// Generates N bench articles (default 5,000; seed 20240304) and 1,000 warm-up articles (seed
// 20240305), ingests the warm-up, then the corpus, in groups of GROUP_COMMIT as `sitrep ingest`
// does, into scratch SQLite stores, and prints milliseconds per article of each pipeline
// stage, of the rest of extraction (making the Doc, the SPEC output) and of the store write; with
// --statements, the write's SQLite statements too (timed around each call, which adds its own
// overhead), and the bytes written (Linux). Run it twice side by side (one per core) to compare
// two builds on a machine whose speed drifts: both see the same minutes.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist).href);
const { DEFAULT_STAGES } = await load('stages.js');
const { buildPipeline } = await load('pipeline.js');
const { loadResources } = await load('resources.js');
const { extractRecords } = await load('extract.js');
const { openSqliteStore } = await load('store/sqlite.js');
const { writeExtracted } = await load('corpus/write.js');
const { GROUP_COMMIT } = await load('corpus/ingest.js');
const { articleHash } = await load('corpus/hash.js');
const { generateCorpusFile } = await load('bench/measure.js');

const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5000);
const statements = process.argv.includes('--statements');
const dir = mkdtempSync(join(tmpdir(), 'sitrep-stages-'));
const ms = new Map();
const add = (k, t) => ms.set(k, (ms.get(k) ?? 0) + t);

// Each stage timed around its run (the pipeline runs them stage by stage over a group).
const stages = DEFAULT_STAGES.map((s) => ({
  ...s,
  run(doc, res) {
    const t = performance.now();
    try {
      return s.run(doc, res);
    } finally {
      add(`stage ${s.name}`, performance.now() - t);
    }
  },
}));
const ex = { pipeline: buildPipeline(stages), resources: await loadResources() };

if (statements) {
  // better-sqlite3's Statement methods, timed per SQL text
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const proto = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1'));
  for (const m of ['run', 'all', 'get', 'iterate']) {
    const orig = proto[m];
    proto[m] = function (...args) {
      const t = performance.now();
      try {
        return orig.apply(this, args);
      } finally {
        add(`  sql ${this.source.replace(/\s+/g, ' ').slice(0, 50)}`, performance.now() - t);
      }
    };
  }
}

const written = () => {
  try {
    return Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))[1]);
  } catch {
    return null;
  }
};

async function ingest(corpus, db) {
  const records = readFileSync(corpus, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const store = await openSqliteStore(db);
  ms.clear();
  const t0 = performance.now();
  try {
    for (let i = 0; i < records.length; i += GROUP_COMMIT) {
      const group = records.slice(i, i + GROUP_COMMIT).map((record) => ({ record, hash: articleHash(record.text) }));
      let t = performance.now();
      const outs = extractRecords(ex, group.map(({ record }) => ({ record, opts: { htmlPublished: null } })));
      add('extraction', performance.now() - t);
      t = performance.now();
      await writeExtracted(store, group, outs);
      add('store write', performance.now() - t);
    }
  } finally {
    await store.close();
  }
  return { articles: records.length, total: performance.now() - t0 };
}

try {
  await generateCorpusFile(join(dir, 'warm.jsonl'), 1000, 20240305);
  await generateCorpusFile(join(dir, 'corpus.jsonl'), n, 20240304);
  await ingest(join(dir, 'warm.jsonl'), join(dir, 'warm.db'));
  const w0 = written();
  const { articles, total } = await ingest(join(dir, 'corpus.jsonl'), join(dir, 'corpus.db'));
  const w1 = written();
  const per = (v) => (v / articles).toFixed(3).padStart(7);
  const stageSum = [...ms].filter(([k]) => k.startsWith('stage ')).reduce((s, [, v]) => s + v, 0);
  console.log(`${articles} articles after 1,000 of warm-up: ${per(total)} ms per article (${((1000 * articles) / total).toFixed(1)} articles/s)`);
  for (const [k, v] of ms) if (k.startsWith('stage ')) console.log(`${per(v)}  ${k}`);
  console.log(`${per(ms.get('extraction') - stageSum)}  rest of extraction (the Doc, the SPEC output)`);
  console.log(`${per(ms.get('store write'))}  store write${w0 !== null && w1 !== null ? ` (${((w1 - w0) / articles / 1024).toFixed(0)} KB written per article)` : ''}`);
  for (const [k, v] of [...ms].filter(([k]) => k.startsWith('  sql')).sort((a, b) => b[1] - a[1])) console.log(`${per(v)}  ${k}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
