import { describe, expect, it } from 'vitest';
import { fixtureEvent, fixtureResult } from '../store/contract.js';
import type { Report, SpecEvent } from '../store/types.js';
import { rng } from '../bench/corpus.js';
import { buildCluster, buildMatchView, reportsFromResult, type MemberReport } from './merge.js';
import { membersJson, reportsFromMembers } from './members.js';

const TEXT = 'Shells hit Klow on Monday, killing three. More text.';

function report(article: string, e: SpecEvent, o: { source?: string | null; published?: string | null; url?: string | null } = {}): Report {
  const res = fixtureResult({ id: article, source: o.source === undefined ? article.toUpperCase() : o.source, published: o.published ?? null, url: o.url ?? null, events: [e] });
  const [r] = reportsFromResult(article, res, TEXT, '2024-03-06T00:00:00Z');
  return r!;
}

/** A cluster's state made from its reports, as JSON (every field, in order). */
const built = (members: readonly MemberReport[]) => JSON.stringify(buildCluster('cx', members));

describe('cluster members', () => {
  it('make the same cluster as the reports they were made from, whatever the reports say', () => {
    // Random reports over parties (with and without names, padded, an IGO), places, dates of
    // several precisions, figures, statuses, sources and publication times (some equal, so the
    // key breaks the tie), a few of them from one article.
    const r = rng(11);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const parties = [
      null,
      { text: 'Ruritanian forces', name: 'Ruritania', country: 'RUR', sector: 'MIL' },
      { text: 'Ruritanian army', name: 'Ruritania', country: 'RUR', sector: null },
      { text: 'Borduria', name: 'Borduria', country: 'BOR', sector: 'MIL' },
      { text: ' the Red Hand ', name: null, country: null, sector: 'REB' },
      { text: 'Red Hand', name: ' Red Hand', country: null, sector: 'REB' },
      { text: 'UN', name: 'United Nations', country: 'IGO', sector: 'IGO' },
    ];
    const places = [null, undefined, { name: 'Klow', country: 'BOR', admin1: 'North', lat: 45, lon: 20 }, { name: 'Szohod', country: 'BOR', admin1: 'South', lat: 45.2, lon: 20.1 }, { name: 'Borduria', country: 'BOR', lat: null, lon: null, precision: 'country' }, { name: 'North', country: 'BOR', admin1: 'North', lat: null, lon: null, precision: 'admin1' }];
    const dates: SpecEvent['date'][] = [null, { start: '2024-03-04', end: '2024-03-04', precision: 'day' }, { start: '2024-03-05', end: '2024-03-05', precision: 'day' }, { start: '2024-03-04', end: '2024-03-10', precision: 'week' }, { start: '2024-03-01', end: '2024-03-31', precision: 'month' }];
    let clusters = 0;
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(r() * 8);
      const reports: Report[] = [];
      for (let k = 0; k < n; k++) {
        const e = fixtureEvent({
          id: `e${k}`,
          actor: pick(parties),
          target: pick(parties),
          place: pick(places) as never,
          status: pick(['asserted', 'asserted', 'denied', 'claimed']),
          killed: pick([null, 3, 5, [2, 7], [10, null]] as const) as never,
          mode: pick(['heavy-weapons', null, 'air-strike']),
          acled: pick([undefined, null, { event_type: 'Battles', sub_event_type: 'Armed clash' }]),
          cameo: pick(['194', '190', null]),
          evidence: [0, 41],
        });
        e.date = pick(dates);
        const article = r() < 0.2 && k > 0 ? reports[0]!.article : `a${i}-${k}`;
        const rep = report(article, e, { source: pick(['Wire A', 'Wire B', null]), published: pick([null, '2024-03-04', '2024-03-05', '2024-03-05T10:00:00Z']), url: pick([null, `https://x.example/${k}`]) });
        if (r() < 0.3) rep.sentence = null; // (no evidence)
        reports.push(rep);
      }
      const json = membersJson(reports);
      const back = reportsFromMembers(json);
      expect(built(back)).toBe(built(reports));
      expect(JSON.stringify(buildMatchView('cx', back))).toBe(JSON.stringify(buildMatchView('cx', reports)));
      // kept again, as a join that adds nothing writes them: the same text
      expect(membersJson(back)).toBe(json);
      // a join: the stored members and a new report, which may come before all of them
      const late = report(`late${i}`, fixtureEvent({ id: 'e1', killed: 9, status: 'denied' }), { published: pick(['2024-03-01', '2024-03-09']), url: pick([null, 'https://late.example/1']) });
      expect(built([...back, late])).toBe(built([...reports, late]));
      clusters++;
    }
    expect(clusters).toBe(300);
  });

  it('keep only the first report\'s sentence and the first URL, the ones a cluster reads (notes, sourceUrl)', () => {
    const a = report('a', fixtureEvent(), { published: '2024-03-05', url: 'https://a.example/' });
    const b = report('b', fixtureEvent({ evidence: [0, 16] }), { published: '2024-03-04' });
    const c = report('c', fixtureEvent(), { published: '2024-03-06', url: 'https://c.example/' });
    const back = reportsFromMembers(membersJson([a, b, c]));
    expect(back.map((x) => [x.sentence, x.url])).toEqual([[null, 'https://a.example/'], ['Shells hit Klow', null], [null, null]]);
    expect([buildCluster('c', back).notes, buildCluster('c', back).sourceUrl]).toEqual(['Shells hit Klow', 'https://a.example/']);
  });

  it('keep keys of another shape than article:event, and the values each report shares once', () => {
    const a: Report = { ...report('a', fixtureEvent()), key: 'legacy-key-1' };
    const reports = [a, ...Array.from({ length: 50 }, (_, i) => report(`art${i}`, fixtureEvent({ killed: 3 })))];
    const json = membersJson(reports);
    expect(reportsFromMembers(json).map((x) => x.key)).toEqual(reports.map((x) => x.key));
    // 51 reports of one event (same parties, place, date, codes): each distinct value once
    expect(json.split('Ruritania').length - 1).toBe(1);
    expect(json.length).toBeLessThan(JSON.stringify(reports.map((x) => x.event)).length / 5);
  });

  it('refuse a format they do not know', () => {
    expect(() => reportsFromMembers('[2,null,[],[]]')).toThrow(/unknown format \(2\)/);
    expect(() => reportsFromMembers('{}')).toThrow(/unknown format/);
  });
});
