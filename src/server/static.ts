// The workbench page and its assets, read once at start-up from the built bundle (dist/web) and
// from the world-atlas package, and served with a strict Content-Security-Policy: everything
// comes from this server, nothing from a CDN or a tile server.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  body: Uint8Array;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** dist/web, from either dist/server (compiled) or src/server (tests run the sources). */
export function defaultWebRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');
}

function typeOf(name: string): string {
  const ext = name.slice(name.lastIndexOf('.'));
  return TYPES[ext] ?? 'application/octet-stream';
}

/** URL path → asset. Missing bundle files are left out (the page route then says how to build). */
export function loadAssets(webRoot: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of ['index.html', 'app.js', 'app.css', 'favicon.svg']) {
    const p = join(webRoot, name);
    if (existsSync(p)) assets.set(name === 'index.html' ? '/' : `/${name}`, { body: readFileSync(p), type: typeOf(name) });
  }
  // Natural Earth 1:50m country outlines: detailed enough to zoom to a region, small enough (~750 kB) to load fast.
  const require = createRequire(import.meta.url);
  const atlas = require.resolve('world-atlas/countries-50m.json');
  assets.set('/assets/countries-50m.json', { body: readFileSync(atlas), type: 'application/json' });
  return assets;
}

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
