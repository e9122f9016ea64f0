// One normal form for place names, used both when the index is built and when text is looked
// up, so "Donets'k", "Donetsk" and "DONETSK" meet, and so do "Dara-e-Pech" and "Dara e Pech".
// Diacritics go (Xankəndi/Xankendi, Şuşa/Susa); apostrophes vanish rather than split words
// (transliterations use them for soft signs); Arabic letter variants fold to one form.

const FOLD: Record<string, string> = {
  'ß': 'ss', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ħ': 'h', 'ı': 'i', 'ə': 'a', 'æ': 'ae', 'œ': 'oe', 'þ': 'th', 'ð': 'd',
  'ё': 'е', 'й': 'и', 'ї': 'і',
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ـ': '',
};
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');
const MARKS_RE = /\p{M}+/gu;
const APOS_RE = /['’‘`´ʼʻ]/g;
const SEP_RE = /[\s\-‐‑–—_/.,()]+/g;

export function normName(s: string): string {
  return s
    .normalize('NFD')
    .replace(MARKS_RE, '')
    .toLowerCase()
    .replace(FOLD_RE, (c) => FOLD[c]!)
    .replace(APOS_RE, '')
    .replace(SEP_RE, ' ')
    .trim();
}

const NORM_MEMO_LIMIT = 50_000;
const normMemo = new Map<string, string>();

/**
 * normName of words read in article text, memoised: recognition normalises the same words in
 * every article (and the same word several times per sentence). Bounded; the index build calls
 * normName directly (its names are mostly seen once).
 */
export function normNameMemo(s: string): string {
  let v = normMemo.get(s);
  if (v === undefined) {
    v = normName(s);
    if (normMemo.size >= NORM_MEMO_LIMIT) normMemo.clear();
    normMemo.set(s, v);
  }
  return v;
}

const SCRIPT_OK_RE = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Hebrew}\p{M}\p{N}\s'’‘`´ʼʻ\-‐‑–—.,()/&]+$/u;

/** Names in scripts a reader of conflict news meets (Latin, Cyrillic, Arabic, Armenian, Georgian, Hebrew). */
export function keepScript(name: string): boolean {
  return SCRIPT_OK_RE.test(name);
}
