// `sitrep train` and `sitrep evaluate`: learn the event sub-type model from labelled data
// (an ACLED-style CSV export or a label<TAB>text file) and measure what it adds to the rules.

import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadEventCoding, DEFAULT_MODEL_PATH } from '../coding/lexicon/load.js';
import { errorMessage } from '../errors.js';

interface TrainOpts {
  from: string;
  out?: string;
  textColumn?: string;
  labelColumn?: string;
}

export function registerTrain(p: Command): void {
  p.command('train')
    .description('learn the event sub-type model from labelled data (ACLED-style CSV with notes + sub_event_type, or label<TAB>text .tsv)')
    .requiredOption('--from <file>', 'labelled examples (.csv export or .tsv)')
    .option('--out <file>', 'where to write the model JSON (default: model.json)', 'model.json')
    .option('--text-column <name>', 'CSV column with the text (default notes)')
    .option('--label-column <name>', 'CSV column with the label (default sub_event_type)')
    .action(async (opts: TrainOpts) => {
      try {
        const [{ readExamples }, { trainNb }] = await Promise.all([import('../coding/model/csv.js'), import('../coding/model/nb.js')]);
        const { mapping } = loadEventCoding({ modelPath: null });
        const all = readExamples(opts.from, { textColumn: opts.textColumn, labelColumn: opts.labelColumn });
        const unknown = new Set(all.filter((e) => !mapping.has(e.label)).map((e) => e.label));
        const examples = all.filter((e) => mapping.has(e.label));
        if (unknown.size) process.stderr.write(`sitrep train: skipped ${all.length - examples.length} rows whose label is not an ACLED sub-event type: ${[...unknown].slice(0, 5).join(', ')}\n`);
        const model = trainNb(examples, { trainedOn: opts.from.split('/').pop() ?? opts.from });
        const out = opts.out ?? 'model.json';
        writeFileSync(out, JSON.stringify(model) + '\n');
        process.stdout.write(`sitrep train: ${examples.length} examples, ${model.labels.length} sub-event types, ${model.vocab.length} features -> ${out}\n`);
        process.stdout.write(`use it with: SITREP_EVENT_MODEL=${out} sitrep extract …  (or sitrep extract --event-model ${out})\n`);
      } catch (err) {
        process.stderr.write(`sitrep train: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
}

interface EvaluateOpts {
  from: string;
  testFraction: string;
  model?: string;
  textColumn?: string;
  labelColumn?: string;
}

export function registerEvaluate(p: Command): void {
  p.command('evaluate')
    .description('score event typing on a labelled file: rules only vs rules + model, on a held-out part; prints per-class scores and confusions')
    .requiredOption('--from <file>', 'labelled examples (.csv export or .tsv)')
    .option('--test-fraction <x>', 'share of examples held out for scoring (default 0.3)', '0.3')
    .option('--model <file>', `model to compare against (default: the shipped ${DEFAULT_MODEL_PATH.split('/').slice(-2).join('/')}; "none" for rules only)`)
    .option('--text-column <name>', 'CSV column with the text (default notes)')
    .option('--label-column <name>', 'CSV column with the label (default sub_event_type)')
    .action(async (opts: EvaluateOpts) => {
      try {
        const [{ readExamples }, { evaluate, report }, { loadResources }] = await Promise.all([import('../coding/model/csv.js'), import('../coding/model/evaluate.js'), import('../resources.js')]);
        const fraction = Number(opts.testFraction);
        if (!(fraction > 0 && fraction < 1)) throw new Error('--test-fraction must be between 0 and 1');
        const examples = readExamples(opts.from, { textColumn: opts.textColumn, labelColumn: opts.labelColumn });
        const res = await loadResources({ settings: opts.model ? { eventModel: opts.model } : {} });
        process.stdout.write(report(evaluate(examples, res, fraction)));
      } catch (err) {
        process.stderr.write(`sitrep evaluate: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      }
    });
}
