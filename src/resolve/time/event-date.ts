// When an event happened: the time expression that governs its clause, else its sentence,
// else its paragraph. (First skeleton: the time module replaces this.)

import type { Doc, EventDate, EventStatus, Span } from '../../doc.js';

export interface EventDateOptions {
  /** The event is a statement (said, accused, called for): undated statements are dated to the publication window. */
  statement?: boolean;
}

export function eventDate(_doc: Doc, _anchor: Span, _opts: EventDateOptions = {}): EventDate | null {
  return null;
}

/** 'historical' for background events, 'future' for announced ones, by dates and tense; else null. */
export function temporalStatus(_doc: Doc, _anchor: Span, _date: EventDate | null): Extract<EventStatus, 'historical' | 'future'> | null {
  return null;
}
