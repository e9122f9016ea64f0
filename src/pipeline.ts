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
  /**
   * Several documents, stage by stage: every document goes through one stage before any goes
   * through the next. Each result is the same as `run` gives for that document alone (stages
   * share nothing mutable between documents); a document a stage fails on gets its error in its
   * place and the others go on. Why: one stage's code and dictionaries stay in the CPU caches
   * over the whole batch, where a document at a time walks every stage's tables in turn; on a
   * batch of 32 articles this makes the pipeline about a third faster.
   */
  runMany(docs: readonly DocBase[], res: Resources): (FullDoc | PipelineError)[];
  /**
   * runMany that calls `between()` after each document of each stage, and awaits what it returns
   * when it returns a promise: a thread with other work waiting (an ingest worker whose turn to
   * write has come, see extract-worker.ts) does it there rather than after the whole batch, and
   * the thread waiting for it does not sit idle meanwhile. After each document, not each stage:
   * one stage over a group of 128 articles takes up to two tenths of a second (tokens, events), and
   * with two ingest threads the other one, its own group extracted, could wait that long for the
   * write its turn comes after. (Most of the waiting measured was WAL checkpoints inside a
   * commit, see store/checkpointer.ts; this removes the rest of the delay at an Atomics.load a
   * document.)
   */
  runManyAsync(docs: readonly DocBase[], res: Resources, between: () => void | Promise<void>): Promise<(FullDoc | PipelineError)[]>;
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

  /** One stage on one document: its layers added to a new frozen document, or a PipelineError. */
  const step = (stage: Stage, doc: Doc, res: Resources, id: string): Doc => {
    let added: Partial<Layers>;
    try {
      added = stage.run(doc, res);
    } catch (err) {
      throw new PipelineError('PIPELINE_STAGE', `stage "${stage.name}" failed on article ${id}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    for (const a of stage.assigns) {
      if (!added || added[a] === undefined) {
        throw new PipelineError('PIPELINE_STAGE', `stage "${stage.name}" did not return "${a}"`);
      }
    }
    return Object.freeze({ ...doc, ...added });
  };

  return {
    stages,
    run(base: DocBase, res: Resources): FullDoc {
      let doc: Doc = base;
      for (const stage of stages) doc = step(stage, doc, res, base.id);
      return doc as FullDoc;
    },
    runMany(bases: readonly DocBase[], res: Resources): (FullDoc | PipelineError)[] {
      const docs: (Doc | PipelineError)[] = bases.slice();
      for (const stage of stages) stageOverAll(stage, docs, bases, res);
      return docs as (FullDoc | PipelineError)[];
    },
    async runManyAsync(bases: readonly DocBase[], res: Resources, between: () => void | Promise<void>): Promise<(FullDoc | PipelineError)[]> {
      const docs: (Doc | PipelineError)[] = bases.slice();
      for (const stage of stages) {
        for (let i = 0; i < docs.length; i++) {
          stageOn(stage, docs, i, bases, res);
          const other = between();
          if (other) await other;
        }
      }
      return docs as (FullDoc | PipelineError)[];
    },
  };

  /** One stage over every document of a batch not yet failed, in place (see runMany). */
  function stageOverAll(stage: Stage, docs: (Doc | PipelineError)[], bases: readonly DocBase[], res: Resources): void {
    for (let i = 0; i < docs.length; i++) stageOn(stage, docs, i, bases, res);
  }

  /** One stage on document `i` of a batch, in place, unless a stage failed on it before. */
  function stageOn(stage: Stage, docs: (Doc | PipelineError)[], i: number, bases: readonly DocBase[], res: Resources): void {
    const doc = docs[i]!;
    if (doc instanceof PipelineError) return;
    try {
      docs[i] = step(stage, doc, res, bases[i]!.id);
    } catch (err) {
      if (!(err instanceof PipelineError)) throw err;
      docs[i] = err;
    }
  }
}
