// Events that statements make: each party that pins an attack on someone gets its own claimed
// copy of the attack ("Ukrainian officials blamed Russian forces for the attack"), each party
// that denies it a denied copy ("the army denied those claims"), and blaming is itself an
// ACCUSE event, one per direction. A party's claim that the other side attacked it is also an
// accusation, unless the article already sums the two sides up ("both sides blamed each other").

import type { ActorRef, Attribution, Span } from '../../doc.js';
import { eventDate, temporalStatus } from '../../resolve/time/event-date.js';
import type { Participant } from './actors.js';
import type { Ctx } from './context.js';
import { roleOf, type Draft } from './draft.js';
import { plainRef } from './from-triggers.js';
import { sentenceAt } from './tokens.js';
import { VERBAL_TYPES } from './words.js';
import { withFields } from '../../objects.js';

const MATERIAL = (d: Draft): boolean => !VERBAL_TYPES.has(d.type);
const inside = (s: Span, c: Span): boolean => c.start <= s.start && s.end <= c.end;

function speakerPart(att: Attribution): Participant | null {
  if (!att.speaker) return null;
  return withFields(att.speaker, { span: att.speakerSpan ?? att.cue, kind: 'institution' as const });
}

function countryOf(a: ActorRef): string | null {
  return a.country;
}

function partyTo(ctx: Ctx, d: Draft, who: ActorRef, accused: readonly ActorRef[]): boolean {
  if (!who.country || who.country === 'IGO') return false;
  const s = ctx.doc.sentences?.[d.sentence];
  // countries named in the event's sentence (actors, adjectives, places) count as involved
  // (loops, not per-call closures: V8 drops a closure's optimized code at each full GC)
  const near: (string | null)[] = [];
  if (s) {
    for (const m of ctx.doc.actors ?? []) if (m.start >= s.start && m.end <= s.end) near.push(m.country);
    for (const m of ctx.doc.places ?? []) if (m.start >= s.start && m.end <= s.end) near.push(m.country);
  }
  const cs = new Set([d.actor?.country, d.target?.country, d.location?.country, ...accused.map(countryOf), ...ctx.dyad, ...near].filter(Boolean));
  return cs.has(who.country);
}

const STATE_SECTORS = new Set(['GOV', 'MIL']);
const OTHER_CHARGE = /^\s+(?:the|these|those|all)\s+([a-z-]+)\s+(?:allegations?|claims?|accusations?|charges?)\b/i;
const EVENT_NOUNS = /^(?:attack|strike|shelling|bombing|massacre|killing|abuse|torture|rape|shooting|raid|war|coup|chemical|gas|missile|rocket|drone|air)/i;

/**
 * The same party speaking: same country and not two sides of a civil war (the army and the RSF
 * are both Sudanese; a government and its army are one side).
 */
function sameParty(a: ActorRef | undefined, b: ActorRef): boolean {
  if (!a || a.country !== b.country) return false;
  if (!a.sector || !b.sector || a.sector === b.sector) return true;
  return STATE_SECTORS.has(a.sector) && STATE_SECTORS.has(b.sector);
}

/**
 * The event a statement refers back to: the latest material event before it, within a few
 * paragraphs, that `pred(d, arg)` accepts (a module function and its argument rather than a
 * closure made per statement).
 */
function referent<A>(drafts: readonly Draft[], before: number, paragraph: number, pred: (d: Draft, arg: A) => boolean, arg: A): Draft | null {
  let best: Draft | null = null;
  for (const d of drafts) {
    if (d.trigger.start >= before || d.paragraph < paragraph - 3 || !MATERIAL(d) || !pred(d, arg)) continue;
    if (!best || d.trigger.start > best.trigger.start || (d.trigger.start === best.trigger.start && d.derived === 'trigger')) best = d;
  }
  return best;
}

/** The date of a statement and whether it is background: asked of one cue several times, worked out once. */
function statementDating(ctx: Ctx, att: Attribution): { date: Draft['date']; historical: boolean } {
  let d = ctx.statementDates.get(att);
  if (!d) {
    const date = eventDate(ctx.doc, att.cue, { statement: true });
    d = { date, historical: temporalStatus(ctx.doc, att.cue, date) === 'historical' };
    ctx.statementDates.set(att, d);
  }
  return d;
}

/** What a speaker can blame on someone: an event told as fact, or one another party claims. */
function blameable(d: Draft, speaker: ActorRef): boolean {
  return d.status === 'asserted' || (d.status === 'claimed' && !sameParty(d.claimedBy[0], speaker));
}

/** An event of the given type that is not itself a denial. */
function undeniedOfType(d: Draft, type: string): boolean {
  return d.type === type && d.status !== 'denied';
}

/** What a speaker can deny: an event not already denied, and not a claim of the speaker's own party. */
function deniable(d: Draft, speaker: ActorRef): boolean {
  return d.status !== 'denied' && !(d.status === 'claimed' && sameParty(d.claimedBy[0], speaker));
}

/** A deniable event that is news, not background. */
function deniableNews(d: Draft, speaker: ActorRef): boolean {
  return deniable(d, speaker) && d.status !== 'historical';
}

/** A material event of the text's own (not a statement's copy) told inside the span. */
function ownEventIn(d: Draft, span: Span): boolean {
  return d.derived === 'trigger' && MATERIAL(d) && inside(d.trigger, span);
}

/**
 * An accusation by the speaker's country at the actor's country already told: in the claim's
 * sentence, as a reciprocal accusation nearby, or by the same statement.
 */
function accusedAlready(drafts: readonly Draft[], d: Draft, att: Attribution): boolean {
  for (const x of drafts) {
    const dir = x.type === 'ACCUSE' && x.actor?.country === att.speaker!.country && x.target?.country === d.actor!.country;
    if (dir && (x.sentence === d.sentence || (x.reciprocal && Math.abs(x.paragraph - d.paragraph) <= 2) || x.attribution === att)) return true;
  }
  return false;
}

function statementDraft(ctx: Ctx, att: Attribution, type: string, mode: string | null, actor: Draft['actor'], target: Draft['target'], derived: Draft['derived']): Draft | null {
  const s = sentenceAt(ctx.doc, att.cue.start);
  if (!s) return null;
  const { date, historical: hist } = statementDating(ctx, att);
  return {
    type, mode, status: hist ? 'historical' : 'asserted', acled: null, cameo: type === 'ACCUSE' ? '112' : null,
    actor, target, date, location: null, fatalities: null, claimedBy: [], via: [...att.via],
    evidence: [{ start: s.start, end: s.end }, att.cue, ...(att.speakerSpan ? [att.speakerSpan] : []), ...(target?.span ? [target.span] : [])],
    trigger: { start: att.cue.start, end: att.cue.end }, confidence: 0.6, rule: `statement: ${att.cueLemma}`,
    sentence: s.index, paragraph: s.paragraph, attribution: att, derived,
  };
}

/**
 * The target of a blamed event's claimed copy: the event's own, unless the blame falls on that
 * very party ("Azerbaijani forces ambushed Armenian forces … Azerbaijan blamed Armenian forces for
 * the attack"). Then the sides change places: the event's actor is who the accused attacked, as
 * the speaker tells it (never the accused itself, which would make it attack itself).
 */
function blamedTarget(ref: Draft, actor: Draft['actor']): Draft['target'] {
  const t = ref.target;
  if (!t || !actor?.country || !sameParty(t, actor)) return t;
  return ref.actor?.country && !sameParty(ref.actor, actor) ? ref.actor : null;
}

export function addVariants(ctx: Ctx, drafts: Draft[]): Draft[] {
  const out = [...drafts];
  const drop = new Set<Draft>();
  for (const att of ctx.atts) {
    if (att.kind === 'blame' && att.speaker) {
      const sp = speakerPart(att)!;
      const accused = att.accused ?? [];
      // the ACCUSE itself, unless the lexicon already made one on the cue
      const onCue: Draft[] = [];
      for (const d of out) if (d.type === 'ACCUSE' && d.trigger.start < att.cue.end && att.cue.start < d.trigger.end) onCue.push(d);
      if (onCue.length) {
        for (const d of onCue) {
          if (!d.actor || d.actor.country === null) d.actor = roleOf(sp, 'ACCUSE');
          if (!d.target && accused[0]) d.target = roleOf(accused[0] as Participant, 'ACCUSE');
        }
      } else {
        for (const acc of accused.length ? accused : [null]) {
          const d = statementDraft(ctx, att, 'ACCUSE', 'allege', roleOf(sp, 'ACCUSE'), acc ? roleOf(acc as Participant, 'ACCUSE') : null, 'accuse');
          if (d) out.push(d);
        }
      }
      // the claimed copy of the blamed event, when the blame names no event of its own
      let own = false;
      for (const d of out) if (ownEventIn(d, att.content)) { own = true; break; }
      if (!own && accused.length) {
        const ref = referent(out, att.cue.start, sentenceAt(ctx.doc, att.cue.start)?.paragraph ?? 0, blameable, att.speaker);
        // blame told as background ("Authorities blamed al Shabaab" for a bombing years ago) is only an accusation
        const background = statementDating(ctx, att).historical;
        if (ref && !background && partyTo(ctx, ref, att.speaker, accused)) {
          const s = sentenceAt(ctx.doc, att.cue.start)!;
          const actor = roleOf(accused[0] as Participant, ref.type);
          out.push(withFields(ref, {
            status: 'claimed' as const, actor, target: blamedTarget(ref, actor), claimedBy: [plainRef(att.speaker)], via: [...att.via],
            evidence: [{ start: s.start, end: s.end }, att.cue, ...(att.speakerSpan ? [att.speakerSpan] : []), ref.trigger],
            rule: `${ref.rule.split(';')[0]}; blamed by ${att.speaker.text}`, sentence: s.index, paragraph: s.paragraph, attribution: att, derived: 'blame' as const, source: ref,
            confidence: Math.min(ref.confidence, 0.7),
          }));
        }
      }
    }
    if (att.kind === 'denial' && att.speaker) {
      const own: Draft[] = [];
      for (const d of out) if (ownEventIn(d, att.content)) own.push(d);
      const para = sentenceAt(ctx.doc, att.cue.start)?.paragraph ?? 0;
      const s = sentenceAt(ctx.doc, att.cue.start)!;
      if (own.length) {
        // "denied carrying out the strike": the denied event borrows the toll of the one it denies
        const ref = referent(out, att.cue.start, para, undeniedOfType, own[0]!.type);
        for (const d of own) if (ref && !d.fatalities && ref.fatalities) d.fatalities = ref.fatalities;
      } else {
        // the latest event told before the denial; a denial of background ("denied responsibility" for a past attack) makes no copy
        // news before background: a background event told in between (a toll's context) is not what is denied
        // a party does not deny its own claim; the other side of a civil war shares its country but not its sector
        const ref = referent(out, att.cue.start, para, deniableNews, att.speaker) ?? referent(out, att.cue.start, para, deniable, att.speaker);
        // "denied the fraud allegations": a denial of some other charge, not of the event told before
        const other = OTHER_CHARGE.exec(ctx.doc.text.slice(att.cue.end, att.cue.end + 60));
        const chargeOf = other && !EVENT_NOUNS.test(other[1]!);
        // a denial told as background ("Damascus denied responsibility" for an attack years ago) stays a REJECT
        const background = statementDating(ctx, att).historical;
        if (background) continue;
        // nothing that only might happen or is announced can be denied as having happened
        if (ref && !chargeOf && (ref.status === 'asserted' || ref.status === 'claimed') && (ref.status === 'claimed' || partyTo(ctx, ref, att.speaker, []))) {
          const actor = ref.status === 'claimed' ? ref.actor : roleOf(speakerPart(att), ref.type);
          out.push(withFields(ref, {
            status: 'denied' as const, actor, claimedBy: [plainRef(att.speaker)], via: [...att.via],
            evidence: [{ start: s.start, end: s.end }, att.cue, ...(att.speakerSpan ? [att.speakerSpan] : []), ref.trigger],
            rule: `${ref.rule.split(';')[0]}; denied by ${att.speaker.text}`, sentence: s.index, paragraph: s.paragraph, attribution: att, derived: 'denial' as const, source: ref,
            confidence: Math.min(ref.confidence, 0.65),
          }));
        } else continue;
      }
      // the denial is coded as the denied event, not as a REJECT on the cue
      for (const d of out) if (d.type === 'REJECT' && d.trigger.start < att.cue.end && att.cue.start < d.trigger.end) drop.add(d);
    }
  }
  // a party saying the other side attacked it is accusing it
  for (const d of [...out]) {
    const att = d.attribution;
    if (!att || att.kind !== 'speech' || d.status !== 'claimed' || !att.speaker?.country || !d.actor?.country) continue;
    if (d.actor.country === att.speaker.country || d.actor.country === 'IGO') continue;
    const victimSide = d.target && (d.target.country === att.speaker.country || d.target.sector === 'CVL');
    if (!((d.type === 'ASSAULT' && victimSide) || d.type === 'AID')) continue;
    if (accusedAlready(out, d, att)) continue;
    const acc = statementDraft(ctx, att, 'ACCUSE', 'allege', roleOf(speakerPart(att), 'ACCUSE'), { ...d.actor, span: d.actor.span ?? null }, 'accuse');
    if (acc) out.push(acc);
  }
  const kept: Draft[] = [];
  for (const d of out) if (!drop.has(d)) kept.push(d);
  return kept;
}
