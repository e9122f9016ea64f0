// Actor mentions as event participants: an adjective mention fused with the head that follows
// it ("Armenian" + "army"), collective mentions expanded ("both sides" → its referents), and
// outlets told apart from parties.

import type { ActorMention, ActorRef, Doc, Span } from '../../doc.js';
import { AGENCY_NAMES, OUTLET_HEADS } from './words.js';
import { byStartLongestFirst } from '../../nlp/spans.js';

export type Participant = ActorRef & { span: Span; kind?: ActorMention['kind']; mention?: ActorMention };

export function refOf(doc: Doc, m: ActorMention, span: Span = m): Participant {
  return { text: doc.text.slice(span.start, span.end), name: m.name, country: m.country, sector: m.sector, span: { start: span.start, end: span.end }, kind: m.kind, mention: m };
}

/**
 * Participant mentions of a doc: an adjective directly followed by a sector head becomes one
 * participant ("the Armenian army"); a bare adjective that modifies a non-actor noun ("Russian
 * flags") is dropped; a collective mention stays as is (see `expand`).
 */
export function participants(doc: Doc, opts: { keepAdjectives?: boolean } = {}): Participant[] {
  const ms = [...(doc.actors ?? [])].sort(byStartLongestFirst);
  const out: Participant[] = [];
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    // nested mentions (an adjective inside a longer mention) add nothing
    const prev = out[out.length - 1];
    if (prev && m.start >= prev.span.start && m.end <= prev.span.end) continue;
    const next = ms[i + 1];
    if (m.adjective && next && next.start > m.end && /^[\s-]*$/.test(doc.text.slice(m.end, next.start)) && !next.adjective) {
      out.push({ ...refOf(doc, next, { start: m.start, end: next.end }), country: next.country ?? m.country, name: next.country ? next.name : m.name });
      i++;
      continue;
    }
    // "Russian flags", "the Georgian town": a bare adjective is context, not a participant (but "the Azerbaijani statement said" has a speaker)
    if (m.adjective && !opts.keepAdjectives) continue;
    out.push(refOf(doc, m));
  }
  return out;
}

/** The actors a participant stands for: its referents for "both sides"/"they", else itself. */
export function expand(p: Participant): Participant[] {
  const refs = p.mention?.refersTo;
  if (!refs || refs.length === 0) return [p];
  return refs.map((r) => ({ text: p.text, name: r.name ?? null, country: r.country, sector: r.sector ?? p.sector, span: p.span, kind: p.kind }));
}

/** Is this mention a news outlet (it relays statements rather than makes them)? */
export function isOutlet(doc: Doc, p: { text: string; sector: string | null; kind?: string }): boolean {
  if (p.kind === 'agency' || p.sector === 'JRN') return true;
  let named = outletTexts.get(p.text);
  if (named === undefined) {
    named = namesOutlet(p.text);
    if (outletTexts.size >= 4096) outletTexts.clear();
    outletTexts.set(p.text, named);
  }
  return named;
}

/**
 * isOutlet's answer by mention text: speech attribution and event assembly ask it of the same
 * few mentions over and over. Bounded, as texts vary without end over a long ingest.
 */
const outletTexts = new Map<string, boolean>();

/** "Reuters", "the state news agency": a known agency name or an outlet head word. */
function namesOutlet(text: string): boolean {
  const t = text.toLowerCase().replace(/^the\s+/, '');
  if (AGENCY_NAMES.has(t)) return true;
  const words = t.split(/\s+/);
  return OUTLET_HEADS.has(words[words.length - 1] ?? '');
}

/** The name an intermediary goes by in `via`: the agency's name, else the outlet phrase. */
export function outletName(p: { text: string; name?: string | null }): string {
  const raw = (p.name && p.name.length < 40 ? p.name : p.text).replace(/^(the|a|an|several|some|many)\s+/i, '');
  return raw;
}

export function sameActor(a: ActorRef | null, b: ActorRef | null): boolean {
  if (!a || !b) return false;
  return !!a.country && a.country === b.country && (a.sector ?? null) === (b.sector ?? null);
}
