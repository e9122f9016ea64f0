// End to end: the built CLI on batches with broken lines, single files and stdin.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = new URL('../bin/sitrep.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));

function sitrep(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', timeout: 60_000 });
}

describe('sitrep extract', () => {
  it('writes one result line per input line, in order, and exits 1 when a line failed', () => {
    const p = join(dir, 'batch.jsonl');
    writeFileSync(p, [
      JSON.stringify({ id: 'one', text: 'Rebels attacked an army post on Monday, the army said.', published: '2024-05-08' }),
      '{broken',
      JSON.stringify({ id: 'three', text: 'June 2, 2024\nPolice detained 12 protesters in the capital.' }),
    ].join('\n') + '\n');
    const r = sitrep(['extract', '--jsonl', p]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['one', 'line-2', 'three']);
    expect(lines[1].error).toMatch(/not valid JSON/);
    expect(lines[0].article.published).toBe('2024-05-08');
    expect(lines[2].article.published).toBe('2024-06-02');
    for (const l of [lines[0], lines[2]]) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['id', 'article', 'mentions', 'events', 'checks']));
    }
    expect(r.stderr).toMatch(/line-2/);
  });

  it('reads JSONL from stdin and exits 0 when every line is fine', () => {
    const r = sitrep(['extract', '--jsonl', '-'], JSON.stringify({ id: 's', text: 'Nothing happened.' }) + '\n');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe('s');
  });

  it('prints a readable summary by default and SPEC JSON with --json', () => {
    const p = join(dir, 'story.txt');
    writeFileSync(p, 'March 3, 2024\nBorder clashes\n\nTroops clashed with rebels near the border on Saturday.\n');
    const human = sitrep(['extract', p]);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/^Border clashes\npublished: 2024-03-03 \(from first-line\)/);
    const json = sitrep(['extract', p, '--json']);
    expect(JSON.parse(json.stdout).article.title).toBe('Border clashes');
  });

  it('fails clearly on an empty batch, a binary file and a missing file', () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const e = sitrep(['extract', '--jsonl', empty]);
    expect(e.status).toBe(1);
    expect(e.stderr).toMatch(/no input lines/);
    const binf = join(dir, 'b.txt');
    writeFileSync(binf, Buffer.from([0, 1, 2, 3, 0, 255, 254, 0]));
    const b = sitrep(['extract', binf]);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/binary/);
    const m = sitrep(['extract', join(dir, 'missing.txt')]);
    expect(m.status).not.toBe(0);
    expect(m.stderr).toMatch(/cannot read/);
  }, 120_000); // three CLI start-ups: slow when the machine is busy
});

describe('a reader that closes the pipe early', () => {
  it('ends quietly with status 0 instead of crashing on EPIPE (`sitrep extract --jsonl big | head -1`)', () => {
    const p = join(dir, 'many.jsonl');
    const line = (i: number) => JSON.stringify({ id: `a${i}`, text: `Rebels attacked an army post in Goma on Monday, killing ${i + 2} soldiers, the army said.`, published: '2024-05-08' });
    writeFileSync(p, Array.from({ length: 400 }, (_, i) => line(i)).join('\n') + '\n');
    // `head -1` reads one line and exits, closing the pipe while sitrep is still writing.
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" extract --jsonl "${p}" | head -1`], { encoding: 'utf8', timeout: 120_000 });
    expect(JSON.parse(r.stdout).id).toBe('a0');
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(r.status).toBe(0);
  }, 150_000);
});
