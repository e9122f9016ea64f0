// `sitrep serve`: the HTTP API and the workbench page over a store; with --demo it first
// ingests the demo corpus (once: articles already stored are skipped).

import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { articleHash } from '../corpus/hash.js';
import { extractRecord, type Extractor } from '../extract.js';
import { loadResources } from '../resources.js';
import { createApp, DEFAULT_BODY_LIMIT } from '../server/app.js';
import { defaultDemoDir, ingestDemo } from '../server/demo.js';
import { listen } from '../server/listen.js';
import { accessPolicy } from '../server/security.js';
import { defaultWebRoot } from '../server/static.js';
import { defaultPipeline } from '../stages.js';
import { openStore, resolveDbArg } from '../store/open.js';
import { intArg } from './main.js';

export interface ServeOptions {
  db?: string;
  port: number;
  host: string;
  demo?: boolean;
  token?: string;
  maxBody?: number;
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function runServe(opts: ServeOptions): Promise<void> {
  // Refuse an exposed, token-less server before touching anything.
  const policy = accessPolicy(opts.host, opts.token ?? process.env.SITREP_TOKEN ?? null);
  const store = await openStore(opts.db);
  const ex: Extractor = { pipeline: defaultPipeline(), resources: await loadResources() };
  const extract = (r: Parameters<typeof extractRecord>[1]) => extractRecord(ex, r);
  if (opts.demo) {
    const t0 = Date.now();
    const rep = await ingestDemo(store, extract, { dir: defaultDemoDir(), hash: articleHash });
    const note = rep.inserted ? `ingested ${rep.inserted} new` : 'already ingested';
    process.stderr.write(`sitrep: demo corpus: ${rep.articles} articles, ${note} (${Date.now() - t0} ms)\n`);
    for (const f of rep.failed) process.stderr.write(`sitrep: demo ${f.id}: ${f.error}\n`);
  }
  const app = createApp({ store, extract, policy, bodyLimit: opts.maxBody ?? DEFAULT_BODY_LIMIT, webRoot: defaultWebRoot(), version: version() });
  const running = await listen(app, opts.host, opts.port);
  const s = await store.stats();
  process.stdout.write(`sitrep workbench: ${running.url}  (${resolveDbArg(opts.db)}: ${s.articles} articles, ${s.clusters} events; writes ${policy.token ? 'need the token' : 'open to this machine only'})\n`);
  const stop = async () => {
    await running.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

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
      await runServe(opts);
    });
}
