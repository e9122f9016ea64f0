// `sitrep events [--db …] [--json] [filters]`: merged event clusters as a table, or a JSON array.

import type { Command } from 'commander';
import { errorMessage } from '../errors.js';
import { formatFigure } from '../corpus/merge.js';
import { openStore } from '../store/open.js';
import type { EventCluster, EventFilter } from '../store/types.js';

export interface EventsCliOptions extends EventFilter {
  db?: string;
  json?: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filterFrom(o: EventsCliOptions): EventFilter {
  for (const k of ['from', 'to'] as const) {
    if (o[k] !== undefined && !ISO_DATE.test(o[k]!)) throw new Error(`--${k} expects a date as YYYY-MM-DD, not "${o[k]}"`);
  }
  const f: EventFilter = {};
  for (const k of ['from', 'to', 'country', 'type', 'actor', 'status', 'source', 'text', 'limit', 'offset'] as const) {
    if (o[k] !== undefined) (f as Record<string, unknown>)[k] = o[k];
  }
  return f;
}

function cut(s: string, n: number): string {
  return s.length <= n ? s.padEnd(n) : s.slice(0, n - 1) + '…';
}

function dateCell(c: EventCluster): string {
  if (!c.dateStart) return '—';
  return c.dateEnd && c.dateEnd !== c.dateStart ? `${c.dateStart}…${c.dateEnd.slice(5)}` : c.dateStart;
}

function killedCell(c: EventCluster): string {
  if (c.fatalitiesMin === null && c.fatalitiesMax === null) return '';
  return formatFigure({ min: c.fatalitiesMin, max: c.fatalitiesMax });
}

export function eventsTable(events: EventCluster[], total: number): string {
  const head = `${'DATE'.padEnd(17)} ${'TYPE'.padEnd(9)} ${'WHERE'.padEnd(22)} ${'WHO → WHOM'.padEnd(36)} ${'KILLED'.padEnd(7)} SRC  DISAGREE          ID\n`;
  const lines = events.map((c) => {
    const where = [c.location, c.country].filter(Boolean).join(', ') || '—';
    const who = `${c.actors.slice(0, 2).join('/') || '?'} → ${c.targets.slice(0, 2).join('/') || '?'}`;
    const dis = c.disagreements.map((d) => d.kind).join(',');
    return `${cut(dateCell(c), 17)} ${cut(c.type, 9)} ${cut(where, 22)} ${cut(who, 36)} ${cut(killedCell(c), 7)} ${String(c.sources.length || c.articles.length).padStart(3)}  ${cut(dis, 17)} ${c.id}\n`;
  });
  const foot = `${events.length} of ${total} event cluster(s)\n`;
  return head + lines.join('') + foot;
}

export async function runEvents(o: EventsCliOptions): Promise<number> {
  let filter: EventFilter;
  try {
    filter = filterFrom(o);
  } catch (err) {
    process.stderr.write(`sitrep events: ${errorMessage(err)}\n`);
    return 2;
  }
  const store = await openStore(o.db);
  try {
    const { events, total } = await store.listEvents({ ...filter, limit: filter.limit ?? (o.json ? 1000 : 50) });
    process.stdout.write(o.json ? JSON.stringify(events, null, 2) + '\n' : eventsTable(events, total));
    return 0;
  } catch (err) {
    process.stderr.write(`sitrep events: ${errorMessage(err)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

export function addFilterOptions(c: Command, intArg: (v: string) => number): Command {
  return c
    .option('--db <path|url>', 'SQLite file or postgres:// URL (default $SITREP_DB or ./sitrep.db)')
    .option('--from <date>', 'events ending on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'events starting on or before this date (YYYY-MM-DD)')
    .option('--country <iso3>', 'country of the event location (ISO 3166 alpha-3)')
    .option('--type <plover>', 'PLOVER event type (ASSAULT, PROTEST, …)')
    .option('--actor <name|iso3>', 'an actor or target name (substring) or country code')
    .option('--status <status>', 'a report status: asserted, claimed, denied, historical')
    .option('--source <name>', 'a source (outlet) name (substring)')
    .option('--text <words>', 'text in actors, place, sources or the evidence sentence')
    .option('--limit <n>', 'at most n clusters', intArg)
    .option('--offset <n>', 'skip the first n clusters', intArg);
}

export function registerEvents(p: Command, intArg: (v: string) => number): void {
  addFilterOptions(p.command('events').description('list merged event clusters in the store (newest first), as a table or JSON'), intArg)
    .option('--json', 'print a JSON array of event clusters')
    .action(async (o: EventsCliOptions) => {
      process.exitCode = await runEvents(o);
    });
}
