// Document-level refinement of an assembled event's type (e.g. a protest becomes "Protest with
// intervention" when the article says police fired tear gas). (First skeleton.)

import type { Doc, Event } from '../doc.js';
import type { Resources } from '../resources.js';

export function refineEvent(_doc: Doc, event: Event, _res: Resources): Event {
  return event;
}
