// Dictionary matching over a sentence's tokens: a token stream in the lexicon's normal form
// (hyphenated tokens split, joiners dropped), then the longest dictionary match at each position.

import type { Token } from '../../doc.js';
import type { ActorEntry, ActorLexicon, TrieNode } from './lexicon.js';
import { isJoiner, normToken } from './normalize.js';

export interface Item {
  key: string;
  /** the trie node of the dictionary forms that start with this item's key, if any */
  starts: TrieNode | undefined;
  text: string;
  start: number;
  end: number;
  /** doc.tokens index this item comes from */
  tok: number;
  pos: string;
  /** a hyphen joined this item to the previous one ("Russian-backed") */
  joined: boolean;
  /** first item of its sentence */
  first: boolean;
}

export interface Match {
  /** item range [i, j) */
  i: number;
  j: number;
  start: number;
  end: number;
  entries: ActorEntry[];
}

/** A word as matching sees it: its dictionary key, and the trie node of the forms it starts. */
interface WordInfo {
  key: string;
  starts: TrieNode | undefined;
}

const WORD_MEMO_LIMIT = 50_000;
const wordMemos = new WeakMap<ActorLexicon, Map<string, WordInfo>>();

/**
 * The words of a lexicon's texts, memoised: every article repeats the same few thousand words,
 * and one lookup by the word as written then gives both its key (no lower-casing, no regex) and
 * whether any dictionary form starts with it (a lexicon does not change once built). Bounded so a
 * long ingest does not grow it without limit.
 */
function wordMemo(lex: ActorLexicon): Map<string, WordInfo> {
  let memo = wordMemos.get(lex);
  if (!memo) wordMemos.set(lex, (memo = new Map()));
  if (memo.size >= WORD_MEMO_LIMIT) memo.clear();
  return memo;
}

function wordInfo(lex: ActorLexicon, memo: Map<string, WordInfo>, text: string): WordInfo {
  let w = memo.get(text);
  if (w === undefined) {
    const key = normToken(text);
    w = { key, starts: lex.root.next.get(key) };
    memo.set(text, w);
  }
  return w;
}

/** The items of tokens [from, to): hyphenated words split into parts, joiners dropped. */
export function itemsOf(lex: ActorLexicon, tokens: readonly Token[], from: number, to: number): Item[] {
  const memo = wordMemo(lex);
  const items: Item[] = [];
  let joined = false;
  for (let t = from; t < to; t++) {
    const tok = tokens[t]!;
    if (isJoiner(tok.text)) {
      joined = true;
      continue;
    }
    if (tok.text.length > 2 && tok.text.includes('-') && !/^-|-$/.test(tok.text)) {
      let off = tok.start;
      let firstPart = true;
      for (const part of tok.text.split('-')) {
        if (part) {
          const w = wordInfo(lex, memo, part);
          items.push({ key: w.key, starts: w.starts, text: part, start: off, end: off + part.length, tok: t, pos: tok.pos, joined: firstPart ? joined : true, first: items.length === 0 });
        }
        off += part.length + 1;
        firstPart = false;
      }
    } else {
      const w = wordInfo(lex, memo, tok.text);
      items.push({ key: w.key, starts: w.starts, text: tok.text, start: tok.start, end: tok.end, tok: t, pos: tok.pos, joined, first: items.length === 0 });
    }
    joined = false;
  }
  return items;
}

const hasUpper = (s: string) => s !== s.toLowerCase();
const isCapitalised = (s: string) => { const c = s.charAt(0); return c !== c.toLowerCase(); };

/** Does the text of the first matched item satisfy the entry's case rule? */
export function caseOk(entry: ActorEntry, item: Item, shouting: boolean): boolean {
  switch (entry.caseRule) {
    case 'any':
      return true;
    case 'capitalised':
      return isCapitalised(item.text);
    case 'upper':
      // an all-capital headline can't tell "US" from "us"; accept only what is unambiguous there
      return item.text === item.text.toUpperCase() && hasUpper(item.text) && (!shouting || item.text.replace(/[^A-Za-z]/g, '').length > 2);
    case 'exact': {
      const first = entry.form.split(/[\s-]+/)[0]!;
      return item.text.normalize('NFD').replace(/[\u0300-\u036f]/g, '') === first.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    }
  }
}

/** True when most letters of the sentence are capitals (a headline or a shouted line). */
export function isShouting(items: readonly Item[]): boolean {
  let up = 0;
  let low = 0;
  for (const it of items) {
    for (const ch of it.text) {
      if (ch >= 'A' && ch <= 'Z') up++;
      else if (ch >= 'a' && ch <= 'z') low++;
    }
  }
  return up > 8 && up > 3 * low;
}

/**
 * The longest dictionary match starting at each item (undefined where none). A match hides
 * the matches that start inside it, so "Papua New Guinea" is one country, never "Guinea".
 */
export function matchItems(lex: ActorLexicon, items: readonly Item[]): (Match | undefined)[] {
  const out: (Match | undefined)[] = new Array(items.length);
  let shoutingMemo: boolean | null = null;
  const shoutingOf = () => (shoutingMemo ??= isShouting(items));
  for (let i = 0; i < items.length; i++) {
    let node: TrieNode | undefined = items[i]!.starts;
    // (most words start no dictionary form)
    if (!node) continue;
    let best: Match | undefined;
    let k = i;
    while (node) {
      if (node.entries.length) {
        const ok = node.anyCase ? node.entries : node.entries.filter((e) => caseOk(e, items[i]!, e.caseRule === 'upper' && shoutingOf()));
        if (ok.length) best = { i, j: k + 1, start: items[i]!.start, end: items[k]!.end, entries: ok };
      }
      k++;
      node = k < items.length ? node.next.get(items[k]!.key) : undefined;
    }
    out[i] = best;
  }
  return out;
}
