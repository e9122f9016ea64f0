// The page's view of the API: typed fetch wrappers and the shapes the page reads. Only fields
// the page uses are typed; the API returns more.

import type { EventCluster } from '../store/types.js';

/** The API's event cluster is the store's (type only: nothing of the store is bundled). */
export type Cluster = EventCluster;

export interface ActorOut {
  text: string;
  name?: string | null;
  country: string | null;
  sector: string | null;
  start?: number;
  end?: number;
}

export interface SpecEvent {
  id: string;
  type: string;
  mode: string | null;
  status: string;
  actor: ActorOut | null;
  target: ActorOut | null;
  date: { start: string; end: string; precision: string } | null;
  location: { name: string | null; country: string | null; lat: number | null; lon: number | null; precision: string } | null;
  fatalities: { min: number | null; max: number | null; text: string | null } | null;
  claimedBy: { text: string; country: string | null; sector: string | null }[];
  via: string[];
  evidence: { start: number; end: number }[];
  trigger?: { start: number; end: number };
  confidence: number;
}

export interface Mention {
  start: number;
  end: number;
  text: string;
  name?: string;
  country?: string | null;
  value?: string | null;
  min?: number | null;
  max?: number | null;
  unit?: string | null;
}

export interface Check {
  kind: string;
  message: string;
  days?: number;
  events?: string[];
  evidence?: { start: number; end: number }[];
}

export interface SpecResult {
  id: string;
  article: { title: string | null; published: string | null; source: string | null; url: string | null };
  mentions: { actors: Mention[]; places: Mention[]; times: Mention[]; quantities: Mention[] };
  events: SpecEvent[];
  checks: Check[];
}

export interface ArticleView {
  id: string;
  inputId: string;
  title: string | null;
  published: string | null;
  url: string | null;
  source: string | null;
  ingestedAt: string;
  text: string;
  annotations: SpecResult;
}

export interface ArticleSummary {
  hash: string;
  inputId: string;
  title: string | null;
  published: string | null;
  source: string | null;
}

export interface EventDetail extends Cluster {
  reports: {
    article: string;
    title: string | null;
    source: string | null;
    published: string | null;
    event: SpecEvent;
    evidence: { start: number; end: number; text: string | null }[];
  }[];
}

export interface Stats {
  articles: number;
  events: number;
  clusters: number;
  byType: Record<string, number>;
  byCountry: Record<string, number>;
  byStatus: Record<string, number>;
  bySource: Record<string, number>;
  dates: { first: string | null; last: string | null };
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'sitrep-token';

export function getToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(t: string | null): void {
  try {
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: the token lives for this call only */
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, init);
  const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!res.ok) throw new ApiFailure(res.status, body?.error?.code ?? 'HTTP', body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body as T;
}

export type Filters = Partial<Record<'from' | 'to' | 'country' | 'type' | 'actor' | 'status' | 'source' | 'text', string>>;

export function query(f: Filters, extra: Record<string, string | number> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const api = {
  events: (f: Filters, limit = 5000) => call<{ events: Cluster[]; total: number }>(`/api/events${query(f, { limit })}`),
  event: (id: string) => call<EventDetail>(`/api/events/${encodeURIComponent(id)}`),
  article: (id: string) => call<ArticleView>(`/api/articles/${encodeURIComponent(id)}`),
  articles: (limit = 500) => call<{ articles: ArticleSummary[]; total: number }>(`/api/articles?limit=${limit}`),
  stats: () => call<Stats>('/api/stats'),
  ingest: (record: Record<string, string>) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const t = getToken();
    if (t) headers.Authorization = `Bearer ${t}`;
    return call<SpecResult & { articleId: string; inserted: boolean }>('/api/articles', { method: 'POST', headers, body: JSON.stringify(record) });
  },
};
