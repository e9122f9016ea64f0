// What the API accepts, validated at the edge: a request that does not fit gets a 400 naming the
// parameter, before it reaches the store or the pipeline.

import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');

export const STATUSES = ['asserted', 'claimed', 'denied', 'historical', 'future', 'hypothetical'] as const;

/** Largest page of events one request may ask for. */
export const MAX_LIMIT = 5000;

export const EventQuerySchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    country: z.string().regex(/^[A-Za-z]{3}$/, 'expected an ISO 3166-1 alpha-3 code or IGO').transform((s) => s.toUpperCase()).optional(),
    type: z.string().regex(/^[A-Za-z]{3,12}$/, 'expected a PLOVER type such as ASSAULT').transform((s) => s.toUpperCase()).optional(),
    actor: z.string().min(1).max(200).optional(),
    status: z.enum(STATUSES).optional(),
    source: z.string().min(1).max(200).optional(),
    text: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '"from" is after "to"', path: ['from'] });

export type EventQuery = z.output<typeof EventQuerySchema>;

export const PageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Article ids are the store's content hashes: sha256 in hex. */
export const ArticleIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected an article id (64 hex characters)');

/** Event ids are opaque to the API; bound their size and alphabet so they can be logged safely. */
export const EventIdSchema = z.string().regex(/^[A-Za-z0-9:_.-]{1,200}$/, 'malformed event id');

export function describeIssues(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}
