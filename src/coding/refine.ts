// Document-level refinement of an assembled event's ACLED sub-type and confidence. A trigger alone
// says "protest" or "killed"; the surrounding text says whether police fired tear gas (Protest with
// intervention), whether the dead were soldiers (Armed clash) or villagers (Attack), whether the
// crowd was a mob, whether the IED went off or was defused. Each rule that changes the type is
// appended to the event's `rule`, so the decision can be explained. The learned model then
// arbitrates when the rules are unsure (see model/combine.ts).

import type { Doc, Event, Sentence, Token, Trigger } from '../doc.js';
import type { Resources } from '../resources.js';
import { codeForSubType } from './lexicon/lexicon.js';
import { findCues, type CueHit } from './lexicon/cues.js';
import { eventCoding, type EventCoding } from './lexicon/load.js';
import { lexWords } from './triggers.js';
import { combineWithModel, policeActKept } from './model/combine.js';
import { fatalitiesFor } from './quantities.js';
import { tokenAt } from './assemble/tokens.js';

/** Index of the token containing or following `offset` (re-exported for callers of refine). */
export { tokenAt };

export interface RefineContext {
  words: string[];
  /** token range of the trigger, its sentence, and the scope (paragraph, or the whole short doc) */
  trig: [number, number];
  sent: [number, number];
  scope: [number, number];
  sentCues: Map<string, CueHit[]>;
  scopeCues: Map<string, CueHit[]>;
  /** ACLED notes' "[size=…]" tag: only protests and riots carry one. */
  sizeTag: string | null;
  passive: boolean;
  scopeText: string;
  /** Another trigger in scope names a ground engagement (clashes, an attack on positions). */
  groundFighting: boolean;
}

const SIZE_TAG = /\[size=([^\]]*)\]/i;

function groupCues(hits: CueHit[]): Map<string, CueHit[]> {
  const m = new Map<string, CueHit[]>();
  for (const h of hits) {
    const l = m.get(h.name);
    if (l) l.push(h);
    else m.set(h.name, [h]);
  }
  return m;
}

/**
 * What refinement reads of a scope (a paragraph, or the whole short document) is the same for
 * every event in it: the cue hits, its text, whether it names ground fighting. Computed once per
 * document and scope instead of once per event (an article has dozens of events). Found by the
 * tokens array a Doc never changes (see scopeMemo); the cue list, text and triggers it was
 * computed with are checked, so a different document or lexicon never reads another's entries.
 */
interface ScopeMemo {
  cues: EventCoding['cues'];
  text: string;
  triggers: Doc['triggers'];
  sizeTag: string | null;
  scopes: Map<number, { hits: CueHit[]; scopeCues: Map<string, CueHit[]>; scopeText: string; groundFighting: boolean }>;
  /** per sentence index: its scope's token range and its own cue hits */
  sentences: Map<number, { scope: [number, number]; sentCues: Map<string, CueHit[]> | null }>;
  /** the document's triggers by start (in document order), and its first ACLED note label trigger */
  triggersAt: Map<number, Trigger[]>;
  noteLabel: Trigger | null;
}
/**
 * The memo of the document being refined, by its tokens: one document's at a time, not one per
 * document alive. Every caller is the events stage, which refines a document's events together
 * before it moves on to the next document; kept per document (a WeakMap on its tokens, as before),
 * the memos of a whole ingest group lived until the group was written, so they were promoted to
 * the old generation and marked there (~1/8 of what an extracted document holds).
 */
let scopeMemo: { tokens: readonly Token[]; memo: ScopeMemo } | null = null;

function isNoteLabel(t: Trigger): boolean {
  return t.rule.startsWith('note-label:');
}

function memoFor(doc: Doc, tokens: readonly Token[], ec: EventCoding): ScopeMemo {
  let m = scopeMemo?.tokens === tokens ? scopeMemo.memo : undefined;
  if (!m || m.cues !== ec.cues || m.text !== doc.text || m.triggers !== doc.triggers) {
    const size = SIZE_TAG.exec(doc.text);
    const triggersAt = new Map<number, Trigger[]>();
    for (const t of doc.triggers ?? []) {
      const at = triggersAt.get(t.start);
      if (at) at.push(t);
      else triggersAt.set(t.start, [t]);
    }
    // a module function, not a per-call closure: V8 drops a closure's optimized code at each full GC
    const noteLabel = doc.triggers?.find(isNoteLabel) ?? null;
    m = { cues: ec.cues, text: doc.text, triggers: doc.triggers, sizeTag: size ? size[1]!.trim() : null, scopes: new Map(), sentences: new Map(), triggersAt, noteLabel };
    scopeMemo = { tokens, memo: m };
  }
  return m;
}

export function refineContext(doc: Doc, event: Event, ec: EventCoding, passive: boolean): RefineContext | null {
  const tokens = doc.tokens ?? [];
  const sents = doc.sentences ?? [];
  if (!tokens.length) return null;
  const words = lexWords(tokens);
  const t0 = tokenAt(tokens, event.trigger.start);
  let t1 = tokenAt(tokens, event.trigger.end - 1) + 1;
  if (t1 <= t0) t1 = t0 + 1;
  const tok = tokens[Math.min(t0, tokens.length - 1)]!;
  const s = sents[tok.sentence];
  if (!s) return null;
  const memo = memoFor(doc, tokens, ec);
  let sm = memo.sentences.get(s.index);
  if (!sm) {
    sm = { scope: scopeOf(sents, s, tokens.length), sentCues: null };
    memo.sentences.set(s.index, sm);
  }
  const scope = sm.scope;
  const key = scope[0] * 0x100000 + scope[1];
  let sc = memo.scopes.get(key);
  if (!sc) {
    const hits = findCues(ec.cues, words, scope[0], scope[1]);
    sc = {
      hits,
      scopeCues: groupCues(hits),
      scopeText: doc.text.slice(tokens[scope[0]]!.start, tokens[scope[1] - 1]!.end),
      groundFighting: groundFighting(doc, tokens, scope),
    };
    memo.scopes.set(key, sc);
  }
  sm.sentCues ??= groupCues(sc.hits.filter((h) => h.start >= s.tokenStart && h.end <= s.tokenEnd));
  return {
    words,
    trig: [t0, t1],
    sent: [s.tokenStart, s.tokenEnd],
    scope,
    sentCues: sm.sentCues,
    scopeCues: sc.scopeCues,
    sizeTag: memo.sizeTag,
    passive,
    scopeText: sc.scopeText,
    groundFighting: sc.groundFighting,
  };
}

/** Token range of the sentence's scope: its paragraph, or the whole document when it is short. */
function scopeOf(sents: readonly Sentence[], s: Sentence, tokenCount: number): [number, number] {
  if (sents.length <= 8) return [0, tokenCount];
  const para = sents.filter((x) => x.paragraph === s.paragraph);
  return [para[0]!.tokenStart, para.at(-1)!.tokenEnd];
}

function groundFighting(doc: Doc, tokens: readonly Token[], scope: [number, number]): boolean {
  const a = tokens[scope[0]]!.start;
  const b = tokens[scope[1] - 1]!.end;
  for (const t of doc.triggers ?? []) {
    if (t.start >= a && t.end <= b && t.acled?.sub_event_type === 'Armed clash' && t.confidence >= 0.6 && !/raid|offensive|storm/.test(t.rule)) return true;
  }
  return false;
}

const has = (m: Map<string, CueHit[]>, name: string) => (m.get(name)?.length ?? 0) > 0;

/** Cue hits of `name` on the side of the trigger where its object (patient) is. */
function objectSide(ctx: RefineContext, name: string, window = 8): CueHit[] {
  const hits = ctx.sentCues.get(name) ?? [];
  const [a, b] = ctx.trig;
  if (ctx.passive) {
    // "3 soldiers were killed (by …)": the patient precedes the trigger
    return hits.filter((h) => h.end <= a && a - h.end <= window);
  }
  // "… killed by the army": what follows "by" is the agent, not the victim
  return hits.filter((h) => h.start >= b && h.start - b <= window && !precededByBy(ctx.words, h.start, b));
}

function precededByBy(words: readonly string[], at: number, floor: number): boolean {
  for (let k = at - 1; k >= Math.max(floor, at - 3); k--) if (words[k] === 'by') return true;
  return false;
}

/**
 * The armed victims still serving: "an off-duty police officer", "a former FARC member" were
 * civilians when attacked (ACLED codes such killings as attacks on civilians).
 */
function onDuty(ctx: RefineContext, hits: CueHit[]): CueHit[] {
  return hits.filter((h) => !OFF_DUTY.test(ctx.words.slice(Math.max(0, h.start - 5), h.start).join(' ')));
}
const OFF_DUTY = /\b(?:off - duty|off-duty|former|retired|ex|ex-)\b/;

const ONE_SIDED_FIRE = /^(?:open|opens|opened|opening|ambush|ambushed|ambushes|ambushing)$/;

/**
 * A later sentence of the scope counts civilian victims ("… Two people were wounded"): a civilian
 * word there, and a death there or "wounded/injured/hurt" right after the civilian word.
 */
function sentCivilianVictims(ctx: RefineContext): boolean {
  const later: CueHit[] = [];
  for (const h of ctx.scopeCues.get('civilian') ?? []) if (h.start >= ctx.sent[1]) later.push(h);
  if (!later.length) return false;
  for (const l of ctx.scopeCues.get('lethal') ?? []) if (l.start >= ctx.sent[1]) return true;
  for (const h of later) if (/\b(?:wounded|injured|hurt)\b/.test(ctx.words.slice(h.end, h.end + 4).join(' '))) return true;
  return false;
}

/** Cue hits on the side of the agent: before an active trigger, after "by" for a passive one. */
function agentSide(ctx: RefineContext, name: string, window = 10): CueHit[] {
  const hits = ctx.sentCues.get(name) ?? [];
  const [a, b] = ctx.trig;
  if (ctx.passive) {
    let byAt = -1;
    for (let k = b; k < Math.min(ctx.sent[1], b + 4); k++) if (ctx.words[k] === 'by') { byAt = k; break; }
    if (byAt < 0) return [];
    return hits.filter((h) => h.start > byAt && h.start - byAt <= 4);
  }
  return hits.filter((h) => h.end <= a && a - h.end <= window);
}

const PROTEST_FAMILY = new Set(['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters', 'Violent demonstration']);
const REMOTE = new Set(['Air/drone strike', 'Shelling/artillery/missile attack', 'Remote explosive/landmine/IED', 'Grenade', 'Suicide bomb', 'Chemical weapon']);
const STATE_SECTORS = new Set(['MIL', 'GOV', 'COP']);
/** "destroyed 342 mines and 288 IEDs", "destroyed large caches of weapons": explosives made safe, not set off. */
const DESTROYED_CACHE = /\b(?:destroy\w*|detonated safely)\s+(?:(?:\d[\d,]*|large|several|dozens of|hundreds of|a number of|the|their|two|three)\s+)*(?:caches?|stockpiles?|mines|landmines|ieds|improvised|explosives|bombs)\b/i;

/** Rioters or a mob named as such: ACLED's word for a violent crowd, demonstrating or not. */
const RIOTERS = /\b(?:riot(?:er)?s?|mobs?)\b/i;

export interface Refinement {
  sub: string;
  why: string;
  /** new confidence, if the rule changes how likely this is the main event */
  confidence?: number;
}

/** The rules, in order; the first that applies decides. Pure: reads the context, returns a decision. */
export function refineSubType(sub: string, event: Event, ctx: RefineContext): Refinement | null {
  const sc = ctx.scopeCues;
  const st = ctx.sentCues;
  const protestNear = has(sc, 'protest') || ctx.sizeTag !== null;

  if (event.rule.startsWith('note-label:')) return null;

  // "arrested … on the accusation of participating in demonstrations held in April": the protest is
  // the charge, not this event
  if (sub === 'Arrests' && PROTEST_AS_CHARGE.test(ctx.scopeText)) return null;
  if (PROTEST_FAMILY.has(sub) || (sub === 'Arrests' && has(sc, 'protest'))) {
    // context only ever escalates: a trigger that itself says "riot" stays a riot
    const lethal = lethalAgainstCrowd(ctx) && (has(sc, 'state') || has(sc, 'military'));
    if (lethal && !has(sc, 'violent') && sub !== 'Violent demonstration') return { sub: 'Excessive force against protesters', why: 'protest+lethal-force' };
    if (sub === 'Violent demonstration' && !has(sc, 'protest') && (/^riot|^mob|^lynch/.test(triggerWord(ctx)) || RIOTERS.test(sentenceText(ctx))) && /\b(beat\w*|attack\w*|assault\w*|lynch\w*|chas\w*|stabb\w*|kill\w*|threw|throw\w*|hurl\w*|pelt\w*|clash\w*)\b/.test(sentenceText(ctx))) {
      // "rioters beat up a suspected thief": crowd violence with no demonstration is mob violence
      return { sub: 'Mob violence', why: 'rioters-no-demonstration' };
    }
    if (has(sc, 'violent') && sub !== 'Excessive force against protesters') return sub === 'Violent demonstration' ? null : { sub: 'Violent demonstration', why: 'protest+violence' };
    if (has(sc, 'intervention') && has(sc, 'brutal') && ctx.sizeTag === null && sub !== 'Violent demonstration') return { sub: 'Excessive force against protesters', why: 'protest+brutal-intervention' };
    if (has(sc, 'intervention') && (sub === 'Peaceful protest' || (sub === 'Arrests' && hasProtestWord(ctx)))) return { sub: 'Protest with intervention', why: 'protest+intervention' };
    return null;
  }

  if (sub === 'Remote explosive/landmine/IED' || sub === 'Grenade' || sub === 'Shelling/artillery/missile attack') {
    if (has(st, 'disrupt') || /\b(defus\w*|discover\w*|found|secured|recover\w*|dismantl\w*|seiz\w*|neutrali[sz]\w*|cleared|removed)\b/i.test(sentenceText(ctx)) || DESTROYED_CACHE.test(sentenceText(ctx))) {
      return { sub: 'Disrupted weapons use', why: 'explosive+defused' };
    }
    if (has(st, 'suicide')) return { sub: 'Suicide bomb', why: 'explosive+suicide' };
  }

  if (sub === 'Air/drone strike' || sub === 'Shelling/artillery/missile attack') {
    if (has(st, 'disrupt') && /\b(intercept|shot down|downed)/i.test(sentenceText(ctx))) return { sub: 'Disrupted weapons use', why: 'intercepted' };
  }
  if ((sub === 'Shelling/artillery/missile attack' || sub === 'Grenade') && ctx.groundFighting) {
    // heavy weapons used within a ground engagement: ACLED codes the engagement
    return { sub: 'Armed clash', why: 'heavy-weapons-in-ground-fighting' };
  }
  if ((sub === 'Shelling/artillery/missile attack' || sub === 'Grenade' || sub === 'Attack') && has(sc, 'exchange')) {
    // "The PDF fired back with heavy weapons", "explosions in both directions of the frontline":
    // both sides firing is a clash (ACLED), whatever weapons each used
    return { sub: 'Armed clash', why: 'exchange-of-fire' };
  }

  // a chemical word in the sentence makes an attack chemical; an air strike or a missile attack only when
  // the agent is what it delivered ("dropped chlorine", "gas was dropped"), not its target or motive
  // ("struck chemical weapons facilities", "in retaliation for a chlorine attack")
  if (event.type === 'ASSAULT' && has(st, 'chemical') && sub !== 'Chemical weapon') {
    const delivered = sub !== 'Air/drone strike' && sub !== 'Shelling/artillery/missile attack' && sub !== 'Remote explosive/landmine/IED' ? true : CHEMICAL_DELIVERED.test(sentenceText(ctx));
    if (delivered) return { sub: 'Chemical weapon', why: 'chemical-agent' };
  }

  if (sub === 'Attack' || sub === 'Armed clash' || sub === 'Looting/property destruction') {
    // the killing/attack is the work of a weapon named in the same sentence
    if (sub !== 'Looting/property destruction') {
      if (has(st, 'suicide') && (has(st, 'ied') || /bomb|blew/i.test(sentenceText(ctx)))) return { sub: 'Suicide bomb', why: 'same-sentence:suicide' };
      if (has(st, 'aerial') && !has(st, 'protest') && !aerialTarget(ctx)) return { sub: 'Air/drone strike', why: 'same-sentence:aerial' };
      if (has(st, 'ied')) return { sub: 'Remote explosive/landmine/IED', why: 'same-sentence:explosive' };
      if (has(st, 'grenade') && !has(sc, 'protest')) return { sub: 'Grenade', why: 'same-sentence:grenade' };
      if (has(st, 'sexual')) return { sub: 'Sexual violence', why: 'same-sentence:sexual' };
    }
    const mobAgent = agentSide(ctx, 'mob').length > 0 || (ctx.sizeTag !== null && !has(sc, 'armed'));
    if (mobAgent) {
      return has(sc, 'protest') ? { sub: 'Violent demonstration', why: 'crowd-violence+protest' } : { sub: 'Mob violence', why: 'crowd-violence' };
    }
    if (sub === 'Looting/property destruction') {
      if (/\b(kill|kidnap|abduct|beat|injur|wound|shot|rape)/i.test(ctx.scopeText)) return { sub: 'Attack', why: 'looting+violence-against-people' };
      return null;
    }
    if (sub === 'Attack') {
      const objArmed = onDuty(ctx, objectSide(ctx, 'armed')).length > 0;
      const objCivil = objectSide(ctx, 'civilian').length > 0;
      const agentArmed = agentSide(ctx, 'armed').length > 0;
      if (has(st, 'protest') && has(st, 'state')) return { sub: 'Excessive force against protesters', why: 'force-against-protesters' };
      if (objArmed && !objCivil) return { sub: 'Armed clash', why: 'victims-armed' };
      if (!objCivil && agentArmed && /\bpositions?|bases?|checkpoints?|outposts?|barracks|camps?\b/i.test(sentenceText(ctx))) return { sub: 'Armed clash', why: 'attack-on-positions' };
    }
    if (sub === 'Armed clash' && ONE_SIDED_FIRE.test(triggerWord(ctx))) {
      // "armed men opened fire and killed a woman", "ambushed several vehicles … two people were
      // wounded": fire at people who did not fire back is an attack on them
      const objCivil = objectSide(ctx, 'civilian', 12).length > 0 || (!ctx.passive && sentCivilianVictims(ctx));
      if (objCivil && onDuty(ctx, objectSide(ctx, 'armed', 12)).length === 0 && !has(sc, 'exchange')) return { sub: 'Attack', why: 'fire-on-civilians' };
    }
    if (sub === 'Armed clash') {
      // "Palestinian rioters clashed with Israeli forces during a raid": rioters with no demonstration
      // around them are a mob (ACLED dev notes naming rioters: 18 mob violence, 2 violent
      // demonstrations where no protest word is near, 3 and 10 where one is)
      const rioters = RIOTERS.test(sentenceText(ctx));
      if (has(st, 'protest') || (rioters && has(sc, 'protest'))) return { sub: 'Violent demonstration', why: 'clash-with-protesters' };
      if (rioters) return { sub: 'Mob violence', why: 'rioters-no-demonstration' };
      if (!has(sc, 'armed') && (ctx.sizeTag !== null || /\b(supporters|activists|students|party|factional|partisans)\b/i.test(ctx.scopeText))) {
        return { sub: 'Mob violence', why: 'clash-unarmed-groups' };
      }
    }
    return null;
  }

  if (sub === 'Non-state actor overtakes territory' || sub === 'Government regains territory') {
    if (/\b(peacefully|without (a |any )?(fight|fighting|resistance|clash)|after [\w\s-]{0,40}(left|withdrew|pulled out|retreated))/i.test(ctx.scopeText)) {
      return { sub: 'Non-violent transfer of territory', why: 'territory-without-fighting' };
    }
    const actorSector = event.actor?.sector ?? null;
    const stateAgent = actorSector ? STATE_SECTORS.has(actorSector) : agentSide(ctx, 'state').length > 0 && agentSide(ctx, 'nonstate').length === 0;
    const nonstateAgent = actorSector ? actorSector === 'REB' : agentSide(ctx, 'nonstate').length > 0;
    if (sub === 'Non-state actor overtakes territory' && stateAgent) return { sub: 'Government regains territory', why: 'state-actor-takes-territory' };
    if (sub === 'Government regains territory' && nonstateAgent) return { sub: 'Non-state actor overtakes territory', why: 'nonstate-actor-takes-territory' };
    return null;
  }

  if (sub === 'Arrests') {
    if (/whereabouts|forcibly disappear|enforced disappear/i.test(ctx.scopeText)) return { sub: 'Abduction/forced disappearance', why: 'arrest+disappearance' };
    if (agentSide(ctx, 'nonstate').length > 0 && agentSide(ctx, 'state').length === 0) return { sub: 'Abduction/forced disappearance', why: 'detained-by-nonstate' };
    // a named armed group detaining people ("QSD detained three people"): no state's arrest, as ACLED codes it
    if (event.actor?.sector === 'REB' && !event.actor.inferred) return { sub: 'Abduction/forced disappearance', why: 'detained-by-armed-group' };
    return null;
  }

  if (sub === 'Abduction/forced disappearance' && has(st, 'lethal') && !/\blater\b|\bafter\b/i.test(sentenceText(ctx))) {
    // killed some and abducted others in one raid: ACLED codes the killing
    return { sub: 'Attack', why: 'abduction+killing' };
  }
  if (sub === 'Abduction/forced disappearance' && KILLED_AFTER_ABDUCTION.test(ctx.scopeText)) {
    // "the bodies of four business persons who had been abducted were found", "abducted … before
    // his body was found": the report is of the killing, with its dead (ACLED: the Attack)
    return { sub: 'Attack', why: 'abducted+found-dead' };
  }
  if (sub === 'Abduction/forced disappearance' && protestNear && has(sc, 'state') && /\b(arrest|detain)/i.test(ctx.scopeText)) {
    return { sub: 'Protest with intervention', why: 'protesters-detained' };
  }
  return null;
}

/** The victims of an abduction were found dead or the report counts dead. */
const KILLED_AFTER_ABDUCTION = /\b(?:bod(?:y|ies)|corpses?|remains)\b[^.;]{0,80}\b(?:found|discovered|recovered)\b|\b(?:found|discovered|recovered)\b[^.;]{0,40}\b(?:bod(?:y|ies)|corpses?|dead)\b|\b(?:[1-9]\d*|one|two|three|four|five|six|seven|eight|nine|ten) fatalit(?:y|ies)\b/i;

const CHEMICAL_DELIVERED = /\b(?:with|using|use of|used|containing|filled with|carrying|dropp\w*|fir\w*|releas\w*)\b[^.;]{0,30}\b(?:chemical|chlorine|sarin|poison\w*|toxic|gas|nerve)\b|\b(?:chemical|chlorine|sarin|poison\w*|toxic|gas|nerve agents?)\b[^.;]{0,20}\b(?:was|were|had been|being)\s+(?:dropped|fired|used|released)\b/i;

const PROTEST_AS_CHARGE = /\b(?:for|of|over|after)\s+(?:\w+\s+){0,2}?(?:participat\w*|taking part|supporting|organi[sz]\w*|incit\w*|leading|calling for)\s+(?:in\s+)?(?:\S+\s+){0,4}?(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march\w*|strikes?)\b/i;

function hasProtestWord(ctx: RefineContext): boolean {
  return /\b(protest\w*|demonstrat\w*|rally|rallies|march|marches|marched|sit-in)\b/i.test(ctx.scopeText);
}

/** Words that link an event to the means or circumstance named after it ("killed in an airstrike"). */
const MEANS_WORDS = new Set(['in', 'by', 'with', 'during', 'from', 'after', 'as', 'and', 'via', 'through', 'using', 'amid', ',', ';']);

/**
 * Whether the aircraft the sentence names is what was attacked, not what attacked: "PKK militants
 * attacked a Turkish army helicopter", "downed a Russian helicopter" (ACLED: a clash on the ground,
 * not an air strike), against "killed in an airstrike", "an airstrike killed three".
 */
function aerialTarget(ctx: RefineContext): boolean {
  const [a, b] = ctx.trig;
  if (/^(down|downs|downed|downing|shot|shoot|shoots|shooting)$/.test(ctx.words[a] ?? '')) return true;
  for (const h of ctx.sentCues.get('aerial') ?? []) {
    if (h.start < b || h.start - b > 5) continue;
    let linked = false;
    for (let k = b; k < h.start; k++) if (MEANS_WORDS.has(ctx.words[k]!)) { linked = true; break; }
    if (!linked) return true;
  }
  return false;
}

function triggerWord(ctx: RefineContext): string {
  return ctx.words[ctx.trig[0]] ?? '';
}

const CROWD = /^(protesters?|protestors?|demonstrators?|crowds?|marchers|participants|rally|protest|demonstration)$/;

/** Deadly force against the crowd, after the protest is mentioned (not the killing it protests). */
function lethalAgainstCrowd(ctx: RefineContext): boolean {
  for (const h of ctx.scopeCues.get('lethal') ?? []) {
    if (h.start < ctx.trig[0]) continue;
    const from = Math.max(ctx.scope[0], h.start - 6);
    const to = Math.min(ctx.scope[1], h.end + 6);
    for (let k = from; k < to; k++) if (CROWD.test(ctx.words[k]!)) return true;
    if (/^(live|bullets|rounds)$/.test(ctx.words[h.start]!)) return true;
  }
  return false;
}

function sentenceText(ctx: RefineContext): string {
  let texts = sentenceTexts?.words === ctx.words ? sentenceTexts.texts : undefined;
  if (!texts) {
    texts = new Map();
    sentenceTexts = { words: ctx.words, texts };
  }
  const key = ctx.sent[0] * 0x100000 + ctx.sent[1];
  let text = texts.get(key);
  if (text === undefined) {
    text = ctx.words.slice(ctx.sent[0], ctx.sent[1]).join(' ');
    texts.set(key, text);
  }
  return text;
}

/**
 * Sentence texts by token range, of one words array (one per document, see lexWords): the rules
 * read the same sentence several times per event, and every event of the sentence does. The
 * document being refined's only (see scopeMemo).
 */
let sentenceTexts: { words: readonly string[]; texts: Map<number, string> } | null = null;

/**
 * The event's toll. The assembler reads the killed count of the event's clause; in a short report
 * (an ACLED note, a wire snippet) the whole paragraph describes the one event, so its summed toll
 * (fatalitiesFor: "6 soldiers and 2 civilians were killed" = 8, "4 fatalities") is preferred, and
 * it fills in when the assembler found none.
 */
function withToll(doc: Doc, e: Event): Event {
  const para = fatalitiesFor(doc, e);
  if (!para) return e;
  if (e.fatalities === null || (doc.sentences?.length ?? 0) <= 8) return { ...e, fatalities: para };
  return e;
}

/** The ACLED note label trigger this event was built from or absorbed, if any. */
function noteLabelOf(memo: ScopeMemo, event: Event) {
  const t = memo.noteLabel;
  if (!t) return null;
  const same = (s: { start: number; end: number }) => s.start === t.start && s.end === t.end;
  return same(event.trigger) || event.evidence.some(same) ? t : null;
}

/** Statements made by crowds in an ACLED note with a size tag are the protest itself. */
function statementAsProtest(event: Event, ctx: RefineContext): Refinement | null {
  if (event.acled || !ctx.sizeTag) return null;
  if (!['REQUEST', 'ACCUSE', 'REJECT', 'PROTEST'].includes(event.type)) return null;
  if (has(ctx.scopeCues, 'violent')) return { sub: 'Violent demonstration', why: 'size-tag+statement+violence' };
  if (has(ctx.scopeCues, 'intervention')) return { sub: 'Protest with intervention', why: 'size-tag+statement+intervention' };
  return { sub: 'Peaceful protest', why: 'size-tag+statement' };
}

export function refineEvent(doc: Doc, event: Event, res: Resources): Event {
  const ec = eventCoding(res);
  // the event's own trigger and the note label, looked up in the per-document memo instead of a scan per event
  const memo = memoFor(doc, doc.tokens ?? [], ec);
  const trig = memo.triggersAt.get(event.trigger.start)?.find((t) => t.end === event.trigger.end);
  const ctx = refineContext(doc, event, ec, trig?.passive ?? false);
  if (!ctx) return event;
  let out = event;
  let decided: Refinement | null = null;
  const label = noteLabelOf(memo, event);
  if (label && label.acled && event.acled?.sub_event_type !== label.acled.sub_event_type) {
    // the note's own label ("Defusal:") outranks what a merged trigger said
    out = { ...event, type: label.type, mode: label.mode, cameo: label.cameo, acled: label.acled, rule: `${event.rule} > ${label.rule}` };
    return withToll(doc, { ...out, confidence: 0.99 });
  }
  if (label) return withToll(doc, { ...event, confidence: 0.99 });
  if (event.acled) {
    const first = refineSubType(event.acled.sub_event_type, event, ctx);
    if (first && first.sub !== event.acled.sub_event_type) {
      decided = first;
      // one more pass: a rewritten type may itself be refined (Attack -> IED -> Disrupted weapons use)
      const second = refineSubType(first.sub, event, ctx);
      if (second && second.sub !== first.sub) decided = { sub: second.sub, why: `${first.why}+${second.why}` };
    }
  } else {
    decided = statementAsProtest(event, ctx);
  }
  if (decided) {
    const code = policeActKept(event, codeForSubType(ec.mapping, decided.sub));
    out = {
      ...event,
      type: code.type,
      mode: code.mode,
      cameo: code.cameo,
      acled: code.acled,
      rule: `${event.rule} > refine:${decided.why}`,
      confidence: decided.confidence ?? (event.acled ? event.confidence : 0.5),
    };
  }
  // ACLED notes tag protests and riots with their size: those are the reported event
  if (ctx.sizeTag !== null && out.acled && (out.acled.event_type === 'Protests' || out.acled.event_type === 'Riots')) {
    out = { ...out, confidence: Math.min(1, out.confidence + 0.2) };
  }
  out = combineWithModel(out, ctx, ec, Boolean(decided), trig?.confidence ?? 0);
  out = withToll(doc, out);
  if (out.acled?.sub_event_type === 'Attack' && out.mode !== 'targeted' && killsNamedPerson(doc, out, ctx)) out = { ...out, mode: 'targeted', rule: `${out.rule} > mode:targeted` };
  if (!out.mode && (out.type === 'REQUEST' || out.type === 'REJECT')) {
    const mode = requestMode(ec, ctx);
    if (mode) out = { ...out, mode, rule: `${out.rule} > mode:${mode}` };
  }
  return out.acled ? { ...out, confidence: mainEventConfidence(out) } : out;
}

/**
 * "President Jovenel Moise was shot dead": an attack that kills a person the text names is a
 * targeted killing, PLOVER's `targeted` mode (assassinations and executions), whatever the weapon.
 */
function killsNamedPerson(doc: Doc, e: Event, ctx: RefineContext): boolean {
  const span = e.target?.span;
  if (!span || e.target?.inferred) return false;
  let person = false;
  for (const a of doc.actors ?? []) if (a.kind === 'person' && a.start < span.end && span.start < a.end) {
    person = true;
    break;
  }
  if (!person) return false;
  for (const h of ctx.sentCues.get('lethal') ?? []) if (h.start >= ctx.trig[0] - 1 && h.start <= ctx.trig[1] + 1) return true;
  return false;
}

/** Where what a request asks for stops: another clause ("…, saying", "after …", "but …"). */
const CLAUSE_END = new Set([';', 'but', 'while', 'whereas', 'although', 'saying', 'said', 'after', 'before', 'because', 'since', 'when', 'which', 'who']);

/**
 * PLOVER's mode of a request or a rejection, from what is asked for or refused: the first mode
 * cue after the trigger in its clause ("called for the release of …" yield, "requested an
 * emergency meeting" meet, "appealed to partners to send doctors" assist); an appeal to someone
 * that names nothing is a call for help (assist?). Null when the text says nothing PLOVER codes
 * ("called for an investigation").
 */
function requestMode(ec: EventCoding, ctx: RefineContext): string | null {
  let end = ctx.trig[1];
  while (end < ctx.sent[1] && !CLAUSE_END.has(ctx.words[end]!)) end++;
  let fallback: string | null = null;
  for (const h of findCues(ec.requestModes, ctx.words, ctx.trig[0], end)) {
    if (h.name === 'assist?') fallback ??= 'assist';
    else if (h.start >= ctx.trig[1] || h.end > ctx.trig[1]) return h.name;
  }
  return fallback;
}

/**
 * How likely the event is the report's main one: the trigger's own confidence, weighted with the
 * gravity of its ACLED category (ACLED codes a killing over the arrests that followed it, a
 * battle over the weapons seized after it).
 */
const GRAVITY: Record<string, number> = {
  Battles: 1,
  'Explosions/Remote violence': 1,
  'Violence against civilians': 1,
  Riots: 0.9,
  Protests: 0.9,
  'Strategic developments': 0.6,
};

function mainEventConfidence(e: Event): number {
  const g = GRAVITY[e.acled!.event_type] ?? 0.6;
  // a note's own label ("Defusal:") is the strongest evidence there is
  if (e.rule.startsWith('note-label:')) return 0.99;
  // what is only announced or warned of is not the report's event, however grave its type
  const told = e.status === 'future' || e.status === 'hypothetical' ? 0.5 : 1;
  return Math.round((0.6 * e.confidence + 0.4 * g * told) * 1000) / 1000;
}
