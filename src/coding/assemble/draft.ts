// An event under construction, and the helpers that turn participants into event roles.

import type { ActorRef, Attribution, Event, Span } from '../../doc.js';
import type { Participant } from './actors.js';
import { VERBAL_TYPES } from './words.js';

export type Role = ActorRef & { span?: Span | null };

export interface Draft extends Omit<Event, 'id'> {
  /** the sentence the event was read from */
  sentence: number;
  paragraph: number;
  /** the attribution the event sits in */
  attribution: Attribution | null;
  /** built from a statement rather than a trigger: a variant (claimed/denied copy) or a derived ACCUSE */
  derived: 'trigger' | 'blame' | 'denial' | 'accuse' | 'reciprocal';
  /** the event a variant copies */
  source?: Draft;
  /** "each other"/"both sides" pairs: a summary of the two sides' statements */
  reciprocal?: boolean;
}

const MILITARY_TYPES = new Set(['ASSAULT', 'MOBILIZE', 'RETREAT', 'COERCE']);
/** A defence ministry's name ("Ministry of Defence of Russia", "Defense Ministry", "the Pentagon"). */
const DEFENCE_MINISTRY = /\bdefen[cs]e\b|\bpentagon\b/i;

/** An event role from a participant: a bare state acting by force is its military; speaking, its government. */
export function roleOf(p: Participant | null, type: string): Role | null {
  if (!p) return null;
  const one = p.mention?.refersTo?.length === 1 ? p.mention.refersTo[0]! : null;
  let country = one ? one.country : p.country;
  let sector = one ? one.sector ?? p.sector : p.sector;
  const stateLike = p.kind === 'state' || p.kind === 'pronoun' || (one && !p.sector);
  if (stateLike) {
    if (MILITARY_TYPES.has(type) && (!sector || sector === 'GOV') && type !== 'COERCE') sector = 'MIL';
    else if (VERBAL_TYPES.has(type) && !sector) sector = 'GOV';
  } else if (sector === 'GOV' && MILITARY_TYPES.has(type) && type !== 'COERCE' && DEFENCE_MINISTRY.test(p.name ?? p.text)) {
    // "Russia's Defence Ministry denied carrying out the strike": a defence ministry speaks for the
    // armed forces, which are the ones that strike (ACLED's "Military Forces of Russia")
    sector = 'MIL';
  }
  if (country === undefined) country = null;
  return { text: p.text, name: p.name ?? null, country, sector: sector ?? null, span: { start: p.span.start, end: p.span.end }, ...(p.inferred ? { inferred: true } : {}) };
}

export function refKey(r: ActorRef | null): string {
  return r ? `${r.country ?? '?'}/${r.sector ?? '?'}` : '-';
}

export function compatible(a: ActorRef | null, b: ActorRef | null): boolean {
  if (!a || !b) return true;
  if (a.country && b.country && a.country !== b.country) return false;
  return true;
}

export function claimKey(d: { claimedBy: ActorRef[] }): string {
  return d.claimedBy.map((c) => c.country ?? '?').sort().join(',');
}

export function overlapsDate(a: Event['date'], b: Event['date']): boolean {
  if (!a || !b) return !a && !b;
  return a.start <= b.end && b.start <= a.end;
}
