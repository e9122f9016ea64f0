// The event table: one row per merged event, newest first, click a row to see its reports.

import type { Cluster } from './api.js';
import { typeColor } from './colors.js';
import { clear, fmtDateRange, fmtFatalities, h } from './dom.js';

const MAX_ROWS = 500;

export interface TableView {
  el: HTMLElement;
  setEvents(events: Cluster[], total: number, selected: string | null): void;
  select(id: string | null): void;
}

function people(names: string[]): string {
  return names.length ? names.join(', ') : '—';
}

export function createTable(onSelect: (id: string) => void): TableView {
  const body = h('tbody');
  const caption = h('div', { class: 'table-caption' });
  const table = h(
    'table',
    { class: 'events', id: 'event-table' },
    h('thead', {}, h('tr', {}, ...['Date', 'Type', 'Actor', 'Target', 'Location', 'Killed', 'Status', 'Sources', 'Reports'].map((t) => h('th', { scope: 'col' }, t)))),
    body,
  );
  const el = h('section', { class: 'table-wrap' }, caption, h('div', { class: 'table-scroll' }, table));

  function setEvents(events: Cluster[], total: number, selected: string | null): void {
    clear(body);
    clear(caption);
    caption.append(`${total} event${total === 1 ? '' : 's'}${events.length < total ? ` (first ${events.length})` : ''}`);
    for (const e of events.slice(0, MAX_ROWS)) {
      const disputed = e.disagreements.length > 0;
      const tr = h(
        'tr',
        { 'data-id': e.id, 'data-country': e.country ?? '', class: e.id === selected ? 'selected' : '', tabindex: 0 },
        h('td', { class: 'nowrap' }, fmtDateRange(e.dateStart, e.dateEnd)),
        h('td', {}, h('span', { class: 'chip', 'data-type': e.type }, h('span', { class: 'swatch', 'data-color': typeColor(e.type) }), e.type), e.mode ? h('span', { class: 'mode' }, e.mode) : null),
        h('td', {}, people(e.actors)),
        h('td', {}, people(e.targets)),
        h('td', {}, e.location ?? '—', e.country ? h('span', { class: 'country' }, e.country) : null),
        h('td', { class: 'num' }, fmtFatalities(e.fatalitiesMin, e.fatalitiesMax), disputed ? h('span', { class: 'disputed', title: 'Reports disagree' }, '≠') : null),
        h('td', {}, ...e.statuses.map((st) => h('span', { class: `status status-${st}` }, st))),
        h('td', { class: 'sources' }, e.sources.join(', ') || '—'),
        h('td', { class: 'num' }, e.mentions),
      );
      tr.addEventListener('click', () => onSelect(e.id));
      tr.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') onSelect(e.id);
      });
      body.append(tr);
    }
    paintSwatches(body);
  }

  function select(id: string | null): void {
    for (const tr of body.querySelectorAll<HTMLTableRowElement>('tr')) tr.classList.toggle('selected', tr.dataset.id === id);
  }

  return { el, setEvents, select };
}

/** Colours come from data attributes via CSSOM (allowed by the page's CSP, unlike style attributes). */
export function paintSwatches(root: ParentNode): void {
  for (const sw of root.querySelectorAll<HTMLElement>('[data-color]')) sw.style.background = sw.dataset.color ?? '';
}
