// One event with every report of it: the sentence each source wrote, its figure, who claimed it,
// and where the reports disagree.

import { api, type EventDetail } from './api.js';
import { typeColor } from './colors.js';
import { clear, fmtDateRange, fmtFatalities, h } from './dom.js';
import { paintSwatches } from './table.js';

export interface DetailView {
  el: HTMLElement;
  show(id: string | null): Promise<void>;
}

export function createDetail(): DetailView {
  const el = h('aside', { class: 'detail', id: 'event-detail' }, h('p', { class: 'hint' }, 'Select an event on the map, the timeline or the table to see its reports and the sentences behind it.'));

  async function show(id: string | null): Promise<void> {
    if (!id) return;
    let ev: EventDetail;
    try {
      ev = await api.event(id);
    } catch (err) {
      clear(el);
      el.append(h('p', { class: 'error' }, (err as Error).message));
      return;
    }
    clear(el);
    el.append(
      h('h2', {}, h('span', { class: 'swatch', 'data-color': typeColor(ev.type) }), `${ev.type}${ev.mode ? ` · ${ev.mode}` : ''}`),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'When'),
        h('dd', {}, fmtDateRange(ev.dateStart, ev.dateEnd)),
        h('dt', {}, 'Where'),
        h('dd', {}, [ev.location, ev.admin1, ev.country].filter(Boolean).join(', ') || '—'),
        h('dt', {}, 'Who'),
        h('dd', {}, ev.actors.join(', ') || '—'),
        h('dt', {}, 'Against'),
        h('dd', {}, ev.targets.join(', ') || '—'),
        h('dt', {}, 'Killed'),
        h('dd', {}, fmtFatalities(ev.fatalitiesMin, ev.fatalitiesMax) || 'not stated'),
        h('dt', {}, 'Status'),
        h('dd', {}, ...ev.statuses.map((st) => h('span', { class: `status status-${st}` }, st))),
      ),
    );
    if (ev.disagreements.length) {
      el.append(
        h('div', { class: 'disagreements' }, h('h3', {}, 'Reports disagree'), ...ev.disagreements.map((d) => h('p', {}, h('strong', {}, `${d.kind}: `), d.values.map((v) => `${v.value} (${v.source ?? 'unknown source'})`).join(' vs ')))),
      );
    }
    const figures = (ev as { figures?: { min: number | null; max: number | null; source: string | null }[] }).figures ?? [];
    if (figures.length > 1) {
      // Each source's toll side by side, never averaged.
      el.append(h('h3', {}, 'Killed, by source'), h('ul', { class: 'figures' }, ...figures.map((f) => h('li', {}, `${fmtFatalities(f.min, f.max)} — ${f.source ?? 'unknown source'}`))));
    }
    el.append(h('h3', {}, `${ev.reports.length} report${ev.reports.length === 1 ? '' : 's'}`));
    for (const r of ev.reports) {
      const sentence = r.evidence[0]?.text ?? null;
      const claim = r.event.claimedBy.length ? `claimed by ${r.event.claimedBy.map((c) => c.text).join(', ')}` : null;
      el.append(
        h(
          'article',
          { class: 'report' },
          h('div', { class: 'report-meta' }, h('a', { href: `#/article/${r.article}`, class: 'article-link' }, r.title ?? 'Untitled article'), ' · ', r.source ?? 'unknown source', r.published ? ` · ${r.published}` : ''),
          sentence ? h('blockquote', {}, sentence) : null,
          h('div', { class: 'report-facts' }, h('span', { class: `status status-${r.event.status}` }, r.event.status), claim, r.event.via.length ? ` · via ${r.event.via.join(', ')}` : '', r.event.fatalities?.text ? ` · “${r.event.fatalities.text}”` : ''),
        ),
      );
    }
    paintSwatches(el);
  }

  return { el, show };
}
