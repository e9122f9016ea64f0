// `sitrep serve`, run: the store, the pipeline for extraction requests, the demo corpus and the
// HTTP server (loaded when the command runs: see main.ts).

import { readFileSync } from 'node:fs';
import { articleHash } from '../corpus/hash.js';
import { extractRecord, type Extractor } from '../extract.js';
import { loadResources } from '../resources.js';
import { createApp } from '../server/app.js';
import { defaultDemoDir, ingestDemo } from '../server/demo.js';
import { DEFAULT_BODY_LIMIT } from '../server/limits.js';
import { listen } from '../server/listen.js';
import { accessPolicy } from '../server/security.js';
import { defaultWebRoot } from '../server/static.js';
import { defaultPipeline } from '../stages.js';
import { openStore, resolveDbArg } from '../store/open.js';

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

