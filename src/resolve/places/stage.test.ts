import { beforeAll, describe, expect, it } from 'vitest';
import type { ActorMention, Doc, PlaceMention } from '../../doc.js';
import { makeDoc } from '../../ingest/article.js';
import { paragraphsStage } from '../../nlp/paragraphs.js';
import { loadWink, tokensStage } from '../../nlp/tokens.js';
import type { Resources } from '../../resources.js';
import { loadGazetteer } from './cache.js';
import { eventLocation } from './event-location.js';
import { placesStage } from './stage.js';

let res: Resources;
beforeAll(async () => {
  // the first run builds the index from the shipped sources (some seconds), later runs load the cache
  res = { nlp: loadWink(), settings: { staleDays: 30 }, gazetteer: await loadGazetteer() };
}, 180_000);

function run(text: string, actors: ActorMention[] = []): Doc {
  let doc: Doc = makeDoc({ id: 't', text });
  doc = { ...doc, ...paragraphsStage.run(doc, res) };
  doc = { ...doc, ...tokensStage.run(doc, res) };
  doc = { ...doc, actors };
  return { ...doc, ...placesStage.run(doc, res) };
}

function place(doc: Doc, surface: string, nth = 0): PlaceMention | undefined {
  return doc.places!.filter((p) => p.text === surface)[nth];
}

function anchorOf(doc: Doc, word: string) {
  const start = doc.text.indexOf(word);
  if (start < 0) throw new Error(`no ${word}`);
  return { start, end: start + word.length };
}

describe('places: ambiguity by context', () => {
  it('Rafah is the Gaza town in a Gaza story and the Egyptian one in a Sinai story', () => {
    const gaza = run('Israeli strikes hit Rafah in the southern Gaza Strip on Tuesday, health officials in Gaza said.');
    expect(place(gaza, 'Rafah')?.country).toBe('PSE');
    const egypt = run('Egyptian troops reinforced the border in North Sinai, near Rafah and El Arish, Egypt said.');
    expect(place(egypt, 'Rafah')?.country).toBe('EGY');
  });

  it('Donetsk: the city by default, the oblast when the text says region, the Russian town in Rostov', () => {
    const city = run('Shells hit a market in Donetsk, killing five people, Ukrainian officials said.');
    expect(place(city, 'Donetsk')).toMatchObject({ country: 'UKR', feature: 'point' });
    const oblast = run('Fighting continued across the Donetsk region, near Bakhmut and Avdiivka.');
    expect(place(oblast, 'Donetsk')).toMatchObject({ country: 'UKR', feature: 'admin1' });
    const russia = run('A drone fell on a house in Donetsk, Rostov region, Russia, the governor of Rostov said.');
    expect(place(russia, 'Donetsk')).toMatchObject({ country: 'RUS', feature: 'point' });
  });

  it('Goris is in Armenia and Gori in Georgia: a near-identical name is not a match', () => {
    expect(place(run('Shells landed near Goris and Jermuk on Tuesday.'), 'Goris')?.country).toBe('ARM');
    expect(place(run('Refugees reached Goris on Sunday.'), 'Goris')?.country).toBe('ARM');
    expect(place(run('Russian tanks rolled into Gori in August 2008.'), 'Gori')?.country).toBe('GEO');
  });

  it('a container named after the place decides it: "San Juan (San Juan)" in Argentina with context', () => {
    const d = run('Protesters in Argentina marched in La Plata (Buenos Aires) and in Loma Hermosa (Buenos Aires).');
    expect(place(d, 'Loma Hermosa')?.country).toBe('ARG');
    expect(place(d, 'La Plata')?.country).toBe('ARG');
  });

  it('a city in a province of the same name: "San Juan (San Juan)" is in Argentina, not Puerto Rico', () => {
    const d = run('On 19 May, in San Juan (San Juan), Argentine taxi drivers staged a demonstration.');
    expect(place(d, 'San Juan')).toMatchObject({ country: 'ARG', feature: 'point' });
    expect(d.places![1]).toMatchObject({ country: 'ARG', feature: 'admin1' });
  });

  it('a container the city was once called is still a container: "Salvador (Bahia)"', () => {
    const d = run('On 3 February, in Salvador (Bahia), women gathered to protest.');
    expect(place(d, 'Salvador')).toMatchObject({ country: 'BRA', feature: 'point' });
  });

  it('Nagorno-Karabakh is a region of Azerbaijan with coordinates, under either name', () => {
    const d = run('Armenia accused Azerbaijan of shelling villages in Nagorno-Karabakh, which Armenians call Artsakh.');
    const nk = place(d, 'Nagorno-Karabakh')!;
    expect(nk).toMatchObject({ country: 'AZE', feature: 'region' });
    expect(nk.lat).toBeGreaterThan(39);
    expect(nk.lon).toBeGreaterThan(46);
    expect(place(d, 'Artsakh')?.country).toBe('AZE');
  });

  it('renamed and two-named places resolve to one place', () => {
    const d = run('Fighting near Stepanakert, which Azerbaijan calls Khankendi, and Shushi (Shusha). Later, Artemivsk, now Bakhmut.');
    expect(place(d, 'Stepanakert')?.geonameid).toBe(place(d, 'Khankendi')?.geonameid);
    expect(place(d, 'Shushi')?.geonameid).toBe(place(d, 'Shusha')?.geonameid);
    expect(place(d, 'Shusha')?.country).toBe('AZE');
    expect(place(d, 'Artemivsk')?.geonameid).toBe(place(d, 'Bakhmut')?.geonameid);
  });

  it('fixes Natural Earth calling the Lachin district "Lankaran" with the alternate name "Shusha"', () => {
    const d = run('Azerbaijani forces entered Lachin district and Lankaran.');
    expect(place(d, 'Lachin')?.name).toMatch(/La[cç]h?[iı]n/);
    expect(place(d, 'Lankaran')?.lat).toBeLessThan(39.2); // the Caspian town, not the Lachin district
  });
});

describe('places: other scripts', () => {
  it('reads Cyrillic names', () => {
    const d = run('Взрыв произошёл в городе Донецк, сообщил Киев.');
    expect(place(d, 'Донецк')).toMatchObject({ country: 'UKR' });
  });
  it('reads Arabic names', () => {
    const d = run('قصف إسرائيلي على غزة ورفح');
    expect(place(d, 'غزة')?.country).toBe('PSE');
  });
});

describe('places: what is not a place where something happened', () => {
  it('tags demonyms as adjectival, not literal places', () => {
    const d = run('Armenian forces shelled Azerbaijani positions near Tovuz, and Armenians fled.');
    expect(place(d, 'Armenian')).toMatchObject({ role: 'adjectival', country: 'ARM' });
    expect(place(d, 'Armenians')?.role).toBe('demonym');
    expect(place(d, 'Tovuz')).toMatchObject({ role: 'literal', country: 'AZE' });
  });

  it('tags metonymy: "Moscow said" is an actor, "Kyiv was shelled" a place', () => {
    const d = run('Moscow said the strikes were legitimate. Kyiv was shelled overnight, and Russia\'s army advanced.');
    expect(place(d, 'Moscow')?.role).toBe('metonymic');
    expect(place(d, 'Kyiv')?.role).toBe('literal');
    expect(place(d, 'Russia')?.role).toBe('metonymic');
  });

  it('a place naming the topic ("the Nagorno-Karabakh war", "Kyiv authorities") is a modifier, not the event\'s place', () => {
    const d = run('Parents of soldiers who died in the 2020 Nagorno-Karabakh war protested in Yerevan.');
    expect(place(d, 'Nagorno-Karabakh')?.role).toBe('modifier');
    expect(eventLocation(d, anchorOf(d, 'protested'))?.name).toBe('Yerevan');
  });

  it('does not take sentence-initial common words, months or titles with names for places', () => {
    const d = run('Police said May was calm. Mobile phones were seized. President Jordan Peterson spoke.');
    expect(d.places!.map((p) => p.text)).not.toContain('Police');
    expect(d.places!.map((p) => p.text)).not.toContain('May');
    expect(d.places!.map((p) => p.text)).not.toContain('Mobile');
    expect(place(d, 'Jordan')).toBeUndefined();
  });

  it('a town name inside a person name is not a literal place', () => {
    const d = run('Paris Hilton visited the camp. Later, Lincoln Díaz spoke.');
    for (const p of d.places!) expect(p.role).not.toBe('literal');
  });

  it('a lone capitalised name that is also an English word or a surname seen in a full name is not a place', () => {
    const d = run('Commerce officials met on Monday. Reporters asked Ryan Kelly about it, and Kelly declined.');
    expect(d.places!.map((p) => p.text)).not.toContain('Commerce');
    expect(d.places!.map((p) => p.text)).not.toContain('Kelly');
  });

  it('skips spans the actors layer took as persons', () => {
    const text = 'Aleppo Khan spoke to reporters.';
    const person: ActorMention = { start: 0, end: 11, text: 'Aleppo Khan', name: 'Aleppo Khan', country: null, sector: null, kind: 'person' };
    expect(run(text, [person]).places).toEqual([]);
  });
});

describe('places: names the gazetteer does not know', () => {
  it('keeps "the village of X" and "X district" as places, inside their container', () => {
    const d = run('Gunmen attacked the village of Xqorbandi in Zzyzdara (Qelmani) district, Kunar, on Friday.');
    const v = place(d, 'Xqorbandi')!;
    expect(v).toMatchObject({ resolved: false, lat: null, designator: 'village of' });
    const dist = place(d, 'Zzyzdara')!;
    expect(dist.country).toBe('AFG');
    expect(dist.admin1).toBe('Kunar');
  });

  it('puts an unknown place the text locates only in parentheses in the article\'s country, at country precision', () => {
    const d = run('Cameroonian soldiers killed twenty militants in Zzamchide (Zzkolofata, Zzmayo).');
    const loc = eventLocation(d, anchorOf(d, 'killed'))!;
    expect(loc).toMatchObject({ name: 'Zzamchide', country: 'CMR', precision: 'country' });
  });

  it('does not invent a place from a capitalised word without a designator', () => {
    const d = run('Zzyzqorbix announced a new policy on Friday.');
    expect(d.places).toEqual([]);
  });
});

describe('eventLocation', () => {
  it('takes the place that governs the clause, never a metonymic or adjectival one', () => {
    const d = run('Armenian forces shelled Azerbaijani positions near Tovuz, Moscow said.');
    const loc = eventLocation(d, anchorOf(d, 'shelled'))!;
    expect(loc).toMatchObject({ country: 'AZE', precision: 'point' });
    expect(d.text.slice(loc.evidence!.start, loc.evidence!.end)).toBe('Tovuz');
  });

  it('keeps two clauses apart', () => {
    const d = run('Clashes erupted in Tavush, while talks continued in Brussels.');
    expect(eventLocation(d, anchorOf(d, 'Clashes'))?.name).toBe('Tavush');
    expect(eventLocation(d, anchorOf(d, 'talks'))?.name).toBe('Brussels');
  });

  it('puts an unknown village at its province with the province precision, named as the text names it', () => {
    const d = run('On 3 May, a civilian was killed in Xqorbandi village, Kunar province.');
    const loc = eventLocation(d, anchorOf(d, 'killed'))!;
    expect(loc).toMatchObject({ name: 'Xqorbandi', country: 'AFG', admin1: 'Kunar', precision: 'admin1' });
    expect(loc.lat).not.toBeNull();
  });

  it('places a city with its admin-1 from the text: "in Qalat city, Zabul"', () => {
    const d = run('Hundreds rallied in Qalat city, Zabul, on Thursday.');
    const loc = eventLocation(d, anchorOf(d, 'rallied'))!;
    expect(loc).toMatchObject({ country: 'AFG', admin1: 'Zabul', precision: 'point' });
    expect(Math.abs(loc.lat! - 32.1)).toBeLessThan(0.2);
  });

  it('falls back to the article focus when the sentence names no place', () => {
    const d = run('Heavy fighting was reported in Bakhmut on Monday.\n\nThree soldiers were killed.');
    expect(eventLocation(d, anchorOf(d, 'killed'))?.name).toBe('Bakhmut');
  });

  it('a country named as a party is not where the event was; "in <country>" defers to the article\'s place there', () => {
    const d = run('Fighting broke out in Nagorno-Karabakh on Monday.\n\nArmenia said clashes with Azerbaijan continued overnight. Shelling went on in Azerbaijan.');
    const clashes = eventLocation(d, anchorOf(d, 'clashes'))!;
    expect(clashes).toMatchObject({ name: 'Nagorno-Karabakh', country: 'AZE', precision: 'region' });
    const shelling = eventLocation(d, anchorOf(d, 'Shelling'))!;
    expect(shelling).toMatchObject({ name: 'Nagorno-Karabakh', country: 'AZE' });
  });

  it('does not read an English word as the abbreviation of a state ("Mass shelling")', () => {
    const d = run('Officials said: "Mass shelling is ongoing."');
    expect(d.places).toEqual([]);
  });

  it('a dateline says where the reporter filed from: an event placed nowhere else is where the lead puts the news', () => {
    const d = run('BEIRUT, April 5 (Wire) - A suspected chemical attack killed dozens of people in the town of Khan Sheikhoun in Idlib province on Tuesday.\n\nA rocket later struck one of the clinics where victims were treated, rescue workers said.');
    const rocket = eventLocation(d, anchorOf(d, 'struck'))!;
    expect(rocket).toMatchObject({ country: 'SYR', precision: 'point' });
    expect(d.text.slice(rocket.evidence!.start, rocket.evidence!.end)).toBe('Khan Sheikhoun');
  });

  it('the headline places the news when the lead does not', () => {
    const d = run('Fighting flares in Nagorno-Karabakh\n\nAzerbaijan and Armenia are involved in a new conflict. The clash continued overnight on Monday.\n\nRefugees arrived in Goris. In Goris, aid workers set up tents.');
    expect(eventLocation(d, anchorOf(d, 'clash'))).toMatchObject({ name: 'Nagorno-Karabakh', country: 'AZE' });
  });

  it('an event the text does not place is put in its country, not in the dateline\'s or another paragraph\'s city', () => {
    const text = 'YANGON, Feb 1 (Wire) - Myanmar\'s military seized power in a coup on Monday.\n\nSoldiers took up positions outside city hall in Yangon, and phone lines were cut in Naypyitaw.';
    const army: ActorMention = { start: 23, end: 42, text: "Myanmar's military", name: 'Myanmar military', country: 'MMR', sector: 'MIL', kind: 'institution', countryFrom: 'name' };
    const d = run(text, [army]);
    const seized = eventLocation(d, anchorOf(d, 'seized'))!;
    expect(seized).toMatchObject({ name: 'Myanmar', country: 'MMR', precision: 'country' });
    expect(seized.lat).not.toBeNull(); // at the capital, as a country-level event is coded
    // with no actor to go by, the country of the places the article names
    const bare = run(text);
    expect(eventLocation(bare, anchorOf(bare, 'seized'))).toMatchObject({ country: 'MMR', precision: 'country' });
    // the dateline alone: its country
    const onlyDateline = run('YANGON, Feb 1 (Wire) - The military seized power in a coup on Monday.');
    expect(eventLocation(onlyDateline, anchorOf(onlyDateline, 'seized'))).toMatchObject({ country: 'MMR', precision: 'country' });
  });

  it('"in Somalia\'s capital" is the capital; "in Somalia\'s history" places nothing', () => {
    const d = run('Two car bombs exploded at a busy junction in Somalia\'s capital on Saturday.\n\nIt was the deadliest attack in Somalia\'s history, and a second blast struck a bus.');
    expect(eventLocation(d, anchorOf(d, 'exploded'))).toMatchObject({ name: 'Mogadishu', country: 'SOM', precision: 'point' });
    expect(eventLocation(d, anchorOf(d, 'struck'))).toMatchObject({ name: 'Mogadishu', precision: 'point' });
  });

  it('"across Lebanon" is the whole country, not the article\'s city', () => {
    const d = run('Pagers exploded across Lebanon on Tuesday.\n\nThe blasts went off in the southern suburbs of Beirut and in Beirut\'s centre, and in Beirut again.');
    expect(eventLocation(d, anchorOf(d, 'exploded'))).toMatchObject({ name: 'Lebanon', precision: 'country' });
  });

  it('"the armed forces of Armenia" say whose forces, not where they fought', () => {
    const d = run('Fighting flares in Nagorno-Karabakh\n\nAzerbaijan and Armenia are involved in a new conflict.\n\nThe armed forces of Armenia are responding.');
    expect(eventLocation(d, anchorOf(d, 'responding'))).toMatchObject({ name: 'Nagorno-Karabakh' });
  });

  it('returns null when the article names no place', () => {
    const d = run('Three soldiers were killed, officials said.');
    expect(eventLocation(d, anchorOf(d, 'killed'))).toBeNull();
  });
});

describe('places: the containers the text gives', () => {
  it('a name the text puts in a province once is that place wherever the article names it', () => {
    const d = run('Soldiers executed about 300 men in the central town of Moura last week, witnesses said.\n\nMoura, in the Mopti region, lies in an area where armed groups are active.');
    expect(place(d, 'Moura', 1)).toMatchObject({ country: 'MLI', admin1: 'Mopti', resolved: false });
    // not the Portuguese town of that name
    expect(place(d, 'Moura', 0)).toMatchObject({ country: 'MLI', resolved: false });
    const loc = eventLocation(d, anchorOf(d, 'executed'))!;
    expect(loc).toMatchObject({ name: 'Moura', country: 'MLI', precision: 'admin1' });
    expect(d.text.slice(loc.evidence!.start, loc.evidence!.end)).toBe('Moura');
  });

  it('a province rules out namesakes abroad: a township the gazetteer lacks stays in Myanmar', () => {
    const d = run('Soldiers burned houses in Kale township (Kale district, Sagaing region) on Monday.');
    expect(place(d, 'Kale')).toMatchObject({ country: 'MMR', admin1: 'Sagaing' });
    expect(place(d, 'Sagaing')).toMatchObject({ country: 'MMR', feature: 'admin1' });
  });

  it('a named province rules out a far namesake in another province of the same country', () => {
    const d = run('Gunmen shot a shopkeeper in Benito Juarez, Nuevo Leon, on Friday.');
    const bj = place(d, 'Benito Juarez')!;
    expect(bj.country).toBe('MEX');
    expect(bj.admin1).toBe('Nuevo León');
  });

  it('a region rules out a namesake in another country: East Jerusalem in the West Bank is Palestine', () => {
    const d = run('Police raided homes in Jerusalem (West Bank) overnight.');
    expect(place(d, 'Jerusalem')?.country).toBe('PSE');
  });

  it('a district of a city the text names is in that city, not a namesake abroad', () => {
    // "Oktyabr" alone is a Ukrainian village in GeoNames; "… district in Bishkek city" puts it in Bishkek
    const d = run('Protesters demonstrated near Oktyabr district in Bishkek city on Monday.');
    expect(place(d, 'Oktyabr')).toMatchObject({ country: 'KGZ', admin1: 'Bishkek' });
    // even when the article is about Ukraine, where the namesake is
    const u = run('Protesters demonstrated near Oktyabr district in Bishkek city against the war in Ukraine, calling on Ukraine and Russia to talk.');
    expect(place(u, 'Oktyabr')?.country).toBe('KGZ');
  });

  it('a town named twice is one town, not its namesake in another state', () => {
    const d = run('Students marched in Rampur town (Rampur district, Uttar Pradesh) on Sunday.');
    expect(place(d, 'Rampur')).toMatchObject({ country: 'IND', admin1: 'Uttar Pradesh', resolved: true });
  });

  it('an unknown village takes the place the sentence next gives, past intervening words', () => {
    const d = run('Maoists torched two trucks in Zzkorapalli village under Zzbhejji police station limits (Sukma, Chhattisgarh).');
    const loc = eventLocation(d, anchorOf(d, 'torched'))!;
    expect(loc).toMatchObject({ name: 'Zzkorapalli', country: 'IND', admin1: 'Chhattisgarh' });
  });

  it('a list of places is not a chain of containers', () => {
    const d = run('The prince visited Washington, New York and Boston this month.');
    expect(place(d, 'Washington')).toMatchObject({ country: 'USA' });
    expect(Math.abs(place(d, 'Washington')!.lat! - 38.9)).toBeLessThan(0.3);
  });

  it('finds a transliteration variant among the towns of the province the text gives', () => {
    const d = run('Shelling was reported in Hulyaipole (Zaporizhzhia oblast) on Tuesday.');
    expect(place(d, 'Hulyaipole')).toMatchObject({ country: 'UKR', resolved: true });
  });
});

describe('places: a town named again as its own container', () => {
  it('"Rabat (Rabat)" is the capital of Morocco named twice, not the Maltese town in its council', () => {
    const d = run('Teachers demonstrated in front of the ministry in Rabat (Rabat) on Monday.');
    expect(place(d, 'Rabat')).toMatchObject({ country: 'MAR', feature: 'point' });
  });
  it('a region of the 2015 reform places what the text puts in it', () => {
    const d = run('People gathered in Zzbiougra (Chtouka-Ait Baha, Souss-Massa) on Friday.');
    const loc = eventLocation(d, anchorOf(d, 'gathered'))!;
    expect(loc).toMatchObject({ country: 'MAR', admin1: 'Souss-Massa' });
  });
});

describe('places: names as the conflict datasets write them', () => {
  it('reports admin-1 units by their own or humanitarian names and finds them by those names', () => {
    const d = run('Protests took place in Dresden and Bunia, and shelling hit Idleb on Sunday.');
    expect(place(d, 'Dresden')?.admin1).toBe('Sachsen');
    expect(place(d, 'Bunia')?.admin1).toBe('Ituri');
    expect(place(d, 'Idleb')).toMatchObject({ country: 'SYR', feature: 'admin1', admin1: 'Idleb' });
  });

  it('reads a name without its Arabic article and with one inside it', () => {
    const d = run('A bomb exploded in Anbar province. Clashes followed near Deir ez Zor.');
    expect(place(d, 'Anbar')).toMatchObject({ country: 'IRQ', feature: 'admin1', admin1: 'Al Anbar' });
    expect(place(d, 'Deir ez Zor')?.country).toBe('SYR');
  });

  it('a capitalised English word after "in" that names a town is the town', () => {
    const d = run('Thirty people gathered in Tours on Friday.');
    expect(place(d, 'Tours')).toMatchObject({ country: 'FRA', role: 'literal' });
  });
});
