// The lower-cased text of a document's tokens, shared by every stage that matches words (time
// cues, speech cues, triggers, event assembly, refinement).

import type { Token } from '../doc.js';

/**
 * Lower-cased forms by token text, across documents. Token texts are wink-nlp's own strings, one
 * per word form (see nlp/tokens.ts), so a lookup hashes nothing new; and a capitalised word's
 * lower-cased form is then one string for the corpus, not a fresh copy per occurrence that lives
 * as long as its document (an ingest group's documents live until the group is written, so the
 * copies were promoted to the old generation and marked there). Cleared when full rather than
 * grown without bound (see LEMMA_CACHE_MAX in nlp/tokens.ts).
 */
const lowerForms = new Map<string, string>();
const LOWER_FORMS_MAX = 50_000;

/** `text.toLowerCase()`, as one shared string per word form. */
export function lowerForm(text: string): string {
  let low = lowerForms.get(text);
  if (low === undefined) {
    low = text.toLowerCase();
    if (lowerForms.size >= LOWER_FORMS_MAX) lowerForms.clear();
    lowerForms.set(text, low);
  }
  return low;
}

const lowerMemo = new WeakMap<readonly Token[], readonly string[]>();

/**
 * The lower-cased text of every token, computed once per token list: time cues, speech cues,
 * triggers and refinement all scan every token of a document, and one list serves them all.
 * Keyed by the tokens array, which a Doc never changes (layers are frozen).
 */
export function lowerTexts(tokens: readonly Token[]): readonly string[] {
  let texts = lowerMemo.get(tokens);
  if (!texts) {
    // not frozen (see lexWords): the readonly type keeps callers from writing to the shared list
    // (a loop, not a per-call closure: V8 drops a closure's optimized code at each full GC)
    const out: string[] = [];
    for (const t of tokens) out.push(lowerForm(t.text));
    texts = out;
    lowerMemo.set(tokens, texts);
  }
  return texts;
}
