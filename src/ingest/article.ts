// From a validated input record to the immutable document every stage reads.

import type { ArticleMeta, DocBase } from '../doc.js';
import { detectLanguage, normaliseLanguageTag } from './language.js';
import { readLayout } from './layout.js';
import { normalisePublished } from './published.js';
import type { InputRecord } from './record.js';

export interface MakeDocOptions {
  /** Publication date from HTML meta tags, when the article came from HTML. */
  htmlPublished?: string | null;
}

export function makeDoc(record: InputRecord, opts: MakeDocOptions = {}): DocBase {
  const text = record.text;
  const layout = readLayout(text, record.title ?? null);

  let published: string | null = normalisePublished(record.published);
  let publishedFrom: ArticleMeta['publishedFrom'] = published ? 'input' : null;
  let publishedSpan: ArticleMeta['publishedSpan'] = null;
  if (!published && opts.htmlPublished) {
    published = normalisePublished(opts.htmlPublished);
    if (published) publishedFrom = 'html-meta';
  }
  if (!published && layout.firstLineDate) {
    published = layout.firstLineDate.date;
    publishedFrom = 'first-line';
    publishedSpan = layout.firstLineDate.span;
  }
  if (!published && layout.dateline?.date) {
    published = layout.dateline.date;
    publishedFrom = 'dateline';
    publishedSpan = { start: layout.dateline.start, end: layout.dateline.end };
  }
  if (published && !publishedSpan && layout.firstLineDate?.date === published) publishedSpan = layout.firstLineDate.span;

  const given = normaliseLanguageTag(record.language);
  const detected = given ? null : detectLanguage(text).lang;
  const meta: ArticleMeta = {
    title: record.title ?? layout.title ?? null,
    published,
    publishedFrom,
    publishedSpan,
    language: given ?? detected ?? 'en',
    languageFrom: given ? 'input' : detected ? 'detected' : 'default',
    source: record.source ?? layout.dateline?.agency ?? null,
    url: record.url ?? null,
  };
  return Object.freeze({ id: record.id, text, meta: Object.freeze(meta), zones: Object.freeze(layout.zones) });
}
