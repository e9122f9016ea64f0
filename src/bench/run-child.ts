// One pipeline run of the bench in a process of its own: `node dist/bench/run-child.js JSON`
// with {corpus, dbPath, threads, warmup?}; prints one JSON line: the RunResult and this process's
// peak RSS. The bench runs each ingest this way so that its peak RSS is that of an ingest as a
// user runs one, and not that plus the bench's own floor pass or an earlier run's heap.

import { pipelineRun, type Warmup } from './measure.js';

interface ChildArgs {
  corpus: string;
  dbPath: string;
  threads: number;
  warmup?: Warmup;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const r = await pipelineRun(args.corpus, args.dbPath, args.threads, args.warmup);
// maxRSS is in kilobytes and covers every thread of this process
process.stdout.write(JSON.stringify({ ...r, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
