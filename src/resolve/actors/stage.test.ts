import { describe, expect, it } from 'vitest';
import { actors, byText } from './test-helpers.js';

const brief = (ms: ReturnType<typeof actors>) => ms.map((m) => `${m.text}=${m.country}/${m.sector}${m.adjective ? '/adj' : ''}`);

describe('actor phrases', () => {
  it('combines a country with its institution into one mention', () => {
    const ms = actors("Kazakhstan's Ministry of Defence said the Uzbek army had moved. The armed forces of Kyrgyzstan denied it.");
    expect(byText(ms, "Kazakhstan's Ministry of Defence")).toMatchObject({ country: 'KAZ', sector: 'GOV', kind: 'institution' });
    expect(byText(ms, 'the Uzbek army')).toMatchObject({ country: 'UZB', sector: 'MIL' });
    expect(byText(ms, 'The armed forces of Kyrgyzstan')).toMatchObject({ country: 'KGZ', sector: 'MIL' });
    // no separate mention for the country inside the phrase
    expect(ms.filter((m) => m.text === 'Kazakhstan')).toHaveLength(0);
  });

  it('keeps a demonym of a non-actor noun as an adjective mention', () => {
    const ms = actors('Shells landed on Tajik villages near the border.');
    const tajik = byText(ms, 'Tajik');
    expect(tajik).toMatchObject({ country: 'TJK', adjective: true, sector: null });
    // a military noun makes it an actor: "Tajik positions" are the Tajik military
    expect(byText(actors('Shells landed on Tajik positions.'), 'Tajik positions')).toMatchObject({ country: 'TJK', sector: 'MIL' });
  });

  it('gives coordinated adjectives the shared head', () => {
    const ms = actors('Fighting broke out between Ethiopian and Eritrean troops on Friday.');
    expect(byText(ms, 'Ethiopian')).toMatchObject({ country: 'ETH', sector: 'MIL' });
    expect(byText(ms, 'Eritrean troops')).toMatchObject({ country: 'ERI', sector: 'MIL' });
  });

  it('reads names of countries, capitals used for governments, IGOs, agencies and groups', () => {
    const ms = actors('Beijing said the talks failed, Xinhua reported. NATO and the African Union met. Al-Shabaab militants attacked a base.');
    expect(byText(ms, 'Beijing')).toMatchObject({ country: 'CHN', sector: 'GOV' });
    expect(byText(ms, 'Xinhua')).toMatchObject({ sector: 'JRN', kind: 'agency' });
    expect(byText(ms, 'NATO')).toMatchObject({ country: 'IGO', sector: 'IGO', name: 'North Atlantic Treaty Organization' });
    expect(byText(ms, 'the African Union')).toMatchObject({ country: 'IGO' });
    expect(byText(ms, 'Al-Shabaab militants')).toMatchObject({ country: 'SOM', sector: 'REB', kind: 'group' });
  });

  it('does not take a capital named as a place for an actor', () => {
    const ms = actors('Two people were killed in Nairobi on Monday.');
    expect(ms.find((m) => m.text === 'Nairobi')).toBeUndefined();
  });

  it('places non-state groups where they are based, not where their patron is', () => {
    const ms = actors('Iranian-backed Hezbollah fired rockets. Russian-backed separatists shelled a town in Donetsk.');
    expect(byText(ms, 'Hezbollah')).toMatchObject({ country: 'LBN', sector: 'REB' });
    expect(byText(ms, 'Russian-backed separatists')).toMatchObject({ country: 'UKR', sector: 'REB' });
  });

  it('reads "anti-Russia" and "pro-Ukraine" as descriptions, not actors', () => {
    const ms = actors('Hundreds joined an anti-Russia and pro-Ukraine rally.');
    expect(ms.filter((m) => m.kind === 'state' && !m.adjective)).toHaveLength(0);
    expect(ms.find((m) => m.text === 'anti-Russia')).toMatchObject({ country: 'RUS', adjective: true });
  });

  it('leaves transnational groups to be placed where they act', () => {
    const ms = actors('Islamic State militants attacked a checkpoint.');
    expect(byText(ms, 'Islamic State militants')).toMatchObject({ country: null, sector: 'REB', kind: 'group' });
  });

  it("gives a body's office the body's country when a possessor names it again (\"the council's presidency\")", () => {
    const ms = actors("The UN Security Council will meet on Friday at the request of France, the council's presidency said.");
    expect(byText(ms, 'presidency')).toMatchObject({ country: 'IGO', sector: 'IGO' });
  });

  it('reads a weapon as an actor only with a country', () => {
    expect(byText(actors('Drones hit the refinery overnight.'), 'Drones')).toBeUndefined();
    expect(byText(actors('Russian drones hit the refinery overnight.'), 'Russian drones')).toMatchObject({ country: 'RUS', sector: 'MIL' });
  });

  it('reads a surname alone as the person named in full before, not a relative of theirs', () => {
    const ms = actors("Mali's interim President Amadou Sanogo said the talks failed. Sanogo later left for Dakar. His wife Aminata Sanogo stayed.");
    const later = ms.filter((m) => m.text === 'Sanogo');
    expect(later).toHaveLength(1);
    expect(later[0]).toMatchObject({ kind: 'person', country: 'MLI', sector: 'GOV' });
    expect(later[0]!.refersTo?.[0]?.text).toContain('Amadou Sanogo');
  });

  it('reads "Speaker" before a name as the parliament speaker', () => {
    const ms = actors('Speaker Mahinda Abeywardena said the vote would go ahead.');
    expect(ms[0]).toMatchObject({ text: 'Speaker Mahinda Abeywardena', kind: 'person', sector: 'GOV' });
  });

  it('extends an office title to the name that follows it', () => {
    const ms = actors('Kenyan President William Ruto met Prime Minister Keir Starmer in London.');
    expect(byText(ms, 'Kenyan President William Ruto')).toMatchObject({ country: 'KEN', sector: 'GOV', kind: 'person' });
    expect(byText(ms, 'Prime Minister Keir Starmer')).toMatchObject({ country: 'GBR', kind: 'person' });
  });

  it('gives generic nouns the country of their adjective or of the sentence', () => {
    const ms = actors('Police fired tear gas at protesters in Uganda. Sudanese soldiers guarded the bridge.');
    expect(byText(ms, 'protesters')).toMatchObject({ country: 'UGA', sector: 'CVL', countryFrom: 'context' });
    expect(byText(ms, 'Sudanese soldiers')).toMatchObject({ country: 'SDN', sector: 'MIL', countryFrom: 'adjective' });
  });
});

describe('case and ambiguity', () => {
  it('does not read "us" as the United States or "turkey" as Turkey', () => {
    const ms = actors('They told us the turkey was ready. The US sent aid to Turkey.');
    expect(ms.filter((m) => m.text.toLowerCase() === 'us')).toHaveLength(1);
    expect(byText(ms, 'US')).toMatchObject({ country: 'USA' });
    expect(ms.filter((m) => m.text.toLowerCase() === 'turkey')).toHaveLength(1);
    expect(byText(ms, 'Turkey')).toMatchObject({ country: 'TUR' });
  });

  it('does not read a person named Jordan or Chad as a country', () => {
    const ms = actors('Chad Miller and Nadia Jordan visited the camp. Troops from Chad arrived in Jordan.');
    const states = ms.filter((m) => m.kind === 'state');
    expect(states.filter((m) => m.country === 'TCD')).toHaveLength(1);
    expect(states.filter((m) => m.country === 'JOR')).toHaveLength(1);
    expect(states.find((m) => m.country === 'TCD')!.start).toBeGreaterThan(40);
  });

  it('does not read a newspaper or a sea as the country', () => {
    const ms = actors('China Daily said ships sailed in the South China Sea.');
    expect(byText(ms, 'China Daily')).toMatchObject({ kind: 'agency', sector: 'JRN' });
    expect(ms.filter((m) => m.kind === 'state' && m.country === 'CHN')).toHaveLength(0);
  });

  it('reads Georgia as the US state in an American story and as the country otherwise', () => {
    const us = actors('Georgia sued the federal government, the governor of Georgia said in Atlanta. Republicans in Texas agreed.');
    expect(us.filter((m) => m.country === 'GEO')).toHaveLength(0);
    const geo = actors('Georgia said Russian troops moved closer to Tbilisi.');
    expect(byText(geo, 'Georgia')).toMatchObject({ country: 'GEO' });
  });

  it('does not match New Mexico as Mexico', () => {
    const ms = actors('Police in New Mexico arrested two men.');
    expect(ms.filter((m) => m.country === 'MEX')).toHaveLength(0);
  });
});

describe('references', () => {
  it('resolves both sides, the two countries and each other to the two parties', () => {
    const ms = actors('Tajikistan accused Kyrgyzstan of shelling. The two countries blamed each other, and both sides reported casualties.');
    for (const t of ['The two countries', 'each other', 'both sides']) {
      const m = byText(ms, t)!;
      expect(m.kind).toBe('pronoun');
      expect(m.refersTo!.map((r) => r.country).sort()).toEqual(['KGZ', 'TJK']);
      for (const r of m.refersTo!) expect(ms.some((x) => x.start === r.source.start)).toBe(true);
    }
  });

  it('resolves a parenthesised correction', () => {
    const ms = actors('Officials said Eritrea was to blame. They (Ethiopia) had moved troops to the border.');
    expect(byText(ms, 'They')).toMatchObject({ country: 'ETH', kind: 'pronoun' });
    const c = actors('Kenya was asked for troops. The statement said the army (Somalia) had closed the crossing.');
    expect(byText(c, 'the army')).toMatchObject({ country: 'SOM', sector: 'MIL' });
    expect(byText(c, 'the army')!.refersTo![0]!.country).toBe('SOM');
    // two names: the text is ambiguous, both keep their own country
    const two = actors('It said Serbia (Kosovo) had closed the crossing.');
    expect(byText(two, 'Serbia')).toMatchObject({ country: 'SRB' });
    expect(byText(two, 'Kosovo')).toMatchObject({ country: 'XKX' });
  });

  it('resolves "it said" to the speaking institution, not to a plural noun', () => {
    const ms = actors("Nigeria's Defence Ministry said bandits attacked a village. It said troops responded.");
    const it = byText(ms, 'It')!;
    expect(it.kind).toBe('pronoun');
    expect(it.refersTo![0]!.text).toBe("Nigeria's Defence Ministry");
  });

  it('resolves "the ministry" to the last ministry and "the government" to the focus country', () => {
    const ms = actors("Mali's foreign ministry summoned the envoy. Mali rejected the claims. The ministry said the government would respond.");
    expect(byText(ms, 'The ministry')).toMatchObject({ country: 'MLI', countryFrom: 'reference' });
    expect(byText(ms, 'the government')).toMatchObject({ country: 'MLI', sector: 'GOV', countryFrom: 'focus' });
  });

  it('leaves a bare institution without a country when nothing names one', () => {
    const ms = actors('The army said the road was closed.');
    expect(byText(ms, 'The army')).toMatchObject({ country: null, sector: 'MIL' });
  });

  it('resolves "the country" to the country named before it', () => {
    const ms = actors('Haiti asked for help. However, the country rejected foreign troops.');
    expect(byText(ms, 'the country')).toMatchObject({ country: 'HTI', kind: 'pronoun' });
  });
});

it('keeps mention spans on the text', () => {
  const text = "Yemen's Houthis said they fired drones; the Saudi-led coalition said it intercepted them.";
  for (const m of actors(text)) expect(text.slice(m.start, m.end)).toBe(m.text);
  expect(brief(actors(text))).toContain('the Saudi-led coalition=IGO/MIL');
});
