#!/usr/bin/env node
// Score the project on every benchmark in ../shared (the steering repo's dev splits).
// A user's clone has no ../shared: then this says so and exits 0.
//   npm run eval                  all five benchmarks
//   npm run eval -- articles gwn  some of them
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const runSh = resolve('../shared/eval/run.sh');
if (!existsSync(runSh)) {
  console.log('eval: ../shared/eval/run.sh not found (the benchmarks live beside this repo, not in it); nothing to score.');
  process.exit(0);
}
const names = process.argv.slice(2).length ? process.argv.slice(2) : ['articles', 'acled-notes', 'case2021', 'gwn', 'timebank'];
const summary = {};
for (const name of names) {
  const r = spawnSync('bash', [runSh, name, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, SITREP_CMD: `node ${resolve('bin/sitrep.js')}` },
  });
  const lines = r.stdout.trim().split('\n');
  const last = lines.pop() ?? '';
  process.stdout.write(`\n== ${name}\n${lines.join('\n')}\n`);
  try {
    summary[name] = JSON.parse(last);
  } catch {
    summary[name] = { error: (r.stderr || '').trim().split('\n').pop() };
  }
}
console.log(JSON.stringify(summary));
