// Context cues (data/events/cues.tsv): named word lists that refinement rules look for in an
// event's sentence or document ("tear gas" -> intervention, "villagers" -> civilian).

import { LexiconError, matchEntryAt, parsePattern, type Lexicon, type LexiconEntry } from './lexicon.js';

export interface Cues {
  /** One lexicon whose entries carry the cue name in `id`, so one pass finds every cue. */
  lexicon: Lexicon;
  names: ReadonlySet<string>;
}

export function parseCues(text: string, source = 'cues.tsv'): Cues {
  const entries: LexiconEntry[] = [];
  const names = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.startsWith('#')) return;
    const [name, pattern] = raw.split('\t').map((c) => c.trim());
    if (!name || !pattern) throw new LexiconError(`${source}:${i + 1}: expected name and pattern`);
    names.add(name);
    for (const p of pattern.split(' ; ')) {
      const tokens = parsePattern(p);
      if (tokens[0]?.kind !== 'word' || tokens[0].optional) throw new LexiconError(`${source}:${i + 1}: a pattern must start with a required word`);
      entries.push({ id: name, pattern: p, tokens, block: false, code: null, confidence: 1, passive: false });
    }
  });
  const index = new Map<string, LexiconEntry[]>();
  for (const e of entries) {
    const first = e.tokens[0] as Extract<LexiconEntry['tokens'][number], { kind: 'word' }>;
    for (const f of first.forms) {
      const list = index.get(f);
      if (list) list.push(e);
      else index.set(f, [e]);
    }
  }
  return { lexicon: { entries, index }, names };
}

export interface CueHit {
  name: string;
  start: number;
  end: number;
}

/**
 * Every cue occurrence in words[from, to). Unlike trigger matching, overlapping cues of different
 * names all count ("police" is both armed and state).
 */
export function findCues(cues: Cues, words: readonly string[], from: number, to: number): CueHit[] {
  const hits: CueHit[] = [];
  for (let i = from; i < to; i++) {
    const cands = cues.lexicon.index.get(words[i]!);
    if (!cands) continue;
    // one hit per cue name and start: the hits at i so far are the tail of the list
    const first = hits.length;
    for (const e of cands) {
      if (hitSince(hits, first, e.id)) continue;
      const end = matchEntryAt(e, words, i, to);
      if (end > i) hits.push({ name: e.id, start: i, end });
    }
  }
  // "!" cues are blocks: other cues that start inside their span do not count ("against settler
  // attacks on residents": the block ends at "attacks", the attack cue runs on to "residents")
  const blocks = hits.filter((h) => h.name === '!');
  if (!blocks.length) return hits;
  return hits.filter((h) => h.name !== '!' && !blocks.some((b) => h.start >= b.start && h.start < b.end));
}

function hitSince(hits: readonly CueHit[], from: number, name: string): boolean {
  for (let k = from; k < hits.length; k++) if (hits[k]!.name === name) return true;
  return false;
}
