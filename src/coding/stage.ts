// Stage: event assembly. (First skeleton: one event per trigger, with its sentence as
// evidence; the assembler replaces this with actors, status, claims, dates and places.)

import type { Event } from '../doc.js';
import { defineStage } from '../pipeline.js';
import { eventDate } from '../resolve/time/event-date.js';
import { eventLocation } from '../resolve/places/event-location.js';
import { refineEvent } from './refine.js';

export const eventsStage = defineStage({
  name: 'events',
  requires: ['sentences', 'tokens', 'actors', 'times', 'quantities', 'places', 'attributions', 'triggers'],
  assigns: ['events'],
  run(doc, res) {
    const events: Event[] = doc.triggers!.map((t, i) => {
      const s = doc.sentences![t.sentence]!;
      const e: Event = {
        id: `e${i + 1}`,
        type: t.type,
        mode: t.mode,
        status: 'asserted',
        acled: t.acled,
        cameo: t.cameo,
        actor: null,
        target: null,
        date: eventDate(doc, t),
        location: eventLocation(doc, t),
        fatalities: null,
        claimedBy: [],
        via: [],
        evidence: [{ start: s.start, end: s.end }, { start: t.start, end: t.end }],
        trigger: { start: t.start, end: t.end },
        confidence: t.confidence,
        rule: t.rule,
      };
      return refineEvent(doc, e, res);
    });
    return { events };
  },
});
