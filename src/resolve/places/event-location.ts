// Where an event happened: the place that governs its clause, else its sentence, else the
// article's focus. (First skeleton: the geocoder replaces this.)

import type { Doc, EventLocation, Span } from '../../doc.js';

export function eventLocation(_doc: Doc, _anchor: Span): EventLocation | null {
  return null;
}
