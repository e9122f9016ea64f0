// The SPEC input record, validated at the edge.
import { z } from 'zod';
import { InputError } from '../errors.js';

export const InputRecordSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  title: z.string().nullish(),
  published: z.string().nullish(),
  url: z.string().nullish(),
  source: z.string().nullish(),
  language: z.string().nullish(),
});

export type InputRecord = z.output<typeof InputRecordSchema>;

/** Largest article text accepted (characters). Longer texts get an error, not an OOM. */
export const MAX_TEXT_CHARS = 25_000_000;

/** Parse and validate one JSONL line. Throws InputError with a clear message. */
export function parseInputLine(line: string, lineNo: number): InputRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    throw new InputError('INPUT_NOT_JSON', `line ${lineNo}: not valid JSON (${(err as Error).message})`);
  }
  return validateRecord(raw, `line ${lineNo}`);
}

export function validateRecord(raw: unknown, where: string): InputRecord {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError('INPUT_NOT_JSON', `${where}: expected a JSON object`);
  }
  const r = raw as Record<string, unknown>;
  if (typeof r.text !== 'string') {
    throw new InputError('INPUT_NO_TEXT', `${where}: missing "text" (a string)`);
  }
  if (r.id === undefined || r.id === null) {
    throw new InputError('INPUT_NO_TEXT', `${where}: missing "id"`);
  }
  if (r.text.length > MAX_TEXT_CHARS) {
    throw new InputError('INPUT_TOO_LARGE', `${where}: text has ${r.text.length} characters, more than the ${MAX_TEXT_CHARS} accepted`);
  }
  const parsed = InputRecordSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError('INPUT_NOT_JSON', `${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** Best-effort id from a broken line, so its error result keeps the caller's id when possible. */
export function salvageId(line: string, lineNo: number): string {
  const m = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(line) ?? /"id"\s*:\s*(\d+)/.exec(line);
  return m ? m[1]! : `line-${lineNo}`;
}
