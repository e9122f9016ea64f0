// Who did it and to whom, from the clause around a trigger: the subject of an active verb, the
// "by X" of a passive ("were subjected to intense shelling by the Armenian army"), the modifier
// of an event noun ("Israeli strikes"), "between A and B", "clashed with B", the object or a
// prepositional object ("air strikes on RSF bases", "appeal to the UN Security Council").

import type { ActorMention, Sentence, Span, Token, Trigger } from '../../doc.js';
import { expand, refOf, type Participant } from './actors.js';
import { firstMentionFrom, hasVerbIn } from './tokens.js';
import { afterPreposition, clauseAround, partFrom, partsIn, subjectIn, tokenIndex, wordAt, wordPairIn, type Ctx } from './context.js';

export interface Roles {
  /** one entry per event to build: coordinated subjects and objects give several */
  pairs: { actor: Participant | null; target: Participant | null }[];
  clause: [number, number];
  passive: boolean;
  nominal: boolean;
}

const VERB_BEFORE = new Set(['to', 'will', 'would', 'could', 'can', 'may', 'might', 'shall', 'must', "'ll", 'did', 'does', 'do', 'not', "n't", 'never']);
const CAUSE_VERBS = /^(triggered|caused|provoked|sparked|started|launched|carried|fired|conducted|led|staged|ordered)$/i;
/** Types whose passive subject is the one acting ("peacekeepers were deployed", "troops were withdrawn"). */
const SELF_TYPES = new Set(['MOBILIZE', 'RETREAT']);
const BE = new Set(['was', 'were', 'been', 'being', 'is', 'are', 'be', 'got', 'get', 'gets']);
const PLACE_PREPS = new Set(['in', 'at', 'near', 'across', 'inside', 'outside', 'throughout', 'around', 'from', 'into', 'over', 'along', 'within', 'during', 'since', 'after', 'before', 'as', 'than', 'like', 'among', 'under', 'about']);
const TARGET_PREPS = new Set(['on', 'against', 'with', 'to', 'of', 'targeting', 'upon']);
const RECIPROCAL_VERBS = /^(fought|fight|fighting|clash|clashed|clashes|clashing|battle|battled|battling|skirmish|skirmished|exchanged|exchange|exchanging|fighting)$/i;
const REL_PRONOUNS = new Set(['who', 'which']);
const TOGETHER = new Set(['together', 'jointly', 'each', 'other']);
const SWAP_VERBS = /^(exchanged|exchange|exchanging|traded|trade)$/i;

/** "A and B" as separate conjuncts: participants in [from, to) joined by "and"/"," only. */
function conjuncts(ctx: Ctx, list: Participant[]): Participant[] {
  if (list.length < 2) return list.slice(0, 1);
  const out = [list[0]!];
  for (let k = 1; k < list.length; k++) {
    const gap = ctx.doc.text.slice(out[out.length - 1]!.span.end, list[k]!.span.start).trim().toLowerCase();
    // "A and B", "A, B and C", "A as well as the Russian-led bloc, the C"
    const m = /^(,|,?\s*and|or|nor|as well as|along with)(\s|$)/.exec(gap);
    const rest = m ? ctx.toks.slice(tokenIndex(ctx, out[out.length - 1]!.span.end + m[0].length), tokenIndex(ctx, list[k]!.span.start)) : [];
    // the words between must be a bare noun phrase (no verb or preposition of their own)
    const bare = rest.every((t, x) => t.pos !== 'ADP' && t.pos !== 'AUX' && (t.pos !== 'VERB' || rest[x - 1]?.text === '-'));
    if (m && bare && rest.length <= 8 && !/[;:.]/.test(gap)) out.push(list[k]!);
    else break;
  }
  return out;
}

/** The participants of `list` that start after `offset`, in order. */
function startingAfter(list: readonly Participant[], offset: number): Participant[] {
  const out: Participant[] = [];
  for (const p of list) if (p.span.start > offset) out.push(p);
  return out;
}

/** The participants of `list` that are no prepositional object and start at or after `from`, in order. */
function subjectsFrom(ctx: Ctx, list: readonly Participant[], from: number): Participant[] {
  const out: Participant[] = [];
  for (const p of list) if (!afterPreposition(ctx, p) && p.span.start >= from) out.push(p);
  return out;
}

/** A word that may stand between a modifier and its event noun: an adjective, a particle, a possessive "'s". */
function modifierGapWord(t: Token): boolean {
  return t.pos === 'ADJ' || t.pos === 'PART' || /^['’]s?$/.test(t.text);
}

/** A word of a compound noun between a modifier and its event noun ("army UAV", "army's drone"). */
function compoundGapWord(t: Token): boolean {
  return t.pos === 'NOUN' || t.pos === 'PROPN' || /^['’]s?$/.test(t.text);
}

/** A participant that ends inside the trigger: "drones" in "drones * attacked". */
function endsInside(p: Participant, trig: Span): boolean {
  return p.span.end > trig.start && p.span.end < trig.end;
}

/** A participant that runs into the trigger from before it: "the Moroccan army drone" and "drone strike". */
function runsInto(p: Participant, trig: Span): boolean {
  return p.span.start < trig.start && p.span.end > trig.start && p.span.end <= trig.end;
}

/** Casualty participles that open a clause after a comma: ", killing 30 worshippers". */
const CASUALTY_PARTICIPLES = new Set(['killing', 'wounding', 'injuring']);

/**
 * The victims named by a casualty participle clause right after the clause ending at token b
 * (", killing 30 worshippers"), when its own clause names no target: its object, the first
 * participant after the participle that no preposition governs, in the same sentence.
 */
function victimsAfter(ctx: Ctx, s: Sentence, b: number): Participant | null {
  // (b is the sentence's end when the clause runs to it: no comma of the next sentence counts)
  if (b + 1 >= s.tokenEnd || wordAt(ctx, b) !== ',' || !CASUALTY_PARTICIPLES.has(wordAt(ctx, b + 1))) return null;
  const first = partsIn(ctx, { start: ctx.toks[b + 1]!.end, end: s.end })[0];
  return first && !afterPreposition(ctx, first) ? first : null;
}

/** Prepositions that put an event noun after its clause's verb and object ("… in an ambush"). */
const PHRASE_PREPS = new Set(['in', 'during']);

/**
 * "Militants killed 12 soldiers in an ambush": an event noun in a phrase after its clause's verb
 * and object names no target of its own; the verb's object is it. The object is the last
 * participant between the subject and the phrase that no preposition governs, with a verb
 * between the subject and it. Null when the event noun is not in such a phrase.
 */
function objectBeforePhrase(ctx: Ctx, i: number, a: number, subject: Participant | null, before: readonly Participant[]): Participant | null {
  if (!subject) return null;
  let p = i - 1;
  while (p > a && (ctx.toks[p]!.pos === 'DET' || ctx.toks[p]!.pos === 'ADJ')) p--;
  if (!PHRASE_PREPS.has(wordAt(ctx, p))) return null;
  const from = tokenIndex(ctx, subject.span.end - 1) + 1;
  let object: Participant | null = null;
  for (const q of before) {
    if (q.span.start < subject.span.end || q === subject || afterPreposition(ctx, q)) continue;
    if (hasVerbIn(ctx.toks, from, tokenIndex(ctx, q.span.start))) object = q;
  }
  return object;
}

/** Passives of what an attack or a raid does to people. */
const SUFFERED = new Set(['killed', 'wounded', 'injured', 'hurt', 'taken', 'arrested', 'detained', 'captured', 'abducted', 'kidnapped', 'seized', 'shot', 'beaten']);

/** "… were killed in clashes", "had been taken in a raid": the event noun at token i is in a phrase after such a passive. */
function sufferedIn(ctx: Ctx, a: number, i: number): boolean {
  let p = i - 1;
  while (p > a && (ctx.toks[p]!.pos === 'DET' || ctx.toks[p]!.pos === 'ADJ' || ctx.toks[p]!.pos === 'NUM')) p--;
  if (!PHRASE_PREPS.has(wordAt(ctx, p))) return false;
  return SUFFERED.has(wordAt(ctx, p - 1)) && BE.has(wordAt(ctx, p - 2));
}

/** Verbs whose object is an act told, judged or looked into, not done by their subject. */
const SPEAK_OF = /^(?:condemn|condemns|condemned|condemning|denounce|denounces|denounced|denouncing|deplore|deplored|decried|decry|criticised|criticized|welcomed|welcome|investigate|investigated|investigating|deny|denied|denies|reported|report|reports|confirmed|confirm|blamed|blame|mourned|protested|documented|recorded|described)$/i;

/** A verb of speaking of an act (SPEAK_OF) between the subject and the event noun at token i. */
function speechVerbBetween(ctx: Ctx, subject: Participant, i: number): boolean {
  for (let k = tokenIndex(ctx, subject.span.end - 1) + 1; k < i; k++) if (SPEAK_OF.test(ctx.toks[k]!.text)) return true;
  return false;
}

/** Soldiers, police, rebels or a named armed group: a party to the fighting they died in. */
function armedParty(p: Participant): boolean {
  return p.sector === 'MIL' || p.sector === 'REB' || p.sector === 'COP' || p.kind === 'group' || p.kind === 'state';
}

/** Types whose "at"/"into" phrase may name who was attacked ("fired tear gas at demonstrators"). */
const AIMED_TYPES = new Set(['ASSAULT', 'COERCE']);
/** Prepositions of aim: a place after them, but the target when they govern a party of an attack. */
const AIM_PREPS = new Set(['at', 'into']);

/**
 * Whether a participant after the trigger is in a place phrase ("in Kyiv", "near the border"), so
 * no object. Participants are actor mentions, so after "at" or "into" one of an attack is the one
 * aimed at ("Police fired tear gas at demonstrators", "fired into a crowd of protesters"), unless
 * it is a country or a mention used as a place.
 */
function placePhrase(ctx: Ctx, p: Participant, type: string): boolean {
  const prep = afterPreposition(ctx, p) ?? '';
  if (!PLACE_PREPS.has(prep)) return false;
  if (p.mention?.locative || p.kind === 'state') return true;
  if (AIM_PREPS.has(prep) && AIMED_TYPES.has(type)) return false;
  // "gathered outside the French embassy", "a protest at the ministry": the institution a protest
  // is held at is what it is against (CAMEO codes the embassy's country as the protest's target)
  return !(type === 'PROTEST' && PROTESTED_AT.has(prep) && INSTITUTION_SECTORS.has(p.sector ?? ''));
}

/** Prepositions that put a protest at an institution's door. */
const PROTESTED_AT = new Set(['outside', 'at', 'near']);
/** Sectors of institutions a protest outside them is against. */
const INSTITUTION_SECTORS = new Set(['GOV', 'MIL', 'COP', 'IGO', 'JUD', 'LEG', 'BUS']);

export function rolesFor(ctx: Ctx, s: Sentence, trig: Trigger): Roles {
  const toks = ctx.toks;
  const i = tokenIndex(ctx, trig.start);
  const j = Math.max(i, tokenIndex(ctx, trig.end - 1));
  const clause = clauseAround(ctx, s, i);
  const [a, b] = clause;
  const cStart = toks[a]?.start ?? s.start;
  const cEnd = toks[b - 1]?.end ?? s.end;
  const prevWord = wordAt(ctx, i - 1);
  // wink sometimes tags a verb after a modal or "and" as a noun ("would call for … and appeal to")
  const verbalContext = VERB_BEFORE.has(prevWord) || (prevWord === 'and' && !/s$/.test(toks[i]!.text) && toks[i]!.pos === 'NOUN' && ['to', 'for', 'on', 'against'].includes(wordAt(ctx, j + 1)));
  // loops, not per-call closures: V8 drops a closure's optimized code at each full GC
  const nominal = !verbalContext && !hasVerbIn(toks, i, j + 1);
  let k = i - 1;
  while (k >= a && (toks[k]!.pos === 'ADV' || toks[k]!.pos === 'PART')) k--;
  const subjectedTo = wordAt(ctx, i - 1) === 'to' && /^subject/i.test(toks[i - 2]?.text ?? '') || wordAt(ctx, i - 2) === 'to' && /^subject/i.test(toks[i - 3]?.text ?? '');
  const passive = trig.passive || (!nominal && BE.has(wordAt(ctx, k)) && /(ed|en|wn|ot|uck|hit|eld|ought|ut)$/.test(toks[i]!.text)) || subjectedTo;

  const after = partsIn(ctx, { start: trig.end, end: cEnd });
  const before = partsIn(ctx, { start: cStart, end: trig.start });
  let by: Participant | undefined;
  for (const p of after) if (afterPreposition(ctx, p) === 'by') { by = p; break; }
  // "Mass shelling is ongoing – triggered by provocation by Azerbaijan": the cause names the actor
  if (!by && b < s.tokenEnd && /^[–—,-]$/.test(toks[b]?.text ?? '') && CAUSE_VERBS.test(toks[b + 1]?.text ?? '')) {
    for (const p of ctx.parts) if (p.span.start > toks[b + 1]!.end && p.span.end <= s.end && afterPreposition(ctx, p) === 'by') { by = p; break; }
  }

  // "between A and B" right after the trigger ("the clash between the troops of both countries")
  const betweenIdx = ctx.low.slice(j + 1, Math.min(b, j + 6)).indexOf('between');
  const between = betweenIdx >= 0 ? conjuncts(ctx, startingAfter(after, toks[j + 1 + betweenIdx]!.start)) : [];

  const objects: Participant[] = [];
  for (const p of after) if (p !== by && !between.includes(p) && !placePhrase(ctx, p, trig.type) && afterPreposition(ctx, p) !== 'by') objects.push(p);
  const firstObj = objects[0] ?? null;
  const objList = firstObj ? conjuncts(ctx, objects) : [];

  let subject: Participant | null = subjectIn(ctx, a, i);
  // a subject that is a possessor inside the trigger's own NP is handled as a modifier below
  const subjList = subject ? conjuncts(ctx, subjectsFrom(ctx, before, subject.span.start)) : [];
  // the event noun is itself the subject ("Fighting erupted …"): its clause subject is not its actor
  const trigIsSubject = nominal && !hasVerbIn(toks, a, i);
  if (trigIsSubject) subject = null;
  // "and detained …": a verb sharing the sentence subject
  if (!subject && !nominal && a > s.tokenStart && ['and', ','].includes(wordAt(ctx, a - 1) || wordAt(ctx, a))) subject = ctx.subjects[s.index] ?? null;
  if (!subject && !nominal && a === s.tokenStart) subject = null;
  // "Josep Borrell, who was visiting Kyiv, condemned the strike": the relative clause closed before the verb
  if (!subject && !nominal && a >= s.tokenStart + 2 && REL_PRONOUNS.has(wordAt(ctx, a - 1)) && toks[a - 2]!.text === ',') {
    let closed = false;
    for (let x = a; x < i; x++) if (toks[x]!.text === ',') { closed = true; break; }
    let antecedent: Participant | undefined;
    for (const p of ctx.parts) if (p.span.end <= toks[a - 2]!.start && toks[a - 2]!.start - p.span.end <= 1 && !afterPreposition(ctx, p)) { antecedent = p; break; }
    if (closed && antecedent) subject = antecedent;
  }
  // a trigger that spans its own subject ("drones * attacked"): the actor phrase running into it
  // ("Russian drones") is the subject
  if (!subject && !nominal) subject = partFrom(ctx, cStart, trig.start, endsInside, trig);

  // a modifier of the event noun: "Israeli strikes", "Russia's attack"
  let modifier: Participant | null = null;
  if (nominal) {
    const m = before[before.length - 1];
    if (m) {
      const gapToks = toks.slice(tokenIndex(ctx, m.span.end), i);
      if (gapToks.every(modifierGapWord) && gapToks.length <= 2) modifier = m;
      // a compound noun in between: "a Moroccan army UAV airstrike", "the army's drone strike"
      else if (gapToks.length <= 2 && gapToks.length > 0 && gapToks.every(compoundGapWord) && (m.sector === 'MIL' || m.sector === 'REB' || m.sector === 'COP')) modifier = m;
    }
    modifier ??= demonymModifier(ctx, a, i);
    // an actor phrase that runs into the event noun ("the Moroccan army drone" + "drone strike")
    modifier ??= partFrom(ctx, cStart, trig.start, runsInto, trig);
  }
  // the event noun names its own actor ("protesters gathered", "rioters attacked"): the crowd is the actor
  let self: Participant | null = null;
  if (nominal && !passive) {
    for (const p of ctx.parts) if (p.span.start <= trig.start && trig.end <= p.span.end) { self = p; break; }
  }

  const pairs: Roles['pairs'] = [];
  const text = trig.text.toLowerCase();
  const reciprocal = RECIPROCAL_VERBS.test(text.split(/\s+/)[0] ?? '') || RECIPROCAL_VERBS.test(text);
  if (between.length >= 1) {
    const ex = between.length === 1 ? expand(between[0]!) : between;
    if (ex.length >= 2) {
      pairs.push({ actor: ex[0]!, target: ex[1]! });
      if (SWAP_VERBS.test(text)) pairs.push({ actor: ex[1]!, target: ex[0]! });
      return { pairs, clause, passive, nominal };
    }
  }
  if (passive && SELF_TYPES.has(trig.type) && !by) {
    pairs.push({ actor: subject, target: null });
    return { pairs, clause, passive, nominal };
  }
  if (passive) {
    pairs.push({ actor: by ?? null, target: subject ?? (nominal ? firstObj : null) });
    return { pairs, clause, passive, nominal };
  }
  // "five soldiers were killed in an ambush", "Suu Kyi had been taken in a raid": who suffered the
  // act an event noun names is its target; "three aid workers were killed in clashes": so are the
  // dead of a fight they were no party to (soldiers and armed groups killed in one were a side)
  if (nominal && subject && !self && !modifier && sufferedIn(ctx, a, i)) {
    if (!reciprocal || (!by && !armedParty(subject))) {
      pairs.push({ actor: by ?? null, target: subject });
      return { pairs, clause, passive, nominal };
    }
  }
  // "The United States condemned the killing": who speaks of an act is not who did it
  if (nominal && subject && !by && !self && !modifier && speechVerbBetween(ctx, subject, i)) subject = null;
  let actors: Participant[] = [];
  if (nominal) actors = by ? [by] : self ? [self] : modifier ? [modifier] : subject ? [subject] : [];
  else actors = subjList.length > 1 ? subjList : subject ? [subject] : by ? [by] : [];
  if (actors.length >= 2) {
    if (reciprocal && !firstObj) {
      pairs.push({ actor: actors[0]!, target: actors[1]! });
      if (SWAP_VERBS.test(text.split(/\s+/)[0] ?? '')) pairs.push({ actor: actors[1]!, target: actors[0]! });
      return { pairs, clause, passive, nominal };
    }
    let together = false;
    for (let x = a; x < b; x++) if (TOGETHER.has(ctx.low[x]!)) { together = true; break; }
    if (together) return { pairs: [{ actor: actors[0]!, target: firstObj }], clause, passive, nominal };
    for (const ac of actors) pairs.push({ actor: ac, target: firstObj });
    return { pairs, clause, passive, nominal };
  }
  const actor = actors[0] ?? null;
  // "both sides blamed each other", "the two countries exchanged fire": swapped pairs
  const eachOther = wordPairIn(ctx, a, b, 'each', 'other') || wordPairIn(ctx, a, b, 'one', 'another');
  if (actor && (eachOther || SWAP_VERBS.test(text.split(/\s+/)[0] ?? '')) && expand(actor).length >= 2) {
    const ex = expand(actor);
    return { pairs: [{ actor: ex[0]!, target: ex[1]! }, { actor: ex[1]!, target: ex[0]! }], clause, passive, nominal };
  }
  if (actor && !firstObj && reciprocal && expand(actor).length >= 2) {
    const ex = expand(actor);
    return { pairs: [{ actor: ex[0]!, target: ex[1]! }], clause, passive, nominal };
  }
  const targets = objList.length ? objList : [null];
  if (!objList.length && nominal && actor === subject) {
    const object = objectBeforePhrase(ctx, i, a, subject, before);
    if (object) targets[0] = object;
  }
  if (!targets[0]) targets[0] = victimsAfter(ctx, s, b);
  for (const t of targets) pairs.push({ actor, target: t });
  return { pairs, clause, passive, nominal };
}

/**
 * A demonym right before an event noun is its actor ("Iraqi air strikes", "Turkish artillery and
 * airstrikes"): bare adjectives are not participants (see actors.ts), so they are looked up here.
 * Only nouns, adjectives and "and" may stand between the demonym and the trigger.
 */
function demonymModifier(ctx: Ctx, a: number, i: number): Participant | null {
  const trigStart = ctx.toks[i]!.start;
  const clauseStart = ctx.toks[a]?.start ?? trigStart;
  let best: ActorMention | null = null;
  // the mentions are sorted by start: only those from the clause's start to the trigger can qualify
  const actors = ctx.doc.actors ?? [];
  for (let k = firstMentionFrom(actors, clauseStart); k < actors.length; k++) {
    const m = actors[k]!;
    if (m.start >= trigStart) break;
    // "a pro-Ukraine rally", "anti-Russia protests" describe the event, they do not name its actor
    if (m.adjective && m.kind === 'state' && m.country && m.start >= clauseStart && !/^(pro|anti)[-‐]/i.test(m.text)) best = m;
  }
  if (!best) return null;
  const gap = ctx.toks.slice(tokenIndex(ctx, best.end), i);
  if (gap.length > 3 || !gap.every((t) => t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'PROPN' || t.text.toLowerCase() === 'and' || t.text === '-')) return null;
  return refOf(ctx.doc, best);
}

export function targetPrep(ctx: Ctx, p: Participant): boolean {
  return TARGET_PREPS.has(afterPreposition(ctx, p) ?? '');
}
