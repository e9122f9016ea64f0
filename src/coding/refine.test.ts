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

/** The report's main event, as the benchmarks choose it. */
function main(text: string): Event | null {
  const doc = pipeline.run(makeDoc({ id: 'r', text }), res);
  let best: Event | null = null;
  for (const e of doc.events) if (e.acled && (!best || e.confidence > best.confidence)) best = e;
  return best;
}

const sub = (text: string) => main(text)?.acled?.sub_event_type ?? null;

describe('refineEvent', () => {
  it('escalates a protest by what the authorities and the crowd did', () => {
    expect(sub('Hundreds of nurses protested outside the ministry over unpaid wages.')).toBe('Peaceful protest');
    expect(sub('Hundreds of nurses protested outside the ministry; police fired tear gas to disperse them.')).toBe('Protest with intervention');
    expect(sub('Students demonstrated in the city centre and threw stones at the police.')).toBe('Violent demonstration');
    expect(sub('Soldiers opened fire on protesters in the square, killing three demonstrators.')).toBe('Excessive force against protesters');
  });

  it('does not take an intervention asked for or refused, or the arrest a protest is about, as intervention at it', () => {
    expect(sub('Around 50 people protested in Loule, demanding the end of Russian intervention in Ukraine.')).toBe('Peaceful protest');
    expect(sub('Residents protested in Asuncion against a factory and asked the mayor to intervene.')).toBe('Peaceful protest');
    expect(sub('Activists demonstrated in Eksjo. Police forces were present but did not intervene.')).toBe('Peaceful protest');
    expect(sub('Journalists protested in Mardin for the release of a colleague who was arrested last week.')).toBe('Peaceful protest');
    // the police's own acts at the protest still are
    expect(sub('Activists demonstrated in Eksjo and police intervened, detaining five of them.')).toBe('Protest with intervention');
  });

  it('does not take a demand for an arrest as police intervention', () => {
    expect(sub('Relatives of the victim rallied outside the court, calling for the arrest of the driver.')).toBe('Peaceful protest');
  });

  it('tells an armed clash from an attack on civilians by the victims', () => {
    expect(sub('Gunmen killed four villagers in their homes overnight.')).toBe('Attack');
    expect(sub('Two soldiers were killed by militants near the border post.')).toBe('Armed clash');
  });

  it('codes a named armed group\'s detentions as abductions, and the police\'s as arrests', () => {
    expect(sub('On 1 May 2022, QSD detained a civilian near the roundabout in Ar-Raqqa city.')).toBe('Abduction/forced disappearance');
    expect(sub('On 1 May 2022, police detained a civilian near the roundabout in Ar-Raqqa city.')).toBe('Arrests');
  });

  it('tells a mob from a militia', () => {
    expect(sub('An angry mob beat a suspected thief in the market.')).toBe('Mob violence');
  });

  it('codes rioters with no demonstration around them as a mob, and a demonstration\'s rioters as a violent demonstration', () => {
    expect(sub('On 14 April, rioters clashed with soldiers during a raid on the refugee camp near Tulkarm.')).toBe('Mob violence');
    expect(sub('On 13 May, rioters pelted stones at election staff transporting ballot boxes in Humla.')).toBe('Mob violence');
    expect(sub('On 14 April, demonstrators protesting the arrests clashed with soldiers, and rioters threw stones at the police in Tulkarm.')).toBe('Violent demonstration');
  });

  it('codes an attack on aircraft as fighting, not as an air strike', () => {
    expect(sub('On 6 June 2022, PKK militants attacked Turkish army helicopters in the Mervanos area of Duhok.')).toBe('Armed clash');
    expect(sub('On 24 February 2022, Ukrainian forces downed a Russian helicopter over Bucha.')).not.toBe('Air/drone strike');
    expect(sub('On 26 April 2022, militants attacked a volunteer fighter position in the village of Ougarou.')).not.toBe('Air/drone strike');
    // the aircraft as the means still is one
    expect(sub('On 3 March 2022, three civilians were killed in an airstrike on the village of Ougarou.')).toBe('Air/drone strike');
    expect(sub('On 3 March 2022, militants attacked the village of Ougarou with drones, killing three civilians.')).toBe('Air/drone strike');
  });

  it('codes the weapon that did the killing', () => {
    expect(sub('Three farmers were killed when their tractor struck a landmine.')).toBe('Remote explosive/landmine/IED');
    expect(sub('Soldiers found and defused a roadside bomb near the school.')).toBe('Disrupted weapons use');
  });

  it('codes territory by who took it', () => {
    expect(sub('Rebels seized control of the town after heavy fighting.')).toBe('Non-state actor overtakes territory');
    expect(sub('The army took control of the town after the rebels left it peacefully.')).toBe('Non-violent transfer of territory');
  });

  it('reads the labels that open ACLED notes', () => {
    const e = main('Movement of forces: On 3 May, the army moved two battalions to the border town.');
    expect(e?.acled?.sub_event_type).toBe('Change to group/activity');
    expect(e?.rule).toMatch(/note-label:Movement of forces/);
    expect(main('Property destruction: On 3 May, unknown people damaged a school gate in the village.')?.acled?.sub_event_type).toBe('Looting/property destruction');
  });

  it('explains every refinement in the rule', () => {
    const e = main('Hundreds of nurses protested outside the ministry; police fired tear gas to disperse them.');
    expect(e?.rule).toMatch(/refine:protest\+intervention|lexicon:/);
    expect(e?.type).toBe('PROTEST');
  });

  it('leaves statements without an ACLED type', () => {
    const doc = pipeline.run(makeDoc({ id: 's', text: 'The foreign minister condemned the decision and urged restraint.' }), res);
    expect(doc.events.every((e) => e.acled === null)).toBe(true);
  });
});

describe('what a protest is against, and an abduction whose victims were found dead', () => {
  it('codes the protest, not the act it protests against', () => {
    expect(sub('On 11 May 2022, about 40 women held a demonstration in Osaka to oppose sexual violence against women.')).toBe('Peaceful protest');
    expect(sub('On 8 June 2022, residents staged a demonstration in Yapacani against a man responsible for sexually assaulting two children.')).toBe('Peaceful protest');
    // the act itself, told as such, is still coded
    expect(sub('On 8 June 2022, a man sexually assaulted two children in Yapacani.')).toBe('Sexual violence');
  });

  it('an abduction whose victims were found dead is the attack that killed them', () => {
    expect(sub('Around 8 May 2022, in Novita (Choco), the bodies of four traders who had been abducted by suspected ELN forces were found. 4 fatalities.')).toBe('Attack');
    expect(sub('On 8 May 2022, suspected ELN forces abducted four traders in Novita (Choco). There were no fatalities.')).toBe('Abduction/forced disappearance');
  });
});

describe('mines as the weapon', () => {
  it('an attack made with mines is an IED attack; a mine as a place is not', () => {
    expect(sub('On 1 February 2022, near Zzkone village (Sagaing region), a local defence force carried out a mine attack against military forces.')).toBe('Remote explosive/landmine/IED');
    expect(sub('On 8 January 2022, in Zzaze town (Sagaing region), a local defence force attacked a military convoy with mines.')).toBe('Remote explosive/landmine/IED');
    expect(sub('On 8 January 2022, gunmen attacked workers at a gold mine in Zzamfara, killing three.')).not.toBe('Remote explosive/landmine/IED');
  });
});

describe('armed victims', () => {
  it('killing a drug trafficker or gang members is a clash between armed actors (ACLED), a shopkeeper an attack', () => {
    expect(sub('On 6 May 2022, in Zzacapava (Sao Paulo), three armed suspects shot and killed a drug trafficker. 1 fatality.')).toBe('Armed clash');
    expect(sub('On 17 May 2022, in Zzap-Haitien, Nord, police shot and killed two gang members. 2 fatalities.')).toBe('Armed clash');
    expect(sub('On 6 May 2022, in Zzacapava (Sao Paulo), three armed suspects shot and killed a shopkeeper. 1 fatality.')).toBe('Attack');
  });
});

describe('a violent demonstration', () => {
  it('is one where the crowd burns property, storms a building or attacks bystanders', () => {
    expect(sub('On 5 June 2022, in Zzalina Cruz, Oaxaca, a group of people burned electoral urns and ballots to demonstrate against the lack of support. [size=no report]')).toBe('Violent demonstration');
    expect(sub('On 18 March 2022, activists held a demonstration and stormed inside the Zzindh House in Islamabad. [size=large]')).toBe('Violent demonstration');
  });

  it('nor one that burns flags, carries torches, or protests crops damaged by rain or a colleague who is detained', () => {
    expect(sub('On 28 January 2022, a group of people set party flags on fire in Zzakoli (Punjab). [size=no report]')).toBe('Peaceful protest');
    expect(sub('On 10 January 2022, several hundred people marched through the streets of Zzeiz, carrying torches, to protest against coronavirus measures. [size=several hundred]')).toBe('Peaceful protest');
    expect(sub('On 19 January 2022, farmers staged a protest in Zzohtak demanding compensation for the crops damaged due to rain. [size=no report]')).toBe('Peaceful protest');
    expect(sub('On 20 June 2022, volunteers organized a sit-in in Zzeirut to support their colleague who is detained. [size=no report]')).toBe('Peaceful protest');
  });

  it('but not one that burns an effigy, nor one against attacks on residents', () => {
    expect(sub('On 5 June 2022, in Zzalina Cruz, Oaxaca, protesters burned an effigy of the governor during a demonstration. [size=dozens]')).toBe('Peaceful protest');
    expect(sub('On 18 February 2022, dozens of people held a protest in Zzaykh Jarrah against the ongoing settler attacks on the neighbourhood\'s residents. [size=dozens]')).toBe('Peaceful protest');
  });
});

describe('an intervention without tear gas or arrests', () => {
  it('the police interrupting, preventing, removing or pushing back the crowd, or others obstructing it', () => {
    expect(sub('On 4 March 2022, several members protested outside the consulate in Zzebrecen. Police interrupted the protest and registered the organizers. [size=several]')).toBe('Protest with intervention');
    expect(sub('On 8 June 2022, climate activists staged a protest at a conference in Zzisbon. Police forces pushed protesters outside the room. [size=no report]')).toBe('Protest with intervention');
    expect(sub('On 6 June 2022, members of a rival student group obstructed the demonstration of student bodies in Zzhaka. [size=no report]')).toBe('Protest with intervention');
    // protesters interrupting a conference are no intervention against them
    expect(sub('On 8 June 2022, climate activists staged a protest and interrupted a conference in Zzisbon. [size=no report]')).toBe('Peaceful protest');
  });
});

describe('a protest that is the charge', () => {
  it('an arrest for taking part in or supporting demonstrations is an arrest, not an intervention at a protest', () => {
    expect(sub('Around 23 June 2022, police forces arrested tens of civilians on the accusation of participating in demonstrations held in April 2022 in Zzanama.')).toBe('Arrests');
    expect(sub('On 6 February 2022, a provincial deputy was arrested by the intelligence agency in Zzoma for supporting demonstrations against the state of siege.')).toBe('Arrests');
    // police arresting demonstrators at the protest is an intervention
    expect(sub('On 6 February 2022, hundreds of people demonstrated in Zzoma and police arrested 12 of them. [size=hundreds]')).toBe('Protest with intervention');
  });
});

describe('civilians under fire', () => {
  it('an off-duty or former member of the forces is a civilian victim', () => {
    expect(sub('On 1 March 2022, in Zzila Velha (Espirito Santo), an off-duty army soldier was shot and killed by two armed individuals. 1 fatality.')).toBe('Attack');
    expect(sub('Around 24 March 2022, in Zzaya Rica (Cauca), a former FARC member was killed and his body was found.')).toBe('Attack');
    expect(sub('On 1 March 2022, in Zzila Velha (Espirito Santo), an army soldier was shot and killed by two armed individuals. 1 fatality.')).toBe('Armed clash');
  });

  it('opening fire on people who did not fire back is an attack on them', () => {
    expect(sub('On 6 May 2022, in Zzaxaca (Oaxaca), individuals on a motorcycle opened fire and killed a woman in front of her home. 1 fatality.')).toBe('Attack');
    expect(sub('On 6 May 2022, in Zzaxaca (Oaxaca), gunmen opened fire on a police patrol, and the officers fired back.')).toBe('Armed clash');
  });
});

describe('both sides firing', () => {
  it('is an armed clash, whatever weapons each used', () => {
    expect(sub('On 7 April 2022, in Zzin Taung village (Magway region), military troops fired two artillery shells at PDF locations. The PDF fired back with heavy weapons.')).toBe('Armed clash');
    expect(sub('On 10 February 2022, the OSCE SMM observed 3 explosions involving unknown weapons in both directions of the frontline near Zzyshchevyk.')).toBe('Armed clash');
    // one side's shelling stays shelling
    expect(sub('On 7 April 2022, in Zzin Taung village (Magway region), military troops fired two artillery shells at PDF locations.')).toBe('Shelling/artillery/missile attack');
  });
});

describe('PLOVER modes of requests and rejections', () => {
  // (one mode per request: two actors asking make two events)
  const modes = (text: string, type = 'REQUEST') => [...new Set(pipeline.run(makeDoc({ id: 'm', text }), res).events.filter((e) => e.type === type).map((e) => e.mode))];

  it('tells the mode by what is asked for', () => {
    expect(modes('Australia and Britain called for the release of the detained leaders.')).toEqual(['yield']);
    expect(modes('The U.N. chief called on both commanders to stop the fighting immediately.')).toEqual(['yield']);
    expect(modes('Britain and France requested an emergency meeting of the Security Council.')).toEqual(['meet']);
    expect(modes('The president appealed to international partners to send doctors and medical supplies.')).toEqual(['assist']);
    expect(modes('The party urged people not to accept the coup.')).toEqual(['change']);
    // an appeal to someone with nothing named is a call for their help
    expect(modes('The government said it would appeal to the UN Security Council.')).toEqual(['assist']);
  });

  it('leaves the mode empty when what is asked for is none of PLOVER\'s, and reads only the request\'s own clause', () => {
    expect(modes('Rights groups called for an investigation into the killings.')).toEqual([null]);
    expect(modes('Officials urged civilians to leave the region, after talks had failed.')).toEqual([null]);
  });
});

describe('PLOVER targeted killings', () => {
  const assaultModes = (text: string) => pipeline.run(makeDoc({ id: 'k', text }), res).events.filter((e) => e.type === 'ASSAULT').map((e) => e.mode);

  it('an execution, a massacre or the killing of a person the text names is targeted, whatever the weapon', () => {
    expect(assaultModes('Soldiers executed about 300 civilian men in the town last week, witnesses said.')).toEqual(['targeted']);
    expect(assaultModes('Haitian President Jovenel Moise was shot dead at his residence by gunmen on Wednesday.')).toEqual(['targeted']);
  });

  it('a shooting of people the text does not name keeps its weapon', () => {
    expect(assaultModes('Gunmen shot dead three villagers at a market on Wednesday.')).toEqual(['firearms']);
  });
});
