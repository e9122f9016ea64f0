// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item becomes one input record with its link, title,
// publication date and the feed's title as the source. Item bodies are often HTML; they are
// reduced to text with paragraph breaks kept. Feeds carry only what the publisher put in them
// (often a summary): `ingest --follow-links` fetches each item's page instead.

import { XMLParser } from 'fast-xml-parser';
import { parseHTML } from 'linkedom';
import type { InputRecord } from './record.js';

export interface FeedItem {
  record: InputRecord;
  /** The item's link, for --follow-links. */
  link: string | null;
}

export interface Feed {
  title: string | null;
  items: FeedItem[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Items must always be arrays, even when a feed has one.
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  processEntities: true,
  htmlEntities: true,
});

/** Cheap test on the first bytes: is this an RSS/Atom/RDF document? */
export function looksLikeFeed(content: string): boolean {
  const head = content.slice(0, 2000).replace(/<!--[\s\S]*?-->/g, '');
  return /<(rss|feed|rdf:RDF)[\s>]/i.test(head);
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object') return text((v as Record<string, unknown>)['#text']);
  return null;
}

/** HTML fragment → text, block elements as paragraph breaks. */
export function htmlFragmentText(s: string): string {
  if (!/[<&]/.test(s)) return s.trim();
  const { document } = parseHTML(`<!doctype html><html><body>${s}</body></html>`);
  const body = document.body;
  for (const br of Array.from(body.querySelectorAll('br'))) br.replaceWith(document.createTextNode('\n'));
  const blocks = Array.from(body.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, blockquote, div'));
  const top = blocks.filter((b) => !b.parentElement?.closest('p, li, blockquote, div, h1, h2, h3, h4, h5, h6'));
  if (!top.length) return (body.textContent ?? '').replace(/[ \t]+/g, ' ').trim();
  return top
    .map((b) => (b.textContent ?? '').replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

function isoOrNull(s: string | null): string | null {
  if (!s) return null;
  const t = Date.parse(s);
  if (!Number.isNaN(t)) return new Date(t).toISOString();
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s : null;
}

function atomLink(links: unknown): string | null {
  if (!Array.isArray(links)) return text(links);
  let fallback: string | null = null;
  for (const l of links) {
    if (typeof l === 'string') fallback ??= l;
    else if (l && typeof l === 'object') {
      const o = l as Record<string, unknown>;
      const href = typeof o['@_href'] === 'string' ? o['@_href'] : null;
      if (!href) continue;
      if (!o['@_rel'] || o['@_rel'] === 'alternate') return href;
      fallback ??= href;
    }
  }
  return fallback;
}

/** Parse a feed document; throws when it is not one. `origin` names it in ids and errors. */
export function parseFeed(xml: string, origin: string): Feed {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${origin}: not a readable feed (${(err as Error).message})`);
  }
  const rss = doc.rss as Record<string, unknown> | undefined;
  const rdf = doc['rdf:RDF'] as Record<string, unknown> | undefined;
  const atom = doc.feed as Record<string, unknown> | undefined;
  const out: FeedItem[] = [];
  let title: string | null = null;
  const push = (raw: { id: string | null; link: string | null; title: string | null; body: string | null; date: string | null }, i: number) => {
    const body = raw.body ? htmlFragmentText(raw.body) : '';
    const text = [raw.title, body].filter(Boolean).join('\n\n');
    if (!text.trim()) return;
    out.push({
      link: raw.link,
      record: { id: raw.id ?? raw.link ?? `${origin}#${i + 1}`, text, title: raw.title, published: isoOrNull(raw.date), url: raw.link, source: title, language: null },
    });
  };
  if (rss || rdf) {
    const channel = ((rss?.channel ?? rdf?.channel) ?? {}) as Record<string, unknown>;
    title = text(channel.title);
    const items = ((channel.item ?? rdf?.item) ?? []) as Record<string, unknown>[];
    items.forEach((it, i) =>
      push(
        {
          id: text(it.guid),
          link: text(it.link),
          title: text(it.title),
          body: text(it['content:encoded']) ?? text(it.description),
          date: text(it.pubDate) ?? text(it['dc:date']),
        },
        i,
      ),
    );
  } else if (atom) {
    title = text(atom.title);
    const entries = (atom.entry ?? []) as Record<string, unknown>[];
    entries.forEach((it, i) =>
      push(
        { id: text(it.id), link: atomLink(it.link), title: text(it.title), body: text(it.content) ?? text(it.summary), date: text(it.published) ?? text(it.updated) },
        i,
      ),
    );
  } else {
    throw new Error(`${origin}: not an RSS or Atom feed`);
  }
  return { title, items: out };
}
