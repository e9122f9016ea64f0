import { beforeAll, describe, expect, it } from 'vitest';
import type { Attribution, Doc } from '../doc.js';
import { loadResources, type Resources } from '../resources.js';
import { findAttributions } from './attribution.js';
import { testDoc, type FakeActor } from './assemble/testdoc.js';

let res: Resources;
beforeAll(async () => {
  res = await loadResources();
});

const txt = (d: Doc, s: { start: number; end: number } | null) => (s ? d.text.slice(s.start, s.end) : null);

function one(text: string, actors: FakeActor[]): { doc: Doc; atts: Attribution[] } {
  const doc = testDoc(res, text, { actors });
  return { doc, atts: findAttributions(doc) };
}

describe('findAttributions', () => {
  it('reads "a statement from X said" after a quotation, with the whole quote as content', () => {
    const { doc, atts } = one(
      '“Positions of the Azerbaijan Armed Forces were subjected to intense shelling by the Armenian army,” a statement from Azerbaijan’s Ministry of Defense said.',
      [{ text: 'Azerbaijan’s Ministry of Defense', country: 'AZE', sector: 'GOV', kind: 'institution' }, { text: 'Azerbaijan Armed Forces', country: 'AZE', sector: 'MIL' }, { text: 'the Armenian army', country: 'ARM', sector: 'MIL' }],
    );
    expect(atts).toHaveLength(1);
    expect(atts[0]!.speaker?.country).toBe('AZE');
    expect(txt(doc, atts[0]!.content)).toMatch(/^Positions of .* Armenian army$/);
    expect(atts[0]!.neutral).toBe(false);
  });

  it('reads "X said: “…”" and "X said it would …"', () => {
    const a = one('Armenia’s Defense Ministry said: “Mass shelling is ongoing.”', [{ text: 'Armenia’s Defense Ministry', country: 'ARM', sector: 'GOV' }]);
    expect(a.atts[0]!.speaker?.country).toBe('ARM');
    expect(txt(a.doc, a.atts[0]!.content)).toBe('Mass shelling is ongoing');
    const b = one('The Russian news agency Interfax reported that the Armenian government said it would appeal to the UN Security Council.', [
      { text: 'Interfax', country: null, sector: 'JRN', kind: 'agency' }, { text: 'the Armenian government', country: 'ARM', sector: 'GOV' }, { text: 'UN Security Council', country: 'IGO', sector: 'IGO', kind: 'igo' },
    ]);
    const inner = b.atts.find((x) => x.speaker?.country === 'ARM')!;
    expect(txt(b.doc, inner.content)).toBe('it would appeal to the UN Security Council');
    expect(inner.via).toContain('Interfax');
    const outer = b.atts.find((x) => x !== inner)!;
    expect(outer.neutral).toBe(true);
    expect(outer.speaker).toBeNull();
  });

  it('resolves "It said" to the previous speaker and keeps witnesses neutral', () => {
    const { doc, atts } = one('The ministry said troops repelled an attack. It said the rebels fled. Shops were looted, witnesses told Reuters.', [
      { text: 'The ministry', country: 'MLI', sector: 'GOV', kind: 'institution' }, { text: 'troops', country: null, sector: 'MIL', kind: 'sector' }, { text: 'the rebels', country: null, sector: 'REB', kind: 'sector' }, { text: 'Reuters', country: null, sector: 'JRN', kind: 'agency' },
    ]);
    expect(atts).toHaveLength(3);
    expect(atts[1]!.speaker?.country).toBe('MLI');
    expect(txt(doc, atts[1]!.content)).toBe('the rebels fled');
    expect(atts[2]!.neutral).toBe(true);
    expect(atts[2]!.via).toEqual(['Reuters']);
    expect(txt(doc, atts[2]!.content)).toBe('Shops were looted');
  });

  it('reads "according to" before and after its content', () => {
    const { doc, atts } = one('According to the army, rebels attacked the base. Ten people died, according to hospital officials.', [{ text: 'the army', country: 'NGA', sector: 'MIL' }]);
    expect(atts[0]!.speaker?.country).toBe('NGA');
    expect(txt(doc, atts[0]!.content)).toBe('rebels attacked the base');
    expect(atts[1]!.neutral).toBe(true);
    expect(txt(doc, atts[1]!.content)).toBe('Ten people died');
  });

  it('marks denials and blame with who is blamed', () => {
    const { doc, atts } = one("Russia's Defence Ministry denied carrying out the strike. Ukrainian officials blamed Russian forces for the attack.", [
      { text: "Russia's Defence Ministry", country: 'RUS', sector: 'GOV' }, { text: 'Ukrainian officials', country: 'UKR', sector: 'GOV' }, { text: 'Russian forces', country: 'RUS', sector: 'MIL' },
    ]);
    expect(atts[0]!.kind).toBe('denial');
    expect(txt(doc, atts[0]!.content)).toBe('carrying out the strike');
    expect(atts[1]!.kind).toBe('blame');
    expect(atts[1]!.accused?.[0]?.country).toBe('RUS');
    expect(txt(doc, atts[1]!.content)).toBe('the attack');
  });

  it('finds no attribution where nobody speaks, and not in "said" used inside a quotation', () => {
    expect(one('Rebels attacked the town on Friday and burned the market.', []).atts).toHaveLength(0);
    expect(one('The claims were false.', []).atts).toHaveLength(0);
  });
});
