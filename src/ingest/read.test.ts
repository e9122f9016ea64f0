import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromContent, countJsonlRecords, inChunks, JSONL_CHUNK_BYTES, looksBinary, readArticleFile, readJsonl, type InputItem } from './read.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-read-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function all(gen: AsyncGenerator<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe('readJsonl', () => {
  it('reads lines longer than a read, with characters of several bytes across its bounds', async () => {
    // Curly quotes (3 bytes in UTF-8) from byte 1 on, so that some fall across every boundary.
    const long = 'x“Shelling’ of Stepanakert — day ' + 'é“’—'.repeat(Math.ceil((3 * JSONL_CHUNK_BYTES) / 9));
    const p = file('long.jsonl', [JSON.stringify({ id: 'long', text: long }), JSON.stringify({ id: 'short', text: 'Rebels attacked a village.' })].join('\n'));
    const items = await all(readJsonl(p));
    expect(items.map((i) => (i.ok ? [i.record.id, i.record.text.length] : i.error))).toEqual([
      ['long', long.length],
      ['short', 26],
    ]);
    expect(items[0]!.ok && items[0]!.record.text).toBe(long);
  });

  it('keeps going past broken lines, in order, with the caller ids where it can', async () => {
    const p = file('mixed.jsonl', [
      '{"id":"a","text":"Rebels attacked a village."}',
      'not json at all',
      '{"id":"c","title":"no text"}',
      '',
      '{"id":"d","text":"Police arrested five protesters.","published":"2024-01-02"}',
      '{"id": 7, "text": "numeric id"}',
      '["an", "array"]',
    ].join('\n'));
    const items = await all(readJsonl(p));
    expect(items.map((i) => (i.ok ? i.record.id : `!${i.id}`))).toEqual(['a', '!line-2', '!c', 'd', '7', '!line-7']);
    const bad = items.filter((i) => !i.ok) as Extract<InputItem, { ok: false }>[];
    expect(bad[0]!.error).toMatch(/line 2: not valid JSON/);
    expect(bad[1]!.error).toMatch(/missing "text"/);
    expect(bad[2]!.error).toMatch(/expected a JSON object/);
  });

  it('yields nothing for an empty file and refuses a binary one', async () => {
    expect(await all(readJsonl(file('empty.jsonl', '')))).toEqual([]);
    const bin = Buffer.alloc(4096);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 37) % 256;
    await expect(all(readJsonl(file('bin.jsonl', bin)))).rejects.toThrow(/binary/);
  });

  it('reports a missing file clearly', async () => {
    await expect(all(readJsonl(join(dir, 'nope.jsonl')))).rejects.toThrow(/cannot read .*ENOENT/);
  });
});

describe('readArticleFile', () => {
  it('reads an HTML page: main text, title and published time from meta tags, no scripts or navigation', async () => {
    const item = await readArticleFile(new URL('../../test/fixtures/article.html', import.meta.url).pathname);
    expect(item.ok).toBe(true);
    if (!item.ok) return;
    expect(item.record.title).toBe('Fighting flares in border district');
    expect(item.htmlPublished).toBe('2024-03-05T08:30:00+02:00');
    expect(item.record.text).toMatch(/clashed on Monday near the town of Exampleville/);
    expect(item.record.text).toMatch(/The army denied shelling civilian areas\./);
    expect(item.record.text).not.toMatch(/tracker|Home|Copyright/);
    // paragraphs stay paragraphs
    expect(item.record.text.split('\n\n').length).toBeGreaterThanOrEqual(4);
  });

  it('gives an error, not a crash, for binary and empty files', async () => {
    const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]);
    const b = await readArticleFile(file('image.png', bin));
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error).toMatch(/binary/);
    const e = await readArticleFile(file('empty.txt', '   \n'));
    expect(e.ok).toBe(false);
    if (!e.ok) expect(e.error).toMatch(/empty/);
  });

  it('reads a JSON object file and a plain text file', async () => {
    const j = await readArticleFile(file('one.json', JSON.stringify({ id: 'x1', text: 'Body.', published: '2024-02-02' })));
    expect(j.ok && j.record.id).toBe('x1');
    const t = await readArticleFile(file('story.txt', '\ufeffMay 1, 2024\nTitle\n\nBody text.'));
    expect(t.ok && t.record.text.startsWith('May 1, 2024')).toBe(true);
    expect(t.ok && t.record.id).toBe('story');
  });
});

describe('looksBinary / articleFromContent', () => {
  it('does not take non-ASCII text for binary', () => {
    expect(looksBinary(Buffer.from('Степанакерт — Ханкенди; غزة; Tigray’s “war”', 'utf8'))).toBe(false);
  });
  it('treats a JSON file with a bad shape as an error', () => {
    const r = articleFromContent('{"id": "q"}', 'q.json');
    expect(r.ok).toBe(false);
  });
});

describe('articleFromContent on JSON lines', () => {
  it('says to read JSON lines as JSONL rather than only that they are not one JSON document', () => {
    const r = articleFromContent('{"id":"a","text":"Rebels attacked a village."}\n{"id":"b","text":"Police arrested five."}\n', 'stdin');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^stdin: not valid JSON \(.*\): it looks like JSON lines.*--jsonl/);
    const broken = articleFromContent('{"id":"a","text":"Rebels attacked', 'stdin');
    expect(!broken.ok && broken.error).not.toMatch(/JSON lines/);
  });
});

describe('inChunks', () => {
  it('cuts a byte stream into text of at most JSONL_CHUNK_BYTES, keeping split characters whole', async () => {
    const text = 'a'.repeat(JSONL_CHUNK_BYTES - 1) + '“' + 'b'.repeat(10) + '’'.repeat(JSONL_CHUNK_BYTES);
    const bytes = Buffer.from(text, 'utf8');
    // Reads of odd sizes, as a pipe may give them, one of them splitting the first quote.
    async function* reads(): AsyncGenerator<Buffer> {
      for (let at = 0; at < bytes.length; at += 70_001) yield bytes.subarray(at, at + 70_001);
    }
    const pieces: string[] = [];
    for await (const piece of inChunks(reads())) pieces.push(piece);
    expect(pieces.join('')).toBe(text);
    expect(Math.max(...pieces.map((piece) => Buffer.byteLength(piece, 'utf8')))).toBeLessThanOrEqual(JSONL_CHUNK_BYTES + 3);
    expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil(bytes.length / JSONL_CHUNK_BYTES));
  });
});

describe('countJsonlRecords', () => {
  it('counts the lines readJsonl reads an item from, broken ones included, blank ones not', async () => {
    const rec = (id: string, text: string) => JSON.stringify({ id, text });
    const cases: [string, string | Buffer][] = [
      ['crlf.jsonl', [rec('a', 'Rebels attacked a village.'), '', '  \t', rec('b', 'Police arrested five protesters.'), 'not json', ''].join('\r\n')],
      ['no-final-newline.jsonl', `${rec('a', 'One.')}\n\n${rec('b', 'Two.')}`],
      ['blank-end.jsonl', `${rec('a', 'One.')}\n   \n\n`],
      ['bom.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${rec('a', 'One.')}\n\n`)])],
      ['bom-alone.jsonl', Buffer.from([0xef, 0xbb, 0xbf, 10, 10])],
      // a line longer than a read (the count reads 1 MiB at a time), then a blank one whose white
      // space straddles the next read
      ['long.jsonl', `${rec('long', 'word '.repeat(300_000))}\n${' '.repeat(1.5 * 2 ** 20)}\n${rec('b', 'Two.')}\n`],
      ['empty.jsonl', ''],
    ];
    const counts = await Promise.all(cases.map(async ([name, content]) => {
      const p = file(name, content);
      return [name, await countJsonlRecords(p), (await all(readJsonl(p))).length];
    }));
    for (const [name, counted, read] of counts) expect([name, counted]).toEqual([name, read]);
    expect(counts.map(([, counted]) => counted)).toEqual([3, 2, 1, 1, 0, 2, 0]);
  });
});
