import { describe, expect, it } from 'vitest';
import type { Doc, PlaceMention } from '../../doc.js';
import { findActors } from './stage.js';
import { placeActors } from './place-context.js';
import { testResources, tokenised } from './test-helpers.js';

function withPlaces(text: string, places: { text: string; country: string }[]): Doc {
  const doc = tokenised(text);
  const actors = findActors(doc, testResources()['actors'] as never);
  const ps: PlaceMention[] = places.map((p) => {
    const start = text.indexOf(p.text);
    return { start, end: start + p.text.length, text: p.text, name: p.text, country: p.country, admin1: null, lat: null, lon: null, geonameid: null, feature: 'point' };
  });
  return { ...doc, actors, places: ps };
}

describe('actors placed', () => {
  it('gives generic actors the country of the place in their sentence', () => {
    const doc = withPlaces('On 3 May, police arrested five protesters in Mumbai (Maharashtra).', [{ text: 'Mumbai', country: 'IND' }]);
    const out = placeActors(doc);
    expect(out.find((m) => m.text === 'police')).toMatchObject({ country: 'IND', countryFrom: 'place' });
    expect(out.find((m) => m.text === 'protesters')).toMatchObject({ country: 'IND' });
    expect(out.find((m) => m.text === 'police')!.refersTo![0]!.text).toBe('Mumbai');
  });

  it('never overrides a country the text states', () => {
    const doc = withPlaces('Russian forces shelled Kharkiv, killing two civilians.', [{ text: 'Kharkiv', country: 'UKR' }]);
    const out = placeActors(doc);
    expect(out.find((m) => m.text === 'Russian forces')).toMatchObject({ country: 'RUS' });
    expect(out.find((m) => m.text === 'civilians')).toMatchObject({ country: 'UKR' });
  });

  it('leaves collective actors without a country and changes nothing without places', () => {
    const doc = withPlaces('Western governments condemned the raid in Aleppo.', [{ text: 'Aleppo', country: 'SYR' }]);
    expect(placeActors(doc).find((m) => m.text === 'Western governments')).toMatchObject({ country: null });
    const bare = { ...withPlaces('Gunmen attacked a bus.', []), places: [] };
    expect(placeActors(bare)).toEqual(bare.actors);
  });

  it('uses the article\'s main place for an actor with no country when its sentence names no place', () => {
    const doc = withPlaces('Clashes erupted in Goma. Gunmen later attacked a bus.', [{ text: 'Goma', country: 'COD' }]);
    expect(placeActors(doc).find((m) => m.text === 'Gunmen')).toMatchObject({ country: 'COD' });
  });

  it('prefers the article\'s country over a lone odd place and ignores places that are actors', () => {
    const doc = withPlaces('Students rallied at Lime Ridge in Hamilton (Ontario) in solidarity with Palestine.', [
      { text: 'Lime Ridge', country: 'USA' }, { text: 'Hamilton', country: 'CAN' }, { text: 'Ontario', country: 'CAN' }, { text: 'Palestine', country: 'PSE' },
    ]);
    expect(placeActors(doc).find((m) => m.text === 'Students')).toMatchObject({ country: 'CAN', countryFrom: 'place' });
  });

  it('leaves a named international NGO without a country, and still places an armed group without one', () => {
    const doc = withPlaces('Human Rights Watch said soldiers killed 30 people in Moura, and Islamic State fighters attacked Moura.', [{ text: 'Moura', country: 'MLI' }]);
    const out = placeActors(doc);
    expect(out.find((m) => m.text === 'Human Rights Watch')).toMatchObject({ country: null, sector: 'HRI' });
    expect(out.find((m) => m.text === 'soldiers')).toMatchObject({ country: 'MLI', countryFrom: 'place' });
    expect(out.find((m) => m.text.startsWith('Islamic State'))).toMatchObject({ country: 'MLI' });
  });
});
