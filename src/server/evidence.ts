// One event with what backs it: every report of it, with the article it came from and the text
// of each evidence span, so the page (and any API user) can show the sentence behind each fact.

import type { ArticleRow, EventCluster, Store } from '../store/types.js';

interface SpanLike {
  start: number;
  end: number;
}

function spansOf(event: unknown): SpanLike[] {
  const ev = event as { evidence?: unknown } | null;
  if (!ev || !Array.isArray(ev.evidence)) return [];
  return ev.evidence.filter(
    (s): s is SpanLike => !!s && typeof (s as SpanLike).start === 'number' && typeof (s as SpanLike).end === 'number',
  );
}

export async function eventWithEvidence(store: Store, ev: EventCluster & { reports: { article: string; event: unknown }[] }) {
  const articles = new Map<string, ArticleRow | null>();
  const reports = [];
  for (const r of ev.reports) {
    if (!articles.has(r.article)) articles.set(r.article, await store.getArticle(r.article));
    const a = articles.get(r.article) ?? null;
    const evidence = spansOf(r.event).map((s) => ({
      start: s.start,
      end: s.end,
      text: a && s.end <= a.text.length && s.start <= s.end ? a.text.slice(s.start, s.end) : null,
    }));
    reports.push({
      ...r,
      title: a?.title ?? null,
      source: a?.source ?? null,
      published: a?.published ?? null,
      url: a?.url ?? null,
      evidence,
    });
  }
  return { ...ev, reports };
}
