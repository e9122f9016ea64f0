// What the gazetteer costs: load time and memory, measured in a fresh state by `npm run bench`.
// Call it in a process that has not loaded the gazetteer yet, or the heap figure is meaningless.

import { loadGazetteerReport, type LoadOptions } from './cache.js';

export interface GazetteerBench {
  /** loading the cached index (or building it, if `built`) */
  load_ms: number;
  /** heap growth while loading, MB */
  heap_mb: number;
  /** resident set size growth while loading, MB */
  rss_mb: number;
  /** memory held by the typed arrays of the index, MB */
  index_mb: number;
  /** the index had to be built from the sources first (first run after install or a data change) */
  built: boolean;
  places: number;
  names: number;
}

export function benchGazetteer(opts: LoadOptions = {}): GazetteerBench {
  const before = process.memoryUsage();
  const t0 = performance.now();
  const r = loadGazetteerReport(opts);
  const load_ms = performance.now() - t0;
  const after = process.memoryUsage();
  const d = r.gazetteer.data;
  const bytes = [d.lat, d.lon, d.pop, d.gid, d.country, d.admin1, d.kind, d.names, d.nameOff, d.keyBlob, d.keyOff, d.keyFlags, d.postOff, d.post].reduce((s, a) => s + a.byteLength, 0);
  const mb = (x: number) => Math.round((x / 1048576) * 10) / 10;
  return {
    load_ms: Math.round(load_ms * 10) / 10,
    heap_mb: mb(after.heapUsed - before.heapUsed),
    rss_mb: mb(after.rss - before.rss),
    index_mb: mb(bytes),
    built: r.built,
    places: d.n,
    names: d.keyOff.length - 1,
  };
}
