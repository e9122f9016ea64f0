// Building the page from DOM nodes only. Article text and every field derived from it is
// untrusted: it goes in as text nodes (textContent / createTextNode), never as HTML, so a
// `<script>` in an article is just characters on the screen.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') {
      el.addEventListener(k.replace(/^on/, ''), v);
      continue;
    }
    // Only our own attribute names reach here; values are set as attributes, not parsed as HTML.
    if (k === 'href' && typeof v === 'string' && !isSafeHref(v)) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Links we render point inside the app or to http(s) pages; never javascript: or data: URLs. */
export function isSafeHref(href: string): boolean {
  return href.startsWith('#') || href.startsWith('/') || /^https?:\/\//i.test(href.trim());
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function fmtDateRange(start: string | null, end: string | null): string {
  if (!start) return '—';
  if (!end || end === start) return start;
  return `${start} – ${end}`;
}

export function fmtFatalities(min: number | null, max: number | null): string {
  if (min === null && max === null) return '';
  if (min !== null && max !== null && min !== max) return `${min}–${max}`;
  return String(max ?? min);
}
