// `sitrep evaluate`: how well sitrep types events on a labelled file, with and without the
// learned model. The file is split deterministically (by a hash of each text) into a training
// part and a held-out part; a model is trained on the first and every configuration is scored on
// the second: rules only, rules + the configured/default model, rules + the model trained here,
// and the trained model alone.

import { createHash } from 'node:crypto';
import type { FullDoc } from '../../doc.js';
import { makeDoc } from '../../ingest/article.js';
import type { Resources } from '../../resources.js';
import { defaultPipeline } from '../../stages.js';
import type { EventCoding } from '../lexicon/load.js';
import type { Example } from './csv.js';
import { predictNb, trainNb, type NbModel } from './nb.js';

export function heldOut(text: string, fraction: number): boolean {
  const h = createHash('sha1').update('sitrep-evaluate:' + text).digest();
  return h.readUInt32BE(0) / 0xffffffff < fraction;
}

export function splitExamples(examples: readonly Example[], testFraction: number): { train: Example[]; test: Example[] } {
  const train: Example[] = [];
  const test: Example[] = [];
  for (const e of examples) (heldOut(e.text, testFraction) ? test : train).push(e);
  return { train, test };
}

export interface Scores {
  n: number;
  accuracy: number;
  weightedF1: number;
  macroF1: number;
  perClass: { label: string; support: number; precision: number; recall: number; f1: number }[];
  confusions: { gold: string; predicted: string; count: number }[];
}

export function score(gold: readonly string[], pred: readonly string[]): Scores {
  const labels = [...new Set(gold)].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const conf = new Map<string, number>();
  let correct = 0;
  gold.forEach((g, i) => {
    const p = pred[i]!;
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(g, (fn.get(g) ?? 0) + 1);
      const k = `${g}\u0000${p}`;
      conf.set(k, (conf.get(k) ?? 0) + 1);
    }
  });
  const perClass = labels.map((label) => {
    const t = tp.get(label) ?? 0;
    const precision = t + (fp.get(label) ?? 0) ? t / (t + (fp.get(label) ?? 0)) : 0;
    const recall = t + (fn.get(label) ?? 0) ? t / (t + (fn.get(label) ?? 0)) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support: gold.filter((g) => g === label).length, precision, recall, f1 };
  });
  const n = gold.length;
  return {
    n,
    accuracy: n ? correct / n : 0,
    weightedF1: n ? perClass.reduce((a, c) => a + c.f1 * c.support, 0) / n : 0,
    macroF1: perClass.length ? perClass.reduce((a, c) => a + c.f1, 0) / perClass.length : 0,
    perClass,
    confusions: [...conf.entries()]
      .map(([k, count]) => {
        const [g, p] = k.split('\u0000');
        return { gold: g!, predicted: p!, count };
      })
      .sort((a, b) => b.count - a.count),
  };
}

/** The main event's sub-type, as the benchmarks pick it: the most confident event with an ACLED type. */
export function mainSubType(doc: FullDoc): string {
  let best: FullDoc['events'][number] | null = null;
  for (const e of doc.events) if (e.acled && (!best || e.confidence > best.confidence)) best = e;
  return best?.acled?.sub_event_type ?? 'NONE';
}

export function classifyWithPipeline(texts: readonly string[], res: Resources): string[] {
  const pipeline = defaultPipeline();
  return texts.map((text, i) => mainSubType(pipeline.run(makeDoc({ id: `eval-${i}`, text }), res)));
}

export function withModel(res: Resources, model: NbModel | null): Resources {
  const ec = res.events as EventCoding;
  return { ...res, events: { ...ec, model, modelPath: model ? '(in memory)' : null } };
}

export interface EvaluationRow {
  name: string;
  scores: Scores;
}

export function evaluate(examples: readonly Example[], res: Resources, testFraction: number): { train: number; test: number; rows: EvaluationRow[]; model: NbModel } {
  const { train, test } = splitExamples(examples, testFraction);
  if (!train.length || !test.length) throw new Error(`need examples on both sides of the split (train ${train.length}, held-out ${test.length})`);
  const model = trainNb(train, { trainedOn: 'evaluate: training part' });
  const gold = test.map((e) => e.label);
  const texts = test.map((e) => e.text);
  const configured = (res.events as EventCoding).model;
  const rows: EvaluationRow[] = [
    { name: 'rules only', scores: score(gold, classifyWithPipeline(texts, withModel(res, null))) },
  ];
  if (configured) rows.push({ name: `rules + ${configured.trainedOn}`, scores: score(gold, classifyWithPipeline(texts, withModel(res, configured))) });
  rows.push({ name: 'rules + model trained on this file', scores: score(gold, classifyWithPipeline(texts, withModel(res, model))) });
  rows.push({ name: 'model trained on this file, alone', scores: score(gold, texts.map((t) => predictNb(model, t)?.label ?? 'NONE')) });
  return { train: train.length, test: test.length, rows, model };
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5) + '%';

export function report(r: ReturnType<typeof evaluate>): string {
  const lines: string[] = [];
  lines.push(`training part: ${r.train} examples; held-out part: ${r.test} examples`);
  lines.push('');
  lines.push('configuration                                   accuracy  weighted-F1  macro-F1');
  for (const row of r.rows) lines.push(`${row.name.padEnd(46)}  ${pct(row.scores.accuracy)}  ${pct(row.scores.weightedF1)}       ${pct(row.scores.macroF1)}`);
  const best = r.rows.reduce((a, b) => (b.scores.weightedF1 > a.scores.weightedF1 ? b : a));
  lines.push('');
  lines.push(`per class (${best.name}):`);
  lines.push('sub-event type                          support  precision  recall     F1');
  for (const c of [...best.scores.perClass].sort((a, b) => a.f1 - b.f1)) {
    lines.push(`${c.label.padEnd(38)}  ${String(c.support).padStart(7)}  ${pct(c.precision)}    ${pct(c.recall)}  ${pct(c.f1)}`);
  }
  lines.push('');
  lines.push(`confusions (${best.name}; gold -> predicted):`);
  for (const c of best.scores.confusions.slice(0, 25)) lines.push(`${String(c.count).padStart(5)}  ${c.gold} -> ${c.predicted}`);
  return lines.join('\n') + '\n';
}
