// The pipeline is data: an ordered list of named stages. Each stage declares the layers it
// requires and the layers it assigns; `buildPipeline` checks the chain once, when it is built,
// and `run` checks that every stage returned what it promised. Stages share nothing mutable:
// dictionaries and gazetteers come in through `Resources`, built once and passed to every call.

import type { Doc, DocBase, FullDoc, LayerName, Layers } from './doc.js';
import { PipelineError } from './errors.js';
import type { Resources } from './resources.js';

export interface Stage<A extends LayerName = LayerName> {
  name: string;
  requires: readonly LayerName[];
  assigns: readonly A[];
  run(doc: Doc, res: Resources): Pick<Layers, A>;
}

export interface Pipeline {
  stages: readonly Stage[];
  run(doc: DocBase, res: Resources): FullDoc;
}

export function defineStage<A extends LayerName>(stage: Stage<A>): Stage<A> {
  return stage;
}

export function buildPipeline(stages: readonly Stage[]): Pipeline {
  const have = new Set<LayerName>();
  for (const stage of stages) {
    for (const need of stage.requires) {
      if (!have.has(need)) {
        throw new PipelineError('PIPELINE_CONFIG', `stage "${stage.name}" requires "${need}", which no earlier stage assigns`);
      }
    }
    for (const a of stage.assigns) have.add(a);
  }
  const all: LayerName[] = ['paragraphs', 'sentences', 'tokens', 'actors', 'times', 'quantities', 'places', 'attributions', 'triggers', 'events', 'checks'];
  const missing = all.filter((l) => !have.has(l));
  if (missing.length) throw new PipelineError('PIPELINE_CONFIG', `no stage assigns ${missing.join(', ')}`);

  return {
    stages,
    run(base: DocBase, res: Resources): FullDoc {
      let doc: Doc = base;
      for (const stage of stages) {
        let added: Partial<Layers>;
        try {
          added = stage.run(doc, res);
        } catch (err) {
          throw new PipelineError('PIPELINE_STAGE', `stage "${stage.name}" failed on article ${base.id}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        }
        for (const a of stage.assigns) {
          if (!added || added[a] === undefined) {
            throw new PipelineError('PIPELINE_STAGE', `stage "${stage.name}" did not return "${a}"`);
          }
        }
        doc = Object.freeze({ ...doc, ...added });
      }
      return doc as FullDoc;
    },
  };
}
