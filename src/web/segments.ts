// Cutting an article into runs of text that carry the same set of annotations, from the
// offsets the pipeline produced. Pure (no DOM) so it is tested directly; spans that fall outside
// the text or are malformed are dropped rather than trusted.

export interface Mark {
  start: number;
  end: number;
  /** CSS class suffix: actor, place, time, figure, trigger, evidence … */
  kind: string;
  /** Free label for tooltips and tests (an event id, a canonical name). */
  label?: string;
}

export interface Segment {
  start: number;
  end: number;
  text: string;
  marks: Mark[];
}

export function validMarks(textLength: number, marks: Mark[]): Mark[] {
  return marks.filter(
    (m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= textLength && m.start < m.end,
  );
}

/** Segments covering [from, to) of `text` exactly, in order. */
export function segment(text: string, marks: Mark[], from = 0, to = text.length): Segment[] {
  const ms = validMarks(text.length, marks).filter((m) => m.start < to && m.end > from);
  const cuts = new Set<number>([from, to]);
  for (const m of ms) {
    cuts.add(Math.max(from, m.start));
    cuts.add(Math.min(to, m.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (a === b) continue;
    out.push({ start: a, end: b, text: text.slice(a, b), marks: ms.filter((m) => m.start <= a && m.end >= b) });
  }
  return out;
}

/** Paragraph ranges: runs of text between blank lines (or single newlines), trimmed. */
export function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].trim()) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
