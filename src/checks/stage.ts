// Stage: report checks. Each check is a function of the finished document; they are listed
// here so a new check is one line. Checks never change events.

import type { Check, Doc } from '../doc.js';
import { defineStage } from '../pipeline.js';
import type { Resources } from '../resources.js';

export type CheckFn = (doc: Doc, res: Resources) => Check[];

/** Filled by the modules that own each check kind (time: stale-report, date-mismatch; coding: conflicting-claims). */
export const CHECKS: CheckFn[] = [];

export const checksStage = defineStage({
  name: 'checks',
  requires: ['events', 'times'],
  assigns: ['checks'],
  run(doc, res) {
    return { checks: CHECKS.flatMap((c) => c(doc, res)) };
  },
});
