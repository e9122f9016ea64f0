import { beforeAll, describe, expect, it } from 'vitest';
import { loadResources, type Resources } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { makeDoc } from '../ingest/article.js';
import type { FullDoc, Quantity } from '../doc.js';
import { fatalitiesFor } from './quantities.js';

let res: Resources;
const pipeline = defaultPipeline();

beforeAll(async () => {
  res = await loadResources({ settings: { eventModel: null } });
});

function run(text: string): FullDoc {
  return pipeline.run(makeDoc({ id: 'q', text }), res);
}

function quantities(text: string): Quantity[] {
  return run(text).quantities;
}

function mainFatalities(text: string) {
  const doc = run(text);
  let best = null as FullDoc['events'][number] | null;
  for (const e of doc.events) if (e.acled && (!best || e.confidence > best.confidence)) best = e;
  return best ? fatalitiesFor(doc, best) : null;
}

describe('quantities', () => {
  it('reads qualifiers as the conventions say', () => {
    const [atLeast] = quantities('At least 12 people were killed in the raid.');
    expect(atLeast).toMatchObject({ min: 12, max: null, unit: 'killed', qualifier: 'at least' });
    const [more] = quantities('More than 20 soldiers died in the fighting.');
    expect(more).toMatchObject({ min: 21, max: null, unit: 'killed' });
    const [about] = quantities('About 40 protesters were detained by police.');
    expect(about).toMatchObject({ min: 40, max: 40, unit: 'arrested' });
  });

  it('maps vague amounts and number words', () => {
    expect(quantities('Dozens of people were wounded.')[0]).toMatchObject({ min: 24, max: null, unit: 'wounded' });
    expect(quantities('Hundreds of residents were displaced.')[0]).toMatchObject({ min: 200, unit: 'displaced' });
    expect(quantities('Several villagers were abducted.')[0]).toMatchObject({ min: 3, unit: 'abducted' });
    expect(quantities('Thousands of people marched in the capital.')[0]).toMatchObject({ min: 2000, max: null });
    expect(quantities('A dozen traders were arrested.')[0]).toMatchObject({ min: 12, max: 12, unit: 'arrested' });
    expect(quantities('Twenty-five fighters were killed.')[0]).toMatchObject({ min: 25, max: 25, unit: 'killed' });
  });

  it('reads words that are also Object.prototype properties as words, not numbers', () => {
    // number words are looked up in a table; "constructor" must not be found there
    const qs = quantities('The constructor said three workers were killed at the site.');
    expect(qs.every((q) => typeof q.min === 'number' || q.min === null)).toBe(true);
    expect(qs.find((q) => q.unit === 'killed')).toMatchObject({ min: 3, max: 3 });
  });

  it('keeps killed and wounded apart in one sentence', () => {
    const qs = quantities('Gunmen attacked the market, killing one civilian and wounding four others.');
    expect(qs.find((q) => q.unit === 'killed')).toMatchObject({ min: 1, max: 1 });
    expect(qs.find((q) => q.unit === 'wounded')).toMatchObject({ min: 4, max: 4 });
  });

  it('reads ranges and zero casualties', () => {
    expect(quantities('3-4 members of the family were wounded.')[0]).toMatchObject({ min: 3, max: 4, unit: 'wounded' });
    expect(quantities('Between 40 and 50 activists gathered outside the court.')[0]).toMatchObject({ min: 40, max: 50 });
    expect(quantities('No casualties were reported after the shelling.')[0]).toMatchObject({ min: 0, max: 0, unit: 'killed' });
  });

  it('does not count dates, times, ages or unit numbers', () => {
    const qs = quantities('On 12 March 2022 at 7 am, battalion 101 moved 30 km north with a 45-year-old commander.');
    expect(qs.filter((q) => q.unit === 'killed')).toHaveLength(0);
    expect(qs.some((q) => q.min === 12 || q.min === 2022 || q.min === 7 || q.min === 101 || q.min === 45)).toBe(false);
  });

  it('does not count the doers of an active verb', () => {
    const qs = quantities('Three gunmen killed a farmer near the river.');
    expect(qs.find((q) => q.min === 3)?.unit).not.toBe('killed');
    expect(qs.find((q) => q.unit === 'killed')).toMatchObject({ min: 1, max: 1 });
  });

  it('counts one person in long singular noun phrases and "shot dead N"', () => {
    expect(quantities('A suspected gang member was killed in a shootout with police in Durban.')[0]).toMatchObject({ min: 1, unit: 'killed' });
    expect(quantities('A 35-year-old farmer on his way home from the fields was shot dead near the river.')[0]).toMatchObject({ min: 1, unit: 'killed' });
    expect(quantities("A man's body with stab wounds was found near the market.")[0]).toMatchObject({ min: 1, unit: 'killed' });
    expect(quantities('Police shot dead two suspects and injured another one.')[0]).toMatchObject({ min: 2, unit: 'killed' });
  });

  it('counts the dead from "the bodies of" and across a bracketed name', () => {
    expect(quantities('The bodies of three herders were found in a ditch.')[0]).toMatchObject({ min: 3, unit: 'killed' });
    expect(quantities('Four presumed Ansaroul Islam (JNIM) fighters were killed near the border.')[0]).toMatchObject({ min: 4, unit: 'killed' });
  });

  it('does not read a count as killed across the noun phrase\'s own verb', () => {
    const qs = quantities('Radios carried by hundreds of militia members exploded across the city on Monday, killing at least 9 people.');
    expect(qs.find((q) => q.text === 'hundreds')?.unit).not.toBe('killed');
    expect(qs.find((q) => q.text === 'at least 9')).toMatchObject({ min: 9, unit: 'killed' });
    expect(quantities('Two children were beaten and killed by the mob.')[0]).toMatchObject({ min: 2, unit: 'killed' });
  });

  it('counts a named person shot dead as one killed', () => {
    const qs = quantities('Haitian President Jovenel Moise was shot dead at his residence overnight.');
    expect(qs.find((q) => q.unit === 'killed')).toMatchObject({ min: 1, max: 1 });
  });

  it('reads a protest size tag', () => {
    const q = quantities('Residents demonstrated outside the town hall. [size=hundreds]').find((x) => x.qualifier === 'size');
    expect(q).toMatchObject({ min: 200, max: null, unit: 'protesters' });
  });
});

describe('fatalitiesFor', () => {
  it('counts the killed, never the wounded', () => {
    expect(mainFatalities('A roadside bomb killed two soldiers and wounded five others near the bridge.')).toMatchObject({ min: 2, max: 2 });
    expect(mainFatalities('A roadside bomb wounded five soldiers near the bridge.')).toBeNull();
  });

  it('adds up counts of different groups and skips subsets', () => {
    expect(mainFatalities('Militants ambushed a convoy; 6 soldiers and 2 civilians were killed.')?.min).toBe(8);
    expect(mainFatalities('An airstrike killed 9 people, including 4 children, in the village.')?.min).toBe(9);
  });

  it('does not add a breakdown of a toll to the toll, and reads an estimated toll', () => {
    expect(mainFatalities('On 3 May 2021, soldiers raided Kyaukse village and killed four farmers. Two were burned to death and the other two were shot dead.')).toMatchObject({ min: 4, max: 4 });
    expect(mainFatalities('On 3 May 2021, militants shelled army positions near Hama. Unknown fatalities estimated as 10.')).toMatchObject({ min: 10, max: 10 });
  });

  it('gives zero when the text says nobody died, and nothing for statements', () => {
    expect(mainFatalities('Artillery shelled the village overnight. No casualties were reported.')).toMatchObject({ min: 0, max: 0 });
    expect(mainFatalities('Students marched to the ministry to demand lower fees.')).toBeNull();
  });
});
