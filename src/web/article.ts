// One article as the pipeline read it: the report card (stale report, conflicting claims, date
// mismatch) on top, the text with actors, places, times and figures marked from their offsets,
// each event beside the paragraph it came from (its sentence underlined), and the claims of
// each side in their own column. The text is untrusted: it is only ever set as text nodes.

import type { ArticleView, Check, SpecEvent, SpecResult } from './api.js';
import { typeColor } from './colors.js';
import { clear, fmtFatalities, h } from './dom.js';
import { paragraphs, segment, type Mark } from './segments.js';
import { paintSwatches } from './table.js';

const CARD: { kind: string; title: string; ok: string }[] = [
  { kind: 'stale-report', title: 'Stale report', ok: 'the news is recent for the publication date.' },
  { kind: 'conflicting-claims', title: 'Conflicting claims', ok: 'no party was found contradicting another.' },
  { kind: 'date-mismatch', title: 'Date mismatch', ok: 'no weekday or date disagreement was found.' },
];

function reportCard(checks: Check[]): HTMLElement {
  const tiles = CARD.map((c) => {
    const found = checks.filter((k) => k.kind === c.kind);
    return h(
      'div',
      { class: `check ${found.length ? 'flagged' : 'clear'}`, 'data-kind': c.kind },
      h('div', { class: 'check-title' }, found.length ? '⚠ ' : '✓ ', c.title, found.some((k) => k.days !== undefined) ? h('span', { class: 'days' }, `${found.find((k) => k.days !== undefined)!.days} days`) : null),
      ...(found.length ? found.map((k) => h('p', {}, k.message)) : [h('p', { class: 'muted' }, 'Not flagged: ', c.ok)]),
    );
  });
  const other = checks.filter((k) => !CARD.some((c) => c.kind === k.kind));
  for (const k of other) tiles.push(h('div', { class: 'check flagged', 'data-kind': k.kind }, h('div', { class: 'check-title' }, '⚠ ', k.kind), h('p', {}, k.message)));
  return h('section', { class: 'report-card', id: 'report-card' }, ...tiles);
}

function marksOf(r: SpecResult): Mark[] {
  const m: Mark[] = [];
  for (const a of r.mentions.actors ?? []) m.push({ start: a.start, end: a.end, kind: 'actor', label: [a.name ?? a.text, a.country].filter(Boolean).join(' · ') });
  for (const p of r.mentions.places ?? []) m.push({ start: p.start, end: p.end, kind: 'place', label: [p.name ?? p.text, p.country].filter(Boolean).join(' · ') });
  for (const t of r.mentions.times ?? []) m.push({ start: t.start, end: t.end, kind: 'time', label: t.value ?? t.text });
  for (const q of r.mentions.quantities ?? []) m.push({ start: q.start, end: q.end, kind: 'figure', label: [fmtFatalities(q.min ?? null, q.max ?? null), q.unit].filter(Boolean).join(' ') });
  for (const e of r.events) {
    const sent = e.evidence[0];
    if (sent) m.push({ start: sent.start, end: sent.end, kind: 'evidence', label: e.id });
    if (e.trigger) m.push({ start: e.trigger.start, end: e.trigger.end, kind: 'trigger', label: e.id });
  }
  return m;
}

function actorText(a: SpecEvent['actor']): string {
  if (!a) return 'unknown';
  return a.country ? `${a.name ?? a.text} (${a.country})` : (a.name ?? a.text);
}

function eventCard(e: SpecEvent, text: string, onFocus: (id: string | null) => void): HTMLElement {
  const f = e.fatalities && (e.fatalities.min !== null || e.fatalities.max !== null) ? fmtFatalities(e.fatalities.min, e.fatalities.max) : null;
  const card = h(
    'div',
    { class: `event-card status-${e.status}`, 'data-event': e.id, tabindex: 0 },
    h('div', { class: 'event-head' }, h('span', { class: 'swatch', 'data-color': typeColor(e.type) }), h('strong', {}, e.type), e.mode ? ` · ${e.mode}` : '', h('span', { class: `status status-${e.status}` }, e.status)),
    e.actor || e.target ? h('div', { class: 'who' }, actorText(e.actor), ' → ', actorText(e.target)) : null,
    e.date ? h('div', { class: 'muted' }, `${e.date.start}${e.date.end !== e.date.start ? ` – ${e.date.end}` : ''} (${e.date.precision})`) : null,
    e.location ? h('div', { class: 'muted' }, [e.location.name, e.location.country].filter(Boolean).join(', ')) : null,
    f ? h('div', {}, `Killed: ${f}`, e.fatalities?.text ? ` (“${e.fatalities.text}”)` : '') : null,
    e.claimedBy.length ? h('div', { class: 'claimed' }, 'Claimed by ', e.claimedBy.map((c) => c.text).join(', ')) : null,
    e.via.length ? h('div', { class: 'muted' }, 'via ', e.via.join(', ')) : null,
    e.trigger ? h('div', { class: 'muted' }, 'trigger: “', text.slice(e.trigger.start, e.trigger.end), '”') : null,
  );
  card.addEventListener('mouseenter', () => onFocus(e.id));
  card.addEventListener('mouseleave', () => onFocus(null));
  card.addEventListener('focus', () => onFocus(e.id));
  card.addEventListener('blur', () => onFocus(null));
  return card;
}

/** Who is speaking: the first claimant of a claimed event, or the accuser of an ACCUSE event. */
function sideOf(e: SpecEvent): string | null {
  if (e.claimedBy.length) {
    const c = e.claimedBy[0]!;
    return c.country ?? c.text;
  }
  if (e.type === 'ACCUSE' && e.actor) return e.actor.country ?? e.actor.name ?? e.actor.text;
  return null;
}

function claimsColumns(r: SpecResult, text: string): HTMLElement {
  const sides = new Map<string, SpecEvent[]>();
  for (const e of r.events) {
    const side = sideOf(e);
    if (!side) continue;
    if (!sides.has(side)) sides.set(side, []);
    sides.get(side)!.push(e);
  }
  const sec = h('section', { class: 'claims', id: 'claims' }, h('h2', {}, 'What each side claims'));
  if (!sides.size) {
    sec.append(h('p', { class: 'muted' }, 'No event in this article is attributed to a party.'));
    return sec;
  }
  const cols = h('div', { class: 'claim-columns' });
  for (const [side, evs] of [...sides].sort((a, b) => b[1].length - a[1].length)) {
    cols.append(
      h(
        'div',
        { class: 'claim-column', 'data-side': side },
        h('h3', {}, side),
        ...evs.map((e) =>
          h(
            'div',
            { class: 'claim' },
            h('div', {}, h('span', { class: 'swatch', 'data-color': typeColor(e.type) }), h('strong', {}, e.type), ` ${actorText(e.actor)} → ${actorText(e.target)}`),
            e.evidence[0] ? h('blockquote', {}, text.slice(e.evidence[0].start, e.evidence[0].end)) : null,
          ),
        ),
      ),
    );
  }
  if (sides.size === 1) cols.append(h('div', { class: 'claim-column empty' }, h('h3', {}, 'Other side'), h('p', { class: 'muted' }, 'No counter-claim in this article.')));
  sec.append(cols);
  return sec;
}

export function renderArticle(view: Pick<ArticleView, 'id' | 'title' | 'published' | 'source' | 'url' | 'text' | 'annotations'>): HTMLElement {
  const r = view.annotations;
  const text = view.text;
  const marks = marksOf(r);
  const root = h('div', { class: 'article-view', id: 'article-view', 'data-article': view.id });

  const focus = (id: string | null) => {
    for (const el of root.querySelectorAll<HTMLElement>('[data-events]')) {
      el.classList.toggle('focus', id !== null && (el.dataset.events ?? '').split(' ').includes(id));
    }
  };

  root.append(
    h(
      'header',
      { class: 'article-head' },
      h('a', { href: '#/', class: 'back' }, '← All events'),
      h('h1', {}, view.title ?? r.article.title ?? 'Untitled article'),
      h('div', { class: 'muted' }, [view.source ?? r.article.source, view.published ?? r.article.published ? `published ${view.published ?? r.article.published}` : 'publication date unknown', `${r.events.length} event${r.events.length === 1 ? '' : 's'}`].filter(Boolean).join(' · ')),
    ),
    reportCard(r.checks),
    h(
      'div',
      { class: 'legend' },
      ...['actor', 'place', 'time', 'figure', 'evidence'].map((k) => h('span', { class: `hl hl-${k}` }, k === 'evidence' ? 'event sentence' : k)),
    ),
  );

  const body = h('section', { class: 'article-body' });
  const placed = new Set<string>();
  for (const p of paragraphs(text)) {
    const para = h('p', { class: 'para' });
    for (const seg of segment(text, marks, p.start, p.end)) {
      if (!seg.marks.length) {
        para.append(document.createTextNode(seg.text));
        continue;
      }
      const kinds = [...new Set(seg.marks.map((m) => m.kind))];
      const events = seg.marks.filter((m) => m.kind === 'evidence' || m.kind === 'trigger').map((m) => m.label);
      const labels = seg.marks.filter((m) => m.kind !== 'evidence' && m.label).map((m) => `${m.kind}: ${m.label}`);
      para.append(
        h('span', { class: kinds.map((k) => `hl-${k}`).join(' '), 'data-events': events.length ? [...new Set(events)].join(' ') : null, title: labels.length ? labels.join('\n') : null }, seg.text),
      );
    }
    const evs = r.events.filter((e) => {
      const at = e.evidence[0]?.start ?? e.trigger?.start;
      return at !== undefined && at >= p.start && at < p.end;
    });
    for (const e of evs) placed.add(e.id);
    body.append(h('div', { class: 'row' }, para, h('div', { class: 'row-events' }, ...evs.map((e) => eventCard(e, text, focus)))));
  }
  const rest = r.events.filter((e) => !placed.has(e.id));
  if (rest.length) body.append(h('div', { class: 'row' }, h('p', { class: 'para muted' }, 'Events without a located sentence:'), h('div', { class: 'row-events' }, ...rest.map((e) => eventCard(e, text, focus)))));
  root.append(body, claimsColumns(r, text));
  if (view.url) root.append(h('p', { class: 'muted' }, 'Source URL: ', h('a', { href: view.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, view.url)));
  paintSwatches(root);
  return root;
}

export function renderArticleError(message: string): HTMLElement {
  return h('div', { class: 'article-view' }, h('a', { href: '#/', class: 'back' }, '← All events'), h('p', { class: 'error' }, message));
}

export { clear };
