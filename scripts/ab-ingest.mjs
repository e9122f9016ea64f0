// Compare two ingests on a machine whose speed drifts: `node scripts/ab-ingest.mjs [--threads N]
// [--articles N] [--warmup N] [--a DIST] [--b DIST]` (after `npm run build`). Both run as the
// bench's runs do (src/bench/run-child.ts: an in-process ingest of a generated corpus into a
// scratch SQLite store, after an untimed warm-up of --warmup articles per thread), each in a
// process of its own, paused (SIGSTOP) between turns of 1,024 articles and taking turns with the
// other, A first on odd turns and B first on even ones; each is timed over its own turns only
// (see src/bench/turns.ts). It prints each run's articles/s, CPU per article and peak RSS, and
// B's rate over A's, over all turns and turn by turn.
//
// What differs between A and B:
// - code: --a / --b name a dist directory each (default ./dist for both), e.g. a copy of dist
//   edited by hand, or the build of another commit;
// - environment: AB_ENV_A / AB_ENV_B ("NAME=value,NAME=value"), for a setting read from the
//   environment by an experiment's code;
// - node flags: AB_FLAGS_A / AB_FLAGS_B (space-separated; default the flags of bin/sitrep.js's
//   first line, which `sitrep ingest` runs with).
// On the 2-vCPU guests used so far a turn's ratio of two identical runs strays by ±10–15 %: a
// difference of a few % needs 10,000 articles (ten turns each) and a second run with A and B
// swapped before it means anything. The side that goes on from its own turn runs warm, so the
// turn-by-turn ratios alternate with the order; "balanced" gives as many turns to each side's
// advantage (session 22: the overall B/A favoured B by some 4 % in runs swapped both ways).

import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    threads: { type: 'string', default: '1' },
    articles: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '2000' },
    a: { type: 'string', default: 'dist' },
    b: { type: 'string', default: 'dist' },
    seed: { type: 'string', default: '20240304' },
  },
});
const threads = Number(values.threads);
const articles = Number(values.articles);
const warmupPerThread = Number(values.warmup);
const seed = Number(values.seed);
for (const [name, v, min] of [['--threads', threads, 1], ['--articles', articles, 1], ['--warmup', warmupPerThread, 0], ['--seed', seed, 0]]) {
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} expects a whole number of at least ${min}, not ${v}`);
}

const load = (dist, p) => import(pathToFileURL(join(resolve(dist), p)).href);
const { generateCorpusFile } = await load(values.a, 'bench/measure.js');
const { cliNodeFlags } = await load(values.a, 'cli/node-flags.js');

const dir = mkdtempSync(join(tmpdir(), 'sitrep-ab-'));
const corpus = join(dir, 'corpus.jsonl');
const warm = join(dir, 'warmup.jsonl');
await generateCorpusFile(corpus, articles, seed);
await generateCorpusFile(warm, warmupPerThread * Math.max(1, threads), seed + 1);

function envOf(s) {
  const out = {};
  for (const kv of (s ?? '').split(',').filter(Boolean)) {
    const at = kv.indexOf('=');
    if (at < 1) throw new Error(`AB_ENV: "${kv}" is not NAME=value`);
    out[kv.slice(0, at)] = kv.slice(at + 1);
  }
  return out;
}

/** One side: a paused run-child of its own dist, with its own environment and node flags. */
async function side(tag, dist, env, flags) {
  const { TurnChild } = await load(dist, 'bench/turns.js');
  const saved = { ...process.env };
  // (fork takes process.env as it is at the call)
  Object.assign(process.env, env);
  try {
    const args = { kind: 'ingest', corpus, dbPath: join(dir, `${tag}.db`), threads, warmup: warmupPerThread ? { corpus: warm, dbPath: join(dir, `${tag}-warmup.db`) } : undefined, turns: true };
    return { tag, child: new TurnChild(tag, flags, args, true), turns: [], articles: 0, seconds: 0, done: false };
  } finally {
    process.env = saved;
  }
}

const flagsA = process.env.AB_FLAGS_A?.split(' ').filter(Boolean) ?? cliNodeFlags();
const flagsB = process.env.AB_FLAGS_B?.split(' ').filter(Boolean) ?? cliNodeFlags();
const A = await side('A', values.a, envOf(process.env.AB_ENV_A), flagsA);
const B = await side('B', values.b, envOf(process.env.AB_ENV_B), flagsB);
try {
  await Promise.all([A.child.ready(), B.child.ready()]);
  for (let k = 0; !A.done || !B.done; k++) {
    for (const s of k % 2 ? [B, A] : [A, B]) {
      if (s.done) continue;
      const t = await s.child.turn(1024);
      s.turns.push(t.articles / t.seconds);
      s.articles += t.articles;
      s.seconds += t.seconds;
      s.done = t.last;
    }
  }
  const rA = await A.child.result();
  const rB = await B.child.result();
  const line = (s, r) =>
    `${s.tag}  ${(s.articles / s.seconds).toFixed(1)} articles/s, CPU ${((1000 * r.cpuSeconds) / r.added).toFixed(3)} ms/article` +
    `${r.workersCpuSeconds == null ? '' : ` (workers ${((1000 * r.workersCpuSeconds) / r.added).toFixed(3)})`}, ${r.events} reports → ${r.clusters} clusters, peak RSS ${r.peakRssMb} MB; turns ${s.turns.map((x) => x.toFixed(0)).join(' ')}`;
  console.log(line(A, rA));
  console.log(line(B, rB));
  const ratios = B.turns.map((b, i) => b / A.turns[i]);
  console.log(`B/A ${(B.articles / B.seconds / (A.articles / A.seconds)).toFixed(3)}; turn by turn ${ratios.map((r) => r.toFixed(3)).join(' ')}`);
  // A side that goes on from its own turn runs warm, ±10 % a turn on the guests used so far: B on
  // odd turns (k = 1, 3, …: B ended the turn before), A on even ones from k = 2. Turn 0 starts
  // both cold and the last one ends with a drain, so the balanced figure is the geometric mean of
  // the turns 1 … 2m between them, as many favouring each side (the overall B/A above counts one
  // more warm turn for B whenever the middle turns are odd in number).
  const middle = ratios.slice(1, -1);
  const even = middle.slice(0, middle.length - (middle.length % 2));
  if (even.length) console.log(`B/A balanced over turns 1–${even.length}: ${Math.exp(even.reduce((a, r) => a + Math.log(r), 0) / even.length).toFixed(3)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
