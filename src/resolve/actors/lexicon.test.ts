import { describe, expect, it } from 'vitest';
import { buildActorLexicon, LexiconError, loadActorLexicon, type LexiconFiles } from './lexicon.js';

const tiny: LexiconFiles = {
  countries: 'ARM\tArmenia\tArmenian\t\tYerevan\n',
  institutions: 'army\tMIL\tmil\tinst\n',
  organizations: 'Reuters\t-\tJRN\tagency\t-\n',
  groups: '',
  people: '',
  notActors: '',
  regions: '',
};

describe('actor lexicon', () => {
  it('loads the shipped files with every country and the listed groups', () => {
    const lex = loadActorLexicon();
    expect(lex.countries.size).toBeGreaterThan(190);
    expect(lex.countries.get('AZE')).toMatchObject({ name: 'Azerbaijan', adjective: 'Azerbaijani' });
    expect(lex.size).toBeGreaterThan(1500);
    expect(lex.root.next.get('hezbollah')?.entries[0]).toMatchObject({ country: 'LBN', sector: 'REB', type: 'group' });
  });

  it('generates regular demonym plurals', () => {
    const lex = buildActorLexicon(tiny);
    expect(lex.root.next.get('armenians')?.entries[0]).toMatchObject({ type: 'people', country: 'ARM' });
  });

  it('rejects a bad row with the file and line', () => {
    expect(() => buildActorLexicon({ ...tiny, countries: '# header\nARMX\tArmenia\n' })).toThrow(LexiconError);
    expect(() => buildActorLexicon({ ...tiny, countries: '# header\nARMX\tArmenia\n' })).toThrow(/countries.tsv:2/);
    expect(() => buildActorLexicon({ ...tiny, institutions: 'army\tARMY\tmil\tinst\n' })).toThrow(/bad sector/);
    expect(() => buildActorLexicon({ ...tiny, groups: 'X\tARM\treb\t-\t9\n' })).toThrow(/inter/);
  });
});
