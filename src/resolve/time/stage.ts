// Stage: time expressions. (First skeleton: to be replaced by the TIMEX resolver.)
import { defineStage } from '../../pipeline.js';

export const timesStage = defineStage({
  name: 'times',
  requires: ['sentences', 'tokens'],
  assigns: ['times'],
  run() {
    return { times: [] };
  },
});
