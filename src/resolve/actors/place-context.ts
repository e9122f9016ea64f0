// Stage: actors placed. Runs after the places stage and gives the actors whose country the text
// does not state ("protesters", "police", "gunmen", "the army") the country of the place where
// the sentence puts them. Terse reports name a town, not a country ("Police arrested five
// protesters in Mumbai"), so the place is the best evidence there is; a country stated by a name,
// a demonym or an "of" phrase is never overridden ("Russian forces shelled Kharkiv" stays RUS).

import type { ActorMention, Doc, PlaceMention, Sentence } from '../../doc.js';
import { defineStage } from '../../pipeline.js';
import { spanContaining } from '../../nlp/spans.js';

/** Mentions whose country was inferred (or missing) and may take a place's country. */
function placeable(m: ActorMention): boolean {
  if (m.adjective || m.kind === 'igo' || m.kind === 'agency' || m.kind === 'pronoun' || m.kind === 'state') return false;
  // A named international NGO (Human Rights Watch, Amnesty, MSF: organizations.tsv's kind ngo with
  // country "-", which becomes a 'group' with an NGO's role; armed groups have other roles) works
  // from abroad: the town it reports on is not its country. ACLED and CAMEO code such bodies with
  // none ("NGOHRI"); a watchdog placed in Portugal by a Portuguese town that shares its name with
  // the one its report is about is worse than none.
  if (m.kind === 'group' && (m.role === 'ngo' || m.role === 'hri' || m.role === 'med')) return false;
  // a group with a home country keeps it; transnational ones (Islamic State, al-Qaeda) are where they act
  if (m.kind === 'group') return m.country === null;
  if (m.country === 'IGO') return false;
  return m.countryFrom === undefined || m.countryFrom === 'focus' || m.countryFrom === 'context';
}

/** The article's main place country: the most frequent country among its places (first on ties). */
export function dominantPlaceCountry(places: readonly PlaceMention[]): PlaceMention | null {
  const n = new Map<string, { count: number; first: PlaceMention }>();
  for (const p of places) {
    if (!p.country) continue;
    const e = n.get(p.country);
    if (e) e.count++;
    else n.set(p.country, { count: 1, first: p });
  }
  let best: { count: number; first: PlaceMention } | null = null;
  for (const e of n.values()) if (!best || e.count > best.count) best = e;
  return best?.first ?? null;
}

/** Is this place span really an actor the text names ("Ukrainian", "Palestine" in "solidarity with Palestine")? */
function isActorSpan(p: PlaceMention, actors: readonly ActorMention[]): boolean {
  for (const a of actors) {
    if (a.start >= p.end) break;
    if (a.end > p.start && (a.adjective || (a.kind === 'state' && !a.locative))) return true;
  }
  return false;
}

export function placeActors(doc: Doc): ActorMention[] {
  const actors = doc.actors ?? [];
  const allPlaces = doc.places ?? [];
  const places = allPlaces.filter((p) => p.country && !isActorSpan(p, actors));
  if (!places.length) return actors as ActorMention[];
  const sentences = doc.sentences ?? [];
  const dominant = dominantPlaceCountry(places);
  // how often the article places things in each country: a lone odd place in a sentence loses to the article's country
  const votes = new Map<string, number>();
  for (const p of places) votes.set(p.country!, (votes.get(p.country!) ?? 0) + 1);
  const ctx: PlacingContext = { sentences, places, allPlaces, votes, dominant };
  // (a module function, not a closure made per call: that would lose its optimised code at every major GC)
  return actors.map((m) => placeActor(m, ctx));
}

/** What placeActor reads of the article: its sentences and places, and how often it places things in each country. */
interface PlacingContext {
  sentences: readonly Sentence[];
  /** the places that may place an actor (see placeActors) */
  places: readonly PlaceMention[];
  allPlaces: readonly PlaceMention[];
  votes: ReadonlyMap<string, number>;
  dominant: PlaceMention | null;
}

/** The mention with the country of the place its sentence puts it in, or as it was. */
function placeActor(m: ActorMention, { sentences, places, allPlaces, votes, dominant }: PlacingContext): ActorMention {
  if (!placeable(m)) return m;
  const s = spanContaining(sentences, m.start);
  let near: PlaceMention | null = null;
  if (s) {
    for (const p of places) {
      if (p.start < s.start || p.end > s.end) continue;
      if (!near) { near = p; continue; }
      const dv = (votes.get(p.country!) ?? 0) - (votes.get(near.country!) ?? 0);
      if (dv > 0 || (dv === 0 && Math.abs(p.start - m.start) < Math.abs(near.start - m.start))) near = p;
    }
  }
  // No place in the sentence: the article's main place country when nothing said a country, or
  // when the country came from the article's focus but no place lies in that country (a Russian
  // town's protest "against the invasion of Ukraine" is in Russia).
  const focusUnplaced = m.countryFrom === 'focus' && !allPlaces.some((x) => x.country === m.country);
  const p = near ?? (m.country === null || focusUnplaced ? dominant : null);
  if (!p || p.country === m.country) return m;
  // the article's own state organs ("the general staff", "the army") act abroad too: a place in
  // another country does not make them that country's when the article's focus country is a place it names
  if (m.countryFrom === 'focus' && (m.sector === 'GOV' || m.sector === 'MIL') && m.kind === 'institution' && !focusUnplaced) return m;
  return { ...m, country: p.country, countryFrom: 'place' as const, refersTo: [{ text: p.text, name: p.name, country: p.country, sector: m.sector, source: { start: p.start, end: p.end } }] };
}

export const actorsPlacedStage = defineStage({
  name: 'actors-placed',
  requires: ['actors', 'places'],
  assigns: ['actors'],
  run(doc: Doc) {
    return { actors: placeActors(doc) };
  },
});
