// News outlets named in a sentence ("Reuters", "the Russian news agency Interfax", "state news
// agencies", "Iranian state media", "Myawaddy TV"): they relay statements, so they go to `via`.

import type { Doc, Span, Token } from '../../doc.js';
import { lowerTexts } from '../../nlp/lower.js';
import { AGENCY_NAMES } from './words.js';

export interface Outlet extends Span {
  name: string;
}

const HEADS = new Set(['agency', 'agencies', 'media', 'television', 'tv', 'radio', 'broadcaster', 'newspaper', 'outlets', 'outlet', 'channel']);
const MODIFIERS = new Set(['state', 'news', 'local', 'official', 'state-run', 'state-owned', 'military-owned', 'private', 'independent', 'national', 'public', 'pro-government', 'government', 'foreign', 'international', 'several', 'russian', 'iranian', 'chinese', 'turkish', 'israeli', 'syrian', 'ukrainian', 'armenian', 'azerbaijani', 'sudanese', 'lebanese', 'somali']);
// "Interfax", "TASS": capitalised single tokens; multi-word ones are matched on their first word.
const NAME_FIRST = new Map<string, string[][]>();
for (const n of AGENCY_NAMES) {
  const parts = n.split(' ');
  const k = parts[0]!;
  NAME_FIRST.set(k, [...(NAME_FIRST.get(k) ?? []), parts]);
}

/** The words `parts` start at `lows[i]` (a module function, not a callback made per call: V8 drops a closure's optimized code at every full GC). */
function wordsAt(lows: readonly string[], i: number, parts: readonly string[]): boolean {
  for (let k = 0; k < parts.length; k++) if (lows[i + k] !== parts[k]) return false;
  return true;
}

function isCap(t: Token | undefined): boolean {
  return !!t && /^[A-Z][\p{L}\d-]*$/u.test(t.text);
}

/** Outlets named in tokens [from, to) of the doc. */
export function outletsIn(doc: Doc, from: number, to: number): Outlet[] {
  const toks = doc.tokens ?? [];
  const lows = lowerTexts(toks);
  const out: Outlet[] = [];
  for (let i = from; i < to; i++) {
    const t = toks[i]!;
    const low = lows[i]!;
    // a known agency name, capitalised in the text ("AP", not "ap")
    const cands = NAME_FIRST.get(low);
    if (cands && /^[A-Z]/.test(t.text)) {
      let matched = 0;
      for (const parts of cands) {
        if (wordsAt(lows, i, parts)) matched = Math.max(matched, parts.length);
      }
      if (matched) {
        const end = toks[i + matched - 1]!.end;
        // "Myawaddy TV": keep a following outlet head in the name
        let e = end;
        let j = i + matched;
        if (HEADS.has(lows[j] ?? '')) { e = toks[j]!.end; j++; }
        out.push({ start: t.start, end: e, name: doc.text.slice(t.start, e) });
        i = j - 1;
        continue;
      }
    }
    if (!HEADS.has(low) || t.pos === 'VERB') continue;
    // "the Russian news agency Interfax": the name that follows wins
    if (isCap(toks[i + 1]) && i + 1 < to && !/^(The|A|An|In|On|At)$/.test(toks[i + 1]!.text)) {
      let j = i + 1;
      while (j + 1 < to && isCap(toks[j + 1])) j++;
      out.push({ start: toks[i + 1]!.start, end: toks[j]!.end, name: doc.text.slice(toks[i + 1]!.start, toks[j]!.end) });
      i = j;
      continue;
    }
    // "state news agencies", "Iranian state media", "Myawaddy TV", "local television"
    let k = i;
    while (k - 1 >= from && (MODIFIERS.has(lows[k - 1]!) || (isCap(toks[k - 1]) && k - 1 > from && !/^(The|A|An)$/.test(toks[k - 1]!.text)))) k--;
    if (k === i && (low === 'media' || low === 'television' || low === 'radio')) {
      // a bare "media"/"television" is too vague to name an intermediary
      if (low !== 'television') continue;
    }
    out.push({ start: toks[k]!.start, end: t.end, name: doc.text.slice(toks[k]!.start, t.end) });
  }
  return out;
}
