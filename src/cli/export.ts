// `sitrep export --format acled-csv|cameo-tsv|plover-json|geojson|jsonl [--db …] [filters] [-o FILE]`

import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { errorMessage } from '../errors.js';
import { FORMATS, exportClusters, isFormat } from '../corpus/formats/index.js';
import { openStore } from '../store/open.js';
import { addFilterOptions, filterFrom, type EventsCliOptions } from './events.js';

export interface ExportCliOptions extends EventsCliOptions {
  format: string;
  output?: string;
  header?: boolean;
}

export function writer(stream: NodeJS.WritableStream): (s: string) => Promise<void> {
  return (s) =>
    new Promise((resolve, reject) => {
      if (stream.write(s)) return resolve();
      // Both listeners go once either fires: a long export to a slow pipe waits for 'drain'
      // many times, and a leftover 'error' listener per wait would pile up.
      const onDrain = () => {
        stream.off('error', onError);
        resolve();
      };
      const onError = (err: Error) => {
        stream.off('drain', onDrain);
        reject(err);
      };
      stream.once('drain', onDrain);
      stream.once('error', onError);
    });
}

export async function runExport(o: ExportCliOptions): Promise<number> {
  if (!isFormat(o.format)) {
    process.stderr.write(`sitrep export: unknown format "${o.format}" (one of ${FORMATS.join(', ')})\n`);
    return 2;
  }
  let filter;
  try {
    filter = filterFrom(o);
  } catch (err) {
    process.stderr.write(`sitrep export: ${errorMessage(err)}\n`);
    return 2;
  }
  const store = await openStore(o.db);
  // A file is written beside its final name and renamed at the end: a failed export never
  // leaves a truncated file that looks complete.
  const tmp = o.output ? `${o.output}.partial` : null;
  let file: WriteStream | null = null;
  try {
    file = tmp ? createWriteStream(tmp) : null;
    const counts = await exportClusters(o.format, store.iterateEvents(filter), writer(file ?? process.stdout), { header: o.header });
    if (file) {
      await new Promise<void>((resolve, reject) => file!.end((err?: Error | null) => (err ? reject(err) : resolve())));
      renameSync(tmp!, o.output!);
    }
    process.stderr.write(`sitrep export: ${counts.written} event cluster(s) as ${o.format}${counts.skipped ? ` (${counts.skipped} outside ACLED's scope skipped)` : ''}${o.output ? ` to ${o.output}` : ''}\n`);
    return 0;
  } catch (err) {
    file?.destroy();
    if (tmp) rmSync(tmp, { force: true });
    process.stderr.write(`sitrep export: ${errorMessage(err)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

export function registerExport(p: Command, intArg: (v: string) => number): void {
  addFilterOptions(p.command('export').description(`export event clusters: ${FORMATS.join(', ')}`), intArg)
    .requiredOption('--format <format>', FORMATS.join(' | '))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--no-header', 'cameo-tsv: omit the column-name line (as GDELT files do)')
    .action(async (o: ExportCliOptions) => {
      process.exitCode = await runExport(o);
    });
}
