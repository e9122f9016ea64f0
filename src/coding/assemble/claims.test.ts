import { beforeAll, describe, expect, it } from 'vitest';
import type { FullDoc } from '../../doc.js';
import { makeDoc } from '../../ingest/article.js';
import { loadResources, type Resources } from '../../resources.js';
import { defaultPipeline } from '../../stages.js';

// Who claims and who denies: the denied event is the news the denial answers, not background
// told in between.

let res: Resources;
const pipeline = defaultPipeline();
beforeAll(async () => {
  res = await loadResources({ settings: { eventModel: null } });
});

function run(text: string, published: string): FullDoc {
  return pipeline.run(makeDoc({ id: 'c', text, published }), res);
}

describe('denials', () => {
  it('deny the latest news event, skipping a background event told in between', () => {
    const doc = run(
      'KHERSON, June 30 (Wire) - A missile struck a fuel depot in Kherson on Tuesday, killing three workers, regional officials said.\n\n'
      + 'The governor said the depot had also been shelled in 2019, when two guards were wounded.\n\n'
      + "Russia's Defence Ministry denied any involvement.",
      '2021-06-30',
    );
    const denied = doc.events.filter((e) => e.status === 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]!.type).toBe('ASSAULT');
    expect(denied[0]!.claimedBy.map((c) => c.country)).toEqual(['RUS']);
    expect(denied[0]!.date?.start).toBe('2021-06-29');
  });
});

describe('neutral sources', () => {
  it('a crowd placed by its town and medical staff relay, they do not claim', async () => {
    const { findAttributions } = await import('../attribution.js');
    const doc = run('Workers in Kano said gunmen attacked the market on Monday. Medical staff said four people were wounded.', '2021-06-30');
    const atts = findAttributions(doc);
    expect(atts.length).toBeGreaterThanOrEqual(2);
    for (const a of atts) expect(a.neutral).toBe(true);
  });
});

describe('announced events', () => {
  it('a resignation announced by someone else is future and claimed by the announcer', () => {
    const doc = run('President Adama Barrow will step down on Friday, the speaker of parliament said.', '2021-06-30');
    const e = doc.events.find((x) => x.type === 'RETREAT')!;
    expect(e.mode).toBe('resign');
    expect(e.status).toBe('future');
    expect(e.claimedBy).toHaveLength(1);
    expect(e.claimedBy[0]!.text).toBe('the speaker of parliament');
  });
});
