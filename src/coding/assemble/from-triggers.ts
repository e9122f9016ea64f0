// One draft event per trigger and participant pair: roles from the clause, stance from reported
// speech, negation and modality, date and place from their modules, the killed count.

import type { ActorRef, EventDate, Quantity, Span, TimeMention, Trigger } from '../../doc.js';
import { eventDate } from '../../resolve/time/event-date.js';
import { eventLocation } from '../../resolve/places/event-location.js';
import type { Participant } from './actors.js';
import { afterPreposition, tokenIndex, type Ctx } from './context.js';
import { roleOf, type Draft } from './draft.js';
import { fatalitiesIn } from './fatalities.js';
import { rolesFor } from './roles.js';
import { stanceFor } from './status.js';
import { VERBAL_TYPES } from './words.js';
import { isSpurious } from './filter.js';
import { withFields } from '../../objects.js';

/** Types for which coordinated objects are separate events ("appeal to the UN and the CSTO"). */
const SPLIT_TARGET_TYPES = new Set(['REQUEST', 'CONSULT', 'AID', 'SUPPORT', 'SANCTION', 'THREATEN', 'AGREE']);

function spanOfSentence(ctx: Ctx, i: number): Span {
  const s = ctx.doc.sentences![i]!;
  return { start: s.start, end: s.end };
}

export function draftsFromTriggers(ctx: Ctx): Draft[] {
  const doc = ctx.doc;
  const out: Draft[] = [];
  const usedQ = new Set<Quantity>();
  const paras = doc.paragraphs ?? [];
  const kept: Trigger[] = [];
  const seen: Trigger[] = [];
  for (const trig of doc.triggers ?? []) {
    const s = doc.sentences![trig.sentence];
    if (!s) continue;
    const spurious = isSpurious(ctx, trig, kept, seen);
    seen.push(trig);
    if (spurious) continue;
    kept.push(trig);
    const para = paras[s.paragraph];
    if (para && para.kind !== 'body') continue;
    const before = out.length;
    const roles = rolesFor(ctx, s, trig);
    const verbal = VERBAL_TYPES.has(trig.type);
    const date = eventDate(doc, trig, { statement: verbal });
    const location = verbal ? null : eventLocation(doc, trig);
    let pairs = roles.pairs;
    if (!SPLIT_TARGET_TYPES.has(trig.type)) {
      const seen = new Set<Participant | null>();
      pairs = pairs.filter((p) => (seen.has(p.actor) ? false : (seen.add(p.actor), true)));
      // "Malian soldiers and foreign fighters believed to be Russian executed …": one act; a co-perpetrator
      // the text gives no country is not a second event beside the one it does
      const known = pairs.filter((p) => p.actor?.country);
      if (known.length && known.length < pairs.length && !pairs.some((p) => pairs.some((q) => q.actor === p.target && p.actor === q.target))) {
        pairs = pairs.filter((p) => p.actor?.country || !known.some((k) => k.target === p.target));
      }
    }
    // "the army and the RSF had agreed to a pause": one agreement between them, not one per party
    if (trig.type === 'AGREE' && pairs.length > 1 && pairs.every((p) => p.target === pairs[0]!.target)) {
      const first = pairs[0]!;
      pairs = [{ ...first, target: first.target ?? pairs[1]!.actor }];
    }
    let fat: Draft['fatalities'] | undefined;
    for (const pair of pairs) {
      let actor = roleOf(pair.actor, trig.type);
      let target = roleOf(pair.target, trig.type);
      let stance = stanceFor(ctx, { trig, type: trig.type, actor: pair.actor, date, clauseStart: roles.clause[0] });
      if (stance.drop) continue;
      const att = stance.attribution;
      // "(Armenia) said clashes with Azerbaijan continued": the speaker's side is the other party
      if (!actor && pair.target && roles.nominal && afterPreposition(ctx, pair.target) === 'with' && att?.speaker && !att.neutral && att.speakerSpan) {
        const sp = withFields(att.speaker, { span: att.speakerSpan, kind: 'state' as const }) as Participant;
        actor = roleOf(sp, trig.type);
        stance = stanceFor(ctx, { trig, type: trig.type, actor: sp, date, clauseStart: roles.clause[0] });
      }
      // "al Shabaab said … the ministry, which it accused of …": a speech act with no subject of its own is the speaker's
      if (!actor && verbal && att?.speaker && att.speakerSpan && att.kind === 'speech') actor = roleOf(withFields(att.speaker, { span: att.speakerSpan, kind: 'institution' as const }) as Participant, trig.type);
      // "the air force claimed an airstrike on …", "X claimed responsibility for the attack": a claimed deed is the claimant's
      if (!actor && roles.nominal && att?.speaker && att.speakerSpan && att.kind === 'speech' && (SELF_CLAIM_CUES.has(att.cueLemma) || PERFORMATIVE_CUES.has(att.cueLemma)) && bareDeed(ctx, att.content.start, trig)) {
        const sp = withFields(att.speaker, { span: att.speakerSpan, kind: 'institution' as const }) as Participant;
        actor = roleOf(sp, trig.type);
        // a party's word about its own deed is claimed; declaring a state of emergency is doing it
        if (SELF_CLAIM_CUES.has(att.cueLemma)) stance = stanceFor(ctx, { trig, type: trig.type, actor: sp, date, clauseStart: roles.clause[0] });
      }
      // "X blamed Y for attacking …": the accused did it
      if (att?.kind === 'blame' && att.accused?.length && (!actor || actor.country === att.speaker?.country)) {
        actor = roleOf(att.accused[0]! as Participant, trig.type);
      }
      // "X denied carrying out the strike": the denier is the one said to have done it
      if (att?.kind === 'denial' && !actor && att.speaker) actor = roleOf(withFields(att.speaker, { span: att.speakerSpan ?? att.cue, kind: 'state' as const }) as Participant, trig.type);
      // a party's claim against the other side with no victim named: the speaker's side was hit
      if (stance.status === 'claimed' && trig.type === 'ASSAULT' && !target && actor?.country && stance.claimedBy[0]?.country && actor.country !== stance.claimedBy[0].country) {
        target = { text: stance.claimedBy[0].text, name: stance.claimedBy[0].name ?? null, country: stance.claimedBy[0].country, sector: 'MIL', span: null, inferred: true };
      }
      // a party's own strike with no target named: the other side of the article's conflict
      if (stance.status === 'claimed' && trig.type === 'ASSAULT' && !target && actor?.country && actor.country === stance.claimedBy[0]?.country) {
        const other = ctx.dyad.find((c) => c !== actor!.country);
        if (other && ctx.dyad.includes(actor.country)) {
          const named = ctx.parts.find((p) => p.country === other && p.kind === 'state') ?? ctx.parts.find((p) => p.country === other);
          target = { text: named?.text ?? other, name: named?.name ?? null, country: other, sector: 'MIL', span: null, inferred: true };
        }
      }
      if (trig.type === 'ASSAULT' && fat === undefined) fat = fatalitiesIn(ctx, s, roles.clause, usedQ) ?? oneVictim(trig.text, target);
      const evidence: Span[] = [spanOfSentence(ctx, s.index), { start: trig.start, end: trig.end }];
      if (actor?.span) evidence.push(actor.span);
      if (target?.span) evidence.push(target.span);
      if (att) evidence.push(att.cue, ...(att.speakerSpan ? [att.speakerSpan] : []));
      out.push({
        type: trig.type,
        mode: trig.mode,
        status: stance.status,
        acled: trig.acled,
        cameo: trig.cameo,
        actor,
        target,
        date,
        location,
        fatalities: trig.type === 'ASSAULT' ? fat ?? null : null,
        claimedBy: stance.claimedBy.map(plainRef),
        via: stance.via,
        evidence,
        trigger: { start: trig.start, end: trig.end },
        confidence: trig.confidence,
        rule: `${trig.rule}; ${stance.why}`,
        sentence: s.index,
        paragraph: s.paragraph,
        attribution: att,
        derived: 'trigger',
        ...(pairs.length > 1 && pairs.some((p) => p.actor === pair.target) ? { reciprocal: true } : {}),
      });
    }
    // "took power in coups in August 2020 and May 2021": one event per date of a plural act
    for (const extra of furtherDates(ctx, trig, date)) {
      for (const d of out.slice(before)) out.push({ ...d, date: extra, evidence: [...d.evidence, extra.evidence!] });
    }
  }
  return out;
}

const PLURAL_ACTS = /(?:coups|attacks|strikes|raids|bombings|wars|offensives|elections|massacres|clashes|uprisings|invasions)$/i;

/** A dated DATE or TIME mention (a module function, not a callback made per call: V8 drops a closure's optimized code at every full GC). */
function isCalendarTime(t: TimeMention): boolean {
  return !!(t.range && t.precision && (t.type === 'DATE' || t.type === 'TIME'));
}

/**
 * The dates after the first in a coordinated list right after a plural act: "coups in August
 * 2020 and May 2021", "attacks on 3 and 9 March". The first date is the event's own.
 */
function furtherDates(ctx: Ctx, trig: Trigger, date: Draft['date']): EventDate[] {
  if (!date?.evidence || !PLURAL_ACTS.test(trig.text)) return [];
  const text = ctx.doc.text;
  const times = (ctx.doc.times ?? []).filter(isCalendarTime);
  const first = times.find((t) => t.start === date.evidence!.start);
  if (!first || first.start < trig.end || !/^\s*(?:in|on|of|during)?\s*$/i.test(text.slice(trig.end, first.start))) return [];
  const out: EventDate[] = [];
  let prev = first;
  for (const t of times) {
    if (t.start <= prev.start) continue;
    if (!/^\s*(?:,|and|, and|as well as)\s*(?:in|on)?\s*$/i.test(text.slice(prev.end, t.start))) break;
    out.push({ start: t.range!.start, end: t.range!.end, precision: t.precision!, source: 'clause', evidence: { start: t.start, end: t.end } });
    prev = t;
  }
  return out;
}

const LETHAL = /^(?:kill|shot dead|shoot dead|assassinat|murder|behead|execut|lynch|gunned down|gun down|stabbed to death|hacked to death|burned alive)/i;
const COLLECTIVE = /\b(?:family|families|group|crowd|convoy|people|village|villagers|community|unit|squad|team|patrol|passengers|members|civilians|soldiers|troops)\b/i;

/** "President X was shot dead", "a journalist was killed": one named or singular victim is one death. */
function oneVictim(trigger: string, target: Draft['target']): Draft['fatalities'] {
  if (!LETHAL.test(trigger) || !target?.span || target.inferred) return null;
  const t = target.text.trim();
  if (COLLECTIVE.test(t) || /\d|\band\b|,/.test(t)) return null;
  const singular = /^(?:a|an|one|the)\s+(?:[a-z-]+\s+){0,2}[a-z-]*[^s\s]$/i.test(t) || /^(?:[A-Z][\w'’.-]+\s*){1,5}$/.test(t);
  return singular ? { min: 1, max: 1, text: t, span: { start: target.span.start, end: target.span.end } } : null;
}

/** Cues with which a party owns a deed ("claimed", "admitted", "acknowledged"). */
const SELF_CLAIM_CUES = new Set(['claim', 'admit', 'acknowledge']);
/** Cues whose object is done by saying it ("declared a state of emergency", "announced a curfew"). */
const PERFORMATIVE_CUES = new Set(['declare', 'announce']);

/** The trigger heads a noun phrase that is the whole claimed content: no verb before it, none right after it. */
function bareDeed(ctx: Ctx, contentStart: number, trig: Trigger): boolean {
  const a = tokenIndex(ctx, contentStart);
  const i = tokenIndex(ctx, trig.start);
  const j = tokenIndex(ctx, trig.end - 1);
  if (ctx.toks.slice(a, i).some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return false;
  const next = ctx.toks[j + 1];
  return !next || (next.pos !== 'VERB' && next.pos !== 'AUX');
}

export function plainRef(r: ActorRef): ActorRef {
  return { text: r.text, name: r.name ?? null, country: r.country, sector: r.sector };
}

export function triggerTokenIndex(ctx: Ctx, t: Trigger): number {
  return tokenIndex(ctx, t.start);
}
