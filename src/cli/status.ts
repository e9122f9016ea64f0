// `sitrep status --db postgres://…`: queued / running / done / failed, throughput, dead letters.

import type { Command } from 'commander';
import { isPostgresUrl } from '../queue/store.js';

export async function runStatusCli(opts: { db?: string; json?: boolean }): Promise<number> {
  const url = opts.db ?? process.env.SITREP_DB;
  if (!isPostgresUrl(url)) {
    process.stderr.write('sitrep: status needs the PostgreSQL store the workers use: --db postgres://user@host/db (or SITREP_DB)\n');
    return 2;
  }
  const { formatStatus, queueStatus } = await import('../queue/status.js');
  const s = await queueStatus(url);
  process.stdout.write(opts.json ? JSON.stringify(s) + '\n' : formatStatus(s));
  return 0;
}

export function registerStatus(p: Command): void {
  p.command('status')
    .description('show the ingest queue: queued, running, done and failed articles, throughput and dead letters')
    .option('--db <url>', 'PostgreSQL URL (default $SITREP_DB)')
    .option('--json', 'one JSON object instead of a table')
    .action(async (opts: { db?: string; json?: boolean }) => {
      process.exitCode = await runStatusCli(opts);
    });
}
