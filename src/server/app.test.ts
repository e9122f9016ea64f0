// The API in-process (app.request): every route, with the real SQLite store and the real
// pipeline, and the ways a request can be wrong.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { extractRecord, type Extractor } from '../extract.js';
import type { InputRecord } from '../ingest/record.js';
import { loadResources } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { createApp } from './app.js';
import { CSP, defaultWebRoot } from './static.js';
import { accessPolicy } from './security.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-api-'));
let ex: Extractor;
const extract = (r: InputRecord) => extractRecord(ex, r);
const TOKEN = 'test-token-0123456789abcdef';

const ARTICLE_A = {
  id: 'a1',
  source: 'Alpha Wire',
  published: '2024-03-05',
  title: 'Shelling hits market',
  text: 'GAO, Mali, March 5 (Alpha Wire) - Artillery shells struck the market in Gao on Monday, killing at least 14 people, a doctor said.\n\nThe army said it had repelled an attack and killed 30 fighters.',
};
const ARTICLE_B = {
  id: 'b1',
  source: 'Beta Post',
  published: '2024-03-09',
  title: 'Protest in Niamey',
  text: 'NIAMEY, Niger, March 9 (Beta Post) - Hundreds of people protested in Niamey on Friday against rising prices. Police fired tear gas and arrested 12 protesters.',
};

async function openApp(opts: { token?: string; host?: string; bodyLimit?: number } = {}): Promise<{ app: Hono; store: Store }> {
  const store = await openSqliteStore(join(dir, `api-${Math.random().toString(36).slice(2)}.db`));
  const app = createApp({ store, extract, policy: accessPolicy(opts.host ?? '127.0.0.1', opts.token ?? null), bodyLimit: opts.bodyLimit, webRoot: null, version: 'test' });
  return { app, store };
}

function post(app: Hono, body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) {
  return app.request('http://localhost/api/articles', { method: 'POST', headers, body });
}

let app: Hono;
let store: Store;
let idA: string;

beforeAll(async () => {
  ex = { pipeline: defaultPipeline(), resources: await loadResources() };
  ({ app, store } = await openApp());
  const ra = await post(app, JSON.stringify(ARTICLE_A));
  expect(ra.status).toBe(201);
  idA = ((await ra.json()) as { articleId: string }).articleId;
  expect((await post(app, JSON.stringify(ARTICLE_B))).status).toBe(201);
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/articles', () => {
  it('returns the SPEC result plus the stored id, and is idempotent', async () => {
    const res = await post(app, JSON.stringify(ARTICLE_A));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.articleId).toBe(idA);
    expect(body.inserted).toBe(false);
    expect(idA).toMatch(/^[0-9a-f]{64}$/);
    expect(body.id).toBe('a1');
    expect(body.article).toMatchObject({ title: 'Shelling hits market', published: '2024-03-05', source: 'Alpha Wire' });
    expect(Array.isArray(body.events)).toBe(true);
    expect(body.mentions).toHaveProperty('actors');
    expect(body.checks).toBeInstanceOf(Array);
  });

  it('rejects malformed JSON with a 400 that says so', async () => {
    const res = await post(app, '{"id": "x", "text": ');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INPUT_NOT_JSON');
    expect(body.error.message).toMatch(/not valid JSON/);
  });

  it('rejects a body without text, a non-object, an empty text', async () => {
    const noText = await post(app, JSON.stringify({ id: 'x' }));
    expect(noText.status).toBe(400);
    expect(((await noText.json()) as { error: { message: string } }).error.message).toMatch(/text/);
    expect((await post(app, JSON.stringify([1, 2]))).status).toBe(400);
    expect((await post(app, JSON.stringify({ id: 'x', text: '   ' }))).status).toBe(400);
    expect((await post(app, JSON.stringify({ id: 'x', text: 'ok', title: 5 }))).status).toBe(400);
  });

  it('wants application/json', async () => {
    const res = await post(app, JSON.stringify(ARTICLE_A), { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(415);
  });

  it('refuses a body over the limit with 413, whether or not it declares its length', async () => {
    const small = await openApp({ bodyLimit: 1000 });
    const big = JSON.stringify({ id: 'big', text: 'x'.repeat(5000) });
    const declared = await post(small.app, big, { 'Content-Type': 'application/json', 'Content-Length': String(big.length) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe('BODY_TOO_LARGE');
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const streamed = await small.app.request('http://localhost/api/articles', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await small.store.stats()).articles).toBe(0);
    await small.store.close();
  });
});

describe('write token', () => {
  it('is required off loopback: starting without one is refused', () => {
    expect(() => accessPolicy('0.0.0.0', null)).toThrow(/token/);
    expect(() => accessPolicy('0.0.0.0', 'short')).toThrow(/16/);
    expect(accessPolicy('0.0.0.0', TOKEN)).toEqual({ token: TOKEN, loopbackOnly: false });
    expect(accessPolicy('127.0.0.1', null)).toEqual({ token: null, loopbackOnly: true });
  });

  it('rejects writes with a missing or wrong token and accepts the right one; reads stay open', async () => {
    const t = await openApp({ token: TOKEN, host: '0.0.0.0' });
    const missing = await post(t.app, JSON.stringify(ARTICLE_B));
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('TOKEN_REQUIRED');
    const wrong = await post(t.app, JSON.stringify(ARTICLE_B), { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}x` });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('TOKEN_INVALID');
    expect((await t.store.stats()).articles).toBe(0);
    const ok = await post(t.app, JSON.stringify(ARTICLE_B), { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(201);
    expect((await t.app.request('http://example.org/api/events')).status).toBe(200);
    await t.store.close();
  });

  it('on loopback, answers only requests addressed to a loopback host (DNS rebinding)', async () => {
    const res = await app.request('http://localhost/api/health', { headers: { Host: 'attacker.example:8080' } });
    expect(res.status).toBe(403);
    expect((await app.request('http://localhost/api/health', { headers: { Host: '127.0.0.1:8080' } })).status).toBe(200);
  });
});

describe('GET /api/events', () => {
  it('lists events with a total, and filters by source', async () => {
    const all = (await (await app.request('http://localhost/api/events')).json()) as { events: { sources: string[]; id: string }[]; total: number };
    expect(all.total).toBe(all.events.length);
    expect(all.total).toBeGreaterThan(1);
    const alpha = (await (await app.request('http://localhost/api/events?source=Alpha%20Wire')).json()) as typeof all;
    expect(alpha.total).toBeGreaterThan(0);
    expect(alpha.total).toBeLessThan(all.total);
    for (const e of alpha.events) expect(e.sources).toContain('Alpha Wire');
    const none = (await (await app.request('http://localhost/api/events?source=Nobody')).json()) as typeof all;
    expect(none).toEqual({ events: [], total: 0 });
  });

  it('pages with limit and offset; total ignores them', async () => {
    const all = (await (await app.request('http://localhost/api/events')).json()) as { events: { id: string }[]; total: number };
    const page = (await (await app.request('http://localhost/api/events?limit=1&offset=1')).json()) as typeof all;
    expect(page.total).toBe(all.total);
    expect(page.events.map((e) => e.id)).toEqual([all.events[1]!.id]);
  });

  it('rejects bad parameters with a 400 naming them', async () => {
    for (const q of ['limit=0', 'limit=abc', 'from=yesterday', 'from=2024-03-09&to=2024-03-01', 'status=maybe', 'country=France', 'colour=red', 'offset=-1']) {
      const res = await app.request(`http://localhost/api/events?${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('BAD_QUERY');
      expect(body.error.message.length).toBeGreaterThan(3);
    }
  });
});

describe('GET /api/events/:id', () => {
  it('returns the event with its reports, sources and evidence text from the article', async () => {
    const { events } = (await (await app.request('http://localhost/api/events?source=Alpha%20Wire')).json()) as { events: { id: string }[] };
    const res = await app.request(`http://localhost/api/events/${events[0]!.id}`);
    expect(res.status).toBe(200);
    const ev = (await res.json()) as { id: string; sources: string[]; reports: { article: string; title: string; evidence: { start: number; end: number; text: string }[] }[] };
    expect(ev.id).toBe(events[0]!.id);
    expect(ev.sources).toContain('Alpha Wire');
    expect(ev.reports.length).toBeGreaterThan(0);
    const r = ev.reports[0]!;
    expect(r.article).toBe(idA);
    expect(r.title).toBe('Shelling hits market');
    expect(r.evidence.length).toBeGreaterThan(0);
    for (const s of r.evidence) expect(s.text).toBe(ARTICLE_A.text.slice(s.start, s.end));
  });

  it('404s an unknown id and 400s a malformed one', async () => {
    const res = await app.request('http://localhost/api/events/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect((await app.request('http://localhost/api/events/%3Cscript%3E')).status).toBe(400);
  });
});

describe('GET /api/articles', () => {
  it('returns one article with its text and annotations', async () => {
    const res = await app.request(`http://localhost/api/articles/${idA}`);
    expect(res.status).toBe(200);
    const a = (await res.json()) as { id: string; text: string; source: string; annotations: { id: string; events: unknown[] } };
    expect(a.id).toBe(idA);
    expect(a.text).toBe(ARTICLE_A.text);
    expect(a.source).toBe('Alpha Wire');
    expect(a.annotations.id).toBe('a1');
  });

  it('404s an unknown id and 400s a malformed one', async () => {
    expect((await app.request(`http://localhost/api/articles/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await app.request('http://localhost/api/articles/abc')).status).toBe(400);
  });

  it('lists articles', async () => {
    const res = (await (await app.request('http://localhost/api/articles?limit=10')).json()) as { articles: { hash: string }[]; total: number };
    expect(res.total).toBe(2);
    expect(res.articles.map((a) => a.hash)).toContain(idA);
    expect((await app.request('http://localhost/api/articles?limit=-3')).status).toBe(400);
  });
});

describe('GET /api/export', () => {
  it('exports CSV and JSON lines, honouring filters', async () => {
    const total = ((await (await app.request('http://localhost/api/events')).json()) as { total: number }).total;
    const csv = await app.request('http://localhost/api/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows[0]).toMatch(/^id,type,/);
    expect(rows.length).toBe(total + 1);
    const jl = await app.request('http://localhost/api/export?format=jsonl&source=Beta%20Post');
    const lines = (await jl.text()).trim().split('\n').map((l) => JSON.parse(l) as { sources: string[] });
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l.sources).toContain('Beta Post');
  });

  it('writes the interchange formats with the corpus writers', async () => {
    const total = ((await (await app.request('http://localhost/api/events')).json()) as { total: number }).total;
    const geo = await app.request('http://localhost/api/export?format=geojson');
    expect(geo.status).toBe(200);
    const fc = (await geo.json()) as { type: string; features: unknown[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBe(total);
    const plover = (await (await app.request('http://localhost/api/export?format=plover-json')).json()) as unknown[];
    expect(plover.length).toBe(total);
    const acled = await app.request('http://localhost/api/export?format=acled-csv');
    expect(acled.headers.get('content-disposition')).toMatch(/sitrep-acled\.csv/);
    expect((await acled.text()).split('\n')[0]).toMatch(/event_date/);
  });

  it('400s a missing or unknown format', async () => {
    expect((await app.request('http://localhost/api/export')).status).toBe(400);
    expect((await app.request('http://localhost/api/export?format=xls')).status).toBe(400);
    expect((await app.request('http://localhost/api/export?format=csv&limit=nope')).status).toBe(400);
  });
});

describe('stats, health, OpenAPI, unknown routes', () => {
  it('stats count the corpus', async () => {
    const s = (await (await app.request('http://localhost/api/stats')).json()) as { articles: number; clusters: number; byType: Record<string, number>; bySource: Record<string, number> };
    expect(s.articles).toBe(2);
    expect(Object.values(s.byType).reduce((a, b) => a + b, 0)).toBe(s.clusters);
    expect(Object.keys(s.bySource).sort()).toEqual(['Alpha Wire', 'Beta Post']);
  });

  it('health says ok and which store', async () => {
    const h = (await (await app.request('http://localhost/api/health')).json()) as { ok: boolean; store: string; writesNeedToken: boolean };
    expect(h).toMatchObject({ ok: true, store: 'sqlite', writesNeedToken: false });
  });

  it('the OpenAPI document lists every route, and every GET route it lists answers', async () => {
    const doc = (await (await app.request('http://localhost/api/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/articles', '/api/articles/{id}', '/api/events', '/api/events/{id}', '/api/export', '/api/health', '/api/openapi.json', '/api/stats']);
    for (const [p, ops] of Object.entries(doc.paths)) {
      if (!ops.get) continue;
      const url = p.replace('{id}', 'x').replace('/api/export', '/api/export?format=csv');
      const res = await app.request(`http://localhost${url}`);
      const body: { error?: { code: string; message: string } } = res.headers.get('content-type')?.includes('json') ? ((await res.json()) as { error?: { code: string; message: string } }) : {};
      // Unknown ids may 400/404, but never as "no such route".
      expect(body.error?.message ?? '', p).not.toMatch(/no such route/);
      expect(res.status, p).toBeLessThan(500);
    }
  });

  it('unknown API routes get a JSON 404; security headers are set', async () => {
    const res = await app.request('http://localhost/api/nothing');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await app.request('http://localhost/api/events', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('the page', () => {
  it('serves the built page with a strict CSP, its bundle, and the Natural Earth outlines', async () => {
    const paged = createApp({ store, extract, policy: accessPolicy('127.0.0.1', null), webRoot: defaultWebRoot() });
    const page = await paged.request('http://localhost/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CSP);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html).toContain('src="/app.js"');
    expect(html).not.toMatch(/https?:\/\//);
    const js = await paged.request('http://localhost/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    const atlas = await paged.request('http://localhost/assets/countries-50m.json');
    expect(((await atlas.json()) as { type: string }).type).toBe('Topology');
    expect((await paged.request('http://localhost/secret.txt')).status).toBe(404);
    expect((await paged.request('http://localhost/../package.json')).status).toBe(404);
  });
});
