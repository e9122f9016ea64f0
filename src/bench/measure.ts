// The bench's measurements: write the corpus, the bare wink-nlp floor, and a full ingest run.

import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { cliNodeFlags } from '../cli/node-flags.js';
import { GROUP_COMMIT, ingestItems, setIngestV8Flags, type IngestSummary, type ItemOutcome } from '../corpus/ingest.js';
import { ExtractPool } from '../corpus/pool.js';
import { countJsonlRecords, jsonlLines } from '../ingest/read.js';
import { readSources } from '../ingest/sources.js';
import { loadWinkDefault } from '../nlp/tokens.js';
import { threadCpuSeconds, threadsCpuSeconds } from '../os-threads.js';
import { loadResources } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { openSqliteStore } from '../store/sqlite.js';
import { generateArticles } from './corpus.js';
import { RUN_CHILD_SCRIPT, TurnChild, type Turn, type TurnTaker } from './turns.js';

/** Stream `n` generated articles to a JSONL file (never all in memory). */
export async function generateCorpusFile(path: string, n: number, seed: number): Promise<{ chars: number; words: number; incidents: number; seconds: number }> {
  const t0 = performance.now();
  const out = createWriteStream(path);
  let chars = 0;
  let words = 0;
  let incidents = 0;
  for (const a of generateArticles(n, seed)) {
    const { incident, ...record } = a;
    incidents = incident;
    chars += a.text.length;
    words += a.text.split(/\s+/).length;
    if (!out.write(JSON.stringify(record) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { chars, words, incidents, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The corpus file's records, read as `sitrep ingest` reads a JSONL file: its lines that are not
 * blank (readJsonl trims them; countJsonlRecords counts the same lines).
 */
async function* records(path: string): AsyncGenerator<string> {
  for await (const line of jsonlLines(path)) if (line.trim()) yield line;
}

async function* texts(path: string): AsyncGenerator<string> {
  for await (const line of records(path)) yield (JSON.parse(line) as { text: string }).text;
}

/** CPU seconds (user + system, every thread of the process) since `c0`. */
export function cpuSince(c0: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(c0);
  return (d.user + d.system) / 1e6;
}

/**
 * CPU seconds of this process's main thread alone (Linux /proc; null elsewhere). With worker
 * threads the main thread reads, hashes and hands out the articles: its share says whether it
 * is the bottleneck.
 */
export function mainThreadCpu(): number | null {
  return threadCpuSeconds(process.pid);
}

/**
 * The floor: wink-nlp's readDoc over the corpus's texts, reading the same file the same way as
 * many texts as each turn asks (see turns.ts), timed over its turns only.
 */
export async function floorPass(path: string, warmTexts: number, turns: TurnTaker): Promise<FloorResult> {
  // wink's default pipe, as a user calling readDoc would get it (the pipeline turns off what it does not read).
  const nlp = loadWinkDefault();
  // Warm the JIT first on the corpus's first texts, as many as the pipeline's warm-up articles
  // (the bench's --warmup), so that neither side of the ratio is measured colder than the other.
  let warm = 0;
  for await (const t of texts(path)) {
    if (warm++ >= warmTexts) break;
    nlp.readDoc(t);
  }
  let articles = 0;
  let tokens = 0;
  const all = texts(path);
  let go = await turns.ready();
  const c0 = process.cpuUsage();
  while ('go' in go) {
    let n = 0;
    let k = 0;
    for (; n < go.go; n++) {
      const t = await all.next();
      if (t.done) break;
      k += nlp.readDoc(t.value).tokens().length();
    }
    articles += n;
    tokens += k;
    go = (await turns.done({ articles: n, tokens: k }))!;
  }
  return { articles, tokens, seconds: turns.seconds, cpuSeconds: cpuSince(c0) };
}

export interface FloorResult {
  articles: number;
  tokens: number;
  seconds: number;
  cpuSeconds: number;
}

export interface RunResult {
  added: number;
  failed: number;
  events: number;
  clusters: number;
  seconds: number;
  /** CPU seconds of the whole process during the run (all threads): on a shared machine the fairer measure. */
  cpuSeconds: number;
  /** Start-up (loading resources in each thread, and the warm-up run), not counted in `seconds`. */
  startup: number;
  /** CPU seconds of the main thread during the run (with workers: reading and handing out articles), when the OS tells. */
  mainCpuSeconds: number | null;
  /**
   * CPU seconds of the pool's worker threads during the run (null on one thread, or when the OS
   * does not tell). What neither they nor the main thread used went to the process's other
   * threads: V8's helpers (concurrent marking, parallel scavenges, sweeping, TurboFan), the
   * checkpoint thread, libuv's.
   */
  workersCpuSeconds: number | null;
  /**
   * Articles/s over each fifth of the run, in order: the store grows as it goes, and what a
   * report costs to merge grows with it, so the last fifth says more of a large corpus than the
   * mean does.
   */
  fifths: number[];
}

/**
 * onItem for ingestItems recording when each fifth of `n` articles had been added; `rates()` then
 * gives articles/s per fifth reached (all five when every record is a new article, as in the
 * bench's corpus).
 */
function fifthsTimer(n: number): { onItem: (o: ItemOutcome, s: IngestSummary) => void; rates: () => number[] } {
  const t0 = performance.now();
  const marks = [0, 1, 2, 3, 4, 5].map((k) => Math.round((k * n) / 5));
  const at: number[] = [t0];
  return {
    onItem: (o, s) => {
      if (o.kind === 'added' && at.length < marks.length && s.added >= marks[at.length]!) at.push(performance.now());
    },
    rates: () => at.slice(1).map((t, k) => (marks[k + 1]! - marks[k]!) / Math.max(1e-9, (t - at[k]!) / 1000)),
  };
}

/** Articles run through the same extractor before the timed run, into a scratch store of their own. */
export interface Warmup {
  corpus: string;
  dbPath: string;
}

/** The next `n` items of `items` (fewer at its end), leaving the rest to whoever reads it next. */
async function* nextOf<T>(items: AsyncIterator<T>, n: number): AsyncGenerator<T> {
  for (let i = 0; i < n; i++) {
    const r = await items.next();
    if (r.done) return;
    yield r.value;
  }
}

/**
 * The warm-up corpus is ingested in this many calls of ingestItems, a part each, so that the timed
 * run is the process's fourth call. A `sitrep ingest` is one call, whose JIT warms up at its start;
 * the bench's timed run is a later call in a warmed process, and a second call still met V8
 * recompiling the merge and store code it had optimised in the first (session 20: `wrong map`
 * deoptimisations in each worker at the run's first joins, a third call on the same store none),
 * in the timed run's first turn only. Session 22, one bench each way (3 rounds each): one call,
 * first turns 1.24–1.30× against 1.33–2.01 for the others, `two_thread_speedup` 1.512/1.51/1.586,
 * the two-thread run's CPU 4.26–5.34 ms per article on all its threads against the single
 * thread's 3.92–5.22; two calls, first turns 1.37–1.51, 1.721/1.675/1.635, 3.99–4.16 against
 * 3.93–4.13; three calls, first turns 1.46–1.75, 1.685/1.629/1.75, 3.85–3.89 against 3.84–4.02.
 */
const WARMUP_INGEST_CALLS = 3;

/**
 * Ingest the corpus file into a fresh SQLite store with the full pipeline on `threads` threads.
 * With `warmup`, the extractor (this thread's pipeline, or every worker of the pool) first ingests
 * the warm-up corpus into a scratch store, untimed, in WARMUP_INGEST_CALLS calls: V8 compiles the
 * pipeline's hot functions on its first few hundred articles (seconds of CPU per thread, paid once
 * per thread), and a steady-state rate is what a large corpus sees. The floor pass is warmed the same way.
 */
export async function pipelineRun(corpus: string, dbPath: string, threads: number, warmup?: Warmup, turns?: TurnTaker, turnGroups = TURN_GROUPS): Promise<RunResult> {
  const store = await openSqliteStore(dbPath);
  let pool: ExtractPool | undefined;
  let startup = 0;
  try {
    let extractor;
    const t0 = performance.now();
    // (as `sitrep ingest` does, once it knows its threads)
    setIngestV8Flags(threads);
    if (threads > 1) pool = await ExtractPool.create(threads);
    else extractor = { pipeline: defaultPipeline(), resources: await loadResources() };
    if (warmup) {
      const scratch = await openSqliteStore(warmup.dbPath);
      try {
        // (its records parsed once, a part for each call)
        const part = Math.ceil((await countJsonlRecords(warmup.corpus)) / WARMUP_INGEST_CALLS);
        const items = readSources([warmup.corpus])[Symbol.asyncIterator]();
        for (let k = 0; k < WARMUP_INGEST_CALLS; k++) await ingestItems(nextOf(items, part), scratch, { extractor, pool });
      } finally {
        await scratch.close();
      }
    }
    startup = (performance.now() - t0) / 1000;
    const n = await countJsonlRecords(corpus);
    // (taking turns, the parent times the slices and gives the fifths; straight through, the timer)
    const gate = turns ? new SliceReporter(turns, GROUP_COMMIT * turnGroups, n) : null;
    const timer = gate ? null : fifthsTimer(n);
    const c0 = process.cpuUsage();
    const m0 = mainThreadCpu();
    const workers = pool?.threadIds() ?? [];
    const w0 = workers.length ? threadsCpuSeconds(workers) : null;
    const source = readSources([corpus]);
    const s = await ingestItems(gate ? gate.source(source) : source, store, {
      extractor,
      pool,
      onItem: gate ? () => gate.onItem() : timer!.onItem,
    });
    gate?.end();
    const cpuSeconds = cpuSince(c0);
    const m1 = mainThreadCpu();
    const w1 = workers.length ? threadsCpuSeconds(workers) : null;
    const stats = await store.stats();
    return {
      added: s.added,
      failed: s.failed,
      events: stats.events,
      clusters: stats.clusters,
      // (taking turns, the parent, which pauses this process, knows the seconds and the fifths)
      seconds: gate ? 0 : s.seconds,
      cpuSeconds,
      startup,
      mainCpuSeconds: m0 !== null && m1 !== null ? m1 - m0 : null,
      workersCpuSeconds: w0 !== null && w1 !== null ? w1 - w0 : null,
      fifths: gate ? [] : timer!.rates(),
    };
  } finally {
    await pool?.close();
    await store.close();
  }
}

/**
 * The pipeline's side of taking turns (see turns.ts): the run goes straight through, as an ingest
 * does, and says when a slice of `slice` articles has its outcomes (written, for new articles);
 * the parent then pauses the whole process until its next turn. Its article source only waits for
 * the first word, after the warm-up. A slice is a whole number of group commits (TURN_GROUPS,
 * shared among the threads), so the groups and transactions are the ones of a run straight through.
 */
class SliceReporter {
  private outcomes = 0;
  private from = 0;

  constructor(
    private readonly turns: TurnTaker,
    private readonly slice: number,
    private readonly n: number,
  ) {}

  onItem(): void {
    this.outcomes++;
    if (this.outcomes % this.slice === 0 && this.outcomes < this.n) this.reached(false);
  }

  private reached(last: boolean): void {
    this.turns.reached({ articles: this.outcomes - this.from }, last);
    this.from = this.outcomes;
  }

  async *source<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
    let first = true;
    for await (const item of items) {
      if (first) await this.turns.ready();
      first = false;
      yield item;
    }
  }

  /** After the ingest: the last slice. */
  end(): void {
    this.reached(true);
  }
}

/** A measurement in a child process of its own (run-child.ts), with these node flags: its result and peak RSS in MB. */
function inChild<T>(what: string, nodeFlags: string[], args: object): Promise<T & { peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeFlags, RUN_CHILD_SCRIPT, JSON.stringify(args)], { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`bench: ${what} failed: ${stderr || err.message}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as T & { peakRssMb: number });
      } catch {
        reject(new Error(`bench: ${what} printed no result: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

/** pipelineRun in a child process with the CLI's node flags, as `sitrep ingest` runs. */
export function pipelineRunInChild(corpus: string, dbPath: string, threads: number, warmup?: Warmup): Promise<RunResult & { peakRssMb: number }> {
  return inChild(`the run on ${threads} thread(s)`, cliNodeFlags(), { kind: 'ingest', corpus, dbPath, threads, warmup });
}

/**
 * Group commits per turn when the floor pass and the runs take turns: as many as make 1,024
 * articles (8 of 128; 16 of 64 before session 14), ~5 s of the single-thread run and ~1.5 s of
 * the floor on session 12's machine, twice that on session 14's. After waiting for the other
 * side, a process reads its first texts slower (its caches hold the other's data: the floor's
 * first 8 texts of a turn took 3.6 µs a token, the rest 2.5): a fixed cost per turn that weighs
 * on the shorter floor turn most, and flattered the ratio by ~0.04 with turns of one group
 * (0.346 against 0.305 with 16, three runs each). At 1,024 articles it is under 1 % of a floor turn,
 * and turns are still shorter than the machine's spells of one speed.
 */
export const TURN_GROUPS = Math.max(1, Math.round(1024 / GROUP_COMMIT));

/** What runInTurns measures: the floor, the single-thread run and (optionally) the two-thread run. */
export interface TurnsPlan {
  corpus: string;
  /** Texts the floor reads untimed first (as many as the pipeline's warm-up). */
  warmTexts: number;
  single: { dbPath: string; warmup?: Warmup };
  two?: { dbPath: string; warmup?: Warmup };
  /** Group commits per turn (TURN_GROUPS). */
  turnGroups?: number;
}

export interface TurnsResult {
  floor: FloorResult & { peakRssMb: number };
  single: RunResult & { peakRssMb: number };
  two: (RunResult & { peakRssMb: number }) | null;
  /** Single-thread articles/s ÷ floor articles/s over the same articles, turn by turn. */
  floorRatios: number[];
  /** Two-thread articles/s ÷ single-thread articles/s over the same articles, turn by turn. */
  speedups: number[];
}

/**
 * The floor pass, the single-thread run and the two-thread run taking turns (see turns.ts), each
 * in a child process of its own: the runs with the CLI's node flags, as `sitrep ingest` runs;
 * the floor with node's defaults, as a user calling readDoc runs it (the CLI's heap setting, a
 * heap at most twice its live size, slows wink's own pass by some 10 %, which would flatter the
 * ratio). The single-thread run ingests TURN_GROUPS group commits, then the floor reads the same
 * articles' texts, then the two-thread run ingests the same articles into its own store, and so
 * on. The runs go straight through and are paused between their turns (SIGSTOP), not drained:
 * see turns.ts.
 */
export async function runInTurns(plan: TurnsPlan): Promise<TurnsResult> {
  const turnGroups = plan.turnGroups ?? TURN_GROUPS;
  const { corpus } = plan;
  const floor = new TurnChild('the floor pass', [], { kind: 'floor', corpus, warmTexts: plan.warmTexts, turns: true });
  const single = new TurnChild('the run on 1 thread', cliNodeFlags(), { kind: 'ingest', corpus, ...plan.single, threads: 1, turns: true, turnGroups }, true);
  const two = plan.two ? new TurnChild('the run on 2 threads', cliNodeFlags(), { kind: 'ingest', corpus, ...plan.two, threads: 2, turns: true, turnGroups }, true) : null;
  const children = [floor, single, ...(two ? [two] : [])];
  try {
    await Promise.all(children.map((c) => c.ready()));
    const floorRatios: number[] = [];
    const speedups: number[] = [];
    const rate = (t: Turn) => t.articles / Math.max(1e-9, t.seconds);
    for (;;) {
      const s = await single.turn(GROUP_COMMIT * turnGroups);
      if (s.articles) {
        const f = await floor.turn(s.articles);
        floorRatios.push(rate(s) / rate(f));
      }
      if (two) {
        const t = await two.turn(GROUP_COMMIT * turnGroups);
        if (t.articles !== s.articles || t.last !== s.last) throw new Error(`bench: the two runs' turns differ (${s.articles} and ${t.articles} articles)`);
        if (t.articles) speedups.push(rate(t) / rate(s));
      }
      if (s.last) break;
    }
    // (the runs' seconds and fifths are their turns', timed here: they are paused between turns)
    const timed = (c: TurnChild, r: RunResult & { peakRssMb: number }) => ({ ...r, seconds: c.seconds, fifths: c.fifths(r.added + r.failed) });
    const singleResult = timed(single, await single.result<RunResult & { peakRssMb: number }>());
    const twoResult = two ? timed(two, await two.result<RunResult & { peakRssMb: number }>()) : null;
    const floorResult = await floor.result<FloorResult & { peakRssMb: number }>(true);
    return { floor: floorResult, single: singleResult, two: twoResult, floorRatios, speedups };
  } finally {
    for (const c of children) c.kill();
  }
}
