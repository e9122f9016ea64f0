import { beforeAll, describe, expect, it } from 'vitest';
import type { Doc, Event } from '../../doc.js';
import { loadResources, type Resources } from '../../resources.js';
import { findAttributions } from '../attribution.js';
import { assembleEvents } from './index.js';
import { testDoc, type FakeActor, type FakeQuantity, type FakeTrigger } from './testdoc.js';

let res: Resources;
beforeAll(async () => {
  res = await loadResources();
});

function run(text: string, o: { actors?: FakeActor[]; triggers?: FakeTrigger[]; quantities?: FakeQuantity[] }): { doc: Doc; events: Event[] } {
  let doc = testDoc(res, text, o);
  doc = { ...doc, attributions: findAttributions(doc) };
  return { doc, events: assembleEvents(doc, res) };
}

const at = (doc: Doc, e: Event) => doc.text.slice(e.trigger.start, e.trigger.end);

const GEO: FakeActor[] = [
  { text: 'Georgia', country: 'GEO', sector: null }, { text: 'Georgian', country: 'GEO', sector: null, adjective: true },
  { text: 'Russia', country: 'RUS', sector: null }, { text: 'Russian', country: 'RUS', sector: null, adjective: true },
  { text: 'army', country: null, sector: 'MIL', kind: 'sector' }, { text: 'troops', country: null, sector: 'MIL', kind: 'sector' },
  { text: "Georgia's Interior Ministry", country: 'GEO', sector: 'GOV', kind: 'institution' },
  { text: "Russia's Defence Ministry", country: 'RUS', sector: 'GOV', kind: 'institution' },
  { text: 'Reuters', country: null, sector: 'JRN', kind: 'agency' },
  { text: 'the United Nations', country: 'IGO', sector: 'IGO', kind: 'igo' }, { text: 'The United Nations', country: 'IGO', sector: 'IGO', kind: 'igo' },
];

describe('roles', () => {
  it('reads the agent of a passive from "by X" and the victim from its subject', () => {
    const { events } = run("Positions of the Georgian army were subjected to heavy shelling by Russian troops on Friday, Georgia's Interior Ministry said.", {
      actors: GEO, triggers: [{ text: 'shelling', type: 'ASSAULT', mode: 'heavy-weapons', acled: 'Shelling/artillery/missile attack' }],
    });
    expect(events).toHaveLength(2); // the claimed shelling and the accusation it makes
    const e = events.find((x) => x.type === 'ASSAULT')!;
    expect(e.actor?.country).toBe('RUS');
    expect(e.actor?.sector).toBe('MIL');
    expect(e.target?.country).toBe('GEO');
    expect(e.status).toBe('claimed');
    expect(e.claimedBy.map((c) => c.country)).toEqual(['GEO']);
    const acc = events.find((x) => x.type === 'ACCUSE')!;
    expect([acc.actor?.country, acc.target?.country, acc.status]).toEqual(['GEO', 'RUS', 'asserted']);
  });

  it('takes the subject of an active verb as actor and the object as target', () => {
    const { events } = run('Russian troops attacked the Georgian army near the border.', { actors: GEO, triggers: [{ text: 'attacked', type: 'ASSAULT' }] });
    expect(events).toHaveLength(1);
    expect([events[0]!.actor?.country, events[0]!.target?.country, events[0]!.status]).toEqual(['RUS', 'GEO', 'asserted']);
  });

  it('splits "each other" into two events with swapped roles', () => {
    const { events } = run('Both countries accused each other of provoking the fighting.', {
      actors: [{ text: 'Both countries', country: null, sector: null, kind: 'pronoun', refersTo: [{ country: 'GEO', sector: 'GOV' }, { country: 'RUS', sector: 'GOV' }] }],
      triggers: [{ text: 'accused', type: 'ACCUSE', mode: 'allege' }],
    });
    const acc = events.filter((e) => e.type === 'ACCUSE').map((e) => `${e.actor?.country}>${e.target?.country}`).sort();
    expect(acc).toEqual(['GEO>RUS', 'RUS>GEO']);
  });
});

describe('status', () => {
  it('keeps an event asserted when neutral sources relay it, with the agency in via', () => {
    const { events } = run('Russian troops shelled the village on Sunday, witnesses told Reuters.', {
      actors: GEO, triggers: [{ text: 'shelled', type: 'ASSAULT', mode: 'heavy-weapons' }],
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.status).toBe('asserted');
    expect(events[0]!.via).toEqual(['Reuters']);
    expect(events[0]!.claimedBy).toEqual([]);
  });

  it('marks announced actions future and warned-of ones hypothetical', () => {
    const { doc, events } = run("Georgia's Interior Ministry said it would appeal to the United Nations. The minister urged calm to avoid a war.", {
      actors: GEO, triggers: [{ text: 'appeal', type: 'REQUEST' }, { text: 'urged', type: 'REQUEST' }, { text: 'war', type: 'ASSAULT' }],
    });
    const appeal = events.find((e) => at(doc, e) === 'appeal')!;
    expect(appeal.status).toBe('future');
    expect(appeal.actor?.country).toBe('GEO');
    expect(appeal.target?.country).toBe('IGO');
    expect(events.find((e) => at(doc, e) === 'war')!.status).toBe('hypothetical');
    expect(events.find((e) => at(doc, e) === 'urged')!.status).toBe('asserted');
  });

  it('codes no event for a negated report of casualties', () => {
    const { events } = run('Georgia did not report any casualties.', { actors: GEO, triggers: [{ text: 'casualties', type: 'ASSAULT' }] });
    expect(events).toHaveLength(0);
  });

  it('makes a denied copy of the event a party denies, with its toll', () => {
    const { events } = run("A missile hit a market in the Georgian town of Gori on Friday, killing at least 12 people. Georgian officials blamed Russian troops for the attack. Russia's Defence Ministry denied carrying out the strike.", {
      actors: [...GEO, { text: 'Georgian officials', country: 'GEO', sector: 'GOV', kind: 'institution' }],
      triggers: [{ text: 'hit', type: 'ASSAULT', mode: 'heavy-weapons' }, { text: 'killing', type: 'ASSAULT' }, { text: 'blamed', type: 'ACCUSE', mode: 'allege' }, { text: 'strike', type: 'ASSAULT', mode: 'heavy-weapons' }],
      quantities: [{ text: 'at least 12 people', min: 12, unit: 'people' }],
    });
    const assaults = events.filter((e) => e.type === 'ASSAULT');
    expect(assaults.map((e) => e.status).sort()).toEqual(['asserted', 'claimed', 'denied']);
    const asserted = assaults.find((e) => e.status === 'asserted')!;
    expect(asserted.actor).toBeNull();
    expect(asserted.fatalities?.min).toBe(12);
    const claimed = assaults.find((e) => e.status === 'claimed')!;
    expect([claimed.actor?.country, claimed.claimedBy[0]?.country, claimed.fatalities?.min]).toEqual(['RUS', 'GEO', 12]);
    const denied = assaults.find((e) => e.status === 'denied')!;
    expect([denied.actor?.country, denied.claimedBy[0]?.country, denied.fatalities?.min]).toEqual(['RUS', 'RUS', 12]);
    expect(events.filter((e) => e.type === 'ACCUSE')).toHaveLength(1);
    // the main event is the asserted attack
    expect(Math.max(...events.map((e) => e.confidence))).toBe(asserted.confidence);
  });

  it('does not make a claimed copy when an outsider blames someone', () => {
    const { events } = run('A bomb exploded in the market on Monday. The United Nations blamed Russia for the attack.', {
      actors: GEO, triggers: [{ text: 'exploded', type: 'ASSAULT', mode: 'explosives' }, { text: 'blamed', type: 'ACCUSE' }],
    });
    expect(events.filter((e) => e.status === 'claimed')).toHaveLength(0);
    expect(events.find((e) => e.type === 'ACCUSE')?.actor?.country).toBe('IGO');
  });
});

describe('fatalities', () => {
  it('counts the killed, not the wounded', () => {
    const { events } = run('Two people were killed and 30 wounded when a bomb exploded in the square.', {
      triggers: [{ text: 'killed', type: 'ASSAULT' }, { text: 'exploded', type: 'ASSAULT', mode: 'explosives' }],
      quantities: [{ text: 'Two people', min: 2, max: 2, unit: 'people' }, { text: '30', min: 30, max: 30, unit: 'wounded' }],
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.fatalities?.min).toBe(2);
    expect(events[0]!.mode).toBe('explosives');
  });
});

describe('fatalities', () => {
  it('takes the count beside the kill word over one labelled killed further from it (a long article)', () => {
    const rest = ' Schools were closed. Markets stayed shut. Roads were empty. Officials met. Aid arrived late. Power failed. Phones were down. Rain fell.';
    const { events } = run('Devices carried by hundreds of fighters exploded across the province on Tuesday, killing at least 9 people.' + rest, {
      triggers: [{ text: 'exploded', type: 'ASSAULT', mode: 'explosives', acled: 'Remote explosive/landmine/IED' }],
      quantities: [{ text: 'hundreds', min: 200, unit: 'killed' }, { text: 'at least 9', min: 9, unit: 'killed' }],
    });
    expect(events[0]!.fatalities?.min).toBe(9);
  });
});

