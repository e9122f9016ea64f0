// How the rules and the learned model combine. The lexicon and refinement rules decide when they
// are sure; when the deciding trigger is a weak one ("killed", "gathered", a bare "strike") and no
// context rule fired, a confident model prediction over the event's paragraph decides instead.
// Either way the event's `rule` says which did, with the model's strongest features.

import type { Event } from '../../doc.js';
import { codeForSubType } from '../lexicon/lexicon.js';
import type { EventCoding } from '../lexicon/load.js';
import type { RefineContext } from '../refine.js';
import { predictNb } from './nb.js';

/** Trigger confidence below which the rules count as unsure. */
export const RULES_UNSURE = 0.6;
/** Model probability needed to overrule an unsure rule. */
export const MODEL_SURE = 0.9;
/**
 * A model trained on a large labelled export (a user's own ACLED data) knows that data's
 * conventions better than general rules: it may overrule any rule short of a near-certain one.
 */
export const STRONG_MODEL_EXAMPLES = 1000;
export const STRONG_MODEL_SURE = 0.97;
export const RULES_CERTAIN = 0.75;

/**
 * A trigger the lexicon names this specifically ("taken control of", "agreed to a deal") is not
 * overruled by the default model, however late in the article it comes: the event's confidence
 * says how likely it is the main event, not how sure its type is.
 */
export const RULES_SPECIFIC = 0.65;

export function combineWithModel(event: Event, ctx: RefineContext, ec: EventCoding, ruleDecided: boolean, triggerConfidence = 0): Event {
  if (!ec.model || !event.acled) return event;
  const p = predictNb(ec.model, ctx.scopeText);
  if (!p || !ec.mapping.has(p.label)) return event;
  const current = event.acled.sub_event_type;
  if (p.label === current) {
    // agreement makes this more likely to be the report's main event
    return { ...event, confidence: round(Math.min(1, event.confidence + 0.05 * p.prob)) };
  }
  // background, announced and warned-of events are told in words the model was not trained on
  if (event.status === 'historical' || event.status === 'future' || event.status === 'hypothetical') return event;
  const strong = ec.model.examples >= STRONG_MODEL_EXAMPLES;
  const overrule = strong
    ? p.prob >= STRONG_MODEL_SURE && event.confidence < RULES_CERTAIN && !event.rule.includes('note-label:')
    : !ruleDecided && event.confidence < RULES_UNSURE && triggerConfidence < RULES_SPECIFIC && p.prob >= MODEL_SURE;
  if (!overrule) return event;
  // a killing is no peaceful protest, whatever its paragraph says of protests
  if (p.label === 'Peaceful protest' && lethalTrigger(ctx)) return event;
  const code = policeActKept(event, codeForSubType(ec.mapping, p.label));
  return {
    ...event,
    type: code.type,
    mode: code.mode,
    cameo: code.cameo,
    acled: code.acled,
    rule: `${event.rule} > model:nb p=${p.prob.toFixed(2)} [${p.evidence.join(', ')}]`,
  };
}

/** The event's own trigger is a lethal word ("was killed"). */
function lethalTrigger(ctx: RefineContext): boolean {
  for (const h of ctx.sentCues.get('lethal') ?? []) if (h.start < ctx.trig[1] && ctx.trig[0] < h.end) return true;
  return false;
}

/**
 * Police firing tear gas at a crowd is an ASSAULT (crowd-control) whatever the crowd did: a
 * refined ACLED sub-type for the protest (violent or not) keeps the police act's PLOVER type.
 */
export function policeActKept<C extends { type: string; mode: string | null; cameo: string | null; acled: Event['acled'] }>(event: Event, code: C): C {
  const protest = code.acled?.event_type === 'Protests' || code.acled?.event_type === 'Riots';
  if (event.type === 'ASSAULT' && event.mode === 'crowd-control' && protest) return { ...code, type: event.type, mode: event.mode, cameo: event.cameo };
  return code;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
