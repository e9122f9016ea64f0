// Roles through the whole pipeline (wink-nlp's real tags), for constructions news uses daily.
// "N were killed when X attacked Y": the agent of the subordinate clause's verb is its own
// subject, not the main clause's. Through the whole pipeline, because the bug lived in wink-nlp's
// tags: "when" is tagged an adverb, "after" and "as" prepositions, and "rebels" sometimes a verb,
// so the clause of "attacked" used to run from the sentence's start and its subject was the
// victims (coded as attacking themselves).

import { beforeAll, describe, expect, it } from 'vitest';
import { extractRecord, type Extractor } from '../../extract.js';
import type { SpecResult } from '../../output/spec.js';
import { loadResources } from '../../resources.js';
import { defaultPipeline } from '../../stages.js';

let ex: Extractor;
beforeAll(async () => {
  ex = { pipeline: defaultPipeline(), resources: await loadResources() };
});

/** The SPEC result of a text (published 5 March 2024 unless given). */
function extracted(text: string, published = '2024-03-05'): SpecResult {
  const out = extractRecord(ex, { id: 't', text, published });
  expect('error' in out).toBe(false);
  return out as SpecResult;
}

/** The ASSAULT events of one sentence as "actor -> target" (the texts of the mentions). */
function assaults(text: string): string[] {
  return extracted(text).events.filter((e) => e.type === 'ASSAULT').map((e) => `${e.actor?.text ?? null} -> ${e.target?.text ?? null}`);
}

describe('roles in a subordinate clause', () => {
  it('takes the agent from "when X <verb>" and the victims from the passive main clause', () => {
    expect(assaults('At least 20 civilians were killed when the Rapid Support Forces shelled a market in Omdurman on Monday.')).toEqual([
      'Rapid Support Forces -> civilians',
    ]);
    expect(assaults('Five soldiers were killed when militants attacked a checkpoint near Kidal on Monday.')).toEqual(['militants -> soldiers']);
  });

  it('reads a clause subject wink tags as a verb ("when rebels/VERB shelled")', () => {
    expect(assaults('At least 20 civilians were killed on Monday when rebels shelled a market in Omdurman.')).toEqual(['rebels -> civilians']);
  });

  it('reads "after X <verb>" as a clause, not as a prepositional phrase', () => {
    const [e] = assaults('Two people died after rebels attacked the town of Kidal on Monday.');
    expect(e?.startsWith('rebels ->')).toBe(true);
    // (striking a house is an attack: data/events/lexicon.tsv)
    expect(assaults('Three children were killed after Israeli forces struck a house in Rafah on Monday.')).toEqual(['Israeli forces -> children']);
  });

  it('leaves a phrase after "after" a phrase ("after the attack on Monday, …")', () => {
    // the attack's agent is not named: the troops who withdrew after it are not its actor
    for (const e of assaults('After the attack on Monday, troops withdrew from Kidal.')) expect(e.startsWith('troops ->')).toBe(false);
  });

  it('reads "as troops fired on a crowd" (firing on people is an attack: data/events/lexicon.tsv)', () => {
    expect(assaults('Troops fired on protesters in Khartoum on Monday.')).toEqual(['Troops -> protesters']);
    expect(assaults('Ten protesters were wounded as troops fired on a crowd in Khartoum on Monday.')).toEqual(['troops -> crowd']);
  });

  it('still reads the victims of a main clause after "as" ("… as hundreds of people waited")', () => {
    const found = assaults('A missile struck the railway station in Kramatorsk on Friday as hundreds of people waited to be evacuated.');
    expect(found.some((e) => e.endsWith('-> people'))).toBe(true);
  });
});

describe('roles of an event noun in a phrase after its verb', () => {
  it('takes the verb\'s object as the target ("Militants killed 12 soldiers in an ambush")', () => {
    expect(assaults('Militants killed 12 soldiers in an ambush in northern Burkina Faso on Sunday, the army said.')).toEqual(['Militants -> soldiers']);
  });

  it('takes no object from a preposition ("Militants in Mali attacked in an ambush")', () => {
    for (const e of assaults('Militants from Mali staged an ambush in Burkina Faso on Sunday.')) expect(e.endsWith('-> Mali')).toBe(false);
  });
});

describe('victims named by a casualty clause after a comma', () => {
  it('takes the object of ", killing …" as the target when the attack names none', () => {
    expect(assaults('The Rapid Support Forces shelled a market in Omdurman on Monday, killing at least 20 civilians, a local rights group said.')).toEqual([
      'Rapid Support Forces -> civilians',
    ]);
    expect(assaults('A suicide bomber blew himself up at a mosque in Peshawar on Friday, killing 30 worshippers.').map((e) => e.split(' -> ')[1])).toEqual(['worshippers']);
  });

  it('keeps the target the attack names ("… attacked Ukrainian troops, killing five civilians")', () => {
    expect(assaults('Russian forces attacked Ukrainian troops near Bakhmut on Monday, killing five civilians.')).toEqual(['Russian forces -> Ukrainian troops']);
  });
});

/** The events of a text of the given type as "actor -> target [claimed by]" (the texts of the mentions). */
function coded(text: string, type: string): string[] {
  return extracted(text).events
    .filter((e) => e.type === type)
    .map((e) => `${e.actor?.text ?? null} -> ${e.target?.text ?? null}${e.claimedBy.length ? ` [${e.claimedBy.map((c) => c.text).join(', ')}]` : ''}`);
}

describe('who an attack or a protest is aimed at', () => {
  it('takes the party after "at"/"into" of an attack as its target, not a later mention', () => {
    expect(assaults('Police fired tear gas and water cannon at demonstrators near the parliament in Colombo on Saturday, and the main hospital said dozens were treated.')).toEqual([
      'Police -> demonstrators',
    ]);
  });

  it('keeps the party aimed at, not the country the attack happened in', () => {
    expect(assaults('Troops fired at protesters in Syria on Monday.')).toEqual(['Troops -> protesters']);
  });

  it('takes the institution a protest gathers outside as its target', () => {
    expect(coded('Hundreds of protesters gathered outside the French embassy in Ouagadougou on Saturday, throwing stones.', 'PROTEST')).toEqual(['protesters -> the French embassy']);
  });

  it('takes a clinic struck as a medical target', () => {
    const out = extracted('A rocket struck one of the clinics in Douma on Wednesday, rescue workers said.', '2013-08-22');
    const [e] = out.events.filter((x) => x.type === 'ASSAULT');
    expect([e?.target?.text, e?.target?.sector]).toEqual(['the clinics', 'MED']);
  });
});

describe('the claimed copy of a blamed attack', () => {
  it('turns the sides round when the blame falls on the attack\'s own target, instead of having it attack itself', () => {
    const text =
      'Azerbaijani forces ambushed a convoy of Armenian forces near Kapan on Wednesday, killing 12 soldiers, witnesses said. ' +
      "Azerbaijan's Defence Ministry denied responsibility and blamed Armenian forces for the attack.";
    const claimed = coded(text, 'ASSAULT').filter((e) => e.endsWith("[Azerbaijan's Defence Ministry]") && e.startsWith('Armenian forces'));
    expect(claimed).toEqual(["Armenian forces -> Azerbaijani forces [Azerbaijan's Defence Ministry]"]);
  });
});

describe('a report\'s aftermath sentence', () => {
  const text =
    'Azerbaijani forces ambushed a convoy of Armenian forces near Kapan on Wednesday (September 20), killing 12 soldiers, witnesses said.\n\n' +
    'The local administration put the number of wounded at 13 and said 4 houses had been destroyed. Talks between the parties stalled earlier this year.';

  it('counts the wounded and the agentless damage as results of the attack, not an attack by the speaker', () => {
    expect(assaults(text)).toEqual(['Azerbaijani forces -> Armenian forces']);
  });

  it('dates an undated event by the article\'s lead, not by a vague date of the next sentence', () => {
    const report = 'Rebels attacked a checkpoint near Kidal on Monday (March 4).\n\nGunmen also burned a school in Gao, the army said. Talks stalled earlier this year.';
    const out = extracted(report);
    const burned = out.events.find((e) => e.type === 'ASSAULT' && e.evidence[0]!.start >= report.indexOf('Gunmen'));
    expect(burned?.date?.start).toBe('2024-03-04');
    expect(burned?.status).not.toBe('historical');
  });
});

describe('a defence ministry in an attack', () => {
  it('codes the armed forces it speaks for (MIL), not the government, as the actor of the strike it denies', () => {
    const text = 'A missile struck a shopping centre in Kremenchuk on Monday, killing 18 people, officials said. Russia\'s Defence Ministry denied carrying out the strike.';
    const out = extracted(text, '2022-06-28');
    const denied = out.events.find((e) => e.type === 'ASSAULT' && e.status === 'denied');
    expect([denied?.actor?.country, denied?.actor?.sector]).toEqual(['RUS', 'MIL']);
    // the statement's speaker stays the ministry
    expect(denied?.claimedBy.map((c) => c.sector)).toEqual(['GOV']);
  });
});

describe('a subordinate clause with a long subject', () => {
  it('reads "after thousands of protesters angry over X stormed …" as its own clause, and "official residence" as no official', () => {
    const text = 'President Gotabaya Rajapaksa will step down on Wednesday, the speaker said, after tens of thousands of protesters angry over the economic collapse stormed his official residence in Colombo on Saturday.';
    // (the residence is the president's: see "the one acted on, named by a pronoun")
    expect(coded(text, 'PROTEST')).toEqual(['protesters -> his official residence']);
  });
});

describe('the one acted on, named by a pronoun', () => {
  const events = (text: string, type: string) => extracted(text).events.filter((e) => e.type === type);

  it('"accused him", "protests against his rule": the person named before', () => {
    const text = 'Haitian President Jovenel Moise was killed on Wednesday. Moise, 53, had governed by decree since January 2020. Opposition leaders had accused him of seeking to overstay his mandate, and protests against his rule had turned violent.';
    const accuse = events(text, 'ACCUSE')[0]!;
    expect(accuse.target).toMatchObject({ text: 'him', name: 'Jovenel Moise', country: 'HTI', sector: 'GOV' });
    expect(events(text, 'PROTEST')[0]!.target).toMatchObject({ text: 'his rule', name: 'Jovenel Moise' });
    // the killing itself stays an attack, though its paragraph speaks of opposition and protests
    expect(events(text, 'ASSAULT')[0]).toMatchObject({ acled: { sub_event_type: 'Attack' }, mode: 'targeted' });
  });

  it('"stormed his official residence": the president named by name, not the official described after him, and not his army', () => {
    const [storm] = events('Sri Lankan President Gotabaya Rajapaksa will step down on Wednesday, the speaker of parliament said, after thousands of protesters stormed his official residence in Colombo on Saturday.', 'PROTEST');
    expect(storm!.target).toMatchObject({ text: 'his official residence', name: 'Gotabaya Rajapaksa', country: 'LKA', sector: 'GOV' });
  });

  it('"three of its employees were killed in clashes": the organisation\'s staff are the target, not a side', () => {
    const [clash] = events('The World Food Programme said three of its employees were killed in clashes in Kabkabiya on Saturday.', 'ASSAULT');
    expect(clash!.target).toMatchObject({ text: 'its employees', country: 'IGO' });
    expect(clash!.actor?.text).not.toBe('its employees');
    // soldiers killed in clashes were a side in them
    expect(events('Three soldiers were killed in clashes in Kabkabiya on Saturday.', 'ASSAULT')[0]!.actor?.text).toBe('soldiers');
  });

  it('who was killed or taken in an ambush or a raid is its target; "by X" its actor', () => {
    expect(assaults('Five soldiers were killed in an ambush near Kidal on Monday.')).toEqual(['unidentified armed group -> soldiers']);
    expect(assaults('Two militants were killed in a raid by security forces in Kano.')).toEqual(['security forces -> militants']);
  });

  it('a possessive before anything else names no one', () => {
    expect(extracted('The party posted a statement in her name urging people to protest.').mentions.actors.map((a) => a.text)).not.toContain('her');
    const [accuse] = events('The minister condemned his critics on Monday.', 'ACCUSE');
    expect(accuse?.target?.text ?? null).not.toBe('his');
  });
});

describe('one event per occurrence', () => {
  it('talks asked for are the request\'s content; a meeting asked for that will be held is an event too', () => {
    expect(extracted('Community leaders appealed for safe corridors and called for a return to negotiations.').events.map((e) => e.type)).toEqual(['REQUEST']);
    expect(extracted('Britain and France requested an emergency meeting of the U.N. Security Council, which is due to convene on Wednesday.').events.map((e) => e.type)).toContain('CONSULT');
  });

  it('a second reported clause ("… and that reports of civilian deaths were false") is no part of the first one\'s roles', () => {
    const [strike] = extracted("Azerbaijan's Defence Ministry said the operation targeted military positions and that reports of civilian deaths were false.").events.filter((e) => e.type === 'ASSAULT');
    expect(strike?.target?.sector ?? null).not.toBe('CVL');
  });

  it('a raid an arrest was made in is how it was made, not a second event', () => {
    const out = extracted('Police said the suspect had been arrested in a raid on a house in Kano on Monday.');
    expect(out.events.map((e) => e.acled?.sub_event_type ?? e.type)).toEqual(['Arrests']);
    // a raid told on its own is an event
    expect(extracted('Security forces carried out a raid on a house in Kano on Monday.').events.map((e) => e.type)).toContain('ASSAULT');
  });
});

describe('who speaks of an act, and who offers help', () => {
  it('"condemned the killing": the condemning party is no actor of the killing; "stood ready to assist" is an offer of aid', () => {
    const out = extracted('The United States condemned the killing and said it stood ready to assist Haiti.', '2021-07-08');
    const killing = out.events.find((e) => e.type === 'ASSAULT');
    expect(killing?.actor?.country ?? null).not.toBe('USA');
    expect(out.events.find((e) => e.type === 'AGREE')).toMatchObject({ cameo: '033', actor: { country: 'USA' } });
  });
});
