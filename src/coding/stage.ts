// Stage: event assembly (see assemble/index.ts for the steps).

import { defineStage } from '../pipeline.js';
import { assembleEvents } from './assemble/index.js';

export const eventsStage = defineStage({
  name: 'events',
  requires: ['sentences', 'tokens', 'actors', 'times', 'quantities', 'places', 'attributions', 'triggers'],
  assigns: ['events'],
  run(doc, res) {
    return { events: assembleEvents(doc, res) };
  },
});
