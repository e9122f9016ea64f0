// `sitrep serve`: the HTTP API and the workbench page over a store; with --demo it first
// ingests the demo corpus (once: articles already stored are skipped). What it runs is in
// serve-run.ts, loaded when the command runs.

import type { Command } from 'commander';
import { DEFAULT_BODY_LIMIT } from '../server/limits.js';
import { intArg } from './main.js';
import type { ServeOptions } from './serve-run.js';

export function registerServe(p: Command): void {
  p.command('serve')
    .description('serve the HTTP API and the workbench page (127.0.0.1 by default)')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (default $SITREP_DB or ./sitrep.db)')
    .option('--port <n>', 'port (default 8080; 0 picks a free one)', intArg, 8080)
    .option('--host <addr>', 'address to bind; anything but loopback needs --token', '127.0.0.1')
    .option('--demo', 'ingest the demo corpus (data/demo) first; skips articles already stored')
    .option('--token <token>', 'bearer token required for writes (or $SITREP_TOKEN); mandatory off loopback')
    .option('--max-body <bytes>', `largest request body (default ${DEFAULT_BODY_LIMIT})`, intArg)
    .action(async (opts: ServeOptions) => {
      const { runServe } = await import('./serve-run.js');
      await runServe(opts);
    });
}
