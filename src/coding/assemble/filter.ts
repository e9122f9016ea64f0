// Triggers that do not name an event of their own, whatever the lexicon says: a word inside a
// name ("Organisation for the Prohibition of Chemical Weapons"), a speech cue ("according"),
// a noun modifying another noun ("reinforcement points"), the instrument of an event already
// named ("shelling … with mortars"), what a request asks for ("called for the release of …",
// "urging people to protest"), a participle describing a participant ("forces supported by
// Armenia"), and a definite reference back to an event told earlier ("condemned the strike").

import type { Trigger } from '../../doc.js';
import { tokenIndex, type Ctx } from './context.js';
import { lower } from './tokens.js';

const INSTRUMENT_PREPS = new Set(['with', 'including', 'using', 'by']);
const DEFINITE = new Set(['the', 'that', 'this', 'those', 'these']);
const REQUEST_VERBS = /^(urg|call|ask|appeal|demand|press|plead|request|implor|encourag|invit)/i;
const MODIFIER_TYPES = new Set(['SUPPORT', 'AID', 'COOPERATE', 'AGREE', 'CONSULT', 'MOBILIZE']);
/** Nouns that head an event phrase even after another noun ("missile strike" is one event). */
const EVENT_HEADS = /^(strike|strikes|attack|attacks|attacked|fire|bombing|bombings|raid|raids|blast|blasts|explosion|explosions|shelling|clashes|clash|fighting|protest|protests|rally|rallies|killing|killings|assault|offensive|operation|operations|barrage)$/i;

export function isSpurious(ctx: Ctx, trig: Trigger, earlier: readonly Trigger[]): string | null {
  const doc = ctx.doc;
  const toks = ctx.toks;
  for (const a of doc.actors ?? []) if (a.start <= trig.start && trig.end <= a.end && a.end - a.start > trig.end - trig.start) return 'inside a name';
  for (const at of ctx.atts) if (at.kind === 'speech' && at.cue.start < trig.end && trig.start < at.cue.end) return 'speech cue';
  const i = tokenIndex(ctx, trig.start);
  const j = Math.max(i, tokenIndex(ctx, trig.end - 1));
  const first = toks[i]!;
  const last = toks[j]!;
  const nominal = !toks.slice(i, j + 1).some((t) => t.pos === 'VERB' || t.pos === 'AUX');
  const next = toks[j + 1];
  const prev = toks[i - 1];
  const sameSentence = earlier.filter((t) => t.sentence === trig.sentence);
  if (nominal && next && next.pos === 'NOUN' && i === j && !EVENT_HEADS.test(first.text) && next.text.toLowerCase() !== 'of') return 'noun modifier';
  // "A missile struck the station …, killing at least 50": the participle tells the same event's toll
  if (/ing$/.test(first.text) && lower(prev) === ',' && sameSentence.some((t) => t.type === trig.type)) return 'participle of an earlier event';
  // "… shelling by the army with various weapons, including mortars"
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    if (trig.type === 'ASSAULT' && INSTRUMENT_PREPS.has(lower(toks[k])) && lower(toks[k]) !== 'by' && nominal && sameSentence.some((t) => t.type === trig.type && t.end <= toks[k]!.start)) return 'instrument';
    if (toks[k]!.pos === 'VERB' || lower(toks[k]) === '.') break;
  }
  // what a request asks for: "called for the release of", "urging people … to protest"
  for (const r of sameSentence) {
    if (r.type !== 'REQUEST' || r.end > trig.start || trig.type === 'CONSULT' || trig.type === 'REQUEST' || !nominal) continue;
    const gap = toks.slice(tokenIndex(ctx, r.end), i);
    if (gap.length <= 8 && !gap.some((t) => t.text === ',' || t.text === ';' || lower(t) === 'and' || t.pos === 'VERB' || t.pos === 'AUX')) return 'requested action';
  }
  if (lower(prev) === 'to' && !nominal) {
    // an infinitive governed by a request verb: "urged people to protest", "called on both sides to stop fighting"
    for (let k = i - 2; k >= Math.max(0, i - 8); k--) {
      const t = toks[k]!;
      if (t.pos === 'VERB' && REQUEST_VERBS.test(t.text)) return 'requested action';
      if (t.text === ',' || t.text === ';' || t.text === '.') break;
    }
    // a purpose infinitive after another event: "met several times to reach an agreement"
    const gov = sameSentence.find((t) => t.end <= (prev?.start ?? 0) && (prev!.start - t.end) < 60 && !['REQUEST', 'THREATEN'].includes(t.type));
    if (gov && trig.type === 'AGREE') return 'purpose';
  }
  // "ethnic Armenian forces supported by Armenia": a participle describing a participant
  if (!nominal && MODIFIER_TYPES.has(trig.type) && /ed$/.test(first.text) && lower(next) === 'by' && prev && (prev.pos === 'NOUN' || prev.pos === 'PROPN')) return 'participle modifier';
  // "condemned the strike", "a meeting on the explosions": a definite mention of an event already told
  if (nominal && DEFINITE.has(lower(prev)) && earlier.some((t) => t.type === trig.type && t.sentence < trig.sentence)) return 'reference';
  return null;
}
