// Golden articles written for this project (not benchmark texts): the whole pipeline, with the
// events each article must yield asserted in substance — who, to whom, in whose voice, the toll.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Event, FullDoc } from '../../src/doc.js';
import { makeDoc } from '../../src/ingest/article.js';
import { loadResources, type Resources } from '../../src/resources.js';
import { defaultPipeline } from '../../src/stages.js';

const here = dirname(fileURLToPath(import.meta.url));
let res: Resources;
beforeAll(async () => {
  res = await loadResources();
});

function run(name: string): FullDoc {
  const text = readFileSync(join(here, 'articles', name), 'utf8');
  return defaultPipeline().run(makeDoc({ id: name, text }), res);
}

const find = (evs: readonly Event[], f: Partial<{ type: string; status: string; actor: string; target: string; claimedBy: string }>) =>
  evs.filter((e) => (!f.type || e.type === f.type) && (!f.status || e.status === f.status) && (!f.actor || e.actor?.country === f.actor)
    && (!f.target || e.target?.country === f.target) && (!f.claimedBy || e.claimedBy.some((c) => c.country === f.claimedBy)));

describe('golden: a disputed attack, blamed and denied (DR Congo)', () => {
  it('keeps the article’s account, the army’s claim, the rebels’ denial and counter-claim apart', () => {
    const doc = run('kivu-denial.txt');
    const ev = doc.events;
    const asserted = find(ev, { type: 'ASSAULT', status: 'asserted' });
    expect(asserted).toHaveLength(1);
    expect(asserted[0]!.fatalities?.min).toBe(15);
    // the main event is the asserted attack
    expect(Math.max(...ev.map((e) => e.confidence))).toBe(asserted[0]!.confidence);
    const claimed = find(ev, { type: 'ASSAULT', status: 'claimed', actor: 'COD' }).filter((e) => e.actor?.sector === 'REB');
    expect(claimed).toHaveLength(1);
    expect(claimed[0]!.claimedBy[0]?.sector).toBe('MIL');
    expect(claimed[0]!.fatalities?.min).toBe(15);
    const denied = find(ev, { type: 'ASSAULT', status: 'denied' });
    expect(denied).toHaveLength(1);
    expect(denied[0]!.actor?.sector).toBe('REB');
    expect(denied[0]!.claimedBy[0]?.sector).toBe('REB');
    // blame both ways: two accusations
    const acc = find(ev, { type: 'ACCUSE', status: 'asserted' }).map((e) => `${e.actor?.sector}>${e.target?.sector}`);
    expect(acc).toEqual(expect.arrayContaining(['MIL>REB', 'REB>MIL']));
    const check = doc.checks.find((c) => c.kind === 'conflicting-claims');
    expect(check?.events).toEqual(expect.arrayContaining([claimed[0]!.id, denied[0]!.id]));
    // background: the earlier offensive is historical
    expect(find(ev, { status: 'historical' }).length).toBeGreaterThanOrEqual(1);
    expect(find(ev, { status: 'historical' }).every((e) => e.date === null || e.date.end < '2025-06-01')).toBe(true);
  });
});

describe('golden: two sides trade fire and blame (Kyrgyzstan–Tajikistan)', () => {
  it('codes the exchange both ways, the party’s claim with its toll, the neutral toll and the background war', () => {
    const doc = run('border-shelling.txt');
    const ev = doc.events;
    const exchange = find(ev, { type: 'ASSAULT', status: 'asserted' }).filter((e) => e.actor && e.target);
    expect(exchange.map((e) => `${e.actor!.country}>${e.target!.country}`)).toEqual(expect.arrayContaining(['KGZ>TJK', 'TJK>KGZ']));
    const claim = find(ev, { type: 'ASSAULT', status: 'claimed', actor: 'KGZ', claimedBy: 'TJK' });
    expect(claim).toHaveLength(1);
    expect(claim[0]!.fatalities?.min).toBe(2);
    // a party's claim that the other side shelled it is an accusation
    expect(find(ev, { type: 'ACCUSE', actor: 'TJK', target: 'KGZ' })).toHaveLength(1);
    // "according to hospital officials": neutral, so the toll stays asserted
    const toll = find(ev, { type: 'ASSAULT', status: 'asserted' }).find((e) => e.fatalities?.min === 2);
    expect(toll?.claimedBy).toEqual([]);
    const war = find(ev, { type: 'ASSAULT', status: 'historical' });
    expect(war).toHaveLength(1);
    expect(war[0]!.date?.start.slice(0, 4)).toBe('2022');
    expect(war[0]!.fatalities?.min).toBe(100);
  });
});

describe('golden: announcements, a negated report and a warning (Niger)', () => {
  it('marks scheduled talks future with the outlet in via, codes no event for unreported casualties, and a warned-of action as hypothetical', () => {
    const doc = run('sahel-future.txt');
    const ev = doc.events;
    const talks = find(ev, { type: 'CONSULT', status: 'future', actor: 'NER' });
    expect(talks.map((e) => e.target?.country).sort()).toEqual(['BFA', 'MLI']);
    expect(talks[0]!.via.some((v) => /television/.test(v))).toBe(true);
    // "It did not report any casualties among the attackers" adds nothing
    const casualtySentence = doc.text.indexOf('It did not report');
    const sentenceEnd = doc.text.indexOf('.', casualtySentence);
    expect(ev.some((e) => e.trigger.start >= casualtySentence && e.trigger.start < sentenceEnd)).toBe(false);
    expect(ev.some((e) => e.status === 'hypothetical')).toBe(true);
    expect(ev.filter((e) => e.status === 'asserted').every((e) => !/could/.test(doc.text.slice(e.evidence[0]!.start, e.evidence[0]!.end)))).toBe(true);
  });
});

describe('golden: a strike with a toll told once (Ukraine)', () => {
  it('yields one attack with its toll, not a second event for "killing", and no conflict', () => {
    const doc = run('harbour-strike.txt');
    const attacks = find(doc.events, { type: 'ASSAULT', status: 'asserted' });
    expect(attacks).toHaveLength(1);
    expect(attacks[0]!.fatalities?.min).toBe(3);
    expect(attacks[0]!.date?.start).toBe('2023-12-01');
    expect(doc.checks.some((c) => c.kind === 'conflicting-claims')).toBe(false);
    // every event carries the sentence behind it first
    for (const e of doc.events) expect(doc.text.slice(e.evidence[0]!.start, e.evidence[0]!.end)).toContain(doc.text.slice(e.trigger.start, e.trigger.end));
  });
});
