// One normal form for dictionary keys and text tokens, so the two meet in a Map lookup:
// lower case, diacritics folded, curly apostrophes straightened. Hyphens are separate tokens
// in wink-nlp's output and are skipped on both sides ("al-Shabaab" = "al Shabaab").

const DIACRITICS = /[\u0300-\u036f]/g;

export function normToken(s: string): string {
  let t = s.toLowerCase();
  if (/[^\x00-\x7f]/.test(t)) t = t.normalize('NFD').replace(DIACRITICS, '').replace(/[\u2018\u2019\u02bc]/g, "'");
  return t;
}

/** True for tokens that only join words ("-", "–") and are skipped when matching. */
export function isJoiner(tok: string): boolean {
  return tok === '-' || tok === '\u2010' || tok === '\u2011';
}

/**
 * Split a dictionary phrase the way the tokenizer splits text: on spaces, hyphens, "'s", and
 * brackets. Periods stay inside tokens ("U.S.", "U.N.") as wink-nlp keeps them.
 */
export function phraseTokens(phrase: string): string[] {
  const out: string[] = [];
  for (const word of phrase.trim().split(/\s+/)) {
    for (const part of word.split(/(-|\(|\)|\/|,)/)) {
      if (!part || isJoiner(part)) continue;
      const m = /^(.+?)('s|\u2019s)$/i.exec(part);
      if (m && m[1]!.length > 1) {
        out.push(m[1]!, "'s");
      } else out.push(part);
    }
  }
  return out;
}

export type CaseRule = 'any' | 'capitalised' | 'exact' | 'upper';

/**
 * How a dictionary form must be written in the text to count: lower-case forms ("army") match
 * any case; forms starting with a capital ("Chad", "Reuters") need a capital; all-capital
 * acronyms ("US", "AP", "WHO") need all capitals so "us", "ap", "who" never match; forms
 * with inner capitals ("LeT", "FAMa") must match exactly.
 */
export function caseRuleOf(form: string): CaseRule {
  const letters = form.replace(/[^A-Za-z]/g, '');
  if (!letters) return 'any';
  if (letters === letters.toLowerCase()) return 'any';
  const firstWord = form.split(/[\s-]+/)[0]!;
  const fl = firstWord.replace(/[^A-Za-z]/g, '');
  if (fl.length >= 2 && fl === fl.toUpperCase()) return 'upper';
  if (/[a-z][A-Z]/.test(firstWord)) return 'exact';
  return 'capitalised';
}
