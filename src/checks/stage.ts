// Stage: report checks. (First skeleton.)
import { defineStage } from '../pipeline.js';

export const checksStage = defineStage({
  name: 'checks',
  requires: ['events', 'times'],
  assigns: ['checks'],
  run() {
    return { checks: [] };
  },
});
