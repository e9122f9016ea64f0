// Stage: reported speech. (First skeleton.)
import { defineStage } from '../pipeline.js';

export const attributionsStage = defineStage({
  name: 'attributions',
  requires: ['sentences', 'tokens', 'actors'],
  assigns: ['attributions'],
  run() {
    return { attributions: [] };
  },
});
