import { beforeAll, describe, expect, it } from 'vitest';
import { loadResources, type Resources } from '../resources.js';
import { defaultPipeline } from '../stages.js';
import { makeDoc } from '../ingest/article.js';
import type { FullDoc, Trigger } from '../doc.js';

let res: Resources;
const pipeline = defaultPipeline();

beforeAll(async () => {
  res = await loadResources({ settings: { eventModel: null } });
});

function run(text: string): FullDoc {
  return pipeline.run(makeDoc({ id: 't', text }), res);
}

function triggers(text: string): Trigger[] {
  return run(text).triggers;
}

function find(text: string, word: string): Trigger | undefined {
  return triggers(text).find((t) => t.text.toLowerCase().includes(word));
}

describe('triggers', () => {
  it('types multiword violent triggers with PLOVER, CAMEO and ACLED', () => {
    const t = find('Rebels opened fire on a bus near the market on Tuesday.', 'opened fire');
    expect(t?.type).toBe('ASSAULT');
    expect(t?.mode).toBe('firearms');
    const s = find('Several villages were subjected to intense shelling by the army overnight.', 'subjected');
    expect(s?.acled?.sub_event_type).toBe('Shelling/artillery/missile attack');
    expect(s?.acled?.event_type).toBe('Explosions/Remote violence');
    expect(s?.passive).toBe(true);
    expect(s?.cameo).toBe('194');
    const c = find('The militia took control of the river port after a week of fighting.', 'took control');
    expect(c?.acled?.sub_event_type).toBe('Non-state actor overtakes territory');
    const cb = find('A car bomb went off outside the ministry.', 'car bomb');
    expect(cb?.acled?.sub_event_type).toBe('Remote explosive/landmine/IED');
    expect(cb?.cameo).toBe('1832');
  });

  it('takes the outbreak of a war as a clash, and keeps it in the past when the text dates it so', () => {
    const t = find('In the early 1990s, war broke out between the two republics over the valley.', 'broke');
    expect(t?.type).toBe('ASSAULT');
    expect(t?.acled?.sub_event_type).toBe('Armed clash');
    const doc = pipeline.run(makeDoc({ id: 'w', text: 'In the early 1990s, war broke out between the two republics over the valley.', published: '2024-05-01' }), res);
    const e = doc.events.find((x) => x.type === 'ASSAULT');
    expect(e?.status).toBe('historical');
    expect(e?.date?.start.slice(0, 3)).toBe('199');
    // "broke out" of a prison is not fighting
    expect(find('Three inmates broke out of the prison on Sunday.', 'broke')?.acled?.sub_event_type).not.toBe('Armed clash');
  });

  it('codes statements as PLOVER types with no ACLED type', () => {
    const b = find('The interior minister blamed the opposition for the unrest.', 'blamed');
    expect(b?.type).toBe('ACCUSE');
    expect(b?.acled).toBeNull();
    const r = find('The party called for an independent inquiry into the deaths.', 'called for');
    expect(r?.type).toBe('REQUEST');
    const d = find('The ministry denied the reports.', 'denied');
    expect(d?.type).toBe('REJECT');
  });

  it('marks passive verbs', () => {
    expect(find('Two traders were abducted on the highway.', 'abducted')?.passive).toBe(true);
    expect(find('Gunmen abducted two traders on the highway.', 'abducted')?.passive).toBe(false);
    expect(find('Two traders were abducted on the highway.', 'abducted')?.acled?.sub_event_type).toBe('Abduction/forced disappearance');
  });

  it('does not take "fire" in ceasefire or fire brigade for shooting', () => {
    const ts = triggers('Both sides agreed to a ceasefire, and the fire brigade was called to the depot.');
    expect(ts.some((t) => t.type === 'ASSAULT')).toBe(false);
    expect(ts.find((t) => t.text.toLowerCase().includes('ceasefire'))?.acled?.sub_event_type).toBe('Agreement');
    const held = triggers('The ceasefire held through the night.');
    expect(held.find((t) => t.text.toLowerCase() === 'ceasefire')?.type).toBe('RETREAT');
    expect(held.some((t) => t.type === 'ASSAULT')).toBe(false);
  });

  it('tells a labour strike from an air strike', () => {
    const labour = find('Teachers went on strike over unpaid salaries.', 'strike');
    expect(labour?.type).toBe('PROTEST');
    expect(labour?.acled?.sub_event_type).toBe('Peaceful protest');
    const air = find('An air strike hit a fuel depot outside the city.', 'strike');
    expect(air?.acled?.sub_event_type).toBe('Air/drone strike');
  });

  it('ignores "shot" a photo and a heart attack', () => {
    expect(triggers('The photographer shot a video of the harbour at dawn.').filter((t) => t.type === 'ASSAULT')).toHaveLength(0);
    expect(triggers('The mayor died of a heart attack last night.').filter((t) => t.acled?.sub_event_type === 'Attack')).toHaveLength(0);
  });

  it('finds nothing in a sentence with no event', () => {
    expect(triggers('The committee will publish its annual budget figures next spring.').filter((t) => t.acled)).toHaveLength(0);
  });

  it('gives every trigger its evidence span and rule', () => {
    const doc = run('Protesters gathered outside parliament. Police arrested twelve of them.');
    for (const t of doc.triggers) {
      expect(doc.text.slice(t.start, t.end)).toBe(t.text);
      expect(t.rule).toMatch(/^(lexicon|model):/);
      expect(t.confidence).toBeGreaterThan(0);
      expect(t.confidence).toBeLessThanOrEqual(1);
    }
    expect(doc.triggers.find((t) => t.text === 'arrested')?.acled?.sub_event_type).toBe('Arrests');
  });
});
