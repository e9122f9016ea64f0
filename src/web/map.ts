// The event map: Natural Earth country outlines (world-atlas, served by this server) drawn with
// d3-geo, events as circles sized by fatalities and coloured by type. Zoom with the wheel or the
// buttons, drag to pan; it fits itself to the events shown, so a filter zooms to its region.

import { geoNaturalEarth1, geoPath, geoGraticule10, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection } from 'geojson';
import type { Cluster } from './api.js';
import { typeColor } from './colors.js';
import { clear, fmtDateRange, fmtFatalities, h, s } from './dom.js';

const W = 960;
const H = 500;

export function radius(c: Pick<Cluster, 'fatalitiesMin' | 'fatalitiesMax'>): number {
  const f = c.fatalitiesMax ?? c.fatalitiesMin ?? 0;
  return 3.5 + Math.min(16, Math.sqrt(Math.max(0, f)) * 1.6);
}

export interface MapView {
  el: HTMLElement;
  setEvents(events: Cluster[], selected: string | null): void;
  select(id: string | null): void;
}

export function createMap(onSelect: (id: string) => void): MapView {
  const projection: GeoProjection = geoNaturalEarth1().fitExtent([[4, 4], [W - 4, H - 4]], { type: 'Sphere' });
  const path = geoPath(projection);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map-svg', role: 'img', 'aria-label': 'Map of events' });
  const world = s('g', { class: 'world' });
  const land = s('g', { class: 'land' });
  const points = s('g', { class: 'points' });
  world.append(s('path', { class: 'sphere', d: path({ type: 'Sphere' }) ?? '' }), s('path', { class: 'graticule', d: path(geoGraticule10()) ?? '' }), land, points);
  svg.append(world);
  const note = h('div', { class: 'map-note' });
  let k = 1;
  let tx = 0;
  let ty = 0;
  let current: Cluster[] = [];
  let selectedId: string | null = null;

  function apply(): void {
    world.setAttribute('transform', `translate(${tx},${ty}) scale(${k})`);
    for (const c of points.querySelectorAll<SVGCircleElement>('circle')) c.setAttribute('r', String(Number(c.dataset.r) / k));
  }

  function zoomAt(factor: number, cx: number, cy: number): void {
    const nk = Math.min(60, Math.max(1, k * factor));
    const f = nk / k;
    tx = cx - (cx - tx) * f;
    ty = cy - (cy - ty) * f;
    k = nk;
    clamp();
    apply();
  }

  function clamp(): void {
    tx = Math.min(0, Math.max(W - W * k, tx));
    ty = Math.min(0, Math.max(H - H * k, ty));
  }

  /** Zoom to the box around the located events, never closer than a few hundred km. */
  function fit(events: Cluster[]): void {
    const xy = events.filter((e) => e.lat !== null && e.lon !== null).map((e) => projection([e.lon!, e.lat!])).filter((p): p is [number, number] => !!p);
    if (!xy.length) {
      k = 1;
      tx = ty = 0;
      apply();
      return;
    }
    const xs = xy.map((p) => p[0]);
    const ys = xy.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const bw = Math.max(x1 - x0, 40);
    const bh = Math.max(y1 - y0, 25);
    k = Math.max(1, Math.min(24, 0.8 / Math.max(bw / W, bh / H)));
    tx = W / 2 - k * ((x0 + x1) / 2);
    ty = H / 2 - k * ((y0 + y1) / 2);
    clamp();
    apply();
  }

  function toSvg(ev: { clientX: number; clientY: number }): [number, number] {
    const r = svg.getBoundingClientRect();
    return [((ev.clientX - r.left) / r.width) * W, ((ev.clientY - r.top) / r.height) * H];
  }

  svg.addEventListener(
    'wheel',
    (ev) => {
      ev.preventDefault();
      const [x, y] = toSvg(ev);
      zoomAt(ev.deltaY < 0 ? 1.25 : 0.8, x, y);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; tx: number; ty: number; moved: boolean } | null = null;
  svg.addEventListener('pointerdown', (ev) => {
    const [x, y] = toSvg(ev);
    drag = { x, y, tx, ty, moved: false };
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const [x, y] = toSvg(ev);
    if (Math.abs(x - drag.x) + Math.abs(y - drag.y) > 3) {
      drag.moved = true;
      svg.setPointerCapture(ev.pointerId);
    }
    tx = drag.tx + x - drag.x;
    ty = drag.ty + y - drag.y;
    clamp();
    apply();
  });
  svg.addEventListener('pointerup', () => {
    drag = null;
  });

  const controls = h(
    'div',
    { class: 'map-controls' },
    h('button', { type: 'button', title: 'Zoom in', onclick: () => zoomAt(1.6, W / 2, H / 2) }, '+'),
    h('button', { type: 'button', title: 'Zoom out', onclick: () => zoomAt(1 / 1.6, W / 2, H / 2) }, '−'),
    h('button', { type: 'button', title: 'Fit to the events shown', onclick: () => fit(current) }, 'Fit'),
    h('button', { type: 'button', title: 'Whole world', onclick: () => fit([]) }, 'World'),
  );
  const el = h('div', { class: 'map', id: 'map' }, svg, controls, note);

  // Outlines load once; events may arrive before them.
  fetch('/assets/countries-50m.json')
    .then((r) => r.json() as Promise<Topology>)
    .then((topo) => {
      const countries = feature(topo, topo.objects.countries as GeometryCollection) as unknown as FeatureCollection;
      for (const f of countries.features) {
        const name = (f.properties as { name?: string } | null)?.name ?? '';
        land.append(s('path', { class: 'country', d: path(f) ?? '' }, s('title', {}, name)));
      }
    })
    .catch(() => note.append(' (country outlines failed to load)'));

  function setEvents(events: Cluster[], selected: string | null): void {
    current = events;
    selectedId = selected;
    clear(points);
    let unlocated = 0;
    // Biggest first so small points stay clickable on top.
    const sorted = [...events].sort((a, b) => radius(b) - radius(a));
    for (const e of sorted) {
      if (e.lat === null || e.lon === null) {
        unlocated++;
        continue;
      }
      const p = projection([e.lon, e.lat]);
      if (!p) continue;
      const r = radius(e);
      const c = s(
        'circle',
        {
          cx: p[0].toFixed(2),
          cy: p[1].toFixed(2),
          r: r / k,
          'data-r': r,
          'data-id': e.id,
          'data-type': e.type,
          fill: typeColor(e.type),
          class: e.id === selectedId ? 'point selected' : 'point',
        },
        s('title', {}, `${e.type} · ${fmtDateRange(e.dateStart, e.dateEnd)} · ${e.location ?? e.country ?? ''}${e.fatalitiesMax !== null || e.fatalitiesMin !== null ? ` · ${fmtFatalities(e.fatalitiesMin, e.fatalitiesMax)} killed` : ''}`),
      );
      c.addEventListener('click', (ev) => {
        ev.stopPropagation();
        if (!drag?.moved) onSelect(e.id);
      });
      points.append(c);
    }
    clear(note);
    const shown = events.length - unlocated;
    note.append(`${shown} event${shown === 1 ? '' : 's'} on the map${unlocated ? `, ${unlocated} without coordinates` : ''}`);
    fit(events);
  }

  function select(id: string | null): void {
    selectedId = id;
    for (const c of points.querySelectorAll<SVGCircleElement>('circle')) c.classList.toggle('selected', c.dataset.id === id);
  }

  return { el, setEvents, select };
}
