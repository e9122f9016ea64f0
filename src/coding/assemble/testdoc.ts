// Hand-built documents for the assembler's tests: real paragraphs, sentences and tokens, with
// actor mentions and triggers placed by substring, so tests do not depend on the actor
// dictionary or the event lexicon.

import type { ActorMention, Doc, Quantity, Trigger } from '../../doc.js';
import { makeDoc } from '../../ingest/article.js';
import { paragraphsStage } from '../../nlp/paragraphs.js';
import { tokensStage } from '../../nlp/tokens.js';
import type { Resources } from '../../resources.js';

export interface FakeActor {
  text: string;
  country: string | null;
  sector: string | null;
  kind?: ActorMention['kind'];
  adjective?: boolean;
  /** which occurrence of `text` (0-based), default every occurrence */
  nth?: number;
  refersTo?: { country: string; sector: string | null }[];
}

export interface FakeTrigger {
  text: string;
  type: string;
  mode?: string | null;
  acled?: string | null;
  passive?: boolean;
  nth?: number;
  confidence?: number;
}

export interface FakeQuantity {
  text: string;
  min: number | null;
  max?: number | null;
  unit: string;
}

function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`(?<![\\p{L}\\d])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d])`, 'gu');
  for (const m of text.matchAll(re)) out.push(m.index!);
  return out;
}

const ACLED_TYPES: Record<string, string> = {
  'Armed clash': 'Battles', 'Shelling/artillery/missile attack': 'Explosions/Remote violence', 'Air/drone strike': 'Explosions/Remote violence',
  'Attack': 'Violence against civilians', 'Peaceful protest': 'Protests', 'Arrests': 'Strategic developments',
  'Remote explosive/landmine/IED': 'Explosions/Remote violence', 'Non-state actor overtakes territory': 'Battles',
};

export function testDoc(res: Resources, text: string, o: { actors?: FakeActor[]; triggers?: FakeTrigger[]; quantities?: FakeQuantity[]; published?: string } = {}): Doc {
  const base = makeDoc({ id: 't', text, published: o.published ?? '2024-05-01' });
  let doc: Doc = { ...base, ...paragraphsStage.run(base, res) };
  doc = { ...doc, ...tokensStage.run(doc, res) };
  const actors: ActorMention[] = [];
  for (const a of o.actors ?? []) {
    occurrences(text, a.text).forEach((at, k) => {
      if (a.nth !== undefined && a.nth !== k) return;
      actors.push({
        start: at, end: at + a.text.length, text: a.text, name: a.text, country: a.country, sector: a.sector, kind: a.kind ?? 'state',
        ...(a.adjective ? { adjective: true } : {}),
        ...(a.refersTo ? { refersTo: a.refersTo.map((r) => ({ text: a.text, country: r.country, sector: r.sector, source: { start: at, end: at + a.text.length } })) } : {}),
      });
    });
  }
  actors.sort((x, y) => x.start - y.start);
  const sentOf = (off: number) => doc.sentences!.findIndex((s) => s.start <= off && off < s.end);
  const triggers: Trigger[] = [];
  for (const t of o.triggers ?? []) {
    occurrences(text, t.text).forEach((at, k) => {
      if (t.nth !== undefined && t.nth !== k) return;
      triggers.push({
        start: at, end: at + t.text.length, text: t.text, sentence: sentOf(at), type: t.type, mode: t.mode ?? null, cameo: null,
        acled: t.acled ? { event_type: ACLED_TYPES[t.acled] ?? 'Battles', sub_event_type: t.acled } : null,
        passive: t.passive ?? false, rule: 'test', confidence: t.confidence ?? 0.8,
      });
    });
  }
  triggers.sort((x, y) => x.start - y.start);
  const quantities: Quantity[] = [];
  for (const q of o.quantities ?? []) {
    for (const at of occurrences(text, q.text)) quantities.push({ start: at, end: at + q.text.length, text: q.text, min: q.min, max: q.max ?? null, unit: q.unit });
  }
  return { ...doc, actors, triggers, quantities, times: [], places: [] };
}
