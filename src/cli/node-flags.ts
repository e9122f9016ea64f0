// The node flags `sitrep` runs with, written once: on the `#!/usr/bin/env -S node …` line of
// bin/sitrep.js (its heap setting, explained there). The launcher sets them itself when started
// as `node bin/sitrep.js …`, and the bench runs its ingests with them, so that it measures what
// the CLI runs. A module of its own, loading nothing else: the launcher reads it before the CLI.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function cliNodeFlags(): string[] {
  const bin = fileURLToPath(new URL('../../bin/sitrep.js', import.meta.url));
  const shebang = readFileSync(bin, 'utf8').split('\n', 1)[0]!;
  return shebang.split(/\s+/).filter((w) => w.startsWith('--'));
}
