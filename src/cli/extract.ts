// `sitrep extract`: JSONL in, JSONL out (SPEC), or one file to JSON or a readable summary.

import { analyse, extractRecord, type Extractor } from '../extract.js';
import { readArticleFile, readJsonl } from '../ingest/read.js';
import { toSpec } from '../output/spec.js';
import { summary } from '../output/summary.js';
import { defaultPipeline } from '../stages.js';
import { loadResources, type Settings } from '../resources.js';
import { errorMessage } from '../errors.js';

export interface ExtractOptions {
  jsonl?: boolean;
  json?: boolean;
  staleDays?: number;
  /** Event sub-type model path ("none" = rules only). */
  eventModel?: string;
}

async function extractor(opts: ExtractOptions): Promise<Extractor> {
  const settings: Partial<Settings> = {};
  if (opts.staleDays !== undefined) settings.staleDays = opts.staleDays;
  if (opts.eventModel !== undefined) settings.eventModel = opts.eventModel === 'none' ? null : opts.eventModel;
  const resources = await loadResources({ settings });
  return { pipeline: defaultPipeline(), resources };
}

function write(line: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(line)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

/** Returns the process exit code: 0 when every article was read, 1 when any line failed. */
export async function runExtract(file: string | undefined, opts: ExtractOptions): Promise<number> {
  const ex = await extractor(opts);
  const path = file ?? '-';
  if (opts.jsonl) {
    let failed = 0;
    let seen = 0;
    for await (const item of readJsonl(path)) {
      seen++;
      const out = item.ok ? extractRecord(ex, item.record) : { id: item.id, error: item.error };
      if ('error' in out) {
        failed++;
        process.stderr.write(`sitrep: ${out.id}: ${out.error}\n`);
      }
      await write(JSON.stringify(out) + '\n');
    }
    if (seen === 0) {
      process.stderr.write(`sitrep: ${path === '-' ? 'stdin' : path}: no input lines\n`);
      return 1;
    }
    return failed ? 1 : 0;
  }
  const item = await readArticleFile(path);
  if (!item.ok) {
    if (opts.json) await write(JSON.stringify({ id: item.id, error: item.error }) + '\n');
    process.stderr.write(`sitrep: ${item.error}\n`);
    return 1;
  }
  try {
    const doc = analyse(ex, item.record, { htmlPublished: item.htmlPublished ?? null });
    await write(opts.json ? JSON.stringify(toSpec(doc), null, 2) + '\n' : summary(doc));
    return 0;
  } catch (err) {
    process.stderr.write(`sitrep: ${errorMessage(err)}\n`);
    if (opts.json) await write(JSON.stringify({ id: item.record.id, error: errorMessage(err) }) + '\n');
    return 1;
  }
}
