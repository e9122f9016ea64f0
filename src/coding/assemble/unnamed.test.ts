import { beforeAll, describe, expect, it } from 'vitest';
import type { Event, FullDoc } from '../../doc.js';
import { makeDoc } from '../../ingest/article.js';
import { loadResources, type Resources } from '../../resources.js';
import { defaultPipeline } from '../../stages.js';

// Actors the clause does not name: found in a neighbouring sentence or a heading label's sentence,
// or inferred from the event's place, always marked inferred with what they came from.

let res: Resources;
const pipeline = defaultPipeline();
beforeAll(async () => {
  res = await loadResources({ settings: { eventModel: null } });
});

function run(text: string): FullDoc {
  return pipeline.run(makeDoc({ id: 'u', text, published: '2021-06-30' }), res);
}

function first(doc: FullDoc, type: string): Event {
  const e = doc.events.find((x) => x.type === type);
  if (!e) throw new Error(`no ${type} event in: ${doc.text}`);
  return e;
}

const spanText = (doc: FullDoc, s: { start: number; end: number } | null | undefined) => (s ? doc.text.slice(s.start, s.end) : null);

describe('unnamed actors', () => {
  it('a protest with no named crowd is made by protesters of the country where it took place', () => {
    const doc = run('On 3 May 2021, hundreds marched through Nairobi to demand lower fuel prices.');
    const e = first(doc, 'PROTEST');
    expect(e.actor).toMatchObject({ country: 'KEN', sector: 'CVL', inferred: true });
    expect(e.actor?.inferredFrom?.rule).toBe('protest-crowd');
    expect(spanText(doc, e.actor?.inferredFrom?.span)).toBe('Nairobi');
  });

  it('a bombing with no perpetrator is an unidentified armed group of its country', () => {
    const doc = run('On 4 June 2021, a roadside bomb exploded near a market in Kandahar, wounding three traders.');
    const e = first(doc, 'ASSAULT');
    expect(e.actor).toMatchObject({ country: 'AFG', sector: 'REB', inferred: true, name: 'Unidentified Armed Group' });
    expect(spanText(doc, e.actor?.inferredFrom?.span)).toBe('Kandahar');
    expect(e.rule).toContain('actor:unidentified-armed-group');
  });

  it('infers nothing where the paragraph names an armed party of another country', () => {
    const doc = run('A rocket hit an apartment block in Kharkiv on Monday, killing two people. Ukrainian officials blamed Russian forces for the strike.');
    const asserted = doc.events.find((x) => x.type === 'ASSAULT' && x.status === 'asserted')!;
    expect(asserted.actor).toBeNull();
    const claimed = doc.events.find((x) => x.type === 'ASSAULT' && x.status === 'claimed')!;
    expect(claimed.actor?.country).toBe('RUS');
  });

  it('an arrest with no one named arresting is made by the police of the place', () => {
    const doc = run('On 2 April 2021, two journalists were arrested in Harare.');
    const e = first(doc, 'COERCE');
    expect(e.actor).toMatchObject({ country: 'ZWE', sector: 'COP', inferred: true });
  });

  it('takes the actor of a heading label from the sentence it introduces', () => {
    const doc = run('Property destruction: On 12 May 2021, in Kyaukse township (Mandalay region), the Myanmar military set houses on fire.');
    const main = doc.events.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    expect(main.actor?.country).toBe('MMR');
    expect(main.actor?.inferred).toBe(true);
    expect(spanText(doc, main.actor?.span)).toBe('the Myanmar military');
  });
});

describe('actors named around the trigger', () => {
  it('a demonym before an event noun is its actor', () => {
    const e = first(run('Turkish air strikes hit a village near Duhok on Sunday.'), 'ASSAULT');
    expect(e.actor).toMatchObject({ country: 'TUR', sector: 'MIL' });
    expect(e.actor?.inferred).toBeUndefined();
  });

  it('an actor name that looks like a verb ("IS") does not end the subject', () => {
    const e = first(run('On 5 May 2021, IS militants detonated a bomb at a checkpoint in Kirkuk.'), 'ASSAULT');
    expect(e.actor?.text).toBe('IS militants');
  });

  it('a crowd noun that is itself the trigger is the actor', () => {
    const e = first(run('On 1 March 2021, protesters gathered in front of the town hall in Varna.'), 'PROTEST');
    expect(e.actor).toMatchObject({ text: 'protesters', country: 'BGR', sector: 'CVL' });
  });

  it('a weapon is an actor only with a country', () => {
    const bare = first(run('Drones attacked the port of Odesa overnight.'), 'ASSAULT');
    expect(bare.actor?.text).not.toBe('Drones');
    const russian = first(run('Russian drones attacked the port of Odesa overnight.'), 'ASSAULT');
    expect(russian.actor).toMatchObject({ text: 'Russian drones', country: 'RUS', sector: 'MIL' });
  });
});

describe('claimed deeds and compound event nouns', () => {
  it('a party claiming a strike is its actor, and the strike is claimed', () => {
    const e = first(run('On 9 March 2021, the Chadian army claimed an airstrike against rebels near Mao, killing several fighters.'), 'ASSAULT');
    expect(e.actor?.country).toBe('TCD');
    expect(e.status).toBe('claimed');
    expect(e.claimedBy.map((c) => c.country)).toEqual(['TCD']);
  });

  it('a statement that an attack killed people does not make the speaker its actor', () => {
    const e = first(run('Police said the attack killed five people in Kano.'), 'ASSAULT');
    expect(e.actor?.sector).not.toBe('COP');
  });

  it('an armed actor before a compound event noun is its actor ("the Moroccan army drone strike")', () => {
    const e = first(run('On 14 January 2021, a Moroccan army drone strike hit a convoy near Mahbes.'), 'ASSAULT');
    expect(e.actor).toMatchObject({ country: 'MAR', sector: 'MIL' });
  });
});

describe('descriptions are not actors', () => {
  it('"a pro-Ukraine rally" is not Ukraine protesting', () => {
    const e = first(run('On 3 March 2021, hundreds held a pro-Ukraine rally outside City Hall in Boston.'), 'PROTEST');
    expect(e.actor?.country).toBe('USA');
  });
});

describe('performative statements', () => {
  it('who declares a state of emergency imposes it (asserted, not claimed)', () => {
    const doc = run("Mali's interim President Amadou Sanogo spoke on Monday. Sanogo declared a state of emergency across the country.");
    const e = first(doc, 'COERCE');
    expect(e.actor).toMatchObject({ text: 'Sanogo', country: 'MLI' });
    expect(e.status).toBe('asserted');
  });
});

describe('relative clauses', () => {
  it('the subject before ", who …," is the actor of the verb after the relative clause', () => {
    const doc = run('UN envoy Martin Griffiths, who was visiting Aden on Friday, condemned the attack.');
    const e = first(doc, 'ACCUSE');
    expect(e.actor?.country).toBe('IGO');
  });
});
