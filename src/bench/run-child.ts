// One measurement of the bench in a process of its own: `node [flags] dist/bench/run-child.js
// JSON` with {kind: 'floor', corpus} or {kind: 'ingest', corpus, dbPath, threads, warmup?};
// prints one JSON line: the result and this process's peak RSS. An ingest runs this way with the
// node flags of bin/sitrep.js (cliNodeFlags, src/cli/node-flags.ts), as `sitrep ingest` runs,
// and its peak RSS is its own, not that plus the bench's floor pass or an earlier run's heap.

import { floorPass, pipelineRun, type Warmup } from './measure.js';

type ChildArgs = { kind: 'floor'; corpus: string; warmTexts?: number } | { kind: 'ingest'; corpus: string; dbPath: string; threads: number; warmup?: Warmup };

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const r = args.kind === 'floor' ? await floorPass(args.corpus, args.warmTexts) : await pipelineRun(args.corpus, args.dbPath, args.threads, args.warmup);
// maxRSS is in kilobytes and covers every thread of this process
process.stdout.write(JSON.stringify({ ...r, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
