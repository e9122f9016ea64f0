// Stage: event triggers. (First skeleton: to be replaced by the event lexicon and model.)
import { defineStage } from '../pipeline.js';

export const triggersStage = defineStage({
  name: 'triggers',
  requires: ['sentences', 'tokens', 'actors'],
  assigns: ['triggers'],
  run() {
    return { triggers: [] };
  },
});
