// unsupported-language: sitrep's dictionaries, triggers and date rules are English. An article in
// another language yields few and unreliable events; say so, instead of letting an empty or thin
// result read as "nothing happened". The language comes from the input or is detected
// (ingest/language.ts).

import type { Check, Doc } from '../doc.js';

/** The languages the shipped lexicons cover. */
export const SUPPORTED_LANGUAGES: ReadonlySet<string> = new Set(['en']);

const names = new Intl.DisplayNames(['en'], { type: 'language' });

function languageName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function unsupportedLanguage(doc: Doc): Check[] {
  const lang = doc.meta.language;
  if (SUPPORTED_LANGUAGES.has(lang)) return [];
  const how = doc.meta.languageFrom === 'detected' ? 'reads as' : 'is declared as';
  return [
    {
      kind: 'unsupported-language',
      message: `the article ${how} ${languageName(lang)} (${lang}); sitrep's dictionaries are English, so its events are likely incomplete or wrong`,
    },
  ];
}
