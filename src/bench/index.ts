// Entry point of `npm run bench` (node dist/bench/index.js); the steps live in steps.ts.
import { bench } from './steps.js';

bench(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
