// Folders given to `sitrep ingest`: every readable article file beneath them, in a stable
// (sorted) order so two runs over the same folder see the same sequence. Hidden files and
// folders (.git, .DS_Store) and node_modules are skipped; symlinked folders are not followed
// (no cycles).

import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Extensions ingest reads; anything else in a folder is ignored (a named file is always tried). */
export const ARTICLE_EXTENSIONS = new Set(['.txt', '.text', '.md', '.html', '.htm', '.json', '.jsonl', '.ndjson', '.xml', '.rss', '.atom']);

export function* walkFiles(root: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch (err) {
    throw new Error(`cannot read folder ${root}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(root, e.name);
    if (e.isDirectory()) yield* walkFiles(p);
    else if (e.isFile() && ARTICLE_EXTENSIONS.has(extname(e.name).toLowerCase())) yield p;
    else if (e.isSymbolicLink()) {
      try {
        if (statSync(p).isFile() && ARTICLE_EXTENSIONS.has(extname(e.name).toLowerCase())) yield p;
      } catch {
        // a dangling link is not an article
      }
    }
  }
}
