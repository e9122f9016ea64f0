// The bench's steps. `npm run bench [-- --articles N] [-- --json]`: generate a corpus (≥ 5,000 realistic articles by
// default), then in the same run measure
//   1. the floor: a bare wink-nlp readDoc pass over the same texts;
//   2. the full pipeline with the SQLite store, single thread;
//   3. the same with two worker threads, each extracting and writing groups of articles in turn;
// taking turns over the corpus, 1,024 articles each (see turns.ts), so that all three are timed
// on the same seconds of the machine;
// (each in a child process: 2 and 3 with the node flags of bin/sitrep.js, so that they run as the
// CLI runs and an ingest's peak RSS is its own; 1 with node's defaults)
// (2 and 3 after an untimed warm-up run of --warmup N articles per extraction thread, default 2,000,
// and 1 after as many texts: steady-state rates. V8 is still recompiling the pipeline after 500
// articles, as rarer shapes of its objects turn up, and has mostly settled by 2,000: TurboFan time
// per 250 articles of a single thread, 484, 208, 447, 204, 371, 478 ms from the 500th article to
// the 2,000th, then 22–127 ms)
// and print articles/s, tokens/s, peak RSS, floor_ratio (2 ÷ 1 in articles/s) and
// two_thread_speedup (3 ÷ 2). With --json the last line is one JSON object.
// 1–3 are measured in --rounds rounds (default 3), one after the other, and each ratio is the
// median of its rounds' ratios (see bench()): turns cancel the VM's slow swings of speed, not the
// few seconds in which one core runs slower than the other.
// Steps are functions over a shared context so other measurements (gazetteer load, worker
// processes on PostgreSQL) can be added as further steps.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpusFile, runInTurns, TURN_GROUPS, type RunResult, type Warmup } from './measure.js';
import { GROUP_COMMIT } from '../corpus/ingest.js';
import { workersStep } from './workers.js';

export interface BenchContext {
  dir: string;
  corpus: string;
  /** The round being measured (1, 2, …): each has stores and warm-up corpora of its own. */
  round: number;
  /** Articles of warm-up per extraction thread (0: none). */
  warmupPerThread: number;
  articles: number;
  /** The corpus's seed (warm-up corpora use the next one). */
  seed: number;
  chars: number;
  tokens: number;
  json: boolean;
  /** The bench's own arguments, for steps with options of their own (e.g. --workers). */
  argv: string[];
  /** CPU seconds per article of the single-thread run, for the two-thread CPU projection. */
  singleCpuPerArticle: number;
  log: (line: string) => void;
  /** Everything that ends up in the final JSON object. */
  out: Record<string, unknown>;
}

export type BenchStep = (ctx: BenchContext) => Promise<void>;

function peakRssMb(): number {
  // maxRSS is in kilobytes and covers the whole process, worker threads included.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function rate(n: number, seconds: number): number {
  return seconds > 0 ? n / seconds : 0;
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Texts the floor pass reads untimed first: as many as the pipeline's warm-up, at least 50. */
function floorWarmTexts(ctx: BenchContext): number {
  return Math.max(50, ctx.warmupPerThread);
}

/**
 * The untimed warm-up of a run on `threads` extraction threads: --warmup articles for each thread
 * (another seed than the corpus), since each thread compiles the pipeline for itself and a pool
 * spreads the warm-up corpus over its threads.
 */
async function warmupOf(ctx: BenchContext, name: string, threads: number): Promise<Warmup | undefined> {
  if (!ctx.warmupPerThread) return undefined;
  const corpus = join(ctx.dir, `${name}-${ctx.round}-warmup.jsonl`);
  await generateCorpusFile(corpus, ctx.warmupPerThread * threads, ctx.seed + 1);
  return { corpus, dbPath: join(ctx.dir, `${name}-${ctx.round}-warmup.db`) };
}

function report(ctx: BenchContext, label: string, r: RunResult): void {
  ctx.log(
    `${label}: ${fmt(rate(r.added, r.seconds), 1)} articles/s, ${fmt(rate(ctx.tokens, r.seconds))} tokens/s ` +
      `(${fmt(r.added)} articles, ${fmt(r.events)} event reports → ${fmt(r.clusters)} clusters, ${r.seconds.toFixed(2)}s${r.startup ? `, +${r.startup.toFixed(2)}s start-up${ctx.warmupPerThread ? ' and warm-up' : ''}` : ''}${r.failed ? `, ${r.failed} FAILED` : ''})`,
  );
}

/**
 * The rate over each fifth of the run: the store grows as the run goes and a report's merge
 * costs more in a bigger store, so a falling rate says how a much larger corpus would fare.
 */
function logFifths(ctx: BenchContext, r: RunResult): void {
  if (r.fifths.length) ctx.log(`        articles/s by fifth of the run, as the store grows: ${r.fifths.map((x) => fmt(x, 0)).join(', ')}`);
}

/**
 * The floor, the single-thread run and the two-thread run, taking turns over the same articles
 * (see turns.ts): the single-thread run ingests TURN_GROUPS group commits, the floor reads their
 * texts, the two-thread run ingests them into a store of its own, and so on; each is timed over
 * its own turns, so the ratios compare them on the same seconds of the machine.
 */
const turnsStep: BenchStep = async (ctx) => {
  const { floor: f, single: r, two: t, floorRatios, speedups } = await runInTurns({
    corpus: ctx.corpus,
    warmTexts: floorWarmTexts(ctx),
    single: { dbPath: join(ctx.dir, `single-${ctx.round}.db`), warmup: await warmupOf(ctx, 'single', 1) },
    two: { dbPath: join(ctx.dir, `two-${ctx.round}.db`), warmup: await warmupOf(ctx, 'two', 2) },
  });
  ctx.tokens = f.tokens;
  ctx.out.floor_articles_per_s = round(rate(f.articles, f.seconds), 1);
  ctx.out.floor_tokens_per_s = Math.round(rate(f.tokens, f.seconds));
  ctx.out.single_peak_rss_mb = r.peakRssMb;
  const aps = rate(r.added, r.seconds);
  ctx.out.articles_per_s = round(aps, 1);
  ctx.out.tokens_per_s = Math.round(rate(ctx.tokens, r.seconds));
  ctx.out.floor_ratio = round(aps / (ctx.out.floor_articles_per_s as number), 3);
  ctx.out.floor_ratio_by_turn = floorRatios.map((x) => round(x, 3));
  // The same ratio in CPU time: on a machine shared with other jobs, wall-clock rates swing with
  // their load, CPU seconds much less.
  ctx.out.floor_ratio_cpu = round(f.cpuSeconds / r.cpuSeconds, 3);
  ctx.singleCpuPerArticle = r.cpuSeconds / Math.max(1, r.added);
  ctx.out.single_cpu_ms_per_article = round(1000 * ctx.singleCpuPerArticle, 2);
  ctx.out.events = r.events;
  ctx.out.clusters = r.clusters;
  ctx.out.failed = r.failed;
  ctx.out.single_articles_per_s_by_fifth = r.fifths.map((x) => round(x, 1));
  ctx.log(`        (taking turns, ${fmt(GROUP_COMMIT * TURN_GROUPS)} articles each: each timed over its own turns)`);
  ctx.log(`floor   wink-nlp readDoc: ${fmt(rate(f.articles, f.seconds), 1)} articles/s, ${fmt(rate(f.tokens, f.seconds))} tokens/s (${fmt(f.tokens)} tokens in ${f.seconds.toFixed(2)}s)`);
  report(ctx, 'single  pipeline + SQLite (1 thread)', r);
  ctx.log(`        floor_ratio ${ctx.out.floor_ratio} (target ≥ 0.3; turn by turn ${floorRatios.map((x) => x.toFixed(3)).join(', ')}); in CPU time ${ctx.out.floor_ratio_cpu}`);
  if (r.mainCpuSeconds !== null) {
    const other = (r.cpuSeconds - r.mainCpuSeconds) / Math.max(1, r.added);
    ctx.out.single_other_threads_cpu_ms_per_article = round(1000 * other, 2);
    ctx.log(`        CPU: ${fmt(1000 * (r.mainCpuSeconds / Math.max(1, r.added)), 2)} ms/article on the thread, ${fmt(1000 * other, 2)} on the process's other threads (V8's GC and compiler helpers, the checkpoint thread)`);
  }
  logFifths(ctx, r);
  twoThreadResult(ctx, t!, speedups);
};

/**
 * The speedup two threads would reach if they cost nothing of their own: a single thread's whole
 * CPU per article (its own and its V8 helpers', which ran beside it on the idle core: concurrent
 * marking, sweeping, TurboFan, and the checkpoint thread) spread over `cores` cores, against its
 * wall time per article. A two-thread run has no idle core for those helpers, so this bounds its
 * speedup from above (session 20: 1.72 at 2 cores when the helpers took 0.45 of 2.75 ms).
 */
export function twoThreadCeiling(singleArticlesPerS: number, singleCpuSecondsPerArticle: number, cores = 2): number {
  return cores / Math.max(1e-12, singleCpuSecondsPerArticle * singleArticlesPerS);
}

function twoThreadResult(ctx: BenchContext, r: RunResult & { peakRssMb: number }, speedups: number[]): void {
  ctx.out.two_thread_peak_rss_mb = r.peakRssMb;
  const aps = rate(r.added, r.seconds);
  ctx.out.two_thread_articles_per_s = round(aps, 1);
  ctx.out.two_thread_speedup = round(aps / (ctx.out.articles_per_s as number), 3);
  ctx.out.two_thread_speedup_by_turn = speedups.map((x) => round(x, 3));
  // How many cores the run kept busy (CPU seconds ÷ wall seconds of its turns): below 2 means the
  // machine was shared or a thread waited.
  ctx.out.two_thread_cores_used = round(r.cpuSeconds / r.seconds, 2);
  ctx.out.two_thread_articles_per_s_by_fifth = r.fifths.map((x) => round(x, 1));
  report(ctx, 'two     pipeline + SQLite (2 worker threads, each extracting and writing)', r);
  ctx.log(`        two_thread_speedup ${ctx.out.two_thread_speedup} (target ≥ 1.7; turn by turn ${speedups.map((x) => x.toFixed(3)).join(', ')}); cores kept busy ${ctx.out.two_thread_cores_used}`);
  ctx.out.two_thread_speedup_ceiling = round(twoThreadCeiling(ctx.out.articles_per_s as number, ctx.singleCpuPerArticle), 3);
  ctx.log(
    `        ceiling at no cost of its own: ${ctx.out.two_thread_speedup_ceiling}× on two cores, ` +
      `${round(twoThreadCeiling(ctx.out.articles_per_s as number, ctx.singleCpuPerArticle, ctx.out.two_thread_cores_used as number), 3)}× on the ${ctx.out.two_thread_cores_used} kept busy ` +
      `(one thread's ${fmt(1000 * ctx.singleCpuPerArticle, 2)} ms CPU per article, its helpers' included, over two)`,
  );
  logFifths(ctx, r);
  // On a shared machine the wall-clock speedup says more about the neighbours than about the
  // code. CPU time does not: the run is bound either by its total CPU spread over two cores or by
  // the main thread (which reads, hashes and hands out the articles), whichever is slower; the
  // projection is the single-thread CPU per article over that bound.
  const two = r.cpuSeconds / Math.max(1, r.added);
  ctx.out.two_thread_cpu_ms_per_article = round(1000 * two, 2);
  if (r.mainCpuSeconds !== null) {
    const main = r.mainCpuSeconds / Math.max(1, r.added);
    ctx.out.two_thread_main_cpu_ms_per_article = round(1000 * main, 2);
    ctx.out.two_thread_speedup_cpu = round(ctx.singleCpuPerArticle / Math.max(two / 2, main), 3);
    ctx.log(
      `        in CPU time: ${fmt(1000 * two, 2)} ms/article over all threads (single thread ${fmt(1000 * ctx.singleCpuPerArticle, 2)}), ` +
        `main thread ${fmt(1000 * main, 2)} ms/article → on two idle cores ${ctx.out.two_thread_speedup_cpu}×`,
    );
    // Where the extra CPU of two threads goes: their own work, or the helpers a lone thread runs
    // on the idle core (see the README's "Session 17").
    if (r.workersCpuSeconds !== null) {
      const workers = r.workersCpuSeconds / Math.max(1, r.added);
      const other = two - workers - main;
      ctx.out.two_thread_workers_cpu_ms_per_article = round(1000 * workers, 2);
      ctx.out.two_thread_other_threads_cpu_ms_per_article = round(1000 * other, 2);
      ctx.log(`        CPU: ${fmt(1000 * workers, 2)} ms/article on the two workers, ${fmt(1000 * other, 2)} on the process's other threads (V8's GC and compiler helpers, the checkpoint thread)`);
    }
  }
}

/** The steps of each round, in order. */
export const ROUND_STEPS: BenchStep[] = [turnsStep];
/** The steps after the rounds; other modules add theirs here (one line each). */
export const STEPS: BenchStep[] = [workersStep];

/** What the final JSON reports as the median over rounds (the rest come from the last round). */
const MEDIAN_KEYS = [
  'floor_articles_per_s', 'floor_tokens_per_s', 'articles_per_s', 'tokens_per_s', 'floor_ratio', 'floor_ratio_cpu', 'single_cpu_ms_per_article', 'single_other_threads_cpu_ms_per_article',
  'two_thread_workers_cpu_ms_per_article', 'two_thread_other_threads_cpu_ms_per_article',
  'two_thread_articles_per_s', 'two_thread_speedup', 'two_thread_cores_used', 'two_thread_cpu_ms_per_article', 'two_thread_main_cpu_ms_per_article', 'two_thread_speedup_cpu', 'two_thread_speedup_ceiling',
];
/** What the final JSON reports as the largest over rounds. */
const MAX_KEYS = ['single_peak_rss_mb', 'two_thread_peak_rss_mb', 'failed'];

export function median(xs: readonly number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2;
}

/**
 * The rounds' outputs as one: each ratio the median of the rounds' own ratios (a ratio of two
 * measurements taken a minute apart, never of medians taken apart), peaks the largest, and
 * every round's headline figures kept under `rounds`.
 */
export function combineRounds(outs: readonly Record<string, unknown>[]): Record<string, unknown> {
  const last = outs[outs.length - 1] ?? {};
  const out: Record<string, unknown> = { ...last };
  const nums = (k: string) => outs.map((o) => o[k]).filter((v): v is number => typeof v === 'number');
  for (const k of MEDIAN_KEYS) if (nums(k).length) out[k] = round(median(nums(k)), 3);
  for (const k of MAX_KEYS) if (nums(k).length) out[k] = Math.max(...nums(k));
  out.rounds = outs.map((o) => ({ floor_articles_per_s: o.floor_articles_per_s, articles_per_s: o.articles_per_s, floor_ratio: o.floor_ratio, two_thread_articles_per_s: o.two_thread_articles_per_s, two_thread_speedup: o.two_thread_speedup }));
  return out;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export async function bench(argv: string[]): Promise<Record<string, unknown>> {
  const { values } = parseArgs({
    args: argv,
    options: { articles: { type: 'string', default: '5000' }, warmup: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '3' }, json: { type: 'boolean', default: false }, seed: { type: 'string', default: '20240304' }, keep: { type: 'boolean', default: false }, workers: { type: 'string' } },
    allowPositionals: false,
    strict: false,
  });
  const n = Number(values.articles);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--articles expects a positive integer, not ${String(values.articles)}`);
  const w = Number(values.warmup);
  if (!Number.isInteger(w) || w < 0) throw new Error(`--warmup expects a whole number of articles, not ${String(values.warmup)}`);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds expects a positive integer, not ${String(values.rounds)}`);
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
  const json = values.json === true;
  const ctx: BenchContext = {
    dir,
    corpus: join(dir, 'corpus.jsonl'),
    round: 1,
    warmupPerThread: w,
    seed: Number(values.seed),
    articles: n,
    chars: 0,
    tokens: 0,
    json,
    argv,
    singleCpuPerArticle: 0,
    log: (line) => process.stdout.write(line + '\n'),
    out: {},
  };
  try {
    const g = await generateCorpusFile(ctx.corpus, n, Number(values.seed));
    ctx.chars = g.chars;
    ctx.out.warmup_articles_per_thread = w;
    ctx.log(`corpus  ${fmt(n)} generated articles, ${fmt(g.words)} words (${fmt(g.words / n)} per article), ${fmt(g.incidents)} incidents, in ${g.seconds.toFixed(1)}s`);
    // How busy the machine was: wall-clock rates are only comparable between quiet runs.
    const loads: number[] = [loadavg()[0]!];
    ctx.log(`machine ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (1/5/15 min) at the start`);
    const outs: Record<string, unknown>[] = [];
    const before = ctx.out;
    for (ctx.round = 1; ctx.round <= rounds; ctx.round++) {
      if (rounds > 1) ctx.log(`round   ${ctx.round} of ${rounds}`);
      ctx.out = {};
      for (const step of ROUND_STEPS) {
        await step(ctx);
        loads.push(loadavg()[0]!);
      }
      outs.push(ctx.out);
      // (each round's stores are its own; a 5,000-article store is a quarter of a GB)
      if (!values.keep) for (const f of readdirSync(dir)) if (f !== 'corpus.jsonl') rmSync(join(dir, f), { recursive: true, force: true });
    }
    ctx.out = { ...before, ...combineRounds(outs) };
    if (rounds > 1) {
      const each = (k: string) => outs.map((o) => o[k]).join(', ');
      ctx.log(`rounds  median of ${rounds}: floor_ratio ${ctx.out.floor_ratio} (rounds: ${each('floor_ratio')}), two_thread_speedup ${ctx.out.two_thread_speedup} (rounds: ${each('two_thread_speedup')})`);
      // Every round ingests the same corpus into new stores: the same events and clusters, or the merge depends on something it should not.
      const same = new Set(outs.map((o) => `${String(o.events)}/${String(o.clusters)}`)).size === 1;
      ctx.out.rounds_agree = same;
      ctx.log(`        event reports and clusters ${same ? `the same in every round (${String(outs[0]!.events)} → ${String(outs[0]!.clusters)})` : `DIFFER between rounds: ${each('events')} reports, ${each('clusters')} clusters`}`);
    }
    for (const step of STEPS) {
      await step(ctx);
      loads.push(loadavg()[0]!);
    }
    ctx.out.load_avg_1m = loads.map((x) => round(x, 2));
    const mb = (k: string) => (typeof ctx.out[k] === 'number' ? (ctx.out[k] as number) : 0);
    const single = mb('single_peak_rss_mb');
    const two = mb('two_thread_peak_rss_mb');
    ctx.out = { articles: n, ...ctx.out, bench_process_peak_rss_mb: peakRssMb(), peak_rss_mb: Math.max(single, two) };
    ctx.log(`memory  peak RSS of an ingest ${ctx.out.peak_rss_mb} MB (target ≤ 1024, streamed): single-thread run ${single} MB, two-thread run ${two} MB (this process, writing the corpus: ${ctx.out.bench_process_peak_rss_mb} MB)`);
    if (json) process.stdout.write(JSON.stringify(ctx.out) + '\n');
    return ctx.out;
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    else ctx.log(`kept    ${dir}`);
  }
}

