// The `sitrep` command line. Each subcommand lives in its own module in this folder and
// registers itself here (one line each). Registering loads no pipeline, gazetteer or server:
// a command imports what it runs when it runs (`await import`), so `sitrep events` starts fast
// and the main thread of a threaded ingest, which only reads and hands out articles, does not
// carry the pipeline's tables (some 30 MB of heap) beside its workers' own.

import { Command, InvalidArgumentError } from 'commander';
import { registerIngest } from './ingest.js';
import { registerEvents } from './events.js';
import { registerExport } from './export.js';
import { registerEvaluate, registerTrain } from './train.js';
import { registerServe } from './serve.js';
import { registerWorker } from './worker.js';
import { registerStatus } from './status.js';

export function intArg(v: string): number {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function registerExtract(p: Command): void {
  p.command('extract')
    .description('extract events from one article (.txt, .html, .json) or a JSONL batch (--jsonl); "-" or no file reads stdin')
    .argument('[file]', 'article file, JSONL batch, or - for stdin')
    .option('--jsonl', 'input is JSON lines; output one SPEC result line per input line')
    .option('--json', 'print the SPEC result as JSON instead of a readable summary')
    .option('--stale-days <n>', 'days after which a report is stale (default 30)', intArg)
    .option('--event-model <file>', 'event sub-type model from `sitrep train` ("none": rules only; default: the shipped model or $SITREP_EVENT_MODEL)')
    .action(async (file: string | undefined, opts: { jsonl?: boolean; json?: boolean; staleDays?: number; eventModel?: string }) => {
      const { runExtract } = await import('./extract.js');
      process.exitCode = await runExtract(file, opts);
    });
}

/** Subcommand registrations, in the order `sitrep --help` lists them. */
const COMMANDS: ((p: Command) => void)[] = [
  registerExtract,
  (p) => registerIngest(p, intArg),
  (p) => registerEvents(p, intArg),
  (p) => registerExport(p, intArg),
  registerTrain,
  registerEvaluate,
  registerServe,
  registerWorker,
  registerStatus,
];

export function program(): Command {
  const p = new Command();
  p.name('sitrep').description('Turn conflict news into structured, sourced, time-resolved event data, and check the reporting.');
  for (const register of COMMANDS) register(p);
  return p;
}

/**
 * A reader that stops early (`sitrep events --json | head`) closes the pipe: that is the reader's
 * choice, not a failure, so leave quietly as other Unix tools do instead of crashing on EPIPE.
 */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

export async function main(argv: string[]): Promise<void> {
  exitQuietlyOnClosedPipe(process.stdout);
  await program().parseAsync(argv);
}
