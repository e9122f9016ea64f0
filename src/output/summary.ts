// A readable summary for a person: each event with the sentence behind it, then the checks.

import type { Event, FullDoc, Span } from '../doc.js';
import { spanContaining } from '../nlp/spans.js';

function sentenceOf(doc: FullDoc, span: Span): string {
  const s = spanContaining(doc.sentences, span.start);
  return s ? doc.text.slice(s.start, s.end) : doc.text.slice(span.start, span.end);
}

function who(a: Event['actor']): string {
  if (!a) return '?';
  return `${a.text} [${a.country ?? '?'}/${a.sector ?? '?'}]`;
}

export function summary(doc: FullDoc): string {
  const out: string[] = [];
  const m = doc.meta;
  out.push(`${m.title ?? doc.id}`);
  out.push(`published: ${m.published ?? 'unknown'}${m.publishedFrom ? ` (from ${m.publishedFrom})` : ''}`);
  out.push('');
  if (doc.checks.length) {
    out.push('Report card:');
    for (const c of doc.checks) out.push(`  ! ${c.kind}: ${c.message}`);
    out.push('');
  }
  out.push(`${doc.events.length} event(s):`);
  // the two sides' accounts are shown apart: the article's own voice, then each claimant, then the rest
  for (const [title, group] of groupByVoice(doc.events)) {
    out.push('');
    out.push(`${title}:`);
    for (const e of group) out.push(...eventLines(doc, e));
  }
  return out.join('\n') + '\n';
}

function eventLines(doc: FullDoc, e: Event): string[] {
  const out: string[] = [];
  const date = e.date ? (e.date.start === e.date.end ? e.date.start : `${e.date.start}..${e.date.end}`) : 'undated';
  const where = e.location?.name ? ` at ${e.location.name}${e.location.country ? ` (${e.location.country})` : ''}` : '';
  const dead = e.fatalities && e.fatalities.min !== null ? `, killed ≥${e.fatalities.min}` : '';
  out.push(`  ${e.id} ${e.type}${e.mode ? `/${e.mode}` : ''} [${e.status}] ${who(e.actor)} -> ${who(e.target)}, ${date}${where}${dead}`);
  if (e.acled) out.push(`     ACLED: ${e.acled.event_type} / ${e.acled.sub_event_type}`);
  if (e.claimedBy.length) out.push(`     according to: ${e.claimedBy.map((c) => c.text).join('; ')}${e.via.length ? ` (via ${e.via.join(', ')})` : ''}`);
  else if (e.via.length) out.push(`     via: ${e.via.join(', ')}`);
  const ev = e.evidence[0];
  if (ev) out.push(`     “${sentenceOf(doc, ev).replace(/\s+/g, ' ')}”`);
  return out;
}

/** Events grouped by whose word they rest on, in a stable order. */
export function groupByVoice(events: readonly Event[]): [string, Event[]][] {
  const groups = new Map<string, Event[]>();
  const add = (k: string, e: Event) => groups.set(k, [...(groups.get(k) ?? []), e]);
  for (const e of events) {
    if (e.status === 'historical') add('Background (historical)', e);
    else if (e.status === 'future' || e.status === 'hypothetical') add('Announced or warned of', e);
    else if (e.status === 'claimed' || e.status === 'denied') {
      const c = e.claimedBy[0];
      add(`${e.status === 'claimed' ? 'Claimed' : 'Denied'} by ${c ? `${c.text}${c.country ? ` [${c.country}]` : ''}` : 'an unnamed party'}`, e);
    } else add('Reported as fact', e);
  }
  const rank = (k: string) => (k.startsWith('Reported') ? 0 : k.startsWith('Claimed') ? 1 : k.startsWith('Denied') ? 2 : k.startsWith('Announced') ? 3 : 4);
  return [...groups.entries()].sort((a, b) => rank(a[0]) - rank(b[0]));
}
