// Day arithmetic on ISO dates (UTC), for the timeline.

const DAY = 86_400_000;

export function dayNum(iso: string): number {
  return Math.round(Date.parse(iso.slice(0, 10) + 'T00:00:00Z') / DAY);
}

export function isoOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Events per day by type; an event spanning several days counts on its first day. */
export function perDay(events: { dateStart: string | null; type: string }[]): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  for (const e of events) {
    if (!e.dateStart) continue;
    const d = dayNum(e.dateStart);
    if (Number.isNaN(d)) continue;
    let m = out.get(d);
    if (!m) out.set(d, (m = new Map()));
    m.set(e.type, (m.get(e.type) ?? 0) + 1);
  }
  return out;
}

export interface TimelineRange {
  /** First and last day shown (day numbers). */
  start: number;
  end: number;
  /** Days per bar: 1 for a few months, 7 up to a few years, 30 beyond. */
  bucket: number;
  /** Dated events before `start` left off the chart (background history: 1994, 2020 …). */
  before: number;
}

/**
 * The span the timeline shows. A few old dates (the background history an article recalls)
 * would squeeze months of news into a sliver, so a small early tail separated by a long gap is
 * left off and counted instead.
 */
export function timelineRange(days: number[]): TimelineRange | null {
  const ds = days.filter((d) => Number.isFinite(d)).sort((a, b) => a - b);
  if (!ds.length) return null;
  const tail = Math.floor(ds.length * 0.1);
  let cut = 0;
  for (let i = 1; i < ds.length && i <= tail; i++) if (ds[i]! - ds[i - 1]! > 60) cut = i;
  const start = ds[cut]!;
  const end = ds[ds.length - 1]!;
  const span = end - start + 1;
  const bucket = span <= 150 ? 1 : span <= 1100 ? 7 : 30;
  return { start, end, bucket, before: cut };
}
