// What travels through the queue: one input record per job, plus its content hash.

import { validateRecord, type InputRecord } from '../ingest/record.js';

export interface ArticleJob {
  /** Content hash (the store's idempotency key), computed when the article was enqueued. */
  hash: string;
  record: InputRecord;
  /** Publication date found in the HTML head, when the input was an HTML file. */
  htmlPublished?: string | null;
}

/**
 * A job id derived from the content hash, formatted as the UUID pg-boss requires. pg-boss inserts
 * with ON CONFLICT DO NOTHING, so enqueueing the same article twice while its job lives is a no-op.
 */
export function jobIdFor(hash: string): string {
  if (!/^[0-9a-f]{32,}$/.test(hash)) throw new Error(`not a hex content hash: ${hash}`);
  const h = hash.slice(0, 32);
  // Version 8 (custom) UUID with the RFC 4122 variant, so it is a valid uuid to PostgreSQL.
  const v = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Job data comes from the database, which others can write to: validate before use. */
export function parseJob(data: unknown): ArticleJob {
  if (data === null || typeof data !== 'object') throw new Error('job data is not an object');
  const d = data as Record<string, unknown>;
  if (typeof d.hash !== 'string' || !/^[0-9a-f]{64}$/.test(d.hash)) throw new Error('job data has no valid "hash"');
  const htmlPublished = typeof d.htmlPublished === 'string' ? d.htmlPublished : null;
  return { hash: d.hash, record: validateRecord(d.record, `job ${d.hash.slice(0, 12)}`), htmlPublished };
}
