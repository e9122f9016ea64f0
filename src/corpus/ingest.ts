// Ingest a stream of articles into a store: skip what is already stored (by content hash, before
// running the pipeline), extract the rest (in this thread, or on a pool of worker threads), and
// write each article with its events in one store transaction. Bad items are counted and
// reported through `onItem`, never fatal.

import { articleHash } from './hash.js';
import { ExtractPool, type WorkItem } from './pool.js';
import { extractRecords, type Extractor } from '../extract.js';
import type { SourceItem } from '../ingest/sources.js';
import type { SpecError, SpecResult } from '../output/spec.js';
import type { PutInput, PutResult, Store } from '../store/types.js';

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
  /** Worker threads for extraction; > 1 uses a pool and keeps the store in this thread. */
  threads?: number;
  /** An existing pool (the bench reuses one across runs). */
  pool?: ExtractPool;
  /** Articles per worker message. */
  batchSize?: number;
  onItem?: (o: ItemOutcome, s: IngestSummary) => void;
  /** Articles per store transaction in single-thread ingest (each article stays all or nothing). */
  groupCommit?: number;
}

/**
 * Articles per transaction in single-thread ingest, extracted together: enough for the batch to
 * keep each stage's tables in the CPU caches (32 is about 7 % faster than 8), few enough that a
 * crash re-does little and progress moves often.
 */
const GROUP_COMMIT = 32;
/**
 * Articles per message to a worker thread, extracted together there and written in one
 * transaction. Not 32 as GROUP_COMMIT: a message of 32 results is a structured-clone buffer of
 * about 2 MB, and glibc's malloc keeps such buffers' memory once its mmap threshold has risen to
 * their size; a 5,000-article two-thread ingest then peaked at 1.1 GB RSS, against 0.88 GB with 16.
 */
const WORKER_BATCH = 16;

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

  type Work = WorkItem & { origin: string; hash: string };
  /**
   * Write extracted articles: one group-commit transaction when the store offers it. `json` and
   * `eventJson` come from extraction threads: each result's JSON without its events (see
   * Extracted.json), and its events' JSON.
   */
  const writeBatch = async (items: Work[], outs: (SpecResult | SpecError)[], json?: (string | null)[], eventJson?: (string[] | null | undefined)[]) => {
    const ok: { item: Work; result: SpecResult; json: string | null; eventJson: string[] | null }[] = [];
    items.forEach((item, i) => {
      const out = outs[i]!;
      if ('error' in out) emit({ kind: 'failed', origin: item.origin, id: item.record.id, error: out.error });
      else ok.push({ item, result: out, json: json?.[i] ?? null, eventJson: eventJson?.[i] ?? null });
    });
    if (!ok.length) return;
    const inputs: PutInput[] = ok.map(({ item, result, json, eventJson }) => ({
      inputId: item.record.id,
      text: item.record.text,
      result,
      hash: item.hash,
      ...(json !== null ? { resultJsonWithoutEvents: json } : {}),
      ...(eventJson !== null ? { eventJson } : {}),
    }));
    let puts: PutResult[] | null = null;
    if (store.putArticles && ok.length > 1) {
      try {
        puts = await store.putArticles(inputs);
      } catch {
        puts = null; // one bad article must not sink the batch: retry them one by one
      }
    }
    for (let i = 0; i < ok.length; i++) {
      const { item, result } = ok[i]!;
      let put = puts?.[i];
      if (!put) {
        try {
          put = await store.putArticle(inputs[i]!);
        } catch (err) {
          emit({ kind: 'failed', origin: item.origin, id: item.record.id, error: (err as Error).message });
          continue;
        }
      }
      if (put.inserted) emit({ kind: 'added', origin: item.origin, id: item.record.id, hash: put.hash, events: put.events ?? result.events.length });
      else emit({ kind: 'duplicate', origin: item.origin, id: item.record.id, hash: put.hash });
    }
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
  if (threads <= 1 && !opts.pool) {
    if (!opts.extractor) throw new Error('ingestItems: an extractor is needed for single-thread ingest');
    const ex = opts.extractor;
    // A group is extracted together (stage by stage, see Pipeline.runMany) and written in one
    // transaction.
    const flush = async (group: Work[]) => writeBatch(group, extractRecords(ex, group.map(({ record, htmlPublished }) => ({ record, opts: { htmlPublished: htmlPublished ?? null } }))));
    let pending: Work[] = [];
    for await (const item of items) {
      const work = await triage(item);
      if (!work) continue;
      pending.push(work);
      if (pending.length >= groupCommit) {
        await flush(pending);
        pending = [];
      }
    }
    if (pending.length) await flush(pending);
  } else {
    const pool = opts.pool ?? (await ExtractPool.create(threads));
    const batchSize = opts.batchSize ?? WORKER_BATCH;
    // Enough batches in flight to keep every worker busy while this thread writes (one being
    // extracted and one waiting per worker), and no more: a finished batch waits here for its
    // turn to be written, and results held longer are promoted to the old generation of this
    // thread's heap, which then grows by hundreds of MB before V8 collects it.
    const maxInFlight = pool.size * 2;
    const inFlight = new Set<Promise<void>>();
    let batch: Work[] = [];
    // Batches are written in the order they were read, whichever thread finishes first: the
    // store then sees the same sequence as a single-thread run, and merges into the same clusters.
    let written: Promise<void> = Promise.resolve();
    const send = (b: typeof batch) => {
      const extracted = pool.extract(b.map(({ record, htmlPublished }) => ({ record, htmlPublished })), { withoutEvents: true });
      const p: Promise<void> = written.then(async () => {
        const results = await extracted;
        await writeBatch(b, results.map((r) => r.out), results.map((r) => r.json), results.map((r) => r.eventJson));
      });
      written = p.catch(() => {});
      const tracked = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    };
    try {
      for await (const item of items) {
        const work = await triage(item);
        if (!work) continue;
        batch.push(work);
        if (batch.length >= batchSize) {
          send(batch);
          batch = [];
          while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
        }
      }
      if (batch.length) send(batch);
      await Promise.all(inFlight);
    } finally {
      if (!opts.pool) await pool.close();
    }
  }
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}
