// Stage: report checks. Each check is a function of the finished document; they are listed
// here so a new check is one line. Checks never change events.

import type { Check, Doc } from '../doc.js';
import { defineStage } from '../pipeline.js';
import type { Resources } from '../resources.js';
import { conflictingClaims } from './conflicts.js';
import { staleReport } from './staleness.js';
import { dateMismatch } from './date-mismatch.js';
import { unsupportedLanguage } from './language.js';

export type CheckFn = (doc: Doc, res: Resources) => Check[];

/** One entry per check kind, imported from the module that owns it (time: stale-report and
 * date-mismatch; coding: conflicting-claims; ingest: unsupported-language). */
export const CHECKS: readonly CheckFn[] = [staleReport, dateMismatch, conflictingClaims, unsupportedLanguage];

export const checksStage = defineStage({
  name: 'checks',
  requires: ['events', 'times'],
  assigns: ['checks'],
  run(doc, res) {
    // a loop, not a per-call closure: V8 drops a closure's optimized code at each full GC
    const checks: Check[] = [];
    for (const c of CHECKS) for (const k of c(doc, res)) checks.push(k);
    return { checks };
  },
});
