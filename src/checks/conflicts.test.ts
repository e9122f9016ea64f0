import { describe, expect, it } from 'vitest';
import type { ActorRef, Doc, Event } from '../doc.js';
import { conflictingClaims } from './conflicts.js';

const ref = (country: string, sector: string): ActorRef => ({ text: country, country, sector });

function ev(id: string, o: Partial<Event>): Event {
  return {
    id, type: 'ASSAULT', mode: null, status: 'asserted', acled: null, cameo: null, actor: null, target: null,
    date: { start: '2024-03-02', end: '2024-03-02', precision: 'day', source: 'sentence', evidence: null },
    location: null, fatalities: null, claimedBy: [], via: [], evidence: [{ start: 0, end: 1 }], trigger: { start: 0, end: 1 }, confidence: 0.5, rule: 't', ...o,
  };
}

const doc = (events: Event[]): Doc => ({ id: 'x', text: 'x', meta: { title: null, published: null, publishedFrom: null, publishedSpan: null, language: 'en', source: null, url: null }, zones: [], events });

describe('conflicting-claims', () => {
  it('names both sides when each blames the other for an attack', () => {
    const checks = conflictingClaims(doc([
      ev('e1', {}),
      ev('e2', { status: 'claimed', actor: ref('ARM', 'MIL'), target: ref('AZE', 'MIL'), claimedBy: [ref('AZE', 'GOV')] }),
      ev('e3', { status: 'claimed', actor: ref('AZE', 'MIL'), target: ref('ARM', 'MIL'), claimedBy: [ref('ARM', 'GOV')] }),
    ]));
    expect(checks).toHaveLength(1);
    expect(checks[0]!.kind).toBe('conflicting-claims');
    expect(checks[0]!.events).toEqual(['e2', 'e3']);
  });

  it('names a claim and its denial, and mutual accusations', () => {
    const checks = conflictingClaims(doc([
      ev('e1', { status: 'claimed', actor: ref('RUS', 'MIL'), claimedBy: [ref('UKR', 'GOV')] }),
      ev('e2', { status: 'denied', actor: ref('RUS', 'MIL'), claimedBy: [ref('RUS', 'GOV')] }),
      ev('e3', { type: 'ACCUSE', actor: ref('UKR', 'GOV'), target: ref('RUS', 'GOV') }),
      ev('e4', { type: 'ACCUSE', actor: ref('RUS', 'GOV'), target: ref('UKR', 'GOV') }),
    ]));
    expect(checks[0]!.events).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  it('names two sources that tell the same operation with civilians killed in one and fighters in the other', () => {
    const at = { name: 'Moura', country: 'MLI', admin1: 'Mopti', lat: null, lon: null, precision: 'admin1' as const, evidence: null };
    const hrw: ActorRef = { text: 'Human Rights Watch', country: null, sector: 'HRI' };
    const staff: ActorRef = { text: 'the general staff', country: 'MLI', sector: 'MIL' };
    const checks = conflictingClaims(doc([
      ev('e1', { status: 'claimed', actor: ref('MLI', 'MIL'), target: ref('MLI', 'CVL'), claimedBy: [hrw], location: at }),
      ev('e2', { status: 'claimed', actor: ref('MLI', 'MIL'), target: ref('MLI', 'REB'), claimedBy: [staff], location: at }),
    ]));
    expect(checks[0]?.events).toEqual(['e1', 'e2']);
    // the same account told twice, or two places, is no disagreement
    expect(conflictingClaims(doc([
      ev('e1', { status: 'claimed', actor: ref('MLI', 'MIL'), target: ref('MLI', 'CVL'), claimedBy: [hrw], location: at }),
      ev('e2', { status: 'claimed', actor: ref('MLI', 'MIL'), target: ref('MLI', 'REB'), claimedBy: [hrw], location: at }),
    ]))).toEqual([]);
    expect(conflictingClaims(doc([
      ev('e1', { status: 'claimed', actor: ref('MLI', 'MIL'), target: ref('MLI', 'CVL'), claimedBy: [hrw], location: at }),
      ev('e2', { status: 'claimed', actor: ref('MLI', 'MIL'), target: ref('MLI', 'REB'), claimedBy: [staff], location: { ...at, name: 'Gao' } }),
    ]))).toEqual([]);
  });

  it('stays quiet for one-sided claims, own actions, and background events', () => {
    expect(conflictingClaims(doc([
      ev('e1', { status: 'claimed', actor: ref('SOM', 'REB'), claimedBy: [ref('SOM', 'REB')] }),
      ev('e2', { status: 'claimed', actor: ref('SOM', 'MIL'), claimedBy: [ref('SOM', 'GOV')] }),
    ]))).toEqual([]);
    // each side reports its own strikes: no contradiction
    expect(conflictingClaims(doc([
      ev('e1', { status: 'claimed', actor: ref('AZE', 'MIL'), claimedBy: [ref('AZE', 'GOV')] }),
      ev('e2', { status: 'claimed', actor: ref('ARM', 'MIL'), claimedBy: [ref('ARM', 'GOV')] }),
    ]))).toEqual([]);
    expect(conflictingClaims(doc([
      ev('e1', { type: 'ACCUSE', status: 'historical', actor: ref('UKR', 'GOV'), target: ref('RUS', 'GOV') }),
      ev('e2', { type: 'ACCUSE', status: 'historical', actor: ref('RUS', 'GOV'), target: ref('UKR', 'GOV') }),
    ]))).toEqual([]);
  });
});
