// Events per day, stacked by type, with a brush: drag across days to set the date filter that
// every other view follows; a click without a drag clears it.

import type { Cluster } from './api.js';
import { orderTypes, typeColor } from './colors.js';
import { dayNum, isoOf, timelineRange } from './days.js';
import { clear, h, s } from './dom.js';

const W = 960;
const H = 150;
const M = { left: 34, right: 10, top: 8, bottom: 22 };

export interface TimelineView {
  el: HTMLElement;
  setEvents(events: Cluster[], range: { from?: string; to?: string }): void;
}

export function createTimeline(onBrush: (range: { from?: string; to?: string }) => void): TimelineView {
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline-svg', role: 'img', 'aria-label': 'Events per day by type' });
  const bars = s('g', { class: 'bars' });
  const axis = s('g', { class: 'axis' });
  const brush = s('rect', { class: 'brush', y: M.top, height: H - M.top - M.bottom, x: 0, width: 0, visibility: 'hidden' });
  svg.append(axis, bars, brush);
  const label = h('div', { class: 'timeline-label' });
  const el = h('div', { class: 'timeline', id: 'timeline' }, svg, label);
  let d0 = 0;
  let d1 = 0;
  /** pixels per day */
  let step = 1;
  let bucket = 1;

  const xOf = (d: number) => M.left + (d - d0) * step;
  const dayAt = (x: number) => Math.min(d1, Math.max(d0, Math.floor((x - M.left) / step) + d0));

  function toSvgX(ev: { clientX: number }): number {
    const r = svg.getBoundingClientRect();
    return ((ev.clientX - r.left) / r.width) * W;
  }

  function showBrush(a: number | null, b: number | null): void {
    if (a === null || b === null) {
      brush.setAttribute('visibility', 'hidden');
      return;
    }
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    brush.setAttribute('visibility', 'visible');
    brush.setAttribute('x', String(xOf(lo)));
    brush.setAttribute('width', String(Math.max(1, xOf(hi + 1) - xOf(lo))));
  }

  let dragStart: number | null = null;
  let dragNow: number | null = null;
  svg.addEventListener('pointerdown', (ev) => {
    if (d1 < d0) return;
    dragStart = dragNow = dayAt(toSvgX(ev));
    svg.setPointerCapture(ev.pointerId);
    showBrush(dragStart, dragNow);
  });
  svg.addEventListener('pointermove', (ev) => {
    if (dragStart === null) return;
    dragNow = dayAt(toSvgX(ev));
    showBrush(dragStart, dragNow);
  });
  svg.addEventListener('pointerup', () => {
    if (dragStart === null || dragNow === null) return;
    const a = Math.min(dragStart, dragNow);
    const b = Math.max(dragStart, dragNow);
    const moved = a !== b;
    dragStart = dragNow = null;
    if (!moved) {
      showBrush(null, null);
      onBrush({});
    } else onBrush({ from: isoOf(a), to: isoOf(b) });
  });

  function setEvents(events: Cluster[], range: { from?: string; to?: string }): void {
    clear(bars);
    clear(axis);
    clear(label);
    const dated = events.filter((e) => e.dateStart && !Number.isNaN(dayNum(e.dateStart)));
    const r = timelineRange(dated.map((e) => dayNum(e.dateStart!)));
    if (!r) {
      d0 = 1;
      d1 = 0;
      showBrush(null, null);
      label.append('No dated events.');
      return;
    }
    bucket = r.bucket;
    el.dataset.before = String(r.before);
    // Whole buckets, with one empty bucket of margin on each side.
    d0 = Math.floor(r.start / bucket) * bucket - bucket;
    d1 = Math.floor(r.end / bucket) * bucket + 2 * bucket - 1;
    step = (W - M.left - M.right) / (d1 - d0 + 1);
    const counts = new Map<number, Map<string, number>>();
    for (const e of dated) {
      const d = dayNum(e.dateStart!);
      if (d < r.start) continue;
      const b = Math.floor(d / bucket) * bucket;
      let m = counts.get(b);
      if (!m) counts.set(b, (m = new Map()));
      m.set(e.type, (m.get(e.type) ?? 0) + 1);
    }
    let max = 1;
    for (const m of counts.values()) max = Math.max(max, [...m.values()].reduce((a, b) => a + b, 0));
    const plotH = H - M.top - M.bottom;
    const types = orderTypes(dated.map((e) => e.type));
    const unit = bucket === 1 ? 'day' : bucket === 7 ? 'week' : 'month';
    for (const [b, m] of counts) {
      let y = H - M.bottom;
      const w = step * bucket;
      for (const t of types) {
        const n = m.get(t);
        if (!n) continue;
        const bh = (n / max) * plotH;
        y -= bh;
        bars.append(
          s('rect', { x: (xOf(b) + w * 0.1).toFixed(2), y: y.toFixed(2), width: Math.max(1, w * 0.8).toFixed(2), height: bh.toFixed(2), fill: typeColor(t), 'data-day': isoOf(b), 'data-type': t, 'data-count': n, class: 'bar' }, s('title', {}, `${bucket === 1 ? isoOf(b) : `${unit} of ${isoOf(b)}`}: ${n} ${t}`)),
        );
      }
    }
    // Axis: the baseline, the max, and about eight date labels.
    axis.append(s('line', { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom, class: 'baseline' }));
    axis.append(s('text', { x: M.left - 4, y: M.top + 8, class: 'tick', 'text-anchor': 'end' }, String(max)));
    axis.append(s('text', { x: M.left - 4, y: H - M.bottom, class: 'tick', 'text-anchor': 'end' }, '0'));
    const span = d1 - d0 + 1;
    const every = Math.max(bucket, Math.ceil(span / 8 / bucket) * bucket);
    for (let d = d0 + bucket; d <= d1; d += every) {
      axis.append(s('text', { x: xOf(d) + (step * bucket) / 2, y: H - 6, class: 'tick', 'text-anchor': 'middle' }, span > 400 ? isoOf(d).slice(0, 7) : isoOf(d).slice(5)));
    }
    const from = range.from ? dayNum(range.from) : null;
    const to = range.to ? dayNum(range.to) : null;
    showBrush(from !== null ? Math.max(from, d0) : to !== null ? d0 : null, to !== null ? Math.min(to, d1) : from !== null ? d1 : null);
    const per = `events per ${unit} by type`;
    label.append(
      range.from || range.to
        ? `Showing ${range.from ?? 'start'} to ${range.to ?? 'end'} — click the timeline to clear`
        : `${per}, ${isoOf(r.start)} to ${isoOf(r.end)} — drag across the chart to filter by date`,
      r.before ? ` · ${r.before} earlier event${r.before === 1 ? '' : 's'} (background history) not charted` : '',
    );
  }

  return { el, setEvents };
}
