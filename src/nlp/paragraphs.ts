// Stage: paragraphs. One paragraph per non-empty line, with the kind of zone it lies in, so a
// dateline or headline never merges into the first sentence.

import type { Paragraph, ZoneKind } from '../doc.js';
import { lines } from '../ingest/layout.js';
import { defineStage } from '../pipeline.js';

export const paragraphsStage = defineStage({
  name: 'paragraphs',
  requires: [],
  assigns: ['paragraphs'],
  run(doc) {
    const paragraphs: Paragraph[] = [];
    for (const line of lines(doc.text)) {
      // a line may hold several zones (a dateline, then body); each zone is its own paragraph
      const inLine = doc.zones.filter((z) => z.start >= line.start && z.end <= line.end);
      if (inLine.length === 0) {
        paragraphs.push({ start: line.start, end: line.end, index: paragraphs.length, kind: 'body' });
        continue;
      }
      for (const z of inLine) {
        let start = z.start;
        while (start < z.end && /\s/.test(doc.text[start]!)) start++;
        if (start < z.end) paragraphs.push({ start, end: z.end, index: paragraphs.length, kind: z.kind as ZoneKind });
      }
    }
    return { paragraphs };
  },
});
