// Reading inputs from a path or stdin: .txt, .html, .json (one object) and .jsonl batches.
// JSONL is streamed line by line so a batch of any size runs in bounded memory, and a broken
// line becomes an error result while the rest of the batch goes on.

import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { extname, basename } from 'node:path';
import { InputError } from '../errors.js';
import { readHtml } from './html.js';
import { parseInputLine, salvageId, validateRecord, MAX_TEXT_CHARS, type InputRecord } from './record.js';

export type InputItem =
  | { ok: true; record: InputRecord; htmlPublished?: string | null; lineNo?: number }
  | { ok: false; id: string; error: string; lineNo?: number };

/** Max bytes of a single text/HTML file we accept. */
const MAX_FILE_BYTES = 60 * 1024 * 1024;

export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = buf[i]!;
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32)) odd++;
  }
  return n > 0 && odd / n > 0.1;
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export function isHtml(s: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])/i.test(s);
}

/** Whether text that is not one JSON document is JSON lines: a first line that is an object, and more after it. */
function looksLikeJsonLines(content: string): boolean {
  const trimmed = content.trim();
  const firstEnd = trimmed.indexOf('\n');
  if (firstEnd < 0) return false;
  try {
    // (JSON.parse allows the \r of a CRLF line end as white space)
    const first: unknown = JSON.parse(trimmed.slice(0, firstEnd));
    return typeof first === 'object' && first !== null && !Array.isArray(first);
  } catch {
    return false;
  }
}

/** One article from a text, HTML or JSON file (or stdin content). */
export function articleFromContent(content: string, name: string): InputItem {
  const id = basename(name).replace(/\.[^.]+$/, '') || 'stdin';
  const trimmed = content.trimStart();
  if (!trimmed) return { ok: false, id, error: `${name}: empty input` };
  const ext = extname(name).toLowerCase();
  if (ext === '.json' || (ext === '' && trimmed.startsWith('{'))) {
    try {
      const raw: unknown = JSON.parse(content);
      return { ok: true, record: validateRecord(raw, name) };
    } catch (err) {
      if (err instanceof InputError) return { ok: false, id, error: err.message };
      const hint = looksLikeJsonLines(content) ? ': it looks like JSON lines, one object per line — read it as JSONL (`--jsonl`, or a .jsonl file)' : '';
      return { ok: false, id, error: `${name}: not valid JSON (${(err as Error).message})${hint}` };
    }
  }
  if (ext === '.html' || ext === '.htm' || isHtml(content)) {
    const h = readHtml(content);
    if (!h.text.trim()) return { ok: false, id, error: `${name}: no article text found in the HTML` };
    return { ok: true, record: { id, text: h.text, title: h.title, url: h.url, source: h.source, language: h.language }, htmlPublished: h.published };
  }
  if (content.length > MAX_TEXT_CHARS) return { ok: false, id, error: `${name}: text too large (${content.length} characters)` };
  return { ok: true, record: { id, text: content } };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Read one article file (or '-' for stdin). */
export async function readArticleFile(path: string): Promise<InputItem> {
  let buf: Buffer;
  if (path === '-') buf = await readStdin();
  else {
    let size: number;
    try {
      size = statSync(path).size;
    } catch (err) {
      throw new InputError('INPUT_UNREADABLE', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (size > MAX_FILE_BYTES) return { ok: false, id: basename(path), error: `${path}: file too large (${size} bytes; limit ${MAX_FILE_BYTES})` };
    buf = await readFile(path);
  }
  if (looksBinary(buf)) return { ok: false, id: basename(path), error: `${path}: looks like a binary file, not text, HTML or JSON` };
  return articleFromContent(stripBom(buf.toString('utf8')), path === '-' ? 'stdin' : path);
}

function sniffBinary(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(8000);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return looksBinary(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/**
 * Bytes read from a JSONL file at a time. Node's default for a file stream, 64 KiB, decodes to a
 * string of up to 64 Ki characters, which V8 stores at two bytes a character as soon as one of
 * them is beyond Latin-1 (a curly quote, a name with a diacritic: most chunks of news), and which
 * readline joins to the line left over from the chunk before: ~128 KiB, V8's largest ordinary
 * object, so chunks became large objects, each mapped fresh from the OS and zeroed page by page
 * (`perf` of a two-thread ingest's main thread: V8's BasicMemoryChunk, page faults and page
 * clearing a third of its samples). At 32 KiB they stay in the young generation. Reading the
 * 20,000 articles of a generated corpus (72 M characters): 0.087 → 0.031 ms CPU an article
 * (session 22, two runs each; 16 KiB 0.034–0.038). The bench's floor pass reads its texts this way
 * too, and standard input is cut to the same size (inChunks): 0.087–0.094 → 0.039–0.043 ms an
 * article from a pipe.
 */
export const JSONL_CHUNK_BYTES = 32 * 1024;

/**
 * A byte stream (standard input, whose reads come in the pipe's chunks of up to 64 KiB) as text
 * of at most JSONL_CHUNK_BYTES at a time; a character split between two reads is kept whole.
 */
export async function* inChunks(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let at = 0; at < buf.length; at += JSONL_CHUNK_BYTES) {
      const text = decoder.write(buf.subarray(at, at + JSONL_CHUNK_BYTES));
      if (text) yield text;
    }
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * The raw lines of a JSONL file (or '-', standard input), read JSONL_CHUNK_BYTES at a time: how
 * readJsonl reads, and the bench's floor pass with it.
 */
export function jsonlLines(path: string): AsyncIterable<string> {
  const stream = path === '-' ? Readable.from(inChunks(process.stdin)) : createReadStream(path, { encoding: 'utf8', highWaterMark: JSONL_CHUNK_BYTES });
  return createInterface({ input: stream, crlfDelay: Infinity });
}

/** ASCII white space: what a line may hold and still be blank to readJsonl (it trims lines). */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** countJsonlRecords' reads: bytes, never decoded, so no large strings on the heap (76 MB counted in ~25 ms). */
const COUNT_CHUNK_BYTES = 1 << 20;

/**
 * How many records a JSONL file holds — the lines readJsonl reads an item from — counted on its
 * bytes without decoding them (a progress bar's total, the bench's slices). A line counts when it
 * holds a byte other than ASCII white space; a byte-order mark opening the file is not one. (A
 * line of other Unicode spaces alone, which readJsonl skips, counts: rare enough for an estimate.)
 */
export function countJsonlRecords(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    let content = false; // the current line has a byte that is not white space
    let first = true;
    createReadStream(path, { highWaterMark: COUNT_CHUNK_BYTES })
      .on('data', (chunk: string | Buffer) => {
        const b = chunk as Buffer;
        let i = first && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
        first = false;
        while (i < b.length) {
          if (content) {
            // a line with content counts once, at its end: skip to it
            const nl = b.indexOf(10, i);
            if (nl < 0) break;
            n++;
            content = false;
            i = nl + 1;
          } else if (isAsciiSpace(b[i++]!)) continue;
          else content = true;
        }
      })
      .on('end', () => resolve(n + (content ? 1 : 0)))
      .on('error', reject);
  });
}

/** Stream a JSONL batch (path or '-'), one item per non-blank line, in order. */
export async function* readJsonl(path: string): AsyncGenerator<InputItem> {
  if (path !== '-') {
    try {
      statSync(path);
    } catch (err) {
      throw new InputError('INPUT_UNREADABLE', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (sniffBinary(path)) throw new InputError('INPUT_BINARY', `${path}: looks like a binary file, not JSON lines`);
  }
  let lineNo = 0;
  for await (const rawLine of jsonlLines(path)) {
    lineNo++;
    const line = lineNo === 1 ? stripBom(rawLine) : rawLine;
    if (!line.trim()) continue;
    try {
      yield { ok: true, record: parseInputLine(line, lineNo), lineNo };
    } catch (err) {
      yield { ok: false, id: salvageId(line, lineNo), error: (err as Error).message, lineNo };
    }
  }
}
