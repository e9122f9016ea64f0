// Stage: paragraphs. One paragraph per zone the layout reader found (each non-empty line, a
// dateline split from its body), so a dateline or headline never merges into the first sentence.

import type { Paragraph } from '../doc.js';
import { defineStage } from '../pipeline.js';

export const paragraphsStage = defineStage({
  name: 'paragraphs',
  requires: [],
  assigns: ['paragraphs'],
  run(doc) {
    const paragraphs: Paragraph[] = [];
    for (const z of doc.zones) {
      let start = z.start;
      while (start < z.end && /\s/.test(doc.text[start]!)) start++;
      if (start < z.end) paragraphs.push({ start, end: z.end, index: paragraphs.length, kind: z.kind });
    }
    return { paragraphs };
  },
});
