// Stage: actor mentions. (First skeleton: to be replaced by the dictionary matcher.)
import { defineStage } from '../../pipeline.js';

export const actorsStage = defineStage({
  name: 'actors',
  requires: ['sentences', 'tokens'],
  assigns: ['actors'],
  run() {
    return { actors: [] };
  },
});
