import { describe, expect, it } from 'vitest';
import { inflections } from './inflect.js';
import { LexiconError, matchLexicon, parseLexicon, parseMapping } from './lexicon.js';
import { loadEventCoding } from './load.js';

const MAPPING = 'Armed clash\tBattles\tASSAULT\t-\t190\tnote\nArrests\tStrategic developments\tCOERCE\tarrest\t173\tnote\n';

describe('event lexicon', () => {
  it('inflects verbs, including irregular and doubled forms', () => {
    expect(inflections('shell')).toEqual(expect.arrayContaining(['shells', 'shelled', 'shelling']));
    expect(inflections('kidnap')).toEqual(expect.arrayContaining(['kidnapped', 'kidnapping']));
    expect(inflections('seize')).toEqual(expect.arrayContaining(['seized', 'seizing']));
    expect(inflections('fight')).toContain('fought');
  });

  it('matches multiword patterns with gaps and prefers the longest match; blocks stop shorter ones', () => {
    const lex = parseLexicon('clash~\tArmed clash\t0.7\nexchange~ * fire\tArmed clash\t0.8\tmode=firearms\nheart attack\tBLOCK\t1\nattack~\tArmed clash\t0.5\n', parseMapping(MAPPING));
    const words = 'troops exchanged heavy fire after a heart attack'.split(' ');
    const m = matchLexicon(lex, words, 0, words.length);
    expect(m.map((x) => words.slice(x.start, x.end).join(' '))).toEqual(['exchanged heavy fire']);
    expect(m[0]!.entry.code?.mode).toBe('firearms');
    expect(m[0]!.entry.code?.acled).toEqual({ event_type: 'Battles', sub_event_type: 'Armed clash' });
  });

  it('lets a gap skip a parenthetical aside, but not run through an unclosed one or other punctuation', () => {
    const lex = parseLexicon('block~ * road\tArmed clash\t0.6\n', parseMapping(MAPPING));
    const hit = (s: string) => matchLexicon(lex, s.split(' '), 0, s.split(' ').length).length;
    expect(hit('villagers blocked ( with burning tyres ) the main road')).toBe(1);
    expect(hit('villagers blocked ( with burning tyres the main road')).toBe(0);
    expect(hit('villagers blocked , then the main road')).toBe(0);
    expect(hit('villagers blocked the old and busy market road')).toBe(0);
  });

  it('rejects unknown codes and malformed rows with the line number', () => {
    expect(() => parseLexicon('clash~\tBattle royale\t0.7\n', parseMapping(MAPPING))).toThrow(LexiconError);
    expect(() => parseLexicon('clash~\tArmed clash\t7\n', parseMapping(MAPPING))).toThrow(/:1: confidence/);
    expect(() => parseMapping('Armed clash\tBattles\tFIGHT\t-\t190\tx\n')).toThrow(/unknown PLOVER type/);
  });

  it('ships a mapping of all 25 ACLED sub-event types with valid PLOVER types', () => {
    const ec = loadEventCoding({ modelPath: null });
    expect(ec.mapping.size).toBe(25);
    for (const sub of ['Chemical weapon', 'Suicide bomb', 'Headquarters or base established', 'Agreement', 'Change to group/activity', 'Disrupted weapons use', 'Other']) {
      expect(ec.mapping.has(sub)).toBe(true);
    }
    expect(ec.lexicon.entries.length).toBeGreaterThan(200);
  });
});
