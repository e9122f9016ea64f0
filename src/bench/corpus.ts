// A synthetic but realistic news corpus for the bench and the crash test: wire-style articles
// (title, dateline, lead, claims and counter-claims, casualty figures, reactions, background,
// context) about incidents in ten conflicts, each incident reported by one to three outlets with
// their own tolls and sometimes opposite blame. Everything is templated from the sentence banks
// below (written for this project), driven by a seeded PRNG so every run sees the same corpus.

import type { InputRecord } from '../ingest/record.js';

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Side {
  forces: string[];
  government: string;
  spokesman: string;
}

interface Conflict {
  country: string;
  a: Side;
  b: Side;
  places: string[];
  region: string;
  since: number;
  background: string[];
}

const CONFLICTS: Conflict[] = [
  {
    country: 'Sudan',
    a: { forces: ['the Sudanese army', 'the Sudanese Armed Forces', 'army units'], government: "the army's media office", spokesman: 'Brigadier Nabil Abdallah' },
    b: { forces: ['the Rapid Support Forces', 'RSF fighters', 'the paramilitary RSF'], government: 'the RSF command', spokesman: 'an RSF adviser, Mustafa Ibrahim' },
    places: ['Omdurman', 'El Fasher', 'Khartoum North', 'Wad Madani', 'Nyala', 'El Obeid'],
    region: 'Darfur',
    since: 2023,
    background: ['The war between the army and the RSF broke out in April 2023 over plans to merge the two forces.', 'More than ten million people have been displaced since the fighting began, according to the International Organization for Migration.'],
  },
  {
    country: 'Ukraine',
    a: { forces: ['Russian forces', 'Russian troops', 'the Russian army'], government: 'the Russian Defence Ministry', spokesman: 'Igor Konashenkov' },
    b: { forces: ['Ukrainian forces', 'Ukrainian troops', 'the Ukrainian army'], government: "Ukraine's General Staff", spokesman: 'Oleksandr Shtupun' },
    places: ['Kharkiv', 'Kupiansk', 'Pokrovsk', 'Zaporizhzhia', 'Kherson', 'Chasiv Yar', 'Sumy'],
    region: 'Donetsk region',
    since: 2022,
    background: ['Russia launched its full-scale invasion of Ukraine in February 2022.', 'Front lines in the east have moved only a few kilometres in months of attritional fighting.'],
  },
  {
    country: 'Armenia',
    a: { forces: ['Azerbaijani forces', 'the Azerbaijani army', 'Azerbaijani troops'], government: "Azerbaijan's Defence Ministry", spokesman: 'Anar Eyvazov' },
    b: { forces: ['Armenian forces', 'the Armenian army', 'Armenian troops'], government: "Armenia's Defence Ministry", spokesman: 'Aram Torosyan' },
    places: ['Jermuk', 'Goris', 'Vardenis', 'Sotk', 'Tegh', 'Kapan'],
    region: 'Syunik province',
    since: 2020,
    background: ['The two countries fought a six-week war in 2020 over Nagorno-Karabakh that killed more than 6,500 people.', 'A ceasefire brokered by Moscow in November 2020 has been repeatedly violated.'],
  },
  {
    country: 'Myanmar',
    a: { forces: ["the military junta's troops", 'Myanmar army soldiers', 'junta forces'], government: 'the State Administration Council', spokesman: 'Major General Zaw Min Tun' },
    b: { forces: ['People’s Defence Force fighters', 'resistance fighters', 'the Arakan Army'], government: 'the National Unity Government', spokesman: 'Kyaw Zaw' },
    places: ['Sagaing', 'Mandalay', 'Lashio', 'Myawaddy', 'Sittwe', 'Hpakant'],
    region: 'Sagaing region',
    since: 2021,
    background: ['The military seized power in a coup in February 2021, ousting the elected government of Aung San Suu Kyi.', 'Armed resistance has spread across much of the country since then.'],
  },
  {
    country: 'Democratic Republic of the Congo',
    a: { forces: ['Congolese troops', 'the FARDC', 'the Congolese army'], government: 'the Congolese government', spokesman: 'Lieutenant Colonel Guillaume Ndjike' },
    b: { forces: ['M23 rebels', 'the M23', 'fighters of the M23 rebel group'], government: 'the M23 leadership', spokesman: 'Lawrence Kanyuka' },
    places: ['Goma', 'Rutshuru', 'Sake', 'Masisi', 'Bunagana', 'Kiwanja'],
    region: 'North Kivu province',
    since: 2021,
    background: ['The M23 rebellion resurfaced in late 2021 after nearly a decade of dormancy.', 'United Nations experts have accused Rwanda of backing the group, which Kigali denies.'],
  },
  {
    country: 'Mali',
    a: { forces: ['Malian soldiers', 'the Malian army', 'Malian troops and Russian mercenaries'], government: 'the Malian army general staff', spokesman: 'Colonel Souleymane Dembele' },
    b: { forces: ['JNIM militants', 'jihadist fighters linked to al Qaeda', 'insurgents'], government: 'the JNIM group', spokesman: 'a JNIM statement' },
    places: ['Mopti', 'Gao', 'Timbuktu', 'Djenne', 'Menaka', 'Kidal'],
    region: 'the Mopti region',
    since: 2012,
    background: ['Mali has been battling an Islamist insurgency since 2012.', 'The ruling junta expelled French forces in 2022 and turned to Russia for security support.'],
  },
  {
    country: 'Somalia',
    a: { forces: ['Somali government forces', 'the Somali National Army', 'Somali troops'], government: "Somalia's Ministry of Information", spokesman: 'Abdirahman Yusuf' },
    b: { forces: ['al Shabaab militants', 'al Shabaab fighters', 'the al Qaeda-linked al Shabaab'], government: 'al Shabaab', spokesman: 'Abdiasis Abu Musab' },
    places: ['Mogadishu', 'Beledweyne', 'Baidoa', 'Kismayo', 'Jowhar', 'Afgoye'],
    region: 'Hiiraan region',
    since: 2006,
    background: ['Al Shabaab has been fighting to topple the central government for more than fifteen years.', 'African Union troops have been drawing down under a phased withdrawal plan.'],
  },
  {
    country: 'Yemen',
    a: { forces: ['Houthi forces', 'the Iran-aligned Houthis', 'Houthi fighters'], government: 'the Houthi-run Saba news agency', spokesman: 'Yahya Saree' },
    b: { forces: ['government forces', 'troops loyal to the Presidential Leadership Council', 'pro-government fighters'], government: "Yemen's Defence Ministry", spokesman: 'Abdu Majali' },
    places: ['Marib', 'Taiz', 'Hodeidah', 'al-Dhalea', 'Saada', 'Lahj'],
    region: 'Marib governorate',
    since: 2014,
    background: ['The Houthis seized the capital Sanaa in 2014, prompting a Saudi-led coalition to intervene.', 'A UN-brokered truce in 2022 largely held, though clashes have continued on several fronts.'],
  },
  {
    country: 'Ethiopia',
    a: { forces: ['federal troops', 'the Ethiopian National Defence Force', 'government soldiers'], government: 'the federal government', spokesman: 'Legesse Tulu' },
    b: { forces: ['Fano militiamen', 'the Fano militia', 'Amhara fighters'], government: 'a Fano commander', spokesman: 'Zemene Kassie' },
    places: ['Bahir Dar', 'Gondar', 'Lalibela', 'Debre Markos', 'Woldia', 'Debre Birhan'],
    region: 'Amhara region',
    since: 2023,
    background: ['Fighting in Amhara began in August 2023 after the government moved to disband regional forces.', 'A state of emergency was declared in the region shortly afterwards.'],
  },
  {
    country: 'Burkina Faso',
    a: { forces: ['the Burkinabe army', 'government-backed volunteer fighters', 'soldiers'], government: 'the military government', spokesman: 'Captain Ibrahim Traore' },
    b: { forces: ['jihadist militants', 'Islamic State Sahel fighters', 'gunmen'], government: 'the Islamic State group', spokesman: 'an Islamic State statement' },
    places: ['Djibo', 'Kaya', 'Dori', 'Fada NGourma', 'Barsalogho', 'Ouahigouya'],
    region: 'the Sahel region',
    since: 2015,
    background: ['Militant violence spilled into Burkina Faso from neighbouring Mali in 2015.', 'Two coups in 2022 were driven partly by anger over the state’s failure to contain the insurgency.'],
  },
];

const OUTLETS = ['Reuters', 'Agence France-Presse', 'Associated Press', 'Al Jazeera', 'BBC News', 'The Guardian', 'Deutsche Welle', 'Radio Free Europe', 'The New Humanitarian', 'Anadolu Agency', 'Xinhua', 'The East African', 'Kyiv Independent', 'Sudan Tribune', 'Irrawaddy'];

type Kind = 'shelling' | 'clash' | 'airstrike' | 'drone' | 'ambush' | 'protest' | 'arrests';
const KINDS: Kind[] = ['shelling', 'clash', 'clash', 'airstrike', 'drone', 'shelling', 'ambush', 'protest', 'arrests'];

const LEADS: Record<Kind, string[]> = {
  shelling: [
    '{A} shelled {P} on {WD}, killing {N} civilians and wounding dozens more, {SRC} said.',
    'At least {N} people were killed when {A} shelled residential areas of {P} on {WD}, {SRC} said.',
    'Artillery fire by {A} struck a market in {P} on {WD}, killing {N} people, according to {SRC}.',
  ],
  clash: [
    'Heavy fighting broke out between {A} and {B} near {P} on {WD}, leaving {N} people dead, {SRC} said.',
    '{A} clashed with {B} on the outskirts of {P} on {WD}, and at least {N} fighters were killed, according to {SRC}.',
    'Clashes between {A} and {B} around {P} killed {N} people on {WD}, {SRC} said.',
  ],
  airstrike: [
    'An air strike by {A} on {P} killed {N} people on {WD}, {SRC} said.',
    '{A} carried out air strikes on {P} on {WD}, killing at least {N} people, including children, according to {SRC}.',
  ],
  drone: [
    'A drone attack blamed on {A} killed {N} people in {P} on {WD}, {SRC} said.',
    '{A} launched a wave of drones at {P} overnight into {WD}, killing {N} people, according to {SRC}.',
  ],
  ambush: [
    '{A} ambushed a convoy of {B} near {P} on {WD}, killing {N} soldiers, {SRC} said.',
    'At least {N} soldiers were killed when {A} attacked a military post near {P} on {WD}, according to {SRC}.',
  ],
  protest: [
    'Thousands of people protested in {P} on {WD} against the fighting, and {N} demonstrators were killed when security forces opened fire, {SRC} said.',
    'Hundreds of residents marched through {P} on {WD} to demand protection from attacks by {A}, {SRC} said.',
  ],
  arrests: [
    '{A} arrested {N} people in {P} on {WD} on suspicion of collaborating with {B}, {SRC} said.',
    'Security forces detained {N} activists in {P} on {WD}, accusing them of links to {B}, according to {SRC}.',
  ],
};

const CLAIMS = [
  '{GOVA} said its units had only returned fire after {B} opened fire first.',
  'In a statement, {GOVB} accused {A} of deliberately targeting civilians and said it would respond.',
  '{GOVA} denied responsibility and blamed {B} for the attack.',
  '"The enemy is using residential buildings as cover," {SPA} told reporters on {WD}.',
  '"This was a deliberate attack on a peaceful town," {SPB} said in a video statement.',
  '{GOVB} said it had repelled the assault and inflicted heavy losses on {A}.',
  '{GOVA} said the operation targeted military positions and that reports of civilian deaths were false.',
];

const CASUALTIES = [
  'Among the dead were {K} children, a local health official said, adding that {W} people were being treated in hospital.',
  'Hospital staff in {P} said they had received {W} wounded people, several of them in critical condition.',
  'A medical charity working in the area said the real toll could be higher, as many people remained missing under the rubble.',
  'The local administration put the number of wounded at {W} and said {K} houses had been destroyed.',
  'Residents said they buried {K} of the victims on {WD2} in a cemetery on the edge of {P}.',
];

const REACTIONS = [
  'The United Nations Secretary-General condemned the attack and called on all parties to respect international humanitarian law.',
  'The European Union called for restraint and an immediate return to negotiations.',
  'The UN human rights office said it was seeking to verify the reports and urged an independent investigation.',
  'The African Union Commission chairman expressed deep concern over the escalation.',
  'The United States said it was alarmed by the reports and urged both sides to protect civilians.',
  'Humanitarian agencies said the fighting had forced them to suspend aid deliveries to the area.',
];

const CONTEXT = [
  'The {REG} has seen some of the heaviest fighting in recent months, with front lines shifting several times.',
  'Aid groups say food prices in {P} have more than doubled since the start of the year.',
  'Mobile phone networks in the area were cut for several hours, making it difficult to verify the accounts independently.',
  'Journalists have limited access to the area, and casualty figures given by both sides could not be independently confirmed.',
  'Thousands of families have fled {P} in recent weeks, many of them heading to camps that are already overcrowded.',
  'Local officials said electricity and water supplies had been disrupted across large parts of the town.',
  'Witnesses described columns of smoke rising over the eastern districts as ambulances rushed to the scene.',
  'Schools in the district have been closed for weeks and many teachers have left.',
  'Satellite images reviewed by researchers showed fresh damage to buildings near the main road.',
  'The road linking {P} to the regional capital has been closed to civilian traffic since last month.',
  'Traders said the central market had reopened briefly in the morning before the attack.',
  'Community leaders appealed for safe corridors so that the wounded could be evacuated.',
  'Several international organisations have withdrawn non-essential staff from the region.',
  'Talks between the parties stalled earlier this year after a dispute over the sequencing of a ceasefire.',
  'Residents interviewed by phone said they had spent the night sheltering in basements.',
  'A local journalist said the attack came shortly after morning prayers, when the streets were crowded.',
];

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface GeneratedArticle extends InputRecord {
  /** The incident this article reports (articles with the same incident describe one event). */
  incident: number;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * `n` articles, streamed. Incidents are spread over 2022–2025; each gets one to three reports from
 * different outlets, published the same day or up to two days later, with tolls that differ a
 * little (or a lot) and, in one report in six, the blame reversed.
 */
export function* generateArticles(n: number, seed = 20240304): Generator<GeneratedArticle> {
  const r = rng(seed);
  let made = 0;
  let incident = 0;
  const start = Date.UTC(2022, 0, 1);
  while (made < n) {
    incident++;
    const c = pick(r, CONFLICTS);
    const kind = pick(r, KINDS);
    const day = new Date(start + Math.floor(r() * 1400) * 86_400_000);
    const place = pick(r, c.places);
    const toll = 2 + Math.floor(r() ** 2 * 60);
    const aFirst = r() < 0.5;
    const reports = 1 + Math.floor(r() * 3);
    const outlets = [...OUTLETS].sort(() => r() - 0.5).slice(0, reports);
    for (const outlet of outlets) {
      if (made >= n) break;
      const lag = Math.floor(r() * 3);
      const pub = new Date(day.getTime() + lag * 86_400_000);
      const reversed = r() < 1 / 6;
      const [sa, sb] = aFirst !== reversed ? [c.a, c.b] : [c.b, c.a];
      const reportedToll = r() < 0.6 ? toll : Math.max(2, toll + Math.floor((r() - 0.3) * toll));
      const wdName = WEEKDAYS[day.getUTCDay()]!;
      const dateRef = lag > 1 ? `${wdName} (${MONTHS[day.getUTCMonth()]} ${day.getUTCDate()})` : wdName;
      const fill: Record<string, string> = {
        A: pick(r, sa.forces),
        B: pick(r, sb.forces),
        P: place,
        WD: dateRef,
        WD2: WEEKDAYS[pub.getUTCDay()]!,
        N: String(reportedToll),
        K: String(1 + Math.floor(r() * Math.max(1, reportedToll / 2))),
        W: String(reportedToll + Math.floor(r() * 40)),
        SRC: pick(r, [sa.government, sb.government, 'local officials', 'witnesses', 'a hospital director', 'the UN humanitarian office']),
        GOVA: sa.government,
        GOVB: sb.government,
        SPA: sa.spokesman,
        SPB: sb.spokesman,
        REG: c.region,
      };
      const fillIn = (t: string) => cap(t.replace(/\{(\w+)\}/g, (_, k: string) => fill[k] ?? k));
      // Context sentences are drawn without replacement, as a writer would not repeat one.
      let ctx: string[] = [];
      const context = () => {
        if (!ctx.length) ctx = [...CONTEXT].sort(() => r() - 0.5);
        return fillIn(ctx.pop()!);
      };
      // So are claims, casualty lines and reactions: a sentence repeated within one article is a
      // generator artefact that would inflate the events extracted per article.
      const used = new Set<string>();
      const draw = (bank: readonly string[]) => {
        const left = bank.filter((t) => !used.has(t));
        const t = pick(r, left.length ? left : bank);
        used.add(t);
        return fillIn(t);
      };
      const lead = fillIn(pick(r, LEADS[kind]));
      const title = cap(fillIn(pick(r, ['{P}: {N} killed as fighting flares', 'Deadly attack on {P} draws condemnation', '{N} dead in {P} after {WD} attack', 'Fighting around {P} kills {N}'])));
      const paras: string[] = [];
      paras.push(`${place.toUpperCase()}, ${MONTHS[pub.getUTCMonth()]} ${pub.getUTCDate()} (${outlet}) - ${cap(lead)}`);
      paras.push([draw(CLAIMS), draw(CLAIMS)].join(' '));
      paras.push([draw(CASUALTIES), context()].join(' '));
      paras.push([draw(REACTIONS), draw(REACTIONS)].join(' '));
      paras.push([pick(r, c.background), context(), context()].join(' '));
      let words = paras.join(' ').split(/\s+/).length;
      while (words < 520) {
        const p = [context(), context(), draw([...CASUALTIES, ...REACTIONS, ...CLAIMS])].join(' ');
        paras.push(p);
        words += p.split(/\s+/).length;
      }
      paras.push(`(Reporting by ${outlet} staff; editing by the ${c.country} desk)`);
      made++;
      yield {
        id: `bench-${made}`,
        text: `${title}\n\n${paras.join('\n\n')}\n`,
        title,
        published: pub.toISOString().slice(0, 10),
        url: `https://news.example/${outlet.toLowerCase().replace(/[^a-z]+/g, '-')}/${made}`,
        source: outlet,
        language: 'en',
        incident,
      };
    }
  }
}
