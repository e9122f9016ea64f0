// Triggers that do not name an event of their own, whatever the lexicon says: a word inside a
// name ("Organisation for the Prohibition of Chemical Weapons"), a speech cue ("according"),
// a noun modifying another noun ("reinforcement points"), the instrument of an event already
// named ("shelling … with mortars"), what a request asks for ("called for the release of …",
// "urging people to protest"), a participle describing a participant ("forces supported by
// Armenia"), and a definite reference back to an event told earlier ("condemned the strike").
// Also: a participle used as an adjective ("the detained leaders", "Burkina Faso's ousted
// leader"), what a protest demands ("protests demanding his resignation"), the crowd a police
// action is aimed at ("fired tear gas at demonstrators"), what people are asked to refrain from,
// and casualties of an attack told in another trigger ("wounded in the attack", "killed four in
// a shootout", "dozens more were wounded").

import type { Token, Trigger } from '../../doc.js';
import { actorMayHold, tokenIndex, wordAt, type Ctx } from './context.js';
import { hasVerbIn } from './tokens.js';

const INSTRUMENT_PREPS = new Set(['with', 'including', 'using', 'by']);
/** Words before an attributive participle: "the detained leaders", "its occupied lands", "Damiba's ousted …". */
const ATTRIBUTIVE_BEFORE = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'these', 'those', "'s", '’s', 'newly', 'recently', 'formerly']);
const CROWD_NOUNS = /^(protesters?|protestors?|demonstrators?|crowds?)$/i;
const AIMED_AT = new Set(['at', 'on', 'against', 'towards', 'toward', 'disperse', 'dispersed', 'dispersing']);
const CLAUSE_WORDS = new Set([',', ';', '.', 'and', 'while', 'whereas', 'but', 'when', 'as', 'after', 'before', 'although']);
const CASUALTY_TRIGGER = /^(wound|injur|hurt)/i;
const KILL_TRIGGER = /^(kill|wound|injur|hurt|died|dead)/i;
const DAMAGE_TRIGGER = /^(destroy|damag)/i;

/** Damage told without an agent ("4 houses had been destroyed"): a result, counted like the wounded. */
function agentlessDamage(t: Trigger): boolean {
  return !!t.passive && DAMAGE_TRIGGER.test(t.text);
}
const COPULA = new Set(['was', 'is', 'were', 'are', "'s", '’s', 'be', 'been']);
const PERPETRATOR_NOUNS = /^(gunman|gunmen|assailants?|attackers?)$/i;
const AVOID_WORDS = new Set(['refrain', 'refrained', 'refraining', 'refrains', 'desist', 'abstain']);
const DEFINITE = new Set(['the', 'that', 'this', 'those', 'these']);
const REQUEST_VERBS = /^(urg|call|ask|appeal|demand|press|plead|request|implor|encourag|invit)/i;
const MODIFIER_TYPES = new Set(['SUPPORT', 'AID', 'COOPERATE', 'AGREE', 'CONSULT', 'MOBILIZE']);
/** Nouns that head an event phrase even after another noun ("missile strike" is one event). */
const EVENT_HEADS = /^(strike|strikes|attack|attacks|attacked|fire|bombing|bombings|raid|raids|blast|blasts|explosion|explosions|shelling|clashes|clash|fighting|protest|protests|rally|rallies|killing|killings|assault|offensive|operation|operations|barrage)$/i;

/**
 * Casualties that belong to an attack another trigger tells: "killed in clashes" (the clash
 * has the toll), "killed and hundreds wounded", "First Lady was wounded in the attack", and a
 * wounded count in a sentence of its own after the attack ("dozens more were wounded").
 */
/** "at demonstrators", "at the crowd", "on protesters": the crowd noun is what the act was aimed at. */
function aimedAt(ctx: Ctx, i: number): boolean {
  const toks = ctx.toks;
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const w = wordAt(ctx, k);
    if (AIMED_AT.has(w)) return true;
    if (!['the', 'a', 'some', 'hundreds', 'thousands', 'of', 'peaceful', 'opposition', 'student', 'anti'].includes(w) && toks[k]!.pos !== 'ADJ' && toks[k]!.pos !== 'NUM') return false;
  }
  return false;
}

/** Is there a trigger of `type` in a sentence before `sentence`? */
function typeBefore(triggers: readonly Trigger[], type: string, sentence: number): boolean {
  for (const t of triggers) if (t.type === type && t.sentence < sentence) return true;
  return false;
}

/** A comma, "and" or a verb: what ends the requested thing ("called for the release of …"). */
function breaksRequest(t: Token): boolean {
  return t.text === ',' || t.text === ';' || t.text.toLowerCase() === 'and' || t.pos === 'VERB' || t.pos === 'AUX';
}

function casualtyOfAnother(ctx: Ctx, trig: Trigger, i: number, earlier: readonly Trigger[]): string | null {
  if (trig.type !== 'ASSAULT' || !KILL_TRIGGER.test(trig.text)) return null;
  const toks = ctx.toks;
  const all = ctx.doc.triggers ?? [];
  // loops, not per-call closures: V8 drops a closure's optimized code at each full GC
  const others: Trigger[] = [];
  // (agentless damage is a result like the wounded, not an attack of its own)
  for (const t of all) if (t.sentence === trig.sentence && t.type === 'ASSAULT' && t !== trig && !KILL_TRIGGER.test(t.text) && !agentlessDamage(t)) others.push(t);
  // "killed … in a shootout", "wounded in the attack": the event is the one named after the preposition
  for (let k = i + 1; k < Math.min(toks.length, i + 6); k++) {
    const w = wordAt(ctx, k);
    if (CLAUSE_WORDS.has(w)) break;
    if (w === 'in' || w === 'during' || w === 'by') {
      // "killed in clashes", "killed in a shootout", "wounded in the attack"
      const det = ['a', 'an', 'the', 'two', 'twin', 'that', 'this', 'heavy', 'fierce'].includes(wordAt(ctx, k + 1));
      const at = toks[k + (det ? 2 : 1)]?.start ?? -1;
      for (const t of others) if (t.start <= at && at < t.end + 40 && t.start > trig.start) return 'casualties of a named attack';
      // "wounded in the attack" with the attack told in an earlier sentence
      if (wordAt(ctx, k + 1) === 'the' && typeBefore(earlier, 'ASSAULT', trig.sentence)) {
        const nextWord = wordAt(ctx, k + 2);
        if (/^(attack|attacks|strike|strikes|blast|blasts|explosion|explosions|bombing|bombings|shooting|shootings|assault|raid|clashes|fighting|shelling)$/.test(nextWord)) return 'casualties of an earlier attack';
      }
    }
  }
  // "4 houses had been destroyed": damage told without an agent is a result, counted like the wounded
  // "An air strike by junta forces on the town killed 2 people": the named attack is the subject of the killing
  if (!CASUALTY_TRIGGER.test(trig.text)) {
    let subject: Trigger | undefined;
    for (const t of others) {
      if (t.end <= trig.start && !/[,;:]|\band\b|\bwhile\b|\bas\b|\bwhen\b/i.test(ctx.doc.text.slice(t.end, trig.start)) && trig.start - t.end < 80) { subject = t; break; }
    }
    if (subject && earlier.includes(subject)) return 'toll of the attack it names';
  }
  if (!CASUALTY_TRIGGER.test(trig.text) && !agentlessDamage(trig)) return null;
  // "was lightly injured by one of the devices", "wounded in the blasts": hurt by what was told earlier
  if (CASUALTY_TRIGGER.test(trig.text) && /^\s+(?:\w+\s+)?(?:by|in)\s+(?:one of\s+)?the\b/i.test(ctx.doc.text.slice(trig.end, trig.end + 30)) && typeBefore(earlier, 'ASSAULT', trig.sentence)) return 'hurt by an earlier attack';
  // "killed and hundreds wounded": the wounded of the same attack
  for (const t of earlier) if (t.sentence === trig.sentence && t.type === 'ASSAULT') return 'wounded of the same attack';
  // "The governor said dozens more were wounded": a sentence with no attack of its own, after one
  const s = ctx.doc.sentences![trig.sentence]!;
  const para = s.paragraph;
  if (!others.length) {
    for (const t of earlier) if (t.type === 'ASSAULT' && t.sentence < trig.sentence && para - (ctx.doc.sentences![t.sentence]?.paragraph ?? -9) <= 2) return 'wounded of an earlier attack';
  }
  return null;
}

const RAID = /^raids?$/i;
const CHARGE_BEFORE = /\b(?:for|of|over)\s+(?:\w+\s+){0,2}?(?:participat\w*|taking part|supporting|organi[sz]\w*|incit\w*|leading)\s+(?:in\s+)?(?:\S+\s+){0,4}?$/i;
/** Words that link a protest to what it is against (see protestTopic). */
const TOPIC_WORDS = new Set(['against', 'over', 'oppose', 'opposing', 'denounce', 'denouncing', 'condemn', 'condemning', 'protesting', 'rejecting', 'decrying', 'about', 'regarding', 'allegations', 'alleged']);
/** What ends the topic phrase: a new clause or a list item. */
const TOPIC_BREAK = new Set(['and', 'but', 'or', ',', ';', ':', '.', 'while', 'when', 'after', 'before', 'as', 'where', 'who', 'which']);

/**
 * The trigger at token i is inside a phrase naming what an earlier protest of its sentence is
 * against: a topic word after the protest, then only words of one noun phrase up to the trigger
 * (no verb, no "and", no comma) and the trigger a noun or a gerund: "staged a demonstration
 * against a person responsible for sexually assaulting three children", "to oppose sexual
 * violence". "Protesters rallied against the government and police arrested five" is two acts,
 * and so is "protesters angry over the collapse stormed his residence".
 */
function protestTopic(ctx: Ctx, trig: Trigger, i: number, sameSentence: readonly Trigger[]): boolean {
  // (a finite verb is the sentence's own act: "protesters angry over the collapse stormed …")
  const own = ctx.toks[i]!;
  if ((own.pos === 'VERB' || own.pos === 'AUX') && !/ing$/i.test(own.text)) return false;
  let protestEnd = -1;
  for (const t of sameSentence) if (t.type === 'PROTEST' && t.end <= trig.start) protestEnd = t.end;
  if (protestEnd < 0) return false;
  for (let k = i - 1; k >= 0 && i - k <= 8; k--) {
    const tok = ctx.toks[k]!;
    if (tok.end <= protestEnd) return false;
    const w = wordAt(ctx, k);
    if (TOPIC_WORDS.has(w)) return true;
    if (TOPIC_BREAK.has(w) || ((tok.pos === 'VERB' || tok.pos === 'AUX') && !/ing$/.test(w))) return false;
  }
  return false;
}
const SCHEDULED = /\b(?:due to|will|is to|are to|scheduled|set to|to convene|convenes?|convened|to be held|to take place)\b/i;

export function isSpurious(ctx: Ctx, trig: Trigger, earlier: readonly Trigger[], allEarlier?: readonly Trigger[]): string | null {
  const doc = ctx.doc;
  const toks = ctx.toks;
  // inside a longer actor name: only worth a walk over the mentions when one could reach that far
  if (actorMayHold(ctx, trig.start, trig.end)) {
    for (const a of doc.actors ?? []) {
      if (a.start > trig.start) break; // mentions are sorted by start
      if (trig.end <= a.end && a.end - a.start > trig.end - trig.start) return 'inside a name';
    }
  }
  // a speech cue is no event, unless the lexicon phrase says more than the cue ("warned … would take action")
  for (const at of ctx.atts) if (at.kind === 'speech' && at.cue.start < trig.end && trig.start < at.cue.end && trig.end <= at.cue.end) return 'speech cue';
  const i = tokenIndex(ctx, trig.start);
  const j = Math.max(i, tokenIndex(ctx, trig.end - 1));
  const first = toks[i]!;
  const last = toks[j]!;
  const nominal = !hasVerbIn(toks, i, j + 1);
  const next = toks[j + 1];
  const prev = toks[i - 1];
  const sameSentence: Trigger[] = [];
  for (const t of earlier) if (t.sentence === trig.sentence) sameSentence.push(t);
  if (nominal && next && next.pos === 'NOUN' && i === j && !EVENT_HEADS.test(first.text) && next.text.toLowerCase() !== 'of') return 'noun modifier';
  // "A missile struck the station …, killing at least 50": the participle tells the same event's toll
  if (/ing$/.test(first.text) && wordAt(ctx, i - 1) === ',') {
    for (const t of sameSentence) if (t.type === trig.type) return 'participle of an earlier event';
  }
  // "… shelling by the army with various weapons, including mortars"
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    if (trig.type === 'ASSAULT' && INSTRUMENT_PREPS.has(wordAt(ctx, k)) && wordAt(ctx, k) !== 'by' && nominal) {
      for (const t of sameSentence) if (t.type === trig.type && t.end <= toks[k]!.start) return 'instrument';
    }
    if (toks[k]!.pos === 'VERB' || wordAt(ctx, k) === '.') break;
  }
  const nominalHead = first.pos !== 'VERB' && first.pos !== 'AUX';
  // "the detained leaders", "Burkina Faso's ousted military leader": a state, not an act told here
  if (/ed$/i.test(first.text) && ATTRIBUTIVE_BEFORE.has(wordAt(ctx, i - 1)) && next && (next.pos === 'NOUN' || next.pos === 'ADJ' || next.pos === 'PROPN') && i === j) return 'attributive participle';
  // "protests demanding his resignation", "protesters calling for …": the protest's demand
  if (trig.type === 'REQUEST' && /ing$/i.test(first.text)) {
    for (const t of sameSentence) if (t.type === 'PROTEST' && t.end <= first.start && first.start - t.end <= 2) return 'protest demand';
  }
  // "arrested … for supporting demonstrations against the state of siege": the protest is the charge
  if (trig.type === 'PROTEST' && CHARGE_BEFORE.test(doc.text.slice(Math.max(0, trig.start - 90), trig.start))) {
    for (const t of sameSentence) if (t.type === 'COERCE' && t.end <= trig.start) return 'protest as charge';
  }
  // "a demonstration to oppose sexual violence", "marched … over allegations of sexual abuse": what a
  // protest is against is its topic, not an act this report tells
  if (trig.type !== 'PROTEST' && protestTopic(ctx, trig, i, sameSentence)) return 'protest topic';
  // "fired tear gas … at demonstrators", "to disperse the crowd": the crowd is the target of the police act
  if (trig.type === 'PROTEST' && i === j && CROWD_NOUNS.test(first.text) && aimedAt(ctx, i)) {
    for (const t of sameSentence) if (t.type === 'ASSAULT' && t.mode === 'crowd-control' && t.end <= first.start) return 'crowd targeted';
  }
  // "called on people to refrain from violence and vandalism"
  for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
    if (AVOID_WORDS.has(wordAt(ctx, k))) return 'refrained from';
    if (wordAt(ctx, k) === ',' || wordAt(ctx, k) === '.' || wordAt(ctx, k) === ';') break;
  }
  // "killed four suspected assailants in a shootout": the perpetrator noun is a participant of the act named
  if (trig.type === 'ASSAULT' && i === j && PERPETRATOR_NOUNS.test(first.text)) {
    for (const t of ctx.doc.triggers ?? []) if (t !== trig && t.sentence === trig.sentence && t.type === 'ASSAULT' && !PERPETRATOR_NOUNS.test(t.text)) return 'participant';
  }
  // "the suspect had been arrested in a raid on a house": the raid is how the arrest was made
  if (trig.type === 'ASSAULT' && nominal && RAID.test(first.text)) {
    let k = i - 1;
    while (k > 0 && (toks[k]!.pos === 'DET' || toks[k]!.pos === 'ADJ')) k--;
    if ((wordAt(ctx, k) === 'in' || wordAt(ctx, k) === 'during')) {
      for (const t of sameSentence) if (t.type === 'COERCE' && t.end <= toks[k]!.start && toks[k]!.start - t.end <= 2) return 'means of an arrest';
    }
  }
  const casualty = casualtyOfAnother(ctx, trig, i, earlier);
  if (casualty) return casualty;
  // what a request asks for: "called for the release of", "urging people … to protest"
  for (const r of allEarlier ?? sameSentence) {
    if (r.sentence !== trig.sentence) continue;
    // (a meeting asked for that the text says will be held is an event of its own: "requested an
    // emergency meeting of the Security Council, which is due to convene on Wednesday")
    if (r.type !== 'REQUEST' || r.end > trig.start || trig.type === 'REQUEST' || !nominalHead) continue;
    if (trig.type === 'CONSULT' && SCHEDULED.test(doc.text.slice(trig.end, doc.sentences![trig.sentence]!.end))) continue;
    const gap = toks.slice(tokenIndex(ctx, r.end), i);
    if (gap.length <= 8 && !gap.some(breaksRequest)) return 'requested action';
  }
  if (wordAt(ctx, i - 1) === 'to' && !nominal) {
    // an infinitive governed by a request verb: "urged people to protest", "urging people not to accept the coup and to protest"
    for (let k = i - 2; k >= Math.max(0, i - 12); k--) {
      const t = toks[k]!;
      if (t.pos === 'VERB' && REQUEST_VERBS.test(t.text)) return 'requested action';
      if (t.text === ',' || t.text === ';' || t.text === '.') break;
    }
    // a purpose infinitive after another event: "met several times to reach an agreement"
    let gov: Trigger | undefined;
    for (const t of sameSentence) if (t.end <= (prev?.start ?? 0) && (prev!.start - t.end) < 60 && !['REQUEST', 'THREATEN'].includes(t.type)) { gov = t; break; }
    if (gov && trig.type === 'AGREE') return 'purpose';
  }
  // "ethnic Armenian forces supported by Armenia": a participle describing a participant
  if (!nominal && MODIFIER_TYPES.has(trig.type) && /ed$/.test(first.text) && wordAt(ctx, j + 1) === 'by' && prev && (prev.pos === 'NOUN' || prev.pos === 'PROPN')) return 'participle modifier';
  // "condemned the strike", "a meeting on the explosions": a definite mention of an event already told
  if (nominal && DEFINITE.has(wordAt(ctx, i - 1)) && typeBefore(earlier, trig.type, trig.sentence)) return 'reference';
  // "This was a deliberate attack on a peaceful town": a characterisation of an event already told
  if (nominal && typeBefore(earlier, trig.type, trig.sentence)) {
    for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
      const w = wordAt(ctx, k);
      if ((w === 'a' || w === 'an') && COPULA.has(wordAt(ctx, k - 1))) return 'characterisation';
      if (toks[k]!.pos !== 'ADJ' && toks[k]!.pos !== 'ADV' && w !== 'a' && w !== 'an') break;
    }
  }
  return null;
}
