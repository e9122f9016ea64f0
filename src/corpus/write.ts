// Write a batch of extracted articles to a store: one group-commit transaction when the store
// offers it, else (or when that transaction fails) one article at a time, so one bad article
// never sinks the batch. Single-thread ingest calls it in the main thread, and each ingest worker
// thread with its own connection (see ingest.ts): one way of writing, wherever it runs.

import type { SpecError, SpecResult } from '../output/spec.js';
import type { PutInput, PutResult, Store } from '../store/types.js';

/** An article to write (ingest's work item), with the content hash ingest already computed. */
export interface ToWrite {
  record: { id: string; text: string };
  hash: string;
}

/** What became of one article (plain data: worker threads post it back). */
export type WriteOutcome =
  | { kind: 'added'; hash: string; events: number }
  | { kind: 'duplicate'; hash: string }
  | { kind: 'failed'; error: string };

/** Write `items` with their extraction `outs` (same order); one outcome per item, in order. */
export async function writeExtracted(store: Store, items: readonly ToWrite[], outs: readonly (SpecResult | SpecError)[]): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array(items.length);
  const ok: number[] = [];
  // (loops, not callbacks made per batch: V8 drops a closure's optimized code at every full GC)
  for (let i = 0; i < items.length; i++) {
    const out = outs[i]!;
    if ('error' in out) outcomes[i] = { kind: 'failed', error: out.error };
    else ok.push(i);
  }
  const inputs: PutInput[] = [];
  for (const i of ok) inputs.push({ inputId: items[i]!.record.id, text: items[i]!.record.text, result: outs[i] as SpecResult, hash: items[i]!.hash });
  let puts: PutResult[] | null = null;
  if (store.putArticles && inputs.length > 1) {
    try {
      puts = await store.putArticles(inputs);
    } catch {
      puts = null; // one bad article must not sink the batch: retry them one by one
    }
  }
  for (let k = 0; k < ok.length; k++) {
    const i = ok[k]!;
    let put = puts?.[k];
    if (!put) {
      try {
        put = await store.putArticle(inputs[k]!);
      } catch (err) {
        outcomes[i] = { kind: 'failed', error: (err as Error).message };
        continue;
      }
    }
    outcomes[i] = put.inserted ? { kind: 'added', hash: put.hash, events: put.events ?? inputs[k]!.result.events.length } : { kind: 'duplicate', hash: put.hash };
  }
  return outcomes;
}
