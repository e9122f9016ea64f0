// The compact index on disk. Built on first use and cached (default
// node_modules/.cache/sitrep/, or $SITREP_CACHE_DIR), keyed by a hash of the sources, so a
// change to data/gazetteer/ or an upgraded GeoNames package rebuilds it. The file is a JSON
// header followed by the typed arrays, read back as views without copying or parsing.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledScript } from '../../compiled.js';
import { buildFromSources } from './build.js';
import { GazetteerError } from './errors.js';
import { Gazetteer, type GazetteerData } from './gazetteer.js';
import { defaultSourcePaths, type SourcePaths } from './sources.js';

/** Bump when the index layout or the way it is built changes. */
const FORMAT = 7;
const MAGIC = 'SITREPGZ';

type ArrayName = 'lat' | 'lon' | 'pop' | 'gid' | 'country' | 'admin1' | 'kind' | 'names' | 'nameOff' | 'keyBlob' | 'keyOff' | 'keyFlags' | 'postOff' | 'post';
const ARRAYS: [ArrayName, new (b: ArrayBuffer, o: number, n: number) => ArrayBufferView][] = [
  ['lat', Float32Array],
  ['lon', Float32Array],
  ['pop', Uint32Array],
  ['gid', Int32Array],
  ['nameOff', Uint32Array],
  ['keyOff', Uint32Array],
  ['postOff', Uint32Array],
  ['post', Uint32Array],
  ['country', Uint16Array],
  ['admin1', Uint16Array],
  ['kind', Uint8Array],
  ['names', Uint8Array],
  ['keyBlob', Uint8Array],
  ['keyFlags', Uint8Array],
];

export function serialize(d: GazetteerData): Buffer {
  const header = {
    format: FORMAT,
    n: d.n,
    countries: d.countries,
    admin1Names: d.admin1Names,
    demonyms: d.demonyms,
    arrays: {} as Record<string, [number, number]>,
  };
  let off = 0;
  const parts: ArrayBufferView[] = [];
  for (const [name] of ARRAYS) {
    const a = d[name] as ArrayBufferView & { length: number };
    off = (off + 7) & ~7;
    header.arrays[name] = [off, a.length];
    parts.push(a);
    off += a.byteLength;
  }
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const start = (16 + head.length + 7) & ~7;
  const out = Buffer.alloc(start + off);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(head.length, 8);
  head.copy(out, 16);
  for (const [name] of ARRAYS) {
    const a = d[name] as ArrayBufferView;
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start + header.arrays[name]![0]);
  }
  return out;
}

export function deserialize(buf: Buffer): GazetteerData {
  if (buf.length < 16 || buf.toString('latin1', 0, 8) !== MAGIC) throw new GazetteerError('GAZ_CACHE', 'not a sitrep gazetteer index');
  const hlen = buf.readUInt32LE(8);
  const header = JSON.parse(buf.toString('utf8', 16, 16 + hlen));
  if (header.format !== FORMAT) throw new GazetteerError('GAZ_CACHE', `gazetteer index format ${header.format}, expected ${FORMAT}`);
  const start = (16 + hlen + 7) & ~7;
  // typed-array views need aligned offsets: copy once if the buffer came back unaligned
  const ab = buf.byteOffset % 8 === 0 ? buf.buffer : new Uint8Array(buf).buffer;
  const base = buf.byteOffset % 8 === 0 ? buf.byteOffset : 0;
  const d: Record<string, unknown> = { n: header.n, countries: header.countries, admin1Names: header.admin1Names, demonyms: header.demonyms };
  for (const [name, Ctor] of ARRAYS) {
    const [o, len] = header.arrays[name];
    d[name] = new Ctor(ab as ArrayBuffer, base + start + o, len);
  }
  return d as unknown as GazetteerData;
}

function sourceHash(paths: SourcePaths): string {
  const h = createHash('sha1');
  h.update(`format ${FORMAT}\n`);
  // size, not mtime: a reinstall of the same package must not force a rebuild
  const st = statSync(paths.cities);
  h.update(`cities ${st.size}\n`);
  for (const f of readdirSync(paths.dataDir).filter((x) => x.endsWith('.tsv')).sort()) {
    h.update(f);
    h.update(readFileSync(join(paths.dataDir, f)));
  }
  return h.digest('hex').slice(0, 16);
}

export function defaultCacheDir(): string {
  if (process.env.SITREP_CACHE_DIR) return process.env.SITREP_CACHE_DIR;
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return join(root, 'node_modules', '.cache', 'sitrep');
}

export interface LoadOptions {
  paths?: SourcePaths;
  cacheDir?: string;
}

export interface LoadReport {
  gazetteer: Gazetteer;
  built: boolean;
  file: string;
}

export function loadGazetteerReport(opts: LoadOptions = {}): LoadReport {
  const paths = opts.paths ?? defaultSourcePaths();
  const dir = opts.cacheDir ?? defaultCacheDir();
  const file = join(dir, `gazetteer-${sourceHash(paths)}.bin`);
  try {
    return { gazetteer: readIndex(file), built: false, file };
  } catch {
    // no cache yet, or a stale or damaged one: build it
  }
  // several processes starting at once (workers, test forks) wait for one build instead of all building
  const lock = `${file}.lock`;
  let haveLock = false;
  try {
    mkdirSync(dir, { recursive: true });
    closeSync(openSync(lock, 'wx'));
    haveLock = true;
  } catch {
    const waited = waitForFile(file, lock, 180_000);
    if (waited) return { gazetteer: readIndex(file), built: false, file };
  }
  try {
    // Built in a process of its own when it can be: the build holds some 0.9 GB at its peak, which
    // would stay the peak RSS of the ingest or server that first needed the index.
    if (buildInChild(paths, dir, file)) {
      try {
        return { gazetteer: readIndex(file), built: true, file };
      } catch {
        // (not written after all: a read-only cache folder) built here, below
      }
    }
    return buildAndCache(paths, dir, file);
  } finally {
    if (haveLock) rmSync(lock, { force: true });
  }
}

/** The index written at `file` (throws when it is missing or damaged). */
function readIndex(file: string): Gazetteer {
  return new Gazetteer(deserialize(readFileSync(file)));
}

/** Build and write the index at `file` in a child process (build-index.ts); whether it ran to the end. */
function buildInChild(paths: SourcePaths, dir: string, file: string): boolean {
  const script = compiledScript('resolve/places/build-index.js');
  if (!script) return false;
  try {
    execFileSync(process.execPath, [script, JSON.stringify({ paths, dir, file })], { stdio: ['ignore', 'ignore', 'pipe'] });
    return true;
  } catch {
    return false;
  }
}

function waitForFile(file: string, lock: string, ms: number): boolean {
  const until = Date.now() + ms;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < until) {
    if (existsSync(file)) return true;
    let age = Infinity;
    try {
      age = Date.now() - statSync(lock).mtimeMs;
    } catch {
      return existsSync(file);
    }
    // a lock left by a crashed build
    if (age > 120_000) {
      rmSync(lock, { force: true });
      return false;
    }
    Atomics.wait(nap, 0, 0, 250);
  }
  return false;
}

/**
 * Indexes of other gazetteer versions kept besides the new one. Several checkouts can share one
 * cache folder (worktrees whose node_modules is one symlink) while their data differ: deleting
 * every other index made them rebuild each other's in turn, seconds of CPU and over a GB of
 * memory on every run. The most recent few are kept; older ones go.
 */
const KEEP_OTHER_INDEXES = 4;

function pruneOldIndexes(dir: string, keep: string): void {
  const others = readdirSync(dir)
    .filter((f) => f.startsWith('gazetteer-') && f.endsWith('.bin') && join(dir, f) !== keep)
    .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of others.slice(KEEP_OTHER_INDEXES)) unlinkSync(old.path);
}

/** Build the index here and write it at `file` (where the folder is writable). */
export function buildAndCache(paths: SourcePaths, dir: string, file: string): LoadReport {
  const data = buildFromSources(paths);
  const bytes = serialize(data);
  try {
    mkdirSync(dir, { recursive: true });
    pruneOldIndexes(dir, file);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch {
    // a read-only install still works, it only rebuilds each run
  }
  return { gazetteer: new Gazetteer(data), built: true, file };
}

export async function loadGazetteer(opts: LoadOptions = {}): Promise<Gazetteer> {
  return loadGazetteerReport(opts).gazetteer;
}
