#!/usr/bin/env -S node --heap-growing-percent=100 --max-semi-space-size=32
// Thin launcher: the CLI is compiled from src/cli to dist/cli (npm install runs `tsc` via `prepare`).
// --heap-growing-percent=100: after each full GC, V8 lets the heap grow to twice what was live,
// not to four times (its choice for a program that allocates as fast as an ingest does). A
// two-thread ingest then peaks near 0.7 GB instead of 1 GB, for a few % of CPU.
// --max-semi-space-size=32 (MB, V8's default 16): the main thread's young generation, which
// extracts in a single-thread ingest; fewer of a batch's objects survive into the old generation.
// Three alternating single-thread runs: 356 → 368 articles/s, peak RSS +45 MB. The ingest worker
// threads size their own (src/corpus/pool.ts unsets the flag before making them). The bench
// runs its ingests with the flags on the first line (src/cli/node-flags.ts, cliNodeFlags).
// Started as `node bin/sitrep.js …` (npm start, a user's script) the first line is a comment:
// the same flags are then set here, before anything runs (V8 reads the heap growing one at each
// GC; the semi-space one only when the heap is made, so that way it has no effect).
import { setFlagsFromString } from 'node:v8';
import { cliNodeFlags } from '../dist/cli/node-flags.js';

for (const f of cliNodeFlags()) if (!process.execArgv.includes(f)) setFlagsFromString(f);

const { main } = await import('../dist/cli/main.js');
main(process.argv).catch((err) => {
  process.stderr.write(`sitrep: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
