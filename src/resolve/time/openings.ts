// Running many regular expressions over one text, each only where it can start. Every time rule
// is a large pattern whose optional prefixes ("about", "the past", "early") start with common
// letters, so the regex engine tries it at almost every word and a full scan of the text costs
// tens of microseconds per rule. Here each pattern is turned into a small automaton that tells
// which first characters its matches can begin with (its "openings"); the openings of all
// patterns share one trie. A single pass over the text walks that trie at each word start and
// runs (sticky) only the patterns whose openings fit there.
//
// The result is exactly that of `pattern.exec` in a global loop: the openings are a superset
// (lookarounds and anchors are assumed to pass, character classes are read loosely), every
// position where a match can start is tried, and each pattern resumes after its last match.

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let c = lo; c <= hi; c++) out.push(c);
  return out;
}

/** The code units JavaScript's `\s` matches. */
const WHITESPACE: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, ...range(0x2000, 0x200a), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];
const IS_WHITESPACE = new Set(WHITESPACE);

/** Characters compared loosely: letters without case, digits as '0', all whitespace as ' '. */
function fold(code: number): number {
  if (code >= 65 && code <= 90) return code + 32;
  if (code >= 48 && code <= 57) return 48;
  if (IS_WHITESPACE.has(code)) return 32;
  return code;
}

/** Folded characters, without repeats; null is any character (a negated class, `.`, `\S`…). */
type Chars = readonly number[] | null;

type Node =
  | { kind: 'chars'; chars: Chars }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; alts: Node[] }
  | { kind: 'repeat'; body: Node; min: number; max: number }
  | { kind: 'empty' }; // lookarounds, anchors, \b: taken to pass

const CLASS_ESCAPES: Readonly<Record<string, number[]>> = {
  d: range(48, 57),
  s: [32],
  w: [...range(48, 57), ...range(65, 90), ...range(97, 122), 95],
};

/** The parts of regular-expression syntax the time grammar uses; anything else is an error. */
function parse(source: string): Node {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`openings: unsupported ${what} at ${i} in /${source}/`);
  };
  const charsOf = (codes: readonly number[]): Chars => [...new Set(codes.map(fold))];

  function escape(inClass: boolean): Node {
    const e = source[i++]!;
    if (e in CLASS_ESCAPES) return { kind: 'chars', chars: charsOf(CLASS_ESCAPES[e]!) };
    if (e === 'D' || e === 'S' || e === 'W') return { kind: 'chars', chars: null };
    if (!inClass && (e === 'b' || e === 'B')) return { kind: 'empty' };
    if (/[A-Za-z0-9]/.test(e)) return fail(`escape \\${e}`);
    return { kind: 'chars', chars: charsOf([e.charCodeAt(0)]) };
  }

  function charClass(): Node {
    i++; // [
    const negated = source[i] === '^';
    if (negated) i++;
    const codes: number[] = [];
    let any = negated;
    while (source[i] !== ']') {
      if (i >= source.length) fail('class');
      if (source[i] === '\\') {
        i++;
        const e = escape(true);
        if (e.kind !== 'chars') fail('class escape');
        else if (e.chars === null) any = true;
        else codes.push(...e.chars);
        continue;
      }
      const lo = source.charCodeAt(i++);
      if (source[i] === '-' && source[i + 1] !== ']' && source[i + 1] !== '\\') {
        codes.push(...range(lo, source.charCodeAt(i + 1)));
        i += 2;
      } else codes.push(lo);
    }
    i++; // ]
    return { kind: 'chars', chars: any ? null : charsOf(codes) };
  }

  function group(): Node {
    i++; // (
    let look = false;
    if (source.startsWith('?:', i)) i += 2;
    else if (source.startsWith('?=', i) || source.startsWith('?!', i)) { i += 2; look = true; }
    else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) { i += 3; look = true; }
    else if (source.startsWith('?<', i)) i = source.indexOf('>', i) + 1;
    else if (source[i] === '?') fail('group');
    const body = alternation();
    if (source[i] !== ')') fail('group end');
    i++;
    return look ? { kind: 'empty' } : body;
  }

  function atom(): Node {
    const c = source[i]!;
    if (c === '(') return group();
    if (c === '[') return charClass();
    if (c === '\\') {
      i++;
      return escape(false);
    }
    i++;
    if (c === '.') return { kind: 'chars', chars: null };
    if (c === '^' || c === '$') return { kind: 'empty' };
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === ')' || c === ']') fail(`'${c}'`);
    return { kind: 'chars', chars: charsOf([c.charCodeAt(0)]) };
  }

  function quantified(node: Node): Node {
    for (;;) {
      let min: number;
      let max: number;
      const c = source[i];
      if (c === '?') [min, max] = [0, 1];
      else if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
        if (!m) return fail('quantifier');
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
        i += m[0].length - 1;
      } else return node;
      i++;
      if (source[i] === '?') i++; // lazy: the same strings
      node = { kind: 'repeat', body: node, min, max };
    }
  }

  function sequence(): Node {
    const items: Node[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') items.push(quantified(atom()));
    return { kind: 'seq', items };
  }

  function alternation(): Node {
    const alts = [sequence()];
    while (source[i] === '|') {
      i++;
      alts.push(sequence());
    }
    return alts.length === 1 ? alts[0]! : { kind: 'alt', alts };
  }

  const node = alternation();
  if (i !== source.length) fail("')'");
  return node;
}

/** A nondeterministic automaton (Thompson's construction): state → character edges and free moves. */
class Automaton {
  readonly edges: { chars: Chars; to: number }[][] = [];
  readonly free: number[][] = [];
  readonly start: number;
  readonly accept: number;

  constructor(node: Node, depth: number) {
    this.start = this.state();
    this.accept = this.state();
    this.build(node, this.start, this.accept, depth);
  }

  private state(): number {
    this.edges.push([]);
    this.free.push([]);
    return this.edges.length - 1;
  }

  /** Connects `from` to `to` through `node`. Repeats beyond `depth` characters are never read. */
  private build(node: Node, from: number, to: number, depth: number): void {
    switch (node.kind) {
      case 'empty':
        this.free[from]!.push(to);
        return;
      case 'chars':
        this.edges[from]!.push({ chars: node.chars, to });
        return;
      case 'alt':
        for (const a of node.alts) this.build(a, from, to, depth);
        return;
      case 'seq': {
        let at = from;
        node.items.forEach((item, k) => {
          const next = k === node.items.length - 1 ? to : this.state();
          this.build(item, at, next, depth);
          at = next;
        });
        if (node.items.length === 0) this.free[from]!.push(to);
        return;
      }
      case 'repeat': {
        // each round reads at least one character or none at all: `depth` rounds cover every opening
        const min = Math.min(node.min, depth);
        let at = from;
        for (let k = 0; k < min; k++) {
          const next = this.state();
          this.build(node.body, at, next, depth);
          at = next;
        }
        if (node.max === Infinity) {
          const loop = this.state();
          this.free[at]!.push(loop);
          this.build(node.body, loop, loop, depth);
          this.free[loop]!.push(to);
          return;
        }
        this.free[at]!.push(to);
        for (let k = min; k < Math.min(node.max, depth); k++) {
          const next = this.state();
          this.build(node.body, at, next, depth);
          this.free[next]!.push(to);
          at = next;
        }
        return;
      }
    }
  }

  private seen: Int32Array | null = null;
  private visit = 0;

  /** The states reachable from `states` by free moves. */
  closure(states: readonly number[]): number[] {
    const seen = (this.seen ??= new Int32Array(this.free.length));
    const visit = ++this.visit;
    const out: number[] = [];
    const stack = states.slice();
    while (stack.length) {
      const s = stack.pop()!;
      if (seen[s] === visit) continue;
      seen[s] = visit;
      out.push(s);
      for (const t of this.free[s]!) stack.push(t);
    }
    return out;
  }
}

/** A pattern still being read at a trie node: the automaton states it can be in there. */
interface Reading {
  pattern: number;
  states: number[];
}

/**
 * Global regular expressions run together over a text, each tried only at word starts where
 * its first `depth` characters can occur. Every pattern is read as if preceded by
 * `(?<![A-Za-z0-9])`: a match never starts right after a letter or digit.
 *
 * The trie is grown as texts need it: a node's child for a character is worked out the first
 * time a text has that character there, so only openings that occur in texts are ever built.
 */
export class WordStartScanner {
  private readonly sticky: RegExp[];
  private readonly automata: Automaton[];
  private readonly depth: number;
  /** Character code → trie symbol: folded characters that some opening has; 0 for the rest. */
  private readonly symbol = new Uint8Array(65536);
  private symbols = 1;
  private readonly words: number;
  // the trie, node by node (the root is node 0)
  /**
   * children[node * symbols + symbol]: the child node, 0 when no opening goes on so, -1 not yet
   * known. A typed array (replaced by a larger one as the trie grows): compact, as the walk
   * reads it at every word start.
   */
  private children = new Int32Array(0);
  /** The patterns to try where a walk ends at a node (its ancestors' too): `words` 32-bit sets per node. */
  private readonly patternsAt: number[] = [];
  private readonly reading: Reading[][] = [];
  private readonly nodeDepth: number[] = [];

  constructor(patterns: readonly RegExp[], depth = 8) {
    this.depth = depth;
    for (const p of patterns) if (!/^[gi]*$/.test(p.flags) || !p.global) throw new Error(`WordStartScanner: /${p.source}/${p.flags} must be global, without flags other than i`);
    this.sticky = patterns.map((p) => new RegExp(`(?<![A-Za-z0-9])(?:${p.source})`, p.flags.replace('g', 'y')));
    this.automata = patterns.map((p) => new Automaton(parse(p.source), depth));
    this.words = Math.ceil(patterns.length / 32);
    this.assignSymbols();
    const root = this.automata.map((a, k) => ({ pattern: k, states: a.closure([a.start]) }));
    this.addNode(0, new Array<number>(this.words).fill(0), root);
  }

  private assignSymbols(): void {
    const ids = new Map<number, number>();
    for (const a of this.automata) {
      for (const list of a.edges) for (const e of list) if (e.chars) for (const c of e.chars) if (!ids.has(c)) ids.set(c, this.symbols++);
    }
    if (this.symbols > 255) throw new Error('WordStartScanner: too many distinct characters in openings');
    // symbol[code] = ids.get(fold(code)): folded characters, capitals, other digits, other whitespace
    for (const [c, id] of ids) this.symbol[c] = id;
    for (let c = 65; c <= 90; c++) this.symbol[c] = ids.get(fold(c)) ?? 0;
    for (let c = 49; c <= 57; c++) this.symbol[c] = ids.get(fold(c)) ?? 0;
    for (const c of WHITESPACE) this.symbol[c] = ids.get(fold(c)) ?? 0;
  }

  /**
   * A node for the patterns that reach it: each one that can stop there, take any character
   * next, or has been read `depth` characters is to be tried (whatever follows in the text);
   * the others go on reading.
   */
  private addNode(depth: number, inherited: readonly number[], reached: readonly Reading[]): number {
    const node = this.nodeDepth.length;
    const tried = [...inherited];
    const reading: Reading[] = [];
    for (const r of reached) {
      const a = this.automata[r.pattern]!;
      if (depth === this.depth || r.states.some((s) => s === a.accept || a.edges[s]!.some((e) => e.chars === null))) {
        tried[r.pattern >> 5]! |= 1 << (r.pattern & 31);
      } else reading.push(r);
    }
    this.nodeDepth.push(depth);
    this.patternsAt.push(...tried);
    this.reading.push(reading);
    if ((node + 1) * this.symbols > this.children.length) {
      const grown = new Int32Array(Math.max(64, 2 * (node + 1)) * this.symbols);
      grown.set(this.children);
      this.children = grown;
    }
    this.children.fill(reading.length ? -1 : 0, node * this.symbols, (node + 1) * this.symbols);
    return node;
  }

  /** The child of `node` for `sym`, worked out the first time it is asked for. */
  private child(node: number, sym: number): number {
    const at = node * this.symbols + sym;
    const known = this.children[at]!;
    if (known >= 0) return known;
    const reached: Reading[] = [];
    for (const r of this.reading[node]!) {
      const a = this.automata[r.pattern]!;
      const next: number[] = [];
      for (const s of r.states) for (const e of a.edges[s]!) if (e.chars!.some((c) => this.symbol[c] === sym)) next.push(e.to);
      if (next.length) reached.push({ pattern: r.pattern, states: a.closure(next) });
    }
    const child = reached.length ? this.addNode(this.nodeDepth[node]! + 1, this.patternsAt.slice(node * this.words, (node + 1) * this.words), reached) : 0;
    this.children[at] = child;
    return child;
  }

  /**
   * Calls `onMatch(k, m)` for every non-empty match `m` of pattern `k`, as a global `exec`
   * loop from index 0 finds them (each search resumes where that pattern's last match ended),
   * in order of position.
   */
  scan(text: string, onMatch: (k: number, m: RegExpExecArray) => void): void {
    const n = text.length;
    // (a plain array: a typed array this small still costs an off-heap allocation per text)
    const resume: number[] = new Array<number>(this.sticky.length).fill(0);
    const { symbol, symbols, patternsAt, words, depth } = this;
    let afterWord = false;
    for (let p = 0; p < n; p++) {
      const code = text.charCodeAt(p);
      const skip = afterWord;
      afterWord = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
      if (skip) continue;
      // walk the trie along the text as far as it goes: the node reached names the patterns to try
      let node = 0;
      for (let j = p; j < n && j - p < depth; j++) {
        const sym = symbol[text.charCodeAt(j)]!;
        if (sym === 0) break;
        let child = this.children[node * symbols + sym]!;
        if (child < 0) child = this.child(node, sym);
        if (child === 0) break;
        node = child;
      }
      for (let w = 0; w < words; w++) {
        for (let bits = patternsAt[node * words + w]!; bits !== 0; bits &= bits - 1) {
          const k = w * 32 + 31 - Math.clz32(bits & -bits);
          if (p < resume[k]!) continue;
          const re = this.sticky[k]!;
          re.lastIndex = p;
          const m = re.exec(text);
          if (m === null || m[0].length === 0) continue;
          resume[k] = p + m[0].length;
          onMatch(k, m);
        }
      }
    }
  }
}
