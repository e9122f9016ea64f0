// Builds the workbench page into dist/web: type-checks src/web (browser lib, no Node types),
// then one ES module bundle (esbuild) with d3-geo and topojson-client inside, plus the HTML and
// CSS. Runs in `npm run build`, so in `npm install` (prepare), `npm test` and `npm start`.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'web');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'src', 'web', 'tsconfig.json')], { stdio: 'inherit' });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'src', 'web', 'main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  target: ['es2020'],
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const f of ['index.html', 'app.css', 'favicon.svg']) copyFileSync(join(root, 'src', 'web', f), join(out, f));
