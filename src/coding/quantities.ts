// Stage: quantities. (First skeleton.)
import { defineStage } from '../pipeline.js';

export const quantitiesStage = defineStage({
  name: 'quantities',
  requires: ['sentences', 'tokens'],
  assigns: ['quantities'],
  run() {
    return { quantities: [] };
  },
});
