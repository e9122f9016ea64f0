// Ingest a stream of articles into a store: skip what is already stored (by content hash, before
// running the pipeline), extract the rest in groups (in this thread, or on a pool of worker
// threads that also write them), and write each group in one store transaction, each article
// with its events all or nothing. Bad items are counted and reported through `onItem`, never fatal.

import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { articleHash } from './hash.js';
import { ExtractPool, type WorkItem } from './pool.js';
import { SitrepError } from '../errors.js';
import { extractRecords, type Extractor } from '../extract.js';
import type { SourceItem } from '../ingest/sources.js';
import type { Store } from '../store/types.js';
import { writeExtracted, type WriteOutcome } from './write.js';

export interface IngestSummary {
  seen: number;
  added: number;
  duplicates: number;
  failed: number;
  /** Events written as reports by this run. */
  events: number;
  /** Characters of article text extracted by this run. */
  chars: number;
  seconds: number;
}

export type ItemOutcome =
  | { kind: 'added'; origin: string; id: string; hash: string; events: number }
  | { kind: 'duplicate'; origin: string; id: string; hash: string }
  | { kind: 'failed'; origin: string; id: string; error: string };

export interface IngestOptions {
  /** Extraction in this thread (required when threads ≤ 1). */
  extractor?: Extractor;
  /** Worker threads; > 1 uses a pool whose workers extract and write (see ExtractPool.ingest). */
  threads?: number;
  /** An existing pool (the bench reuses one across runs). */
  pool?: ExtractPool;
  onItem?: (o: ItemOutcome, s: IngestSummary) => void;
  /** Articles extracted together and written in one store transaction (each article stays all or nothing). */
  groupCommit?: number;
}

/**
 * Articles extracted together and written in one transaction: enough for the batch to keep each
 * stage's tables in the CPU caches (32 is about 7 % faster than 8), and for a commit's rewritten
 * index pages to serve many articles (most of a commit's pages are index pages its rows touch
 * all over each index: a 5,000-article bench ingest wrote 1,054 MB of WAL in groups of 32, 745
 * in groups of 64, 562 in groups of 128); few enough that a crash re-does little and progress
 * moves often. 128 rather than 64 (session 14, AMD guest): one thread 1.04–1.10× as fast
 * (alternating turns of 256 and 512 articles), two threads 1.01–1.07× (three straight 5,000-article
 * runs each way), the bench's peak RSS 776–809 MB against 751, and 937 MiB (973 in session 15)
 * against 858 for a two-thread ingest of 100,000 articles: the first thing to give back should
 * that bound get close.
 */
export const GROUP_COMMIT = 128;

/**
 * V8's heap growth for a single-thread ingest, in % of the live heap after a full GC. The CLI runs
 * node with --heap-growing-percent=100 (bin/sitrep.js) so that a two-thread ingest stays under
 * 1 GB; a single-thread one peaks near 0.45 GB with it, and fewer full GCs (marking the whole heap
 * on V8's helper threads, then recompiling what they dropped) buy it speed with that room.
 * Session 16, single-thread in-process ingests of 5,000 articles after 2,000 warm-up, four pairs
 * taking turns: 200 against 100, 0.96–1.45× (median ~1.05), V8's helper threads 0.31–0.34 ms per
 * article against 0.36–0.41, the thread's own 2.05–2.18 against 2.10–2.25 (session 13: 230 → 241
 * articles/s). V8 reads the flag at each GC, so setting it once the thread count is known works.
 */
export const SINGLE_THREAD_HEAP_GROWING_PERCENT = 200;

/**
 * Set V8's flags for an ingest on `threads` threads (process-wide, for good): the `sitrep ingest`
 * command calls it once it knows its thread count, before its workers are made, and the bench's
 * runs, which measure what that command runs.
 * - one thread: the heap grows to three times its live size (SINGLE_THREAD_HEAP_GROWING_PERCENT);
 * - as many extracting threads as cores: scavenges on one thread each (`--no-parallel-scavenge`).
 *   A worker's scavenge otherwise hands parts of itself to V8's helper threads and waits for them
 *   all; with every core busy extracting, a helper runs only by taking a core from the other
 *   worker, and the scavenging one waits meanwhile. Session 19, two-thread ingests taking turns
 *   with each other (1,024 articles a turn, after 2,000 warm-up articles per thread): 1.018×
 *   and 1.028× (5,000 and 10,000 articles), 0.991× the other way round (the flag on A), V8's
 *   helper threads ~0.4 instead of ~0.6 ms per article; in-process runs straight through 539
 *   against 531 articles/s (means of three). With cores to spare, helpers have cores of their
 *   own and parallel scavenges stay. V8 reads the flag at each scavenge.
 */
export function setIngestV8Flags(threads: number, cores = availableParallelism()): void {
  if (threads <= 1) setFlagsFromString(`--heap-growing-percent=${SINGLE_THREAD_HEAP_GROWING_PERCENT}`);
  else if (threads >= cores) setFlagsFromString('--no-parallel-scavenge');
}

function emptySummary(): IngestSummary {
  return { seen: 0, added: 0, duplicates: 0, failed: 0, events: 0, chars: 0, seconds: 0 };
}

export async function ingestItems(items: AsyncIterable<SourceItem>, store: Store, opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const s = emptySummary();
  const emit = (o: ItemOutcome) => {
    if (o.kind === 'added') {
      s.added++;
      s.events += o.events;
    } else if (o.kind === 'duplicate') s.duplicates++;
    else s.failed++;
    opts.onItem?.(o, s);
  };

  const emitWritten = (items: readonly Work[], outcomes: readonly WriteOutcome[]) => {
    items.forEach((item, i) => {
      const o = outcomes[i]!;
      const base = { origin: item.origin, id: item.record.id };
      if (o.kind === 'failed') emit({ kind: 'failed', ...base, error: o.error });
      else if (o.kind === 'added') emit({ kind: 'added', ...base, hash: o.hash, events: o.events });
      else emit({ kind: 'duplicate', ...base, hash: o.hash });
    });
  };

  /** Items that still need the pipeline, or null when handled here. */
  const triage = async (item: SourceItem): Promise<Work | null> => {
    s.seen++;
    if (!item.ok) {
      emit({ kind: 'failed', origin: item.origin, id: item.id, error: item.error });
      return null;
    }
    const hash = articleHash(item.record.text);
    if (await store.hasArticle(hash)) {
      emit({ kind: 'duplicate', origin: item.origin, id: item.record.id, hash });
      return null;
    }
    s.chars += item.record.text.length;
    return { record: item.record, htmlPublished: item.htmlPublished ?? null, origin: item.origin, hash };
  };

  const threads = opts.pool?.size ?? opts.threads ?? 1;
  const groupCommit = Math.max(1, opts.groupCommit ?? GROUP_COMMIT);
  // (a store that cannot checkpoint in the background checkpoints in its writers' commits, as before)
  const checkpoints = await store.startBackgroundCheckpoints?.();
  try {
    const groups = workGroups(items, triage, groupCommit);
    if (threads <= 1 && !opts.pool) await ingestHere(groups, store, opts, emitWritten);
    else await ingestOnPool(groups, store, opts, threads, emitWritten);
  } finally {
    await checkpoints?.stop();
  }
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}

/** An item that needs the pipeline: its record, with its origin and content hash. */
type Work = WorkItem & { origin: string; hash: string };
/** The report of each group written, which ingestItems' two ways of working share. */
type EmitWritten = (items: readonly Work[], outcomes: readonly WriteOutcome[]) => void;

/**
 * The items that need the pipeline (`triage` handles the others), in groups of `size` in reading
 * order, the last one shorter: each is extracted together and written in one transaction.
 */
async function* workGroups(items: AsyncIterable<SourceItem>, triage: (item: SourceItem) => Promise<Work | null>, size: number): AsyncGenerator<Work[]> {
  let group: Work[] = [];
  for await (const item of items) {
    const work = await triage(item);
    if (!work) continue;
    group.push(work);
    if (group.length >= size) {
      yield group;
      group = [];
    }
  }
  if (group.length) yield group;
}

/** Extract and write in this thread, a group at a time. */
async function ingestHere(groups: AsyncIterable<Work[]>, store: Store, opts: IngestOptions, emitWritten: EmitWritten): Promise<void> {
  if (!opts.extractor) throw new Error('ingestItems: an extractor is needed for single-thread ingest');
  const ex = opts.extractor;
  // A group is extracted together (stage by stage, see Pipeline.runMany) and written in one
  // transaction.
  for await (const group of groups) {
    const outs = extractRecords(ex, group.map(({ record, htmlPublished }) => ({ record, opts: { htmlPublished: htmlPublished ?? null } })));
    emitWritten(group, await writeExtracted(store, group, outs));
  }
}

/** Extract and write on a pool of worker threads, each writing its groups in turn (see ExtractPool.ingest). */
async function ingestOnPool(groups: AsyncIterable<Work[]>, store: Store, opts: IngestOptions, threads: number, emitWritten: EmitWritten): Promise<void> {
  if (store.kind === 'sqlite' && /^(:memory:|)$/.test(store.spec.location)) {
    throw new SitrepError('STORE', 'an in-memory SQLite store cannot be shared with worker threads: ingest into a file, or on one thread');
  }
  const pool = opts.pool ?? (await ExtractPool.create(threads));
  // Each worker extracts a group and writes it itself, through a connection of its own: no
  // result crosses threads, and no thread waits for a single writer. Groups are written in
  // the order they were read (a shared counter says whose turn it is), so the store sees the
  // sequence a single-thread run writes and merges into the same clusters.
  const turn = new SharedArrayBuffer(4);
  let seq = 0;
  // Enough groups in flight for each worker to extract one while another waits for its turn,
  // and no more: results wait in the worker's heap until written.
  const maxInFlight = pool.size * 2;
  const inFlight = new Set<Promise<void>>();
  // What became of each article is reported in reading order too.
  let reported: Promise<void> = Promise.resolve();
  const send = (group: Work[]) => {
    const written = pool.ingest(group.map(({ record, htmlPublished, hash }) => ({ record, htmlPublished, hash })), seq++, store.spec, turn);
    // (its failure surfaces through `p`, in turn; this only keeps an early one from counting as unhandled)
    written.catch(() => {});
    const p = reported.then(async () => emitWritten(group, await written));
    reported = p.catch(() => {});
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  try {
    for await (const group of groups) {
      send(group);
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    // The workers' connections close cleanly (an owned pool's threads end after that).
    await pool.release(store.spec).catch(() => {});
    if (!opts.pool) await pool.close();
  }
}
