// Ingest a stream of articles into a store: skip what is already stored (by content hash, before
// running the pipeline), extract the rest (in this thread, or on a pool of worker threads), and
// write each article with its events in one store transaction. Bad items are counted and
// reported through `onItem`, never fatal.

import { articleHash } from './hash.js';
import { ExtractPool, type WorkItem } from './pool.js';
import { extractRecord, type Extractor } from '../extract.js';
import type { SourceItem } from '../ingest/sources.js';
import type { SpecError, SpecResult } from '../output/spec.js';
import type { Store } from '../store/types.js';

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

  const write = async (item: WorkItem & { origin: string; hash: string }, out: SpecResult | SpecError) => {
    if ('error' in out) return emit({ kind: 'failed', origin: item.origin, id: item.record.id, error: out.error });
    try {
      const put = await store.putArticle({ inputId: item.record.id, text: item.record.text, result: out });
      if (put.inserted) emit({ kind: 'added', origin: item.origin, id: item.record.id, hash: put.hash, events: put.events ?? out.events.length });
      else emit({ kind: 'duplicate', origin: item.origin, id: item.record.id, hash: put.hash });
    } catch (err) {
      emit({ kind: 'failed', origin: item.origin, id: item.record.id, error: (err as Error).message });
    }
  };

  /** Items that still need the pipeline, or null when handled here. */
  const triage = async (item: SourceItem): Promise<(WorkItem & { origin: string; hash: string }) | null> => {
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
  if (threads <= 1 && !opts.pool) {
    if (!opts.extractor) throw new Error('ingestItems: an extractor is needed for single-thread ingest');
    for await (const item of items) {
      const work = await triage(item);
      if (work) await write(work, extractRecord(opts.extractor, work.record, { htmlPublished: work.htmlPublished ?? null }));
    }
  } else {
    const pool = opts.pool ?? (await ExtractPool.create(threads));
    const batchSize = opts.batchSize ?? 8;
    // Enough batches in flight to keep every worker busy while this thread writes.
    const maxInFlight = pool.size * 2;
    const inFlight = new Set<Promise<void>>();
    let batch: (WorkItem & { origin: string; hash: string })[] = [];
    const send = (b: typeof batch) => {
      const p: Promise<void> = pool.extract(b.map(({ record, htmlPublished }) => ({ record, htmlPublished }))).then(async (results) => {
        for (let i = 0; i < b.length; i++) await write(b[i]!, results[i]!);
      });
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
