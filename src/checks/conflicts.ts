// Check: conflicting claims. Parties contradict each other when each side pins the same kind of
// attack on the other, when one party's claim is denied by another, when two parties accuse
// each other, or when two sources tell the same side's attack in the same place with civilians
// killed in one account and fighters in the other. The events stay separate (neither side's account is merged into a "truth"); this
// check names them so a reader sees the disagreement.

import type { ActorRef, Check, Doc, Event, Span } from '../doc.js';

function who(r: ActorRef | null | undefined): string {
  return r ? `${r.country ?? '?'}/${r.sector ?? '?'}` : '?';
}

function differentParty(a: ActorRef | null | undefined, b: ActorRef | null | undefined): boolean {
  if (!a || !b) return false;
  if (a.country && b.country && a.country !== b.country) return true;
  return a.country === b.country && !!a.sector && !!b.sector && a.sector !== b.sector;
}

function datesMeet(a: Event, b: Event): boolean {
  if (!a.date || !b.date) return true;
  return a.date.start <= b.date.end && b.date.start <= a.date.end;
}

/** The actor is (on the side of) the given party. */
function sameSide(actor: ActorRef | null | undefined, party: ActorRef | null | undefined): boolean {
  if (!actor || !party || !actor.country || !party.country) return false;
  if (actor.country !== party.country) return false;
  // within one country, rival forces are told apart by sector (army vs RSF)
  return !actor.sector || !party.sector || actor.sector === party.sector || ['GOV', 'MIL', 'COP'].includes(actor.sector) === ['GOV', 'MIL', 'COP'].includes(party.sector);
}

/** Two sources that are not one: a rights group and an army, two governments. */
function otherSource(a: ActorRef | null | undefined, b: ActorRef | null | undefined): boolean {
  if (!a || !b) return false;
  if ((a.name ?? a.text) === (b.name ?? b.text)) return false;
  return a.country !== b.country || a.sector !== b.sector;
}

/** Both events are placed, and in the same place. */
function samePlace(a: Event, b: Event): boolean {
  return !!a.location?.name && a.location.name === b.location?.name && a.location.country === b.location.country;
}

const FIGHTERS = new Set(['MIL', 'REB', 'COP']);

/** One account's victims are civilians, the other's fighters. */
function civiliansOrFighters(a: ActorRef | null | undefined, b: ActorRef | null | undefined): boolean {
  if (!a?.sector || !b?.sector) return false;
  return (a.sector === 'CVL' && FIGHTERS.has(b.sector)) || (b.sector === 'CVL' && FIGHTERS.has(a.sector));
}

const VERBAL = new Set(['ACCUSE', 'REQUEST', 'REJECT', 'THREATEN', 'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE']);

/** Pairs of events whose sources contradict each other, with the reason. */
export function conflictingPairs(events: readonly Event[]): [Event, Event, string][] {
  const out: [Event, Event, string][] = [];
  // a loop, not a per-call closure: V8 drops a closure's optimized code at each full GC
  const live: Event[] = [];
  for (const e of events) if (e.status !== 'historical') live.push(e);
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const a = live[i]!;
      const b = live[j]!;
      if (a.type !== b.type || !datesMeet(a, b)) continue;
      if (a.type === 'ACCUSE') {
        if (a.status === 'asserted' && b.status === 'asserted' && differentParty(a.actor, b.actor) && who(a.actor) === who(b.target) && who(a.target) === who(b.actor)) out.push([a, b, 'mutual accusations']);
        continue;
      }
      if (VERBAL.has(a.type)) continue;
      const ca = a.claimedBy[0];
      const cb = b.claimedBy[0];
      if (a.status === 'claimed' && b.status === 'claimed' && differentParty(ca, cb) && differentParty(a.actor, b.actor) && sameSide(a.actor, cb) && sameSide(b.actor, ca)) out.push([a, b, 'each side blames the other']);
      else if (a.type === 'ASSAULT' && a.status === 'claimed' && b.status === 'claimed' && otherSource(ca, cb) && sameSide(a.actor, b.actor) && samePlace(a, b) && civiliansOrFighters(a.target, b.target)) {
        // "executed 300 civilian men, Human Rights Watch said" / "killed 203 terrorists, the general staff said"
        out.push([a, b, 'the sources disagree on who was killed']);
      }
      else if ((a.status === 'claimed' && b.status === 'denied') || (a.status === 'denied' && b.status === 'claimed')) {
        const claim = a.status === 'claimed' ? a : b;
        const denial = a.status === 'claimed' ? b : a;
        // the same occurrence: the denial is about the same perpetrator or the same victims
        const same = (claim.actor && denial.actor && who(claim.actor) === who(denial.actor)) || (claim.target && denial.target && who(claim.target) === who(denial.target));
        if (same && (differentParty(claim.claimedBy[0], denial.claimedBy[0]) || who(claim.actor) === who(denial.actor))) out.push([claim, denial, 'a claim and a denial']);
      }
    }
  }
  return out;
}

export function conflictingClaims(doc: Doc): Check[] {
  const pairs = conflictingPairs(doc.events ?? []);
  if (!pairs.length) return [];
  const ids: string[] = [];
  const evidence: Span[] = [];
  const reasons = new Set<string>();
  for (const [a, b, why] of pairs) {
    reasons.add(why);
    for (const e of [a, b]) {
      if (ids.includes(e.id)) continue;
      ids.push(e.id);
      if (e.evidence[0]) evidence.push(e.evidence[0]);
    }
  }
  const parties = new Set<string>();
  for (const [a, b] of pairs) for (const e of [a, b]) parties.add((e.claimedBy[0] ?? e.actor)?.text ?? '?');
  const order = (doc.events ?? []).map((e) => e.id);
  ids.sort((x, y) => order.indexOf(x) - order.indexOf(y));
  return [{
    kind: 'conflicting-claims',
    message: `the sources contradict each other (${[...reasons].join('; ')}): ${[...parties].join(' vs ')} — events ${ids.join(', ')}`,
    events: ids,
    evidence,
  }];
}
