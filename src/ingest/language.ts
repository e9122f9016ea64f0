// The article's language, when the input does not say. sitrep's lexicons, gazetteer triggers
// and time rules are English: a French or Arabic article run through them yields few, wrong
// events, so the user must be told (the `unsupported-language` check) rather than handed
// silence that looks like "nothing happened".
//
// Two cheap signals, no model: the writing system (Cyrillic, Arabic, Hebrew, CJK… settle most
// cases), then for Latin-script text the share of each language's commonest function words
// (the words are from the languages' frequency lists; they are short and rarely shared; Spanish
// "al" is left out because Arabic names (Al Jawf, Al Hazm) fill English conflict notes with it).

/** ISO 639-1 codes for the scripts that identify a language (or a small family) by themselves. */
const SCRIPTS: readonly { lang: string; re: RegExp }[] = [
  { lang: 'ar', re: /[\u0600-\u06FF\u0750-\u077F]/g },
  { lang: 'ru', re: /[\u0400-\u04FF]/g },
  { lang: 'he', re: /[\u0590-\u05FF]/g },
  { lang: 'zh', re: /[\u4E00-\u9FFF]/g },
  { lang: 'ja', re: /[\u3040-\u30FF]/g },
  { lang: 'ko', re: /[\uAC00-\uD7AF]/g },
  { lang: 'am', re: /[\u1200-\u137F]/g },
  { lang: 'my', re: /[\u1000-\u109F]/g },
  { lang: 'hi', re: /[\u0900-\u097F]/g },
  { lang: 'el', re: /[\u0370-\u03FF]/g },
  { lang: 'ka', re: /[\u10A0-\u10FF]/g },
  { lang: 'hy', re: /[\u0530-\u058F]/g },
  { lang: 'th', re: /[\u0E00-\u0E7F]/g },
];

/** Function words per Latin-script language (lower case). */
const FUNCTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'of', 'and', 'to', 'in', 'a', 'is', 'was', 'that', 'for', 'on', 'with', 'said', 'by', 'were', 'from', 'at', 'have', 'has', 'it', 'his', 'their', 'which', 'after'],
  fr: ['le', 'la', 'les', 'de', 'des', 'l', 'd', 'et', 'du', 'il', 'ils', 'un', 'une', 'est', 'dans', 'que', 'qui', 'pour', 'pas', 'sur', 'au', 'aux', 'avec', 'ont', 'été', 'selon', 'par', 'ce', 'cette'],
  es: ['el', 'la', 'los', 'las', 'de', 'y', 'que', 'en', 'un', 'una', 'por', 'con', 'para', 'del', 'se', 'su', 'como', 'fue', 'han', 'según', 'sus', 'este', 'esta'],
  pt: ['o', 'os', 'as', 'de', 'e', 'que', 'em', 'um', 'uma', 'do', 'da', 'dos', 'das', 'para', 'com', 'não', 'por', 'foi', 'ao', 'segundo', 'pelo', 'pela', 'seu', 'sua'],
  de: ['der', 'die', 'das', 'und', 'in', 'den', 'von', 'zu', 'mit', 'ist', 'des', 'sich', 'nicht', 'auf', 'für', 'dem', 'ein', 'eine', 'wurde', 'wurden', 'bei', 'nach', 'auch', 'sind'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'un', 'una', 'del', 'della', 'sono', 'con', 'non', 'nel', 'alla', 'dei', 'gli', 'le', 'è', 'stato', 'stati', 'secondo', 'anche', 'delle'],
  nl: ['de', 'het', 'een', 'en', 'van', 'in', 'is', 'dat', 'op', 'te', 'zijn', 'met', 'voor', 'niet', 'aan', 'door', 'werd', 'werden', 'ook', 'bij', 'naar', 'om', 'als', 'maar'],
  tr: ['ve', 'bir', 'bu', 'da', 'de', 'için', 'ile', 'olarak', 'olan', 'gibi', 'daha', 'en', 'çok', 'sonra', 'kadar', 'ancak', 'göre', 'ise', 'tarafından', 'oldu', 'her', 'şu', 'ya', 'veya'],
  id: ['yang', 'dan', 'di', 'ke', 'dari', 'ini', 'itu', 'dengan', 'untuk', 'tidak', 'dalam', 'pada', 'akan', 'oleh', 'juga', 'telah', 'ada', 'sebagai', 'mereka', 'kata', 'bahwa', 'para', 'atau', 'karena'],
};

const FUNCTION_SETS: readonly [string, Set<string>][] = Object.entries(FUNCTION_WORDS).map(([l, ws]) => [l, new Set(ws)]);

/** At most this many characters are looked at: a language shows in its first paragraphs. */
const SAMPLE = 4000;

export interface LanguageGuess {
  /** ISO 639-1 code, or null when the text is too short or too mixed to tell. */
  lang: string | null;
  /** How the guess was made. */
  by: 'script' | 'function-words' | null;
}

/** Ukrainian letters absent from Russian (and vice versa: ы, э, ъ): Cyrillic is not one language. */
function cyrillicLanguage(s: string): string {
  const uk = (s.match(/[іїєґІЇЄҐ]/g) ?? []).length;
  const ru = (s.match(/[ыэъЫЭЪ]/g) ?? []).length;
  return uk > ru ? 'uk' : 'ru';
}

/** Persian (and Urdu) use letters Arabic lacks. */
function arabicScriptLanguage(s: string): string {
  const fa = (s.match(/[پچژگ]/g) ?? []).length;
  return fa >= 3 ? 'fa' : 'ar';
}

export function detectLanguage(text: string): LanguageGuess {
  const s = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const letters = (s.match(/\p{L}/gu) ?? []).length;
  if (letters < 20) return { lang: null, by: null };
  let best: { lang: string; n: number } | null = null;
  for (const { lang, re } of SCRIPTS) {
    const n = (s.match(re) ?? []).length;
    if (n > (best?.n ?? 0)) best = { lang, n };
  }
  // A script is the language's when it carries most of the letters (an English article quoting
  // a name in Arabic stays English).
  if (best && best.n > letters * 0.4) {
    const lang = best.lang === 'ru' ? cyrillicLanguage(s) : best.lang === 'ar' ? arabicScriptLanguage(s) : best.lang;
    return { lang, by: 'script' };
  }
  const words = s.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 8) return { lang: null, by: null };
  let top: { lang: string; n: number } | null = null;
  let second = 0;
  for (const [lang, set] of FUNCTION_SETS) {
    let n = 0;
    for (const w of words) if (set.has(w)) n++;
    if (!top || n > top.n) {
      second = top?.n ?? 0;
      top = { lang, n };
    } else if (n > second) second = n;
  }
  // Running prose is 30–50 % function words; demand a clear share and a clear winner.
  if (!top || top.n < words.length * 0.08 || top.n < second * 1.3) return { lang: null, by: null };
  return { lang: top.lang, by: 'function-words' };
}

/** "en-GB", "EN", "fr_FR" → "en", "en", "fr"; anything else → null. */
export function normaliseLanguageTag(tag: string | null | undefined): string | null {
  const m = /^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$/.exec(tag ?? '');
  return m ? m[1]!.toLowerCase() : null;
}
