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

/** The ASSAULT events of one sentence as "actor -> target" (the texts of the mentions). */
function assaults(text: string): string[] {
  const out = extractRecord(ex, { id: 't', text, published: '2024-03-05' }) as SpecResult;
  expect('error' in out).toBe(false);
  return out.events.filter((e) => e.type === 'ASSAULT').map((e) => `${e.actor?.text ?? null} -> ${e.target?.text ?? null}`);
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
