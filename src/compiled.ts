// Where a compiled script of the project is: the worker threads and child processes sitrep
// starts run dist/ code, also when the code starting them runs from src/ (the tests, under vitest).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The compiled script at `rel` under dist/ (e.g. 'corpus/extract-worker.js'): beside this module
 * when it runs from dist/, else in the project's dist/; null when it is not built.
 */
export function compiledScript(rel: string): string | null {
  for (const url of [new URL(rel, import.meta.url), new URL(`../dist/${rel}`, import.meta.url)]) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  return null;
}
