// A result's JSON without its events. The SQLite store keeps each event's JSON in a row of its
// own and the rest of the result in the article row. When a caller gives the whole JSON
// (PutInput.resultJson), the events are cut out without parsing or searching 26 KB of JSON:
// where they are follows from the lengths of their JSON.

import type { SpecResult } from '../output/spec.js';

/** What stands for the events in a result's JSON without them. */
const NO_EVENTS = '"events":[]';

/**
 * JSON.stringify(result) without its events. Keys in the same order, and left out when
 * undefined, as JSON.stringify does for a plain object.
 */
export function resultJsonWithoutEvents(result: SpecResult): string {
  return jsonWithEvents(result, NO_EVENTS);
}

/**
 * JSON.stringify(result), and of each of its events, made once (see PutInput): a queue worker's
 * extraction thread makes them, in parallel, and sends them with the result to the thread that
 * writes; the store then cuts the events out by their lengths (withoutEvents). (Ingest workers,
 * which write themselves, leave the JSON to the store: see extract-worker.ts.)
 */
export function resultJsons(result: SpecResult): { resultJson: string; eventJson: string[] } {
  const eventJson = eventJsonOf(result.events);
  return { resultJson: jsonWithEvents(result, `"events":[${eventJson.join(',')}]`), eventJson };
}

/** JSON.stringify of each event, as the result's JSON writes it. */
export function eventJsonOf(events: SpecResult['events']): string[] {
  // (null, as JSON.stringify writes an array's undefined element; results never have one)
  return events.map((e) => JSON.stringify(e) ?? 'null');
}

/** JSON.stringify(result) with `events` (`"events":…`) as its events' key and value. */
function jsonWithEvents(result: SpecResult, events: string): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (value === undefined) continue;
    parts.push(key === 'events' ? events : `${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * `json` with `"events":[]` in place of the result's events, or null when it is not what
 * withoutEvents expects. `json` is given as JSON.stringify of `result` (or of it with other
 * mentions: an extraction thread sends the result without them), and eventJson as that of each
 * of its events: then the events are the JSON's last key but those that follow them in `result`,
 * so where they are follows from lengths alone (searching 26 KB for them cost more than the
 * rest of the write).
 */
export function withoutEvents(json: string, result: SpecResult, eventJson: readonly string[]): string | null {
  const after = afterEvents(result);
  if (after === null || !json.endsWith(after)) return null;
  let length = NO_EVENTS.length + Math.max(0, eventJson.length - 1);
  for (const e of eventJson) length += e.length;
  const at = json.length - after.length - length;
  if (at < 1 || !json.startsWith('"events":[', at) || (json[at - 1] !== ',' && json[at - 1] !== '{') || json[at + length - 1] !== ']') return null;
  // Each event where its length puts it (its content is taken on trust, as the whole JSON is).
  let pos = at + '"events":['.length;
  for (const e of eventJson) {
    if (json[pos] !== e[0] || json[pos + e.length - 1] !== e[e.length - 1]) return null;
    pos += e.length;
    if (json[pos] !== ',' && json[pos] !== ']') return null;
    pos++;
  }
  return json.slice(0, at) + NO_EVENTS + json.slice(at + length);
}

/**
 * The JSON that follows a result's events in JSON.stringify(result): the keys after `events`,
 * and the closing brace; null when the result has no events key.
 */
function afterEvents(result: SpecResult): string | null {
  let after = '';
  let seen = false;
  for (const [key, value] of Object.entries(result)) {
    if (seen && value !== undefined) after += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
    if (key === 'events') seen = true;
  }
  return seen ? after + '}' : null;
}
