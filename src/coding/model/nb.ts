// A compact multinomial naive Bayes classifier over words and word pairs: small enough to ship as
// JSON, fast enough to run on every event sentence, and explainable (the features that pushed a
// label are reported in the event's `rule`). Trained by `sitrep train` on ACLED-style exports or on
// the project's own labelled descriptions (data/events/training.tsv).

import { readFileSync } from 'node:fs';

export interface NbModel {
  format: 'sitrep-nb/1';
  labels: string[];
  /** feature -> index into each row of logLik */
  vocab: string[];
  logPrior: number[];
  /** logLik[label][feature] */
  logLik: number[][];
  /** Log-probability of an unseen feature per label (smoothing mass). */
  logUnseen: number[];
  /** What the model was trained on, for `sitrep evaluate` and the README. */
  trainedOn: string;
  examples: number;
}

const STOP = new Set(
  ('a an the of in on at to for from by with and or but as is was were be been being are that this these those it its ' +
    'he she they them his her their we our you your i me my has have had not no do did does which who whom whose there ' +
    'than then so if into onto about after before over under also while when where what will would can could may might ' +
    'around near between during per via s').split(' '),
);

const MONTHS = new Set('january february march april may june july august september october november december'.split(' '));

function normWord(w: string): string | null {
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) return '<num>';
  if (MONTHS.has(w)) return '<month>';
  if (STOP.has(w) || w.length < 2) return null;
  // light stemming: plurals and common verb endings map together (protesters ~ protester)
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** The words of a text as features see them: lower-cased, stopwords dropped, lightly stemmed. */
function normWords(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z0-9][a-z0-9'-]*/g) ?? [];
  const norm: string[] = [];
  for (const w of words) {
    const n = normWord(w.includes("'") ? w.replace(/'s$/, '').replace(/'/g, '') : w);
    if (n) norm.push(n);
  }
  return norm;
}

/** Unigram and bigram features of a text (bigrams skip stopwords, so "opened fire" = "open fire"). */
export function features(text: string): string[] {
  const norm = normWords(text);
  const out = new Set<string>();
  for (let i = 0; i < norm.length; i++) {
    out.add(norm[i]!);
    if (i + 1 < norm.length) out.add(norm[i]! + ' ' + norm[i + 1]!);
  }
  return [...out];
}

export interface TrainOptions {
  /** Additive smoothing. */
  alpha?: number;
  /** Keep features seen in at least this many examples. */
  minCount?: number;
  /** Keep at most this many features (the most frequent). */
  maxFeatures?: number;
  trainedOn?: string;
}

export function trainNb(examples: readonly { text: string; label: string }[], opts: TrainOptions = {}): NbModel {
  const alpha = opts.alpha ?? 0.3;
  const minCount = opts.minCount ?? (examples.length > 2000 ? 2 : 1);
  const maxFeatures = opts.maxFeatures ?? 30000;
  if (examples.length === 0) throw new Error('no training examples');
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const li = new Map(labels.map((l, i) => [l, i]));
  const feats = examples.map((e) => features(e.text));
  const df = new Map<string, number>();
  for (const fs of feats) for (const f of fs) df.set(f, (df.get(f) ?? 0) + 1);
  const vocab = [...df.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures)
    .map(([f]) => f);
  const vi = new Map(vocab.map((f, i) => [f, i]));
  const counts = labels.map(() => new Float64Array(vocab.length));
  const totals = new Float64Array(labels.length);
  const docs = new Float64Array(labels.length);
  examples.forEach((e, k) => {
    const l = li.get(e.label)!;
    docs[l]!++;
    for (const f of feats[k]!) {
      const j = vi.get(f);
      if (j === undefined) continue;
      counts[l]![j]!++;
      totals[l]!++;
    }
  });
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const n = examples.length;
  // priors are flattened (square root) so a skewed export does not drown the rare sub-types
  const rawPrior = labels.map((_, l) => Math.sqrt(docs[l]! / n));
  const z = rawPrior.reduce((a, b) => a + b, 0);
  return {
    format: 'sitrep-nb/1',
    labels,
    vocab,
    logPrior: rawPrior.map((p) => round(Math.log(p / z))),
    logLik: labels.map((_, l) => {
      const denom = totals[l]! + alpha * (vocab.length + 1);
      return Array.from(counts[l]!, (c) => round(Math.log((c + alpha) / denom)));
    }),
    logUnseen: labels.map((_, l) => round(Math.log(alpha / (totals[l]! + alpha * (vocab.length + 1))))),
    trainedOn: opts.trainedOn ?? 'unknown',
    examples: n,
  };
}

export interface NbPrediction {
  label: string;
  prob: number;
  ranked: { label: string; prob: number }[];
  /** The features that most favoured the winning label over the runner-up. */
  evidence: string[];
}

/**
 * Index from feature to position, built once per model. Every word the features use gets a
 * number, so scoring a text looks each of its words up once and finds word pairs by their two
 * numbers, without building the "a b" string of every pair.
 */
interface VocabIndex {
  /** word -> word number */
  words: Map<string, number>;
  /** word number -> position of the unigram feature, or -1 */
  unigrams: Int32Array;
  /** first * words.size + second -> position of the bigram feature */
  bigrams: Map<number, number>;
  /** logLik transposed: the log-likelihood of feature j under label l at j * labels + l */
  byFeature: Float64Array;
}
const vocabIndex = new WeakMap<NbModel, VocabIndex>();

function indexOf(model: NbModel): VocabIndex {
  let m = vocabIndex.get(model);
  if (m) return m;
  const words = new Map<string, number>();
  const wordOf = (w: string) => {
    let n = words.get(w);
    if (n === undefined) words.set(w, (n = words.size));
    return n;
  };
  const split = model.vocab.map((f) => {
    const sp = f.indexOf(' ');
    return sp < 0 ? [wordOf(f)] : [wordOf(f.slice(0, sp)), wordOf(f.slice(sp + 1))];
  });
  const unigrams = new Int32Array(words.size).fill(-1);
  const bigrams = new Map<number, number>();
  // a later duplicate wins, as it did in a plain feature -> position map
  split.forEach((ws, i) => {
    if (ws.length === 1) unigrams[ws[0]!] = i;
    else bigrams.set(ws[0]! * words.size + ws[1]!, i);
  });
  const nLabels = model.labels.length;
  const byFeature = new Float64Array(model.vocab.length * nLabels);
  model.logLik.forEach((row, l) => row.forEach((v, j) => (byFeature[j * nLabels + l] = v)));
  m = { words, unigrams, bigrams, byFeature };
  vocabIndex.set(model, m);
  return m;
}

/** Positions of the model's features found in the text, each once, in the order `features` lists them. */
function knownFeatures(model: NbModel, text: string): number[] {
  const { words, unigrams, bigrams } = indexOf(model);
  const ids = normWords(text).map((w) => words.get(w) ?? -1);
  const known: number[] = [];
  const seen = new Set<number>();
  const add = (j: number | undefined) => {
    if (j !== undefined && j >= 0 && !seen.has(j)) {
      seen.add(j);
      known.push(j);
    }
  };
  for (let i = 0; i < ids.length; i++) {
    const a = ids[i]!;
    if (a < 0) continue;
    add(unigrams[a]);
    const b = i + 1 < ids.length ? ids[i + 1]! : -1;
    if (b >= 0) add(bigrams.get(a * words.size + b));
  }
  return known;
}

/**
 * Recent predictions per model: refinement asks for the same paragraph once per event in it.
 * A prediction depends only on the model and the text; callers never change what they get.
 */
const recent = new WeakMap<NbModel, Map<string, NbPrediction | null>>();
const RECENT_MAX = 64;

export function predictNb(model: NbModel, text: string): NbPrediction | null {
  let memo = recent.get(model);
  if (!memo) {
    memo = new Map();
    recent.set(model, memo);
  }
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const p = predictUncached(model, text);
  if (memo.size >= RECENT_MAX) memo.clear();
  memo.set(text, p);
  return p;
}

function predictUncached(model: NbModel, text: string): NbPrediction | null {
  const known = knownFeatures(model, text);
  if (known.length === 0) return null;
  // each label's score adds its log-likelihoods in the order of `known`, reading them feature by
  // feature from one row of the transposed table instead of jumping across every label's row
  const { byFeature } = indexOf(model);
  const nLabels = model.labels.length;
  const scores = model.logPrior.slice(0, nLabels);
  for (const j of known) {
    const base = j * nLabels;
    for (let l = 0; l < nLabels; l++) scores[l]! += byFeature[base + l]!;
  }
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const z = exps.reduce((a, b) => a + b, 0);
  const ranked = byProbability(model.labels.map((label, l) => ({ label, prob: exps[l]! / z })));
  const top = model.labels.indexOf(ranked[0]!.label);
  const second = ranked[1] ? model.labels.indexOf(ranked[1].label) : -1;
  const topRow = model.logLik[top]!;
  const secondRow = second >= 0 ? model.logLik[second]! : null;
  const evidence = strongest(known, (j) => topRow[j]! - (secondRow ? secondRow[j]! : 0), 3)
    .filter((x) => x.w > 0)
    .map((x) => model.vocab[x.j]!);
  return { label: ranked[0]!.label, prob: ranked[0]!.prob, ranked, evidence };
}

/**
 * Labels from most to least probable, equal ones in label order: what a stable sort gives, by
 * insertion, which for a couple of dozen labels is several times cheaper than sort() calling back.
 */
function byProbability(list: { label: string; prob: number }[]): { label: string; prob: number }[] {
  for (let i = 1; i < list.length; i++) {
    const x = list[i]!;
    let k = i;
    while (k > 0 && x.prob > list[k - 1]!.prob) {
      list[k] = list[k - 1]!;
      k--;
    }
    list[k] = x;
  }
  return list;
}

/**
 * The `n` features of highest weight, in decreasing weight, earlier ones first among equals: what
 * a stable sort of all of them would put first, without sorting a paragraph's hundred features.
 */
function strongest(known: readonly number[], weight: (j: number) => number, n: number): { j: number; w: number }[] {
  const best: { j: number; w: number }[] = [];
  for (const j of known) {
    const w = weight(j);
    if (best.length === n && !(w > best[n - 1]!.w)) continue;
    let at = best.length;
    while (at > 0 && w > best[at - 1]!.w) at--;
    best.splice(at, 0, { j, w });
    if (best.length > n) best.pop();
  }
  return best;
}

export function validateModel(v: unknown, source: string): NbModel {
  const m = v as NbModel;
  const ok =
    m && m.format === 'sitrep-nb/1' && Array.isArray(m.labels) && Array.isArray(m.vocab) && Array.isArray(m.logPrior) &&
    Array.isArray(m.logLik) && Array.isArray(m.logUnseen) && m.logPrior.length === m.labels.length &&
    m.logLik.length === m.labels.length && m.logLik.every((r) => Array.isArray(r) && r.length === m.vocab.length);
  if (!ok) throw new Error(`${source}: not a sitrep event model (format sitrep-nb/1)`);
  return m;
}

export function loadModelFile(path: string): NbModel {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read event model ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error(`${path}: event model is not valid JSON`);
  }
  return validateModel(parsed, path);
}
