#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/cli to dist/cli (npm install runs `tsc` via `prepare`).
import { main } from '../dist/cli/main.js';
main(process.argv).catch((err) => {
  process.stderr.write(`sitrep: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
