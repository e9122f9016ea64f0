// Builds the gazetteer index in a process of its own (see loadGazetteerReport): `node
// build-index.js JSON` with the sources, the cache folder and the index file; exits 0 once the
// file is written. Without arguments it builds the default index if it is missing (`npm run
// build` runs it that way, so a fresh install never builds it inside an ingest).

import { existsSync } from 'node:fs';
import { buildAndCache, loadGazetteerReport } from './cache.js';
import type { SourcePaths } from './sources.js';

const arg = process.argv[2];
if (arg) {
  const { paths, dir, file } = JSON.parse(arg) as { paths: SourcePaths; dir: string; file: string };
  buildAndCache(paths, dir, file);
  if (!existsSync(file)) {
    process.stderr.write(`could not write the gazetteer index ${file}\n`);
    process.exit(1);
  }
} else {
  const t0 = performance.now();
  const r = loadGazetteerReport();
  process.stdout.write(r.built ? `gazetteer index built in ${((performance.now() - t0) / 1000).toFixed(1)}s: ${r.file}\n` : `gazetteer index up to date: ${r.file}\n`);
}
