// The demo corpus (data/demo): short wire-style articles written for sitrep, with a small
// header of "key: value" lines (source, published, title) above the body. Files without the
// header are read as plain articles (the seed article, kept as it came).

import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputRecord } from '../ingest/record.js';
import { errorMessage } from '../errors.js';
import type { SpecError, SpecResult } from '../output/spec.js';
import type { Store } from '../store/types.js';

export function defaultDemoDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'demo');
}

const HEADER_KEYS = new Set(['id', 'source', 'published', 'title', 'url']);

/** Parse one demo file: an optional header block, a blank line, then the article text. */
export function parseDemoFile(content: string, name: string): InputRecord {
  const id = basename(name).replace(/\.[^.]+$/, '');
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const header: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length; i++) {
    const m = /^([a-z]+):\s*(.*)$/.exec(lines[i]!);
    if (!m || !HEADER_KEYS.has(m[1]!)) break;
    header[m[1]!] = m[2]!.trim();
  }
  const hasHeader = i > 0 && (lines[i] ?? '') === '';
  const body = hasHeader ? lines.slice(i + 1).join('\n').trim() : text;
  return {
    id: header.id ?? id,
    text: body,
    title: hasHeader ? (header.title ?? null) : null,
    published: hasHeader ? (header.published ?? null) : null,
    source: hasHeader ? (header.source ?? null) : null,
    url: hasHeader ? (header.url ?? null) : null,
  };
}

export function readDemoCorpus(dir: string = defaultDemoDir()): InputRecord[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseDemoFile(readFileSync(join(dir, f), 'utf8'), f));
}

export interface DemoReport {
  articles: number;
  inserted: number;
  failed: { id: string; error: string }[];
}

/**
 * Ingest the demo corpus; articles already stored are skipped without running the pipeline,
 * so a second start is quick and changes nothing.
 */
export async function ingestDemo(
  store: Store,
  extract: (r: InputRecord) => SpecResult | SpecError,
  opts: { dir?: string; hash?: (text: string) => string } = {},
): Promise<DemoReport> {
  const records = readDemoCorpus(opts.dir);
  const report: DemoReport = { articles: records.length, inserted: 0, failed: [] };
  for (const r of records) {
    if (opts.hash && (await store.hasArticle(opts.hash(r.text)))) continue;
    try {
      const result = extract(r);
      if ('error' in result) {
        report.failed.push({ id: r.id, error: result.error });
        continue;
      }
      const put = await store.putArticle({ inputId: r.id, text: r.text, result });
      if (put.inserted) report.inserted++;
    } catch (err) {
      report.failed.push({ id: r.id, error: errorMessage(err) });
    }
  }
  return report;
}
