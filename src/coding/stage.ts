// Stage: event coding. (First skeleton.)
import { defineStage } from '../pipeline.js';

export const eventsStage = defineStage({
  name: 'events',
  requires: ['sentences', 'tokens', 'actors', 'times', 'quantities', 'places', 'attributions', 'triggers'],
  assigns: ['events'],
  run() {
    return { events: [] };
  },
});
