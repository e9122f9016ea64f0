// One measurement of the bench in a process of its own: `node [flags] dist/bench/run-child.js
// JSON` with {kind: 'ingest', corpus, dbPath, threads, warmup?} prints one JSON line: the result
// and this process's peak RSS. With turns: true (forked by TurnChild, see turns.ts) it takes
// turns with another measurement ({kind: 'floor', corpus, warmTexts} always does) and sends the
// result over IPC instead. An ingest runs this way with the
// node flags of bin/sitrep.js (cliNodeFlags, src/cli/node-flags.ts), as `sitrep ingest` runs,
// and its peak RSS is its own, not that plus the bench's floor pass or an earlier run's heap.

import { floorPass, pipelineRun, type Warmup } from './measure.js';
import { TurnTaker } from './turns.js';

type ChildArgs = ({ kind: 'floor'; corpus: string; warmTexts?: number } | { kind: 'ingest'; corpus: string; dbPath: string; threads: number; warmup?: Warmup; turnGroups?: number }) & { turns?: boolean };

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
// With `turns` (forked by TurnChild), the measurement takes turns with another (see turns.ts).
const turns = args.turns && TurnTaker.available() ? new TurnTaker() : undefined;
try {
  if (args.kind === 'floor' && !turns) throw new Error('the floor pass takes turns with the pipeline: run it through runInTurns');
  const r = args.kind === 'floor' ? await floorPass(args.corpus, args.warmTexts ?? 50, turns!) : await pipelineRun(args.corpus, args.dbPath, args.threads, args.warmup, turns, args.turnGroups);
  // maxRSS is in kilobytes and covers every thread of this process
  const out = { ...r, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
  if (turns) await turns.result(out);
  else process.stdout.write(JSON.stringify(out) + '\n');
} catch (err) {
  if (!turns) throw err;
  await turns.error((err as Error).stack ?? String(err));
}
