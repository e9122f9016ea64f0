import { describe, expect, it } from 'vitest';
import { makeDoc } from './article.js';
import { readHtml } from './html.js';
import { detectLanguage, normaliseLanguageTag } from './language.js';
import { unsupportedLanguage } from '../checks/language.js';
import type { Doc } from '../doc.js';

const samples: Record<string, string> = {
  en: 'Rebels attacked an army post near the town on Monday, killing three soldiers, the military said in a statement.',
  fr: "Des rebelles ont attaqué un poste de l'armée près de la ville lundi, tuant trois soldats, selon un communiqué de l'armée.",
  es: 'Los rebeldes atacaron un puesto del ejército cerca de la ciudad el lunes y mataron a tres soldados, según un comunicado del ejército.',
  de: 'Rebellen haben am Montag einen Posten der Armee in der Nähe der Stadt angegriffen, dabei wurden drei Soldaten getötet, teilte die Armee mit.',
  pt: 'Os rebeldes atacaram um posto do exército perto da cidade na segunda-feira e mataram três soldados, segundo um comunicado do exército.',
  ru: 'Повстанцы в понедельник атаковали армейский пост недалеко от города, убив трёх военных, сообщили в армии.',
  uk: 'Повстанці в понеділок атакували армійський пост поблизу міста, вбивши трьох військових, повідомили в армії. Це сталося їхньою ініціативою.',
  ar: 'هاجم متمردون موقعا للجيش قرب المدينة يوم الاثنين مما أسفر عن مقتل ثلاثة جنود بحسب بيان للجيش.',
};

describe('detectLanguage', () => {
  for (const [lang, text] of Object.entries(samples)) {
    it(`recognises ${lang}`, () => {
      expect(detectLanguage(text).lang).toBe(lang);
    });
  }

  it('keeps an English article that quotes names in Arabic script English', () => {
    const text = `${samples.en} The group, known locally as ${'حركة الشباب'}, claimed the attack on its channels, officials said.`;
    expect(detectLanguage(text)).toEqual({ lang: 'en', by: 'function-words' });
  });

  it('tells Persian from Arabic by the letters Arabic lacks', () => {
    expect(detectLanguage('گروه‌های مسلح روز دوشنبه به یک پاسگاه ارتش در نزدیکی شهر حمله کردند و سه سرباز کشته شدند').lang).toBe('fa');
  });

  it('does not guess on a line too short to tell', () => {
    expect(detectLanguage('Goma, DRC').lang).toBeNull();
    expect(detectLanguage('').lang).toBeNull();
  });
});

describe('normaliseLanguageTag', () => {
  it('keeps the primary subtag of BCP 47 and POSIX locale tags', () => {
    expect(normaliseLanguageTag('en-GB')).toBe('en');
    expect(normaliseLanguageTag('FR')).toBe('fr');
    expect(normaliseLanguageTag('pt_BR')).toBe('pt');
    expect(normaliseLanguageTag('english please')).toBeNull();
    expect(normaliseLanguageTag(undefined)).toBeNull();
  });
});

describe('the article language and the unsupported-language check', () => {
  const doc = (record: { text: string; language?: string | null }) => makeDoc({ id: 'x', ...record }) as Doc;

  it('takes the declared language over detection, and detects it otherwise', () => {
    expect(doc({ text: samples.fr, language: 'en' }).meta).toMatchObject({ language: 'en', languageFrom: 'input' });
    expect(doc({ text: samples.fr }).meta).toMatchObject({ language: 'fr', languageFrom: 'detected' });
    expect(doc({ text: 'Goma.' }).meta).toMatchObject({ language: 'en', languageFrom: 'default' });
  });

  it('warns on a non-English article and stays silent on an English one', () => {
    const [c] = unsupportedLanguage(doc({ text: samples.ru }));
    expect(c).toMatchObject({ kind: 'unsupported-language' });
    expect(c!.message).toMatch(/reads as Russian \(ru\)/);
    expect(unsupportedLanguage(doc({ text: samples.en }))).toEqual([]);
  });

  it('reads the language an HTML page declares', () => {
    const h = readHtml(`<!doctype html><html lang="es-ES"><head><title>t</title></head><body><article><p>${samples.es}</p></article></body></html>`);
    expect(h.language).toBe('es-ES');
    expect(doc({ text: h.text, language: h.language }).meta).toMatchObject({ language: 'es', languageFrom: 'input' });
  });
});
