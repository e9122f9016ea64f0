// The places layer's one error type: a missing or malformed gazetteer source, or a cache that
// cannot be written. `detail` says which, `code` stays the project's DATA code.
import { SitrepError } from '../../errors.js';

export type GazetteerProblem = 'GAZ_SOURCE' | 'GAZ_CACHE';

export class GazetteerError extends SitrepError {
  override readonly name = 'GazetteerError';
  readonly detail: GazetteerProblem;
  constructor(detail: GazetteerProblem, message: string, options?: { cause?: unknown }) {
    super('DATA', message, options);
    this.detail = detail;
  }
}
