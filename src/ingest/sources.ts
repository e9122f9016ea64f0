// Everything `sitrep ingest` accepts, as one stream of input items: article files (.txt, .html,
// .json), JSONL batches (streamed), RSS/Atom feed files, folders of any of these, and URLs the
// user named (an article page or a feed; fetched only because the user asked for them).
// A source that cannot be read becomes one error item; the rest goes on.

import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { errorMessage } from '../errors.js';
import { looksLikeFeed, parseFeed } from './feed.js';
import { readHtml } from './html.js';
import { articleFromContent, countJsonlRecords, isHtml, readArticleFile, readJsonl, type InputItem } from './read.js';
import { walkFiles } from './walk.js';
import { withFields } from '../objects.js';

export type SourceItem = InputItem & { origin: string };

export interface SourceOptions {
  /** For feeds: fetch each item's page instead of using the feed's summary. */
  followLinks?: boolean;
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
  /** Milliseconds per request. */
  timeoutMs?: number;
}

const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom']);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);
const MAX_FETCH_BYTES = 20 * 1024 * 1024;

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** Expand folders into files; URLs and '-' pass through. */
export function* expandPaths(paths: readonly string[]): Generator<string> {
  for (const p of paths) {
    if (p === '-' || isUrl(p)) {
      yield p;
      continue;
    }
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch {
      // reported when read
    }
    if (dir) yield* walkFiles(p);
    else yield p;
  }
}

async function fetchText(url: string, opts: SourceOptions): Promise<{ body: string; type: string }> {
  const f = opts.fetch ?? fetch;
  const res = await f(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000), headers: { 'user-agent': 'sitrep (offline conflict-news coder; fetched on user request)' }, redirect: 'follow' });
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
  const len = Number(res.headers.get('content-length') ?? 0);
  if (len > MAX_FETCH_BYTES) throw new Error(`response too large (${len} bytes)`);
  const body = await res.text();
  if (body.length > MAX_FETCH_BYTES) throw new Error(`response too large (${body.length} characters)`);
  return { body, type: res.headers.get('content-type') ?? '' };
}

async function* fromFeed(xml: string, origin: string, opts: SourceOptions): AsyncGenerator<SourceItem> {
  let feed;
  try {
    feed = parseFeed(xml, origin);
  } catch (err) {
    yield { ok: false, id: origin, error: errorMessage(err), origin };
    return;
  }
  for (const item of feed.items) {
    if (opts.followLinks && item.link && isUrl(item.link)) {
      yield* fromUrl(item.link, opts, { source: feed.title, published: item.record.published ?? null, id: item.record.id });
    } else yield { ok: true, record: item.record, origin };
  }
}

async function* fromUrl(url: string, opts: SourceOptions, fromFeedItem?: { source: string | null; published: string | null; id: string }): AsyncGenerator<SourceItem> {
  let got;
  try {
    got = await fetchText(url, opts);
  } catch (err) {
    yield { ok: false, id: fromFeedItem?.id ?? url, error: `${url}: ${errorMessage(err)}`, origin: url };
    return;
  }
  if (!fromFeedItem && (/xml|rss|atom/i.test(got.type) || looksLikeFeed(got.body)) && !isHtml(got.body)) {
    yield* fromFeed(got.body, url, opts);
    return;
  }
  if (/html/i.test(got.type) || isHtml(got.body)) {
    const h = readHtml(got.body, url);
    if (!h.text.trim()) {
      yield { ok: false, id: fromFeedItem?.id ?? url, error: `${url}: no article text found in the page`, origin: url };
      return;
    }
    yield {
      ok: true,
      record: { id: fromFeedItem?.id ?? url, text: h.text, title: h.title, url: h.url ?? url, source: h.source ?? fromFeedItem?.source ?? null, published: fromFeedItem?.published ?? null, language: h.language },
      htmlPublished: h.published,
      origin: url,
    };
    return;
  }
  const item = articleFromContent(got.body, url.replace(/[?#].*$/, ''));
  if (item.ok) item.record = { ...item.record, id: fromFeedItem?.id ?? url, url: item.record.url ?? url };
  yield withFields(item, { origin: url });
}

function sniffFeedFile(path: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(2000);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return looksLikeFeed(buf.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Every article the user pointed at, streamed in order. */
export async function* readSources(paths: readonly string[], opts: SourceOptions = {}): AsyncGenerator<SourceItem> {
  for (const p of expandPaths(paths)) {
    if (isUrl(p)) {
      yield* fromUrl(p, opts);
      continue;
    }
    const ext = extname(p).toLowerCase();
    try {
      if (p === '-' || JSONL_EXTENSIONS.has(ext)) {
        for await (const item of readJsonl(p)) yield withFields(item, { origin: item.ok && item.lineNo ? `${p}:${item.lineNo}` : p });
      } else if (FEED_EXTENSIONS.has(ext) || (ext !== '.html' && ext !== '.htm' && ext !== '.json' && sniffFeedFile(p))) {
        yield* fromFeed(readFileSync(p, 'utf8'), p, opts);
      } else {
        yield withFields(await readArticleFile(p), { origin: p });
      }
    } catch (err) {
      yield { ok: false, id: p, error: errorMessage(err), origin: p };
    }
  }
}

/** How many articles the local sources hold, counted cheaply (for the progress bar's ETA); null if unknown. */
export async function countSources(paths: readonly string[]): Promise<number | null> {
  let n = 0;
  for (const p of expandPaths(paths)) {
    if (p === '-' || isUrl(p)) return null;
    const ext = extname(p).toLowerCase();
    try {
      if (JSONL_EXTENSIONS.has(ext)) n += await countJsonlRecords(p);
      else if (FEED_EXTENSIONS.has(ext)) n += (readFileSync(p, 'utf8').match(/<(item|entry)[\s>]/g) ?? []).length;
      else n += 1;
    } catch {
      n += 1;
    }
  }
  return n;
}
