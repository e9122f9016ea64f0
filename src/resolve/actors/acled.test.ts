import { describe, expect, it } from 'vitest';
import { acledActorName, acledInter } from './acled.js';

const names = (iso: string) => ({ SDN: 'Sudan', IND: 'India', UGA: 'Uganda', AFG: 'Afghanistan', NOR: 'Norway', UKR: 'Ukraine' } as Record<string, string>)[iso];

describe('ACLED actor names and inter codes', () => {
  it('names state forces by government period and generic actors by country', () => {
    expect(acledActorName({ text: 'Sudanese troops', country: 'SDN', sector: 'MIL' }, names)).toBe('Military Forces of Sudan (2019-)');
    expect(acledActorName({ text: 'police', country: 'IND', sector: 'COP' }, names)).toBe('Police Forces of India (2014-)');
    expect(acledActorName({ text: 'police', country: 'NOR', sector: 'COP' }, names)).toBe('Police Forces of Norway');
    expect(acledActorName({ text: 'protesters', country: 'IND', sector: 'CVL', role: 'protesters' }, names)).toBe('Protesters (India)');
    expect(acledActorName({ text: 'a mob', country: 'UGA', sector: 'CVL', role: 'rioters' }, names)).toBe('Rioters (Uganda)');
    expect(acledActorName({ text: 'villagers', country: 'AFG', sector: 'CVL' }, names)).toBe('Civilians (Afghanistan)');
    expect(acledActorName({ text: 'gunmen', country: 'AFG', sector: 'REB', role: 'unknown-armed' }, names)).toBe('Unidentified Armed Group (Afghanistan)');
    expect(acledActorName({ text: 'gunmen', country: null, sector: 'REB', role: 'unknown-armed' }, names)).toBe('Unidentified Armed Group');
    expect(acledActorName({ text: 'al-Shabaab', country: 'SOM', sector: 'REB', acledName: 'Al Shabaab' }, names)).toBe('Al Shabaab');
  });

  it('codes inter 1-8, with foreign state forces as external', () => {
    expect(acledInter({ text: 'army', country: 'SDN', sector: 'MIL' })).toBe(1);
    expect(acledInter({ text: 'Russian forces', country: 'RUS', sector: 'MIL' }, 'UKR')).toBe(8);
    expect(acledInter({ text: 'Ukrainian forces', country: 'UKR', sector: 'MIL' }, 'UKR')).toBe(1);
    expect(acledInter({ text: 'M23', country: 'COD', sector: 'REB', role: 'reb' })).toBe(2);
    expect(acledInter({ text: 'gunmen', country: null, sector: 'REB', role: 'unknown-armed' })).toBe(3);
    expect(acledInter({ text: 'militia', country: null, sector: 'REB', role: 'communal' })).toBe(4);
    expect(acledInter({ text: 'rioters', country: null, sector: 'CVL', role: 'rioters' })).toBe(5);
    expect(acledInter({ text: 'protesters', country: null, sector: 'CVL', role: 'protesters' })).toBe(6);
    expect(acledInter({ text: 'civilians', country: null, sector: 'CVL' })).toBe(7);
    expect(acledInter({ text: 'UN', country: 'IGO', sector: 'IGO' })).toBe(8);
  });
});
