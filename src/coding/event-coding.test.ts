// Event coding end to end on short reports written for these tests: which events an article
// yields (no more, no fewer), their PLOVER type/mode, status, date and toll.

import { beforeAll, describe, expect, it } from 'vitest';
import { loadResources, type Resources } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { makeDoc } from '../ingest/article.js';
import type { Event } from '../doc.js';

let res: Resources;
const pipeline = defaultPipeline();

beforeAll(async () => {
  res = await loadResources({ settings: { eventModel: null } });
});

function events(text: string, published = '2024-03-20'): Event[] {
  return pipeline.run(makeDoc({ id: 't', text, published }), res).events;
}

const types = (es: Event[]) => es.map((e) => `${e.type}/${e.mode ?? '-'}/${e.status}`);

describe('seizures of power and territory', () => {
  it('codes a coup and the arrests that came with it as two COERCE events', () => {
    const es = events('Army officers seized power in a coup on Tuesday and detained the prime minister.');
    expect(types(es)).toEqual(['COERCE/seize/asserted', 'COERCE/arrest/asserted']);
    expect(es[0]!.date?.start).toBe('2024-03-19');
  });

  it('codes control held since a past war as a historical seizure dated by the war', () => {
    const es = events('The valley lies inside the country, but since a war in 2008, separatist fighters backed by the neighbour have controlled the valley.');
    const seize = es.filter((e) => e.type === 'COERCE');
    expect(seize).toHaveLength(1);
    expect([seize[0]!.mode, seize[0]!.status, seize[0]!.date?.start.slice(0, 4)]).toEqual(['seize', 'historical', '2008']);
  });

  it('codes occupation of territory as COERCE/seize and a takeover of a town the same way', () => {
    expect(types(events('In the 1990s rebel forces occupied parts of the northern province.'))).toEqual(['COERCE/seize/historical']);
    const es = events('Insurgents took control of the town of Kalo on Monday, residents said.');
    expect(es.map((e) => e.type)).toEqual(['COERCE']);
    expect(es[0]!.acled?.sub_event_type).toBe('Non-state actor overtakes territory');
  });

  it('does not code a participle used as an adjective as an event', () => {
    const es = events('The union called for the release of the detained teachers.');
    expect(es.map((e) => e.type)).toEqual(['REQUEST']);
  });
});

describe('protests and police action', () => {
  it('codes tear gas fired at a crowd as one police ASSAULT filed under the protest', () => {
    const es = events('Police fired tear gas at demonstrators outside parliament on Monday.');
    expect(types(es)).toEqual(['ASSAULT/crowd-control/asserted']);
    expect(es[0]!.acled?.event_type).toBe('Protests');
  });

  it('keeps the arson of a protest inside the protest', () => {
    const es = events('Protesters set fire to the governor\'s office in the city on Friday.');
    expect(es.map((e) => e.type)).toEqual(['PROTEST']);
    expect(es[0]!.mode).toBe('riot');
  });

  it('does not take what a protest demands or what people are asked to refrain from as events', () => {
    expect(events('Protests demanding the mayor\'s resignation began in January.', '2024-03-20').map((e) => e.type)).toEqual(['PROTEST']);
    expect(events('The council appealed for calm and called on residents to refrain from violence and looting.').map((e) => e.type)).toEqual(['REQUEST']);
  });
});

describe('one event per occurrence', () => {
  it('counts the wounded of an attack told earlier with that attack', () => {
    const es = events('A roadside bomb hit a bus near the town on Monday. Eleven passengers were wounded in the attack, the governor said.');
    expect(es.filter((e) => e.type === 'ASSAULT')).toHaveLength(1);
  });

  it('lets the named clash carry the dead ("killed in a shootout")', () => {
    const es = events('Police said they had killed three suspects in a shootout on Sunday.');
    const a = es.filter((e) => e.type === 'ASSAULT');
    expect(a).toHaveLength(1);
    expect(a[0]!.fatalities?.min).toBe(3);
  });

  it('does not make events of "according to", the noun "damage" or "gathering information"', () => {
    expect(events('According to the ministry, the convoy reached the border.').some((e) => e.type === 'AGREE')).toBe(false);
    expect(events('The strike on Monday caused damage to a school.').filter((e) => e.type === 'ASSAULT')).toHaveLength(1);
    expect(events('The agency said it was gathering information on the incident.').some((e) => e.type === 'PROTEST' || e.type === 'ASSAULT')).toBe(false);
  });

  it('merges one party\'s condemnation and blame in one sentence into one accusation', () => {
    const es = events('A car bomb exploded in the market on Monday. France condemned the bombing and blamed the rebels for it.');
    expect(es.filter((e) => e.type === 'ACCUSE')).toHaveLength(1);
  });
});

describe('tolls, dates and background', () => {
  it('attaches a toll told later about "that war" to the war of that year', () => {
    const es = events('Fighting broke out between the two states in 2016. More than 400 people died in that war in 2016.');
    const war = es.find((e) => e.type === 'ASSAULT')!;
    expect(war.status).toBe('historical');
    expect(war.fatalities?.min).toBe(401);
  });

  it('dates "for a second day on Sunday" from the Saturday', () => {
    const es = events('Troops and rebels fought for a second day on Sunday in the capital.', '2024-03-18');
    expect(es[0]!.date).toMatchObject({ start: '2024-03-16', end: '2024-03-17' });
  });

  it('reads "in May" as the month, not a modal, so a past clash is background', () => {
    const es = events('He resigned as minister in May after clashes between his supporters and police.', '2024-07-10');
    expect(es.every((e) => e.status !== 'hypothetical')).toBe(true);
    expect(es.find((e) => e.type === 'RETREAT')?.status).toBe('historical');
  });

  it('does not date a past statement by an announced day later in its paragraph', () => {
    const es = events('The government condemned the raid. The council will meet on Friday to discuss it.', '2024-03-20');
    const acc = es.find((e) => e.type === 'ACCUSE')!;
    expect(acc.status).toBe('asserted');
    expect(acc.date?.start <= '2024-03-20').toBe(true);
  });

  it('dates "after the Oct. 7 attack" to the past Oct. 7 and keeps it apart from the clause dated otherwise', () => {
    const es = events('The militia has fired rockets across the border since November last year, when it began shelling army posts after the Oct. 7 attack on the base.', '2024-09-18');
    const oct = es.find((e) => e.date?.start === '2023-10-07');
    expect(oct?.status).toBe('historical');
    expect(oct?.date?.end).toBe('2023-10-07');
  });

  it('does not date an act by a day inside a relative clause it is outside of, nor by a clock time when a day is named', () => {
    const acc = events('Fighting in the capital ended on Thursday. The general, who spoke on state radio on Friday evening, accepted the terms of the mediators.', '2024-03-24');
    expect(acc.find((e) => e.type === 'AGREE')?.date?.start).not.toBe('2024-03-22');
    const cur = events('The authorities imposed a curfew from 9 p.m. to 5 a.m. on Friday.', '2024-03-24');
    expect(cur.find((e) => e.type === 'COERCE')?.date?.start).toBe('2024-03-22');
  });
});

describe('who agreed, who was killed where', () => {
  it('codes two parties agreeing to one proposal as one agreement', () => {
    const es = events('The army and the rebels agreed to a proposal for a three-day truce on Sunday.', '2024-03-18');
    expect(es.filter((e) => e.type === 'AGREE')).toHaveLength(1);
  });

  it('lets "clashes" carry the dead of "killed in clashes"', () => {
    const es = events('Three aid workers were killed in clashes in the provincial capital on Saturday.', '2024-03-18');
    const a = es.filter((e) => e.type === 'ASSAULT');
    expect(a).toHaveLength(1);
    expect(a[0]!.fatalities?.min).toBe(3);
  });
});

describe('missing and noisy triggers', () => {
  it('finds drones launched, aircraft that bombed, and a response by fire', () => {
    const d = events('Rebel forces launched a wave of drones at the airport overnight, officials said.');
    expect(d.map((e) => e.acled?.sub_event_type)).toContain('Air/drone strike');
    const a = events('Warplanes bombed villages east of the river on Wednesday, residents said.');
    expect(a.map((e) => e.acled?.sub_event_type)).toEqual(['Air/drone strike']);
    const r = events('The ministry said the army responded by targeting enemy positions.');
    expect(r.some((e) => e.type === 'ASSAULT')).toBe(true);
  });

  it('codes weapons seized as disrupted weapons use, and destroyed mines too', () => {
    expect(events('Forty rifles and 2,000 rounds of ammunition were seized at a checkpoint.').map((e) => e.acled?.sub_event_type)).toContain('Disrupted weapons use');
    expect(events('Troops destroyed 40 mines and 12 improvised explosive devices during the operation.').find((e) => e.acled)?.acled?.sub_event_type).toBe('Disrupted weapons use');
  });

  it('does not make an air strike on chemical facilities a chemical attack, but gas dropped from aircraft is one', () => {
    expect(events('Jets struck three chemical weapons facilities near the capital on Tuesday.').find((e) => e.acled)?.acled?.sub_event_type).toBe('Air/drone strike');
    expect(events('Helicopters dropped barrels filled with chlorine on the town on Tuesday.').find((e) => e.acled)?.acled?.sub_event_type).toBe('Chemical weapon');
  });

  it('does not count a characterisation or the damage of an attack already told as new attacks', () => {
    const es = events('Gunmen attacked a market in the town on Monday, killing five people. "This was a cowardly attack on civilians," the mayor said. Officials said six shops had been destroyed.');
    expect(es.filter((e) => e.type === 'ASSAULT' && e.status === 'asserted')).toHaveLength(1);
  });

  it('merges a restatement of the same two sides fighting in one paragraph', () => {
    const es = events('Indian and Pakistani troops clashed on the border on Monday. The two countries have recently clashed over the disputed area.');
    expect(es.filter((e) => e.type === 'ASSAULT')).toHaveLength(1);
  });
});

describe('death tolls of an event', () => {
  it('counts one named or singular victim of a killing as one death, and no more for a group', () => {
    expect(events('The mayor of the town, Ana Ruiz, was shot dead outside her home on Monday.').find((e) => e.type === 'ASSAULT')?.fatalities?.min).toBe(1);
    expect(events('Gunmen killed a local journalist in the market on Monday.').find((e) => e.type === 'ASSAULT')?.fatalities?.min).toBe(1);
    expect(events('Gunmen killed members of a family in the village on Monday.').find((e) => e.type === 'ASSAULT')?.fatalities?.min ?? null).toBeNull();
  });
});

describe('agreements, participants and background denials', () => {
  it('codes a war ended through mediation as an agreement, not talks', () => {
    const es = events('The four-month war in 2012 then ended with Qatari mediation.');
    expect(es.map((e) => e.type)).toContain('AGREE');
    expect(es.some((e) => e.type === 'CONSULT')).toBe(false);
  });

  it('does not code the perpetrators of a named act as an attack of their own', () => {
    const es = events('Police said they had shot dead two suspected gunmen in a raid on Tuesday.');
    expect(es.filter((e) => e.type === 'ASSAULT')).toHaveLength(1);
  });

  it('keeps a denial told as background a REJECT and makes no denied copy of the news', () => {
    const es = events('Jets struck a market in the town on Monday, rescuers said. A similar strike hit the town in May 2015. The government denied responsibility in 2015.', '2024-03-20');
    expect(es.some((e) => e.status === 'denied')).toBe(false);
    expect(es.find((e) => e.type === 'REJECT')?.status).toBe('historical');
  });
});

describe('one event per date of a plural act', () => {
  it('splits "coups in August 2019 and March 2022" into two dated seizures', () => {
    const es = events('The junta, which took power in coups in August 2019 and March 2022, has banned all parties.', '2024-03-20');
    const coups = es.filter((e) => e.type === 'COERCE' && e.mode === 'seize');
    expect(coups.map((e) => e.date?.start).sort()).toEqual(['2019-08-01', '2022-03-01']);
    expect(coups.every((e) => e.status === 'historical')).toBe(true);
  });

  it('codes an attack whose means are not named as an ASSAULT without guessing its ACLED type', () => {
    const es = events('Government forces struck targets in the northern city on Sunday, officials said.');
    const a = es.find((e) => e.type === 'ASSAULT');
    expect(a).toBeDefined();
    expect(a!.acled).toBeNull();
  });
});

describe('the toll of a named attack and undated statements', () => {
  it('gives the dead to the attack that is the subject of "killed"', () => {
    const es = events('An air strike by government jets on the market killed 4 people on Friday, local officials said.');
    const a = es.filter((e) => e.type === 'ASSAULT');
    expect(a).toHaveLength(1);
    expect(a[0]!.fatalities?.min).toBe(4);
  });

  it('does not date a statement by a later sentence of its paragraph', () => {
    const es = events('Community leaders appealed for safe corridors. Talks between the parties stalled earlier this year.', '2024-09-20');
    const req = es.find((e) => e.type === 'REQUEST')!;
    expect(req.status).toBe('asserted');
    expect(req.date?.start.startsWith('2024-09')).toBe(true);
  });
});


describe('wording the lexicon once missed', () => {
  const sub = (text: string) => events(text).filter((e) => e.acled).map((e) => e.acled!.sub_event_type);

  it('codes firing at the other side\'s positions and monitors\' counts of fire as armed clashes', () => {
    expect(sub('On 3 May 2021, government troops fired in the direction of rebel positions near the river crossing.')).toContain('Armed clash');
    expect(sub('On 3 May 2021, the monitors recorded 40 bursts of fire involving heavy machine guns near the airport.')).toEqual(['Armed clash']);
  });

  it('codes stones thrown at people as a riot and a flag set on fire as a protest act', () => {
    expect(sub('On 3 May 2021, youths threw stones and bottles at a police patrol in the market.')).toEqual(['Violent demonstration']);
    const flags = events('On 3 May 2021, party supporters set effigies of the minister on fire outside the town hall.');
    expect(flags.map((e) => e.type)).toEqual(['PROTEST']);
  });

  it('codes a person taken away by police, a beating against a wall and a blown-up safe', () => {
    expect(sub('On 3 May 2021, a teacher was taken away by police from his home and has not been seen since.')).toContain('Abduction/forced disappearance');
    const beat = events('On 3 May 2021, guards hit a detainee\'s head against the wall of his cell.');
    expect(beat.map((e) => `${e.type}/${e.mode}`)).toEqual(['ASSAULT/beat']);
    expect(sub('On 3 May 2021, robbers blew up an ATM at a bank branch.')).toEqual(['Remote explosive/landmine/IED']);
  });

  it('codes control claimed over a village as a takeover', () => {
    expect(sub('On 3 May 2021, the rebels said they had taken control over the village of Kalo.')).toEqual(['Non-state actor overtakes territory']);
  });

  it('places an event at no known place in the country a named mission works in', () => {
    const es = events('On 3 May 2021, the OSCE SMM observed 12 shots involving small arms near Xyzzyvka.');
    expect(es.map((e) => [e.acled?.sub_event_type, e.location?.country, e.location?.precision, e.location?.lat])).toEqual([['Armed clash', 'UKR', 'country', null]]);
    expect(es[0]!.location?.evidence).toEqual({ start: 15, end: 27 });
  });

  it('does not place an event in a word of an armed group\'s name that is also a place', () => {
    const es = events('On 3 May 2021, ISWAP fighters attacked a camp of Boko Haram militants, killing three of them.');
    const clash = es.find((e) => e.acled);
    expect(clash?.location?.country).toBe('NGA');
  });

  it('places an event with no place at all in the country its actors are stated to belong to, or nowhere when they differ', () => {
    const es = events('On 3 May 2021, Somali soldiers blocked the main road over unpaid salaries.');
    expect(es.map((e) => [e.acled?.sub_event_type, e.location?.country, e.location?.precision])).toEqual([['Peaceful protest', 'SOM', 'country']]);
    const two = events('On 3 May 2021, Somali soldiers and Kenyan soldiers blocked the main road over unpaid salaries.');
    expect(two.map((e) => e.location)).toEqual([null]);
  });
});
