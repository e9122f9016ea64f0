#!/usr/bin/env -S node --heap-growing-percent=100
// Thin launcher: the CLI is compiled from src/cli to dist/cli (npm install runs `tsc` via `prepare`).
// --heap-growing-percent=100: after each full GC, V8 lets the heap grow to twice what was live,
// not to four times (its choice for a program that allocates as fast as an ingest does). A
// two-thread ingest then peaks near 0.7 GB instead of 1 GB, for a few % of CPU. The bench runs
// its ingests with the flags on the line above (src/cli/node-flags.ts, cliNodeFlags).
// Started as `node bin/sitrep.js …` (npm start, a user's script) the line above is a comment:
// the same flags are then set here, before anything runs (V8 reads this one at each GC).
import { setFlagsFromString } from 'node:v8';
import { cliNodeFlags } from '../dist/cli/node-flags.js';

for (const f of cliNodeFlags()) if (!process.execArgv.includes(f)) setFlagsFromString(f);

const { main } = await import('../dist/cli/main.js');
main(process.argv).catch((err) => {
  process.stderr.write(`sitrep: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
