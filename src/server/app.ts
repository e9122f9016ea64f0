// The HTTP API and the workbench page, as one Hono app that takes its store and its extractor
// as arguments: the CLI wires a real SQLite store and the pipeline, tests call app.request().

import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { InputError, SitrepError } from '../errors.js';
import { validateRecord, type InputRecord } from '../ingest/record.js';
import type { SpecError, SpecResult } from '../output/spec.js';
import type { EventFilter, Store } from '../store/types.js';
import { ApiError, errorBody } from './errors.js';
import { openApiDocument } from './openapi.js';
import { ArticleIdSchema, EventIdSchema, EventQuerySchema, PageQuerySchema, describeIssues } from './schemas.js';
import { CSP, loadAssets, type Asset } from './static.js';
import { bearerToken, hostnameOf, isLoopbackHost, tokenMatches, type AccessPolicy } from './security.js';
import { EXPORT_FORMATS, exportEvents, type ExportFormat } from './export.js';
import { eventWithEvidence } from './evidence.js';
import { statsOf } from './stats.js';
import { DEFAULT_BODY_LIMIT } from './limits.js';

// (defined in limits.ts, so the CLI can name it without loading the server)
export { DEFAULT_BODY_LIMIT };

export interface AppOptions {
  store: Store;
  /** Runs the pipeline on one record. */
  extract: (record: InputRecord) => SpecResult | SpecError;
  policy: AccessPolicy;
  bodyLimit?: number;
  /** Folder of the built page (dist/web); null serves the API only. */
  webRoot?: string | null;
  version?: string;
}

function parseQuery<T>(c: Context, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }): T {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw new ApiError(400, 'BAD_QUERY', describeIssues(r.error));
  return r.data;
}

function isWrite(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
}

export function createApp(opts: AppOptions): Hono {
  const { store, policy } = opts;
  const limit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const assets: Map<string, Asset> = opts.webRoot === null ? new Map() : loadAssets(opts.webRoot ?? '');
  const app = new Hono();

  app.use('*', async (c, next) => {
    if (policy.loopbackOnly) {
      const host = c.req.header('host');
      if (host && !isLoopbackHost(hostnameOf(host))) {
        throw new ApiError(403, 'BAD_HOST', 'this server only answers requests addressed to localhost');
      }
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
  });

  // Writes need the token whenever one is configured (always, off loopback).
  app.use('/api/*', async (c, next) => {
    if (isWrite(c.req.method) && policy.token) {
      const presented = bearerToken(c.req.header('authorization'));
      if (!presented) {
        c.header('WWW-Authenticate', 'Bearer realm="sitrep"');
        throw new ApiError(401, 'TOKEN_REQUIRED', 'writes need a token: send Authorization: Bearer <token>');
      }
      if (!tokenMatches(presented, policy.token)) {
        c.header('WWW-Authenticate', 'Bearer realm="sitrep", error="invalid_token"');
        throw new ApiError(401, 'TOKEN_INVALID', 'the token is not valid');
      }
    }
    await next();
  });

  app.post(
    '/api/articles',
    bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new ApiError(413, 'BODY_TOO_LARGE', `the request body is larger than ${limit} bytes`);
      },
    }),
    async (c) => {
      const ct = c.req.header('content-type') ?? '';
      // JSON only: a cross-site form cannot send application/json without a CORS preflight.
      if (!/^application\/json\b/i.test(ct)) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the article as application/json');
      const raw = await c.req.text();
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch (err) {
        throw new ApiError(400, 'INPUT_NOT_JSON', `the body is not valid JSON (${(err as Error).message})`);
      }
      const record = validateRecord(body, 'body');
      if (!record.text.trim()) throw new ApiError(400, 'INPUT_EMPTY', 'body: "text" is empty');
      const result = opts.extract(record);
      if ('error' in result) throw new ApiError(422, 'PIPELINE', result.error);
      const put = await store.putArticle({ inputId: record.id, text: record.text, result });
      return c.json({ ...result, articleId: put.hash, inserted: put.inserted }, put.inserted ? 201 : 200);
    },
  );

  app.get('/api/articles', async (c) => {
    const q = parseQuery(c, PageQuerySchema);
    const s = store as Store & { listArticles?: (o: { limit?: number; offset?: number }) => Promise<{ articles: unknown[]; total: number }> };
    if (!s.listArticles) throw new ApiError(501, 'NOT_SUPPORTED', 'this store cannot list articles');
    return c.json(await s.listArticles({ limit: q.limit, offset: q.offset }));
  });

  app.get('/api/articles/:id', async (c) => {
    const id = ArticleIdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new ApiError(400, 'BAD_ID', describeIssues(id.error));
    const row = await store.getArticle(id.data);
    if (!row) throw new ApiError(404, 'NOT_FOUND', `no article ${id.data}`);
    return c.json({
      id: row.hash,
      inputId: row.inputId,
      title: row.title,
      published: row.published,
      url: row.url,
      source: row.source,
      ingestedAt: row.ingestedAt,
      text: row.text,
      annotations: row.result,
    });
  });

  app.get('/api/events', async (c) => {
    const q = parseQuery(c, EventQuerySchema);
    const filter: EventFilter = { ...q };
    return c.json(await store.listEvents(filter));
  });

  app.get('/api/events/:id', async (c) => {
    const id = EventIdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new ApiError(400, 'BAD_ID', describeIssues(id.error));
    const ev = await store.getEvent(id.data);
    if (!ev) throw new ApiError(404, 'NOT_FOUND', `no event ${id.data}`);
    return c.json(await eventWithEvidence(store, ev));
  });

  app.get('/api/export', async (c) => {
    const { format, ...rest } = c.req.query();
    if (!format) throw new ApiError(400, 'BAD_QUERY', `format: required, one of ${EXPORT_FORMATS.join(', ')}`);
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new ApiError(400, 'BAD_QUERY', `format: "${format}" is not one of ${EXPORT_FORMATS.join(', ')}`);
    }
    const q = EventQuerySchema.safeParse(rest);
    if (!q.success) throw new ApiError(400, 'BAD_QUERY', describeIssues(q.error));
    const { limit: _l, offset: _o, ...filter } = q.data;
    const out = await exportEvents(store, format as ExportFormat, filter);
    c.header('Content-Type', out.type);
    c.header('Content-Disposition', `attachment; filename="${out.filename}"`);
    return c.body(out.body);
  });

  app.get('/api/stats', async (c) => c.json(await statsOf(store)));

  app.get('/api/health', async (c) => {
    const s = await store.stats();
    return c.json({ ok: true, store: store.kind, version: opts.version ?? null, articles: s.articles, clusters: s.clusters, writesNeedToken: policy.token !== null });
  });

  app.get('/api/openapi.json', (c) => c.json(openApiDocument(opts.version ?? '0.0.0')));

  app.all('/api/*', () => {
    throw new ApiError(404, 'NOT_FOUND', 'no such route; see /api/openapi.json');
  });

  // The page and its assets.
  app.get('*', (c) => {
    const path = c.req.path === '/index.html' ? '/' : c.req.path;
    const asset = assets.get(path);
    if (!asset) {
      if (path === '/') return c.text('The workbench page is not built: run `npm run build`.', 503);
      return c.text('not found', 404);
    }
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', path === '/' ? 'no-cache' : 'max-age=300');
    if (path === '/') c.header('Content-Security-Policy', CSP);
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });

  app.onError((err, c) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status);
    if (err instanceof InputError) {
      const status: ContentfulStatusCode = err.code === 'INPUT_TOO_LARGE' ? 413 : 400;
      return c.json(errorBody(err.code, err.message), status);
    }
    if (err instanceof SitrepError) return c.json(errorBody(err.code, err.message), 500);
    process.stderr.write(`sitrep serve: ${c.req.method} ${c.req.path}: ${(err as Error).stack ?? String(err)}\n`);
    return c.json(errorBody('INTERNAL', 'internal error; see the server log'), 500);
  });

  return app;
}
