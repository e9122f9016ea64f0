import { describe, expect, it } from 'vitest';
import type { Doc, Event, EventDate } from '../doc.js';
import { docWithTimes, testResources } from '../resolve/time/test-helpers.js';
import { staleReport } from './staleness.js';

function event(id: string, date: EventDate | null, status: Event['status'] = 'asserted'): Event {
  return {
    id, type: 'ASSAULT', mode: null, status, acled: null, cameo: null, actor: null, target: null, date, location: null,
    fatalities: null, claimedBy: [], via: [], evidence: [], trigger: { start: 0, end: 1 }, confidence: 0.5, rule: 'test',
  };
}

const day = (start: string, end = start): EventDate => ({ start, end, precision: 'day', source: 'clause', evidence: { start: 0, end: 3 } });

function withEvents(events: Event[], published = '2023-05-31'): Doc {
  const base = docWithTimes('Clashes were reported.', published);
  return { ...base, events };
}

describe('staleReport', () => {
  const res = testResources();

  it('flags an article whose newest current event ended months before publication', () => {
    const doc = withEvents([event('e1', day('2022-09-12', '2022-09-13')), event('e2', day('2020-11-10'), 'historical')]);
    const [c] = staleReport(doc, res);
    expect(c).toMatchObject({ kind: 'stale-report', days: 260, events: ['e1'] });
    expect(c!.message).toMatch(/reported 260 days after the latest event it describes/);
    expect(c!.message).toMatch(/13 September 2022/);
  });

  it('stays quiet for a fresh report, whatever its background', () => {
    const doc = withEvents([event('e1', day('2023-05-29')), event('e2', day('1994-01-01', '1994-12-31'), 'historical')]);
    expect(staleReport(doc, res)).toEqual([]);
  });

  it('ignores future and undated events and respects the setting', () => {
    const doc = withEvents([event('e1', day('2023-04-01')), event('e2', day('2023-06-10'), 'future'), event('e3', null)]);
    expect(staleReport(doc, res)[0]!.days).toBe(60);
    expect(staleReport(doc, { ...res, settings: { staleDays: 90 } })).toEqual([]);
  });

  it('uses the lead date when no events were coded', () => {
    const doc = { ...docWithTimes('Clashes broke out overnight on Monday (September 12) on the border.', '2023-05-31'), events: [] };
    expect(staleReport(doc, res)[0]!.days).toBe(260);
  });
});
