import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { features, loadModelFile, predictNb, trainNb } from './nb.js';
import { parseCsv, readExamples } from './csv.js';
import { score, splitExamples } from './evaluate.js';

const examples = [
  { label: 'Arrests', text: 'Police arrested three men in the market.' },
  { label: 'Arrests', text: 'Officers detained a journalist at his home.' },
  { label: 'Arrests', text: 'Security agents arrested two students.' },
  { label: 'Peaceful protest', text: 'Teachers marched to demand higher salaries.' },
  { label: 'Peaceful protest', text: 'Residents held a rally against the new tax.' },
  { label: 'Peaceful protest', text: 'Workers protested outside the factory.' },
];

describe('naive Bayes model', () => {
  it('extracts word and word-pair features without stopwords or dates', () => {
    const f = features('The police arrested 12 men on 3 March');
    expect(f).toContain('police');
    expect(f).toContain('police arrest');
    expect(f).not.toContain('the');
    expect(f).toContain('<num>');
  });

  it('learns from labelled texts and explains its prediction', () => {
    const model = trainNb(examples, { trainedOn: 'test' });
    const p = predictNb(model, 'Police detained four men');
    expect(p?.label).toBe('Arrests');
    expect(p!.prob).toBeGreaterThan(0.5);
    expect(p!.evidence.length).toBeGreaterThan(0);
    expect(predictNb(model, 'Farmers held a rally against the tax')?.label).toBe('Peaceful protest');
    expect(predictNb(model, 'zzz qqq')).toBeNull();
  });

  it('round-trips through a JSON file and rejects other files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-nb-'));
    const path = join(dir, 'm.json');
    writeFileSync(path, JSON.stringify(trainNb(examples)));
    expect(predictNb(loadModelFile(path), 'Police arrested a man')?.label).toBe('Arrests');
    writeFileSync(join(dir, 'bad.json'), '{"format":"other"}');
    expect(() => loadModelFile(join(dir, 'bad.json'))).toThrow(/not a sitrep event model/);
    expect(() => loadModelFile(join(dir, 'missing.json'))).toThrow(/cannot read/);
  });
});

describe('labelled files', () => {
  it('parses quoted CSV fields with commas, quotes and newlines', () => {
    const rows = parseCsv('notes,sub_event_type\n"On 1 May, police ""arrested"" two men.\nNo injuries.",Arrests\nplain,Other\n');
    expect(rows).toEqual([
      ['notes', 'sub_event_type'],
      ['On 1 May, police "arrested" two men.\nNo injuries.', 'Arrests'],
      ['plain', 'Other'],
    ]);
  });

  it('reads an ACLED-style export and says which columns are missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-csv-'));
    const ok = join(dir, 'export.csv');
    writeFileSync(ok, 'event_id,event_type,sub_event_type,notes\nX1,Protests,Peaceful protest,"Workers marched, chanting."\nX2,Strategic developments,Arrests,\n');
    expect(readExamples(ok)).toEqual([{ text: 'Workers marched, chanting.', label: 'Peaceful protest', eventType: 'Protests' }]);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,text\n1,hello\n');
    expect(() => readExamples(bad)).toThrow(/needs columns "notes" and "sub_event_type"/);
  });
});

describe('evaluation', () => {
  it('splits deterministically and scores accuracy and weighted F1', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ label: i % 2 ? 'A' : 'B', text: `text number ${i}` }));
    const a = splitExamples(many, 0.3);
    const b = splitExamples(many, 0.3);
    expect(a.test.map((e) => e.text)).toEqual(b.test.map((e) => e.text));
    expect(a.test.length).toBeGreaterThan(30);
    expect(a.test.length).toBeLessThan(90);
    const s = score(['A', 'A', 'B', 'B'], ['A', 'B', 'B', 'B']);
    expect(s.accuracy).toBe(0.75);
    expect(s.confusions).toEqual([{ gold: 'A', predicted: 'B', count: 1 }]);
    expect(s.weightedF1).toBeCloseTo((2 / 3 + 0.8) / 2, 5);
  });
});
