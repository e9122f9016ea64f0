// HTML articles: main text via Mozilla Readability on a linkedom DOM; title and publication
// time from meta tags (article:published_time, og:title, JSON-LD datePublished, <time>).

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface HtmlArticle {
  title: string | null;
  text: string;
  published: string | null;
  url: string | null;
  source: string | null;
  /** The page's declared language (`<html lang>`, og:locale, Content-Language), as written. */
  language: string | null;
}

function meta(document: Document, names: string[]): string | null {
  for (const n of names) {
    const el = document.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content');
    if (v && v.trim()) return v.trim();
  }
  return null;
}

function jsonLdDate(document: Document): string | null {
  for (const s of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const data: unknown = JSON.parse(s.textContent ?? '');
      const stack: unknown[] = [data];
      while (stack.length) {
        const x = stack.pop();
        if (Array.isArray(x)) stack.push(...x);
        else if (x && typeof x === 'object') {
          const o = x as Record<string, unknown>;
          if (typeof o.datePublished === 'string') return o.datePublished;
          if (o['@graph']) stack.push(o['@graph']);
        }
      }
    } catch {
      // malformed JSON-LD is common on the web; the other sources still apply
    }
  }
  return null;
}

/** Block elements become paragraph breaks so the text keeps its paragraphs. */
function blockText(root: Element): string {
  const parts: string[] = [];
  const blocks = root.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td');
  if (blocks.length === 0) return (root.textContent ?? '').replace(/[ \t]+/g, ' ').trim();
  for (const b of Array.from(blocks)) {
    // skip blocks nested in another block we already take
    if (b.parentElement?.closest('p, li, blockquote, pre, figcaption, td')) continue;
    const t = (b.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t) parts.push(t);
  }
  return parts.join('\n\n');
}

export function readHtml(html: string, url: string | null = null): HtmlArticle {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  const published =
    meta(doc, ['article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date.issued']) ??
    jsonLdDate(doc) ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    null;
  const metaTitle = meta(doc, ['og:title', 'twitter:title']) ?? doc.querySelector('title')?.textContent?.trim() ?? null;
  const source = meta(doc, ['og:site_name']);
  const language =
    doc.documentElement?.getAttribute('lang')?.trim() ||
    meta(doc, ['og:locale', 'language', 'dc.language']) ||
    doc.querySelector('meta[http-equiv="Content-Language" i]')?.getAttribute('content')?.trim() ||
    null;
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(doc, ['og:url']);

  let text = '';
  let title = metaTitle;
  try {
    const parsed = new Readability(doc.cloneNode(true) as Document).parse();
    if (parsed?.content) {
      const { document: inner } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
      text = blockText((inner as unknown as Document).body);
      title = parsed.title?.trim() || title;
    }
  } catch {
    // Readability gives up on some pages; fall back to the body text below
  }
  if (!text.trim()) text = blockText(doc.body ?? (doc.documentElement as Element));
  return { title: title || null, text, published, url: url ?? canonical ?? null, source, language };
}
