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
