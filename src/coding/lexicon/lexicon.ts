// The event lexicon and the type mapping table (data/events/lexicon.tsv, mapping.tsv): parsed and
// validated once, then indexed by the forms of each pattern's first token so matching a sentence
// costs one map lookup per token.

import { inflections } from './inflect.js';
import { byStart } from '../../nlp/spans.js';

export interface AcledType {
  event_type: string;
  sub_event_type: string;
}

/** One row of mapping.tsv: an ACLED sub-event type with its PLOVER and CAMEO counterparts. */
export interface MappingRow {
  subEventType: string;
  eventType: string;
  type: string;
  mode: string | null;
  cameo: string | null;
  note: string;
}

export type Mapping = ReadonlyMap<string, MappingRow>;

/** What a matched entry says about the event. */
export interface EventCode {
  type: string;
  mode: string | null;
  cameo: string | null;
  acled: AcledType | null;
}

export type PatternToken = { kind: 'word'; forms: ReadonlySet<string>; optional: boolean } | { kind: 'gap'; max: number };

export interface LexiconEntry {
  /** "lexicon:LINE pattern", used as the trigger's `rule`. */
  id: string;
  pattern: string;
  tokens: PatternToken[];
  /** A block entry stops shorter matches inside it and yields no trigger. */
  block: boolean;
  code: EventCode | null;
  confidence: number;
  passive: boolean;
}

export interface Lexicon {
  entries: LexiconEntry[];
  /** first-token form -> entries starting with it */
  index: ReadonlyMap<string, LexiconEntry[]>;
}

export const PLOVER_TYPES = new Set([
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
]);

export const ACLED_EVENT_TYPES = new Set(['Battles', 'Explosions/Remote violence', 'Protests', 'Riots', 'Strategic developments', 'Violence against civilians']);

export class LexiconError extends Error {
  override name = 'LexiconError';
}

function dataLines(text: string): { line: number; cols: string[] }[] {
  const out: { line: number; cols: string[] }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.startsWith('#')) return;
    out.push({ line: i + 1, cols: raw.split('\t').map((c) => c.trim()) });
  });
  return out;
}

const dash = (v: string | undefined): string | null => (!v || v === '-' ? null : v);

export function parseMapping(text: string, source = 'mapping.tsv'): Mapping {
  const m = new Map<string, MappingRow>();
  for (const { line, cols } of dataLines(text)) {
    const [sub, eventType, type, mode, cameo, note] = cols;
    if (!sub || !eventType || !type) throw new LexiconError(`${source}:${line}: expected 6 tab-separated columns`);
    if (!ACLED_EVENT_TYPES.has(eventType)) throw new LexiconError(`${source}:${line}: unknown ACLED event type "${eventType}"`);
    if (!PLOVER_TYPES.has(type)) throw new LexiconError(`${source}:${line}: unknown PLOVER type "${type}"`);
    if (m.has(sub)) throw new LexiconError(`${source}:${line}: duplicate sub-event type "${sub}"`);
    m.set(sub, { subEventType: sub, eventType, type, mode: dash(mode), cameo: dash(cameo), note: note ?? '' });
  }
  return m;
}

/** The code an ACLED sub-event type gets from the mapping table. */
export function codeForSubType(mapping: Mapping, sub: string): EventCode {
  const row = mapping.get(sub);
  if (!row) throw new LexiconError(`unknown ACLED sub-event type "${sub}"`);
  return { type: row.type, mode: row.mode, cameo: row.cameo, acled: { event_type: row.eventType, sub_event_type: sub } };
}

function parseWordToken(tok: string): PatternToken {
  const optional = tok.startsWith('?');
  const body = optional ? tok.slice(1) : tok;
  const forms = new Set<string>();
  for (const alt of body.split('|')) {
    if (!alt) continue;
    if (alt.endsWith('~')) for (const f of inflections(alt.slice(0, -1))) forms.add(f);
    else forms.add(alt);
  }
  return { kind: 'word', forms, optional };
}

/** Split a pattern into tokens; hyphenated words become word - word, as the tokenizer splits them. */
export function parsePattern(pattern: string): PatternToken[] {
  const out: PatternToken[] = [];
  for (const raw of pattern.toLowerCase().split(/\s+/)) {
    if (!raw) continue;
    if (raw === '*') {
      out.push({ kind: 'gap', max: 4 });
      continue;
    }
    // "sit-in|sit-ins" stays one token when every alternative is hyphenated the same way
    if (raw.includes('-') && raw !== '-' && !raw.includes('|')) {
      const parts = raw.split('-');
      parts.forEach((p, i) => {
        if (i > 0) out.push({ kind: 'word', forms: new Set(['-']), optional: false });
        if (p) out.push(parseWordToken(p));
      });
      continue;
    }
    out.push(parseWordToken(raw));
  }
  return out;
}

function parseFlags(flags: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (flags ?? '').split(',')) {
    const t = f.trim();
    if (!t) continue;
    const eq = t.indexOf('=');
    if (eq < 0) out[t] = 'true';
    else out[t.slice(0, eq)] = t.slice(eq + 1);
  }
  return out;
}

export function parseLexicon(text: string, mapping: Mapping, source = 'lexicon.tsv'): Lexicon {
  const entries: LexiconEntry[] = [];
  for (const { line, cols } of dataLines(text)) {
    const [pattern, code, conf, flagText] = cols;
    if (!pattern || !code || !conf) throw new LexiconError(`${source}:${line}: expected pattern, code, confidence`);
    const confidence = Number(conf);
    if (!(confidence >= 0 && confidence <= 1)) throw new LexiconError(`${source}:${line}: confidence must be in [0,1]`);
    const variants = pattern.split(' ; ').map((p) => {
      const tokens = parsePattern(p);
      const first = tokens[0];
      if (!first || first.kind !== 'word' || first.optional) throw new LexiconError(`${source}:${line}: a pattern must start with a required word`);
      if (tokens.at(-1)?.kind === 'gap') throw new LexiconError(`${source}:${line}: a pattern cannot end with a gap`);
      return { p, tokens };
    });
    const flags = parseFlags(flagText);
    let ec: EventCode | null = null;
    const block = code === 'BLOCK';
    if (!block) {
      if (code.startsWith('PLOVER:')) {
        const [type, mode, cameo] = code.slice(7).split('/');
        if (!type || !PLOVER_TYPES.has(type)) throw new LexiconError(`${source}:${line}: unknown PLOVER type in "${code}"`);
        ec = { type, mode: dash(mode), cameo: dash(cameo), acled: null };
      } else {
        if (!mapping.has(code)) throw new LexiconError(`${source}:${line}: "${code}" is not an ACLED sub-event type in the mapping`);
        ec = codeForSubType(mapping, code);
      }
      if (flags.mode) ec.mode = dash(flags.mode);
      if (flags.cameo) ec.cameo = dash(flags.cameo);
      // the PLOVER act can differ from the ACLED event it belongs to: police firing tear gas is an
      // ASSAULT (crowd-control) while ACLED files it under the protest (Protest with intervention)
      if (flags.type) {
        if (!PLOVER_TYPES.has(flags.type)) throw new LexiconError(`${source}:${line}: unknown PLOVER type in type=${flags.type}`);
        ec.type = flags.type;
      }
    }
    for (const v of variants) {
      entries.push({ id: `lexicon:${line} ${v.p}`, pattern: v.p, tokens: v.tokens, block, code: ec, confidence, passive: flags.passive === 'true' });
    }
  }
  const index = new Map<string, LexiconEntry[]>();
  for (const e of entries) {
    const first = e.tokens[0] as Extract<PatternToken, { kind: 'word' }>;
    for (const f of first.forms) {
      const list = index.get(f);
      if (list) list.push(e);
      else index.set(f, [e]);
    }
  }
  return { entries, index };
}

export interface LexMatch {
  entry: LexiconEntry;
  /** token indices [start, end) within the token array given to matchLexicon */
  start: number;
  end: number;
}

const PUNCT = /^[.,;:!?()[\]{}"“”‘’'«»…]+$/;

/** Index of the ")" closing the "(" at words[open] within a short aside (no nesting), or -1. */
function closingParen(words: readonly string[], open: number, end: number): number {
  for (let k = open + 1; k < Math.min(end, open + 14); k++) {
    if (words[k] === ')') return k;
    if (words[k] === '(' || words[k] === '.' || words[k] === ';') return -1;
  }
  return -1;
}

/** Length of the longest match of `pat[p..]` at `words[i..]` (exclusive end index), or -1. */
function matchAt(pat: PatternToken[], p: number, words: readonly string[], i: number, end: number): number {
  if (p === pat.length) return i;
  const t = pat[p]!;
  if (t.kind === 'gap') {
    let best = -1;
    // a gap spans up to `max` words and no punctuation, but skips a whole parenthetical aside:
    // "blocked (through unspecified means) the road", "targeted positions (held by X) with mortars"
    for (let k = i, used = 0; ; ) {
      const r = matchAt(pat, p + 1, words, k, end);
      if (r > best) best = r;
      if (k >= end || used >= t.max) break;
      if (words[k] === '(') {
        const close = closingParen(words, k, end);
        if (close < 0) break;
        k = close + 1;
        continue;
      }
      if (PUNCT.test(words[k]!)) break;
      k++;
      used++;
    }
    return best;
  }
  let best = -1;
  if (i < end && t.forms.has(words[i]!)) best = matchAt(pat, p + 1, words, i + 1, end);
  if (t.optional) best = Math.max(best, matchAt(pat, p + 1, words, i, end));
  return best;
}

/** End (exclusive) of the longest match of `entry` starting at words[i], or -1. */
export function matchEntryAt(entry: LexiconEntry, words: readonly string[], i: number, to: number): number {
  const first = entry.tokens[0] as Extract<PatternToken, { kind: 'word' }>;
  if (i >= to || !first.forms.has(words[i]!)) return -1;
  return matchAt(entry.tokens, 1, words, i + 1, to);
}

/** Longer matches first, then higher confidence, then earlier (a module function: see byStart). */
function longestSurest(a: LexMatch, b: LexMatch): number {
  return b.end - b.start - (a.end - a.start) || b.entry.confidence - a.entry.confidence || a.start - b.start;
}

/**
 * All lexicon matches in words[from, to), resolved so that no two overlap: longer matches
 * first, then higher confidence. Block entries take part in the resolution and are then dropped.
 */
export function matchLexicon(lex: Lexicon, words: readonly string[], from: number, to: number): LexMatch[] {
  const found: LexMatch[] = [];
  for (let i = from; i < to; i++) {
    const cands = lex.index.get(words[i]!);
    if (!cands) continue;
    for (const entry of cands) {
      const e = matchAt(entry.tokens, 1, words, i + 1, to);
      if (e > i) found.push({ entry, start: i, end: e });
    }
  }
  // most sentences match nothing or one entry: nothing to resolve
  if (found.length === 0) return found;
  if (found.length === 1) return found[0]!.entry.block ? [] : found;
  found.sort(longestSurest);
  const taken = new Uint8Array(Math.max(0, to - from));
  const kept: LexMatch[] = [];
  for (const m of found) {
    let free = true;
    for (let k = m.start; k < m.end; k++) if (taken[k - from]) { free = false; break; }
    if (!free) continue;
    for (let k = m.start; k < m.end; k++) taken[k - from] = 1;
    if (!m.entry.block) kept.push(m);
  }
  return kept.sort(byStart);
}
