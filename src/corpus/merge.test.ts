import { describe, expect, it } from 'vitest';
import { fixtureEvent, fixtureResult } from '../store/contract.js';
import type { SpecEvent } from '../store/types.js';
import { buildCluster, buildMatchView, candidateWindow, chooseCluster, clusterMatchKeys, distanceKm, formatFigure, matchScore, matchView, newClusterId, reportMatchKeys, reportsFromResult, sharesKey } from './merge.js';
import { rng } from '../bench/corpus.js';

function report(article: string, e: SpecEvent, source = article, published: string | null = null) {
  const [r] = reportsFromResult(article, fixtureResult({ id: article, source, published, events: [e] }), 'Shells hit Klow on Monday, killing three. More text.', '2024-03-06T00:00:00Z');
  return r!;
}

describe('merge', () => {
  it('measures distance on the sphere', () => {
    expect(distanceKm(0, 0, 0, 1)).toBeCloseTo(111.2, 0);
    expect(distanceKm(45, 20, 45, 20)).toBe(0);
  });

  it('gives a date window only to reports dated within a week', () => {
    expect(candidateWindow(report('a', fixtureEvent({ date: '2024-03-04' })))).toEqual({ type: 'ASSAULT', from: '2024-03-03', to: '2024-03-05' });
    expect(candidateWindow(report('a', fixtureEvent({ date: ['2024-03-01', '2024-03-31'], precision: 'month' })))).toBeNull();
    expect(candidateWindow(report('a', fixtureEvent({ date: null })))).toBeNull();
    expect(candidateWindow(report('a', fixtureEvent({ date: ['2024-03-05', '2024-03-01'] })))).toBeNull();
  });

  it('keeps the evidence sentence as the note and drops future events', () => {
    const rs = reportsFromResult('h', fixtureResult({ id: 'x', events: [fixtureEvent({ evidence: [0, 42] }), fixtureEvent({ id: 'e2', status: 'future' })] }), 'Shells hit Klow on Monday, killing three. More text.', 't');
    expect(rs).toHaveLength(1);
    expect(rs[0]!.sentence).toBe('Shells hit Klow on Monday, killing three.');
    expect(rs[0]!.key).toBe('h:e1');
  });

  it('matches compatible reports and rejects incompatible ones', () => {
    const base = report('a', fixtureEvent());
    const c = buildCluster(newClusterId(base), [base]);
    expect(matchScore(c, report('b', fixtureEvent()))).toBeGreaterThan(0);
    expect(matchScore(c, report('b', fixtureEvent({ type: 'PROTEST' })))).toBeNull();
    expect(matchScore(c, report('b', fixtureEvent({ date: '2024-03-07' })))).toBeNull();
    expect(matchScore(c, report('b', fixtureEvent({ place: { name: 'Far', country: 'BOR', lat: 47, lon: 20 } })))).toBeNull();
    expect(matchScore(c, report('b', fixtureEvent({ actor: { text: 'X', country: 'XXX', sector: null }, target: null })))).toBeNull();
    // Unknown actors in the same province are compatible, just weaker; in the same country only, not.
    const weak = matchScore(c, report('b', fixtureEvent({ actor: null, target: null, place: { name: 'North', country: 'BOR', admin1: 'North', lat: null, lon: null, precision: 'admin1' } })));
    expect(weak).not.toBeNull();
    expect(matchScore(c, report('b', fixtureEvent({ actor: null, target: null, place: { name: 'Borduria', country: 'BOR', lat: null, lon: null, precision: 'country' } })))).toBeNull();
    // Neither who nor where: no window at all, the report stays on its own.
    expect(candidateWindow(report('b', fixtureEvent({ actor: null, target: null, place: null })))).toBeNull();
    expect(weak!).toBeLessThan(matchScore(c, report('b', fixtureEvent()))!);
    // Another country is a different event unless both parties are the same two.
    expect(matchScore(c, report('b', fixtureEvent({ target: null, place: { name: 'Elsewhere', country: 'SYL', lat: null, lon: null, precision: 'country' } })))).toBeNull();
  });

  it('gives every pair matchScore accepts a shared blocking key, and tells many others apart', () => {
    // Random reports over a few parties, provinces, names and points (some near a grid line, the
    // antimeridian or a pole), with and without each part: a store reading only the clusters that
    // share a key with the report must lose no candidate matchScore would accept.
    const r = rng(7);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    const parties = [null, { text: 'Ruritanian forces', name: 'Ruritania', country: 'RUR', sector: 'MIL' }, { text: 'Borduria', name: 'Borduria', country: 'BOR', sector: 'MIL' }, { text: 'the Red Hand', name: 'Red Hand', country: null, sector: 'REB' }, { text: 'UN', name: 'United Nations', country: 'IGO', sector: 'IGO' }];
    const centres: [number, number][] = [[45, 20], [44.999, 19.999], [0.2, 179.9], [0.1, -179.85], [89.8, 10], [89.9, -170], [-60.5, 0.01], [12.3, 45.6]];
    const place = () => {
      if (r() < 0.15) return null;
      const [lat, lon] = pick(centres);
      const precision = pick(['point', 'point', 'admin1', 'region', 'country'] as const);
      const jitter = (x: number, d: number) => x + (r() - 0.5) * d;
      return { name: pick(['Klow', 'klow', 'Szohod', 'Far']), country: pick(['BOR', 'RUR', 'SYL']), admin1: pick(['North', 'South', null]) as string, lat: precision === 'point' || r() < 0.3 ? Math.max(-90, Math.min(90, jitter(lat, 1.2))) : null, lon: precision === 'point' || r() < 0.3 ? jitter(lon, 1.2) : null, precision };
    };
    const event = () => fixtureEvent({ actor: pick(parties), target: pick(parties), place: place(), date: pick(['2024-03-04', '2024-03-05']) });
    // Both ways of keying: as every store did, and with point clusters' keys apart (pointsApart).
    let accepted = 0;
    let ruledOut = 0;
    let ruledOutApart = 0;
    for (let i = 0; i < 400; i++) {
      const members = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, k) => report(`c${i}-${k}`, event()));
      const view = buildMatchView(newClusterId(members[0]!), members);
      const ck = clusterMatchKeys(view);
      const ckApart = clusterMatchKeys(view, true);
      for (let j = 0; j < 20; j++) {
        const rep = report(`r${i}-${j}`, event());
        const shared = sharesKey(ck, reportMatchKeys(rep));
        const sharedApart = sharesKey(ckApart, reportMatchKeys(rep, undefined, true));
        if (matchScore(view, rep) !== null) {
          accepted++;
          const what = `${JSON.stringify(view)} / ${JSON.stringify(rep.event.location)} ${JSON.stringify([rep.event.actor, rep.event.target])}`;
          expect(shared, what).toBe(true);
          expect(sharedApart, what).toBe(true);
        } else {
          if (!shared) ruledOut++;
          if (!sharedApart) ruledOutApart++;
        }
      }
    }
    // the draw has both kinds in numbers (the test would say nothing otherwise), and keys apart
    // rule out more of the pairs matchScore refuses (far points sharing a party)
    expect(accepted).toBeGreaterThan(500);
    expect(ruledOut).toBeGreaterThan(500);
    expect(ruledOutApart).toBeGreaterThan(ruledOut + 200);
  });

  it('finds points near each other across a grid line, the antimeridian and near a pole', () => {
    const at = (lat: number, lon: number, name = 'X', admin1 = 'North') => report('p', fixtureEvent({ actor: null, target: null, place: { name, country: 'BOR', admin1, lat, lon, precision: 'point' } }));
    for (const [a, b] of [[[45.999, 20.5], [46.2, 20.5]], [[0, 179.95], [0, -179.9]], [[89.95, 0], [89.9, 180]], [[-45, -0.1], [-45.1, 0.2]]] as [number, number][][]) {
      const c = buildMatchView('c', [at(a[0], a[1])]);
      const r = at(b[0], b[1]);
      expect(matchScore(c, r)).not.toBeNull();
      expect(sharesKey(clusterMatchKeys(c), reportMatchKeys(r))).toBe(true);
    }
    // and a point 200 km away, of another name and province, shares none
    expect(sharesKey(clusterMatchKeys(buildMatchView('c', [at(45, 20)])), reportMatchKeys(at(46.8, 20, 'Y', 'South')))).toBe(false);
  });

  it('only ever matches clusters lying inside the report window (stores select by it)', () => {
    // Every pair of day ranges within three weeks: whenever matchScore accepts, the cluster lies
    // inside the window, so selecting date_start between from and to loses no candidate.
    const day = (n: number) => new Date(Date.UTC(2024, 2, 1) + n * 86_400_000).toISOString().slice(0, 10);
    let matched = 0;
    for (let cs = 0; cs < 21; cs++) for (let cl = 0; cl < 10; cl++) {
      const c = buildCluster('c', [report('a', fixtureEvent({ date: [day(cs), day(cs + cl)], precision: cl ? 'week' : 'day' }))]);
      for (let rs = 5; rs < 16; rs++) for (let rl = 0; rl < 9; rl++) {
        const r = report('b', fixtureEvent({ date: [day(rs), day(rs + rl)], precision: rl ? 'week' : 'day' }));
        const w = candidateWindow(r);
        if (!w || matchScore(c, r) === null) continue;
        matched++;
        expect(c.dateStart! >= w.from && c.dateStart! <= w.to && c.dateEnd! <= w.to).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(100);
  });

  it('chooses the closest candidate, deterministically', () => {
    const near = report('near', fixtureEvent({ place: { name: 'Klow', country: 'BOR', lat: 45.01, lon: 20.01 } }));
    const mid = report('mid', fixtureEvent({ place: { name: 'Mid', country: 'BOR', lat: 45.2, lon: 20.2 } }));
    const cs = [buildCluster('c2', [mid]), buildCluster('c1', [near])];
    expect(chooseCluster(cs, report('x', fixtureEvent()))!.id).toBe('c1');
    expect(chooseCluster([], report('x', fixtureEvent()))).toBeNull();
  });

  it('builds the range of figures and lists disagreements, never averaging', () => {
    const a = report('a', fixtureEvent({ killed: 3 }), 'A', '2024-03-04');
    const b = report('b', fixtureEvent({ killed: [10, null] }), 'B', '2024-03-05');
    const c = report('c', fixtureEvent({ killed: null, status: 'denied' }), 'C', '2024-03-05');
    const cl = buildCluster('cx', [c, b, a]);
    expect(cl.fatalitiesMin).toBe(3);
    expect(cl.fatalitiesMax).toBe(10);
    expect(cl.figures.map((f) => formatFigure(f))).toEqual(['3', '>=10']);
    expect(cl.disagreements.map((d) => d.kind).sort()).toEqual(['fatalities', 'status']);
    expect(cl.firstSeen).toBe('2024-03-04');
    expect(cl.mentions).toBe(3);
    expect(cl.statuses).toEqual(['asserted', 'denied']);
    expect(buildCluster('cx', [a, b, c])).toEqual(cl);
  });

  it('lists who-attacked-whom reversed across sources, within a country too, and no report as its own reversal', () => {
    const army = { text: 'the army', name: 'Sudanese Armed Forces', country: 'SDN', sector: 'MIL' };
    const rsf = { text: 'the RSF', name: 'Rapid Support Forces', country: 'SDN', sector: 'REB' };
    const civilians = { text: 'civilians', name: 'civilians', country: 'SDN', sector: 'CVL' };
    const place = { name: 'Omdurman', country: 'SDN', lat: 15.64, lon: 32.48 };
    const directions = (...rs: ReturnType<typeof report>[]) => buildCluster('cx', rs).disagreements.filter((d) => d.kind === 'direction').map((d) => d.values.map((v) => v.value));
    // one side attacking civilians, reported by two outlets: nothing reversed
    expect(directions(report('a', fixtureEvent({ actor: rsf, target: civilians, place }), 'A'), report('b', fixtureEvent({ actor: rsf, target: civilians, place }), 'B'))).toEqual([]);
    // a victim coded as acting on itself is no claim of direction
    expect(directions(report('a', fixtureEvent({ actor: civilians, target: civilians, place }), 'A'), report('b', fixtureEvent({ actor: rsf, target: civilians, place }), 'B'))).toEqual([]);
    // the two sides of a civil war blaming each other
    expect(directions(report('a', fixtureEvent({ actor: army, target: rsf, place }), 'A'), report('b', fixtureEvent({ actor: rsf, target: army, place }), 'B'))).toEqual([
      ['Sudanese Armed Forces -> Rapid Support Forces', 'Rapid Support Forces -> Sudanese Armed Forces'],
    ]);
    // two states, as before: a state's organs are one side
    const rur = { text: 'Ruritania', name: 'Ruritania', country: 'RUR', sector: 'GOV' };
    const bor = { text: 'Bordurian army', name: 'Bordurian army', country: 'BOR', sector: 'MIL' };
    expect(directions(report('a', fixtureEvent({ actor: rur, target: bor })), report('b', fixtureEvent({ actor: { ...bor, sector: 'GOV' }, target: { ...rur, sector: 'MIL' } })))).toHaveLength(1);
  });

  it('takes the date of the most precise reports and the most precise place', () => {
    const day = report('a', fixtureEvent({ date: '2024-03-04', place: { name: 'Borduria', country: 'BOR', lat: null, lon: null, precision: 'country' } }));
    const week = report('b', fixtureEvent({ date: ['2024-03-04', '2024-03-10'], precision: 'week' }));
    const cl = buildCluster('c', [week, day]);
    expect([cl.dateStart, cl.dateEnd, cl.datePrecision]).toEqual(['2024-03-04', '2024-03-04', 'day']);
    expect([cl.location, cl.geoPrecision]).toEqual(['Klow', 'point']);
    expect(() => buildCluster('c', [])).toThrow();
  });

  it('builds the match view of a cluster without the rest, in the same order of fields', () => {
    const a = report('a', fixtureEvent({ date: '2024-03-04', place: { name: 'Borduria', country: 'BOR', lat: null, lon: null, precision: 'country' } }), 'A', '2024-03-05');
    const b = report('b', fixtureEvent({ date: ['2024-03-04', '2024-03-10'], precision: 'week', killed: 4 }), 'B', '2024-03-04');
    const c = report('c', fixtureEvent({ status: 'denied' }), 'C', '2024-03-04');
    for (const members of [[a], [b, a], [c, b, a], [a, c]]) {
      expect(JSON.stringify(buildMatchView('cx', members))).toBe(JSON.stringify(matchView(buildCluster('cx', members))));
    }
    expect(() => buildMatchView('c', [])).toThrow();
  });
});
