// The workbench: a hash-routed page. #/ is the overview (filters, map, timeline, table, event
// detail); #/articles lists the articles; #/article/<id> reads one; #/paste runs the pipeline
// on a pasted article.

import { api, ApiFailure, getToken, setToken, type Cluster, type Filters, type Stats } from './api.js';
import { renderArticle, renderArticleError } from './article.js';
import { orderTypes, typeColor } from './colors.js';
import { createDetail } from './detail.js';
import { clear, h } from './dom.js';
import { createMap } from './map.js';
import { createTable, paintSwatches } from './table.js';
import { createTimeline } from './timeline.js';

const app = document.getElementById('app')!;
const statsEl = document.getElementById('stats')!;

const state: { filters: Filters; selected: string | null; stats: Stats | null } = { filters: {}, selected: null, stats: null };

function select(id: string): void {
  state.selected = id;
  map.select(id);
  table.select(id);
  void detail.show(id);
}

const map = createMap(select);
const timeline = createTimeline((range) => {
  state.filters.from = range.from;
  state.filters.to = range.to;
  syncForm();
  void refresh();
});
const table = createTable(select);
const detail = createDetail();

// --- filters ---------------------------------------------------------------------------------

const inputs = {
  from: h('input', { type: 'date', name: 'from', 'aria-label': 'From' }),
  to: h('input', { type: 'date', name: 'to', 'aria-label': 'To' }),
  country: h('select', { name: 'country', 'aria-label': 'Country' }),
  type: h('select', { name: 'type', 'aria-label': 'Type' }),
  actor: h('input', { type: 'search', name: 'actor', placeholder: 'actor', 'aria-label': 'Actor' }),
  status: h('select', { name: 'status', 'aria-label': 'Status' }),
  source: h('select', { name: 'source', 'aria-label': 'Source' }),
  text: h('input', { type: 'search', name: 'text', placeholder: 'search', 'aria-label': 'Search' }),
};

function fillSelect(sel: HTMLSelectElement, label: string, counts: Record<string, number>, order?: (keys: string[]) => string[]): void {
  const keep = sel.value;
  clear(sel);
  sel.append(h('option', { value: '' }, `${label}: all`));
  const keys = Object.keys(counts).filter((k) => k !== 'unknown');
  for (const k of order ? order(keys) : keys.sort()) sel.append(h('option', { value: k }, `${k} (${counts[k]})`));
  sel.value = keep;
}

function syncForm(): void {
  for (const [k, el] of Object.entries(inputs)) el.value = state.filters[k as keyof Filters] ?? '';
}

let typing: ReturnType<typeof setTimeout> | undefined;
for (const [k, el] of Object.entries(inputs)) {
  const update = () => {
    state.filters[k as keyof Filters] = el.value || undefined;
    void refresh();
  };
  el.addEventListener('change', update);
  if (el instanceof HTMLInputElement && el.type === 'search') {
    el.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(update, 250);
    });
  }
}

const filterBar = h(
  'form',
  { class: 'filters', id: 'filters', onsubmit: (ev: Event) => ev.preventDefault() },
  h('label', {}, 'From ', inputs.from),
  h('label', {}, 'To ', inputs.to),
  inputs.country,
  inputs.type,
  inputs.status,
  inputs.source,
  inputs.actor,
  inputs.text,
  h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        state.filters = {};
        syncForm();
        void refresh();
      },
    },
    'Reset',
  ),
  h('a', { class: 'export', id: 'export-link', href: '/api/export?format=csv' }, 'Export CSV'),
);

const legend = h('div', { class: 'type-legend' });
// The detail panel stays in view beside the map, the timeline and the table alike.
const overview = h(
  'div',
  { class: 'overview' },
  filterBar,
  h('div', { class: 'columns' }, h('div', { class: 'main-col' }, h('div', { class: 'panel map-panel' }, map.el, legend), h('div', { class: 'panel' }, timeline.el), table.el), detail.el),
);

let seq = 0;
async function refresh(): Promise<void> {
  const mine = ++seq;
  const { from: _f, to: _t, ...undated } = state.filters;
  try {
    const [shown, forTimeline] = await Promise.all([api.events(state.filters), api.events(undated)]);
    if (mine !== seq) return;
    map.setEvents(shown.events, state.selected);
    table.setEvents(shown.events, shown.total, state.selected);
    timeline.setEvents(forTimeline.events, { from: state.filters.from, to: state.filters.to });
    drawLegend(shown.events);
    const q = new URLSearchParams(Object.entries(state.filters).filter((e): e is [string, string] => !!e[1]));
    q.set('format', 'csv');
    document.getElementById('export-link')?.setAttribute('href', `/api/export?${q}`);
    overview.dataset.ready = String(mine);
  } catch (err) {
    showError(err);
  }
}

function drawLegend(events: Cluster[]): void {
  clear(legend);
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  for (const t of orderTypes(counts.keys())) {
    legend.append(
      h(
        'button',
        { type: 'button', class: 'legend-item', title: `Show only ${t}`, onclick: () => {
          state.filters.type = state.filters.type === t ? undefined : t;
          syncForm();
          void refresh();
        } },
        h('span', { class: 'swatch', 'data-color': typeColor(t) }),
        `${t} ${counts.get(t)}`,
      ),
    );
  }
  legend.append(h('span', { class: 'muted' }, ' · circle size: people killed'));
  paintSwatches(legend);
}

function showError(err: unknown): void {
  const msg = err instanceof Error ? err.message : String(err);
  const banner = h('div', { class: 'error banner', role: 'alert' }, msg);
  app.prepend(banner);
  setTimeout(() => banner.remove(), 8000);
}

async function loadStats(): Promise<void> {
  try {
    state.stats = await api.stats();
  } catch (err) {
    showError(err);
    return;
  }
  const s = state.stats;
  clear(statsEl);
  statsEl.append(`${s.articles} articles · ${s.clusters} events · ${s.events} reports`);
  fillSelect(inputs.country, 'Country', s.byCountry);
  fillSelect(inputs.type, 'Type', s.byType, orderTypes);
  fillSelect(inputs.status, 'Status', s.byStatus);
  fillSelect(inputs.source, 'Source', s.bySource);
}

// --- other views -----------------------------------------------------------------------------

async function articlesView(): Promise<HTMLElement> {
  const el = h('div', { class: 'articles-view', id: 'articles' }, h('h1', {}, 'Articles'));
  try {
    const { articles, total } = await api.articles();
    el.append(h('p', { class: 'muted' }, `${total} articles, newest first`));
    const list = h('ol', { class: 'article-list' });
    for (const a of [...articles].sort((x, y) => (y.published ?? '').localeCompare(x.published ?? ''))) {
      list.append(h('li', {}, h('a', { href: `#/article/${a.hash}` }, a.title ?? a.inputId), h('span', { class: 'muted' }, ` · ${[a.source, a.published].filter(Boolean).join(' · ')}`)));
    }
    el.append(list);
  } catch (err) {
    el.append(h('p', { class: 'error' }, (err as Error).message));
  }
  return el;
}

function pasteView(): HTMLElement {
  const title = h('input', { type: 'text', name: 'title', placeholder: 'Headline (optional)' });
  const published = h('input', { type: 'date', name: 'published', 'aria-label': 'Published' });
  const source = h('input', { type: 'text', name: 'source', placeholder: 'Outlet (optional)' });
  const text = h('textarea', { name: 'text', rows: 16, placeholder: 'Paste the article text here…', required: true });
  const token = h('input', { type: 'password', name: 'token', placeholder: 'Write token (only when the server asks for one)', autocomplete: 'off' });
  const status = h('p', { class: 'paste-status', role: 'status' });
  const run = h('button', { type: 'submit' }, 'Run the pipeline');
  const form = h(
    'form',
    { class: 'paste', id: 'paste-form' },
    h('h1', {}, 'Paste an article'),
    h('p', { class: 'muted' }, 'The pipeline runs on this machine; the article is stored and its events join the map.'),
    h('div', { class: 'paste-meta' }, title, h('label', {}, 'Published ', published), source),
    text,
    token,
    h('div', {}, run),
    status,
  );
  token.value = getToken() ?? '';
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) {
      status.textContent = 'Paste some text first.';
      return;
    }
    setToken(token.value || null);
    run.disabled = true;
    status.textContent = 'Reading the article…';
    try {
      const rec: Record<string, string> = { id: `pasted-${Date.now()}`, text: text.value };
      if (title.value) rec.title = title.value;
      if (published.value) rec.published = published.value;
      if (source.value) rec.source = source.value;
      const res = await api.ingest(rec);
      await loadStats();
      location.hash = `#/article/${res.articleId}`;
    } catch (err) {
      status.textContent = err instanceof ApiFailure && err.status === 401 ? `${err.message} — enter the token above.` : (err as Error).message;
    } finally {
      run.disabled = false;
    }
  });
  return form;
}

// --- routing ---------------------------------------------------------------------------------

function setNav(route: string): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) a.classList.toggle('active', a.dataset.route === route);
}

let overviewLoaded = false;
async function route(): Promise<void> {
  const hash = location.hash || '#/';
  const m = /^#\/article\/([0-9a-f]{64})$/.exec(hash);
  clear(app);
  if (m) {
    setNav('articles');
    app.append(h('p', { class: 'muted' }, 'Loading…'));
    try {
      const view = await api.article(m[1]!);
      clear(app);
      app.append(renderArticle(view));
    } catch (err) {
      clear(app);
      app.append(renderArticleError((err as Error).message));
    }
    window.scrollTo(0, 0);
    return;
  }
  if (hash === '#/articles') {
    setNav('articles');
    app.append(await articlesView());
    return;
  }
  if (hash === '#/paste') {
    setNav('paste');
    app.append(pasteView());
    return;
  }
  setNav('overview');
  app.append(overview);
  if (!overviewLoaded) {
    overviewLoaded = true;
    await loadStats();
  }
  await refresh();
}

window.addEventListener('hashchange', () => void route());
void route();
