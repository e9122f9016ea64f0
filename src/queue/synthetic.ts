// A synthetic news corpus for the distributed tests and the worker benchmark: short wire-style
// reports built from templates, several outlets per incident with their own wording and death
// tolls, so extraction and merging have real work to do. Deterministic for a given seed.

import { rng } from '../bench/corpus.js';
import type { InputRecord } from '../ingest/record.js';

const PLACES: [string, string][] = [
  ['Kharkiv', 'Ukraine'], ['Bakhmut', 'Ukraine'], ['Kherson', 'Ukraine'], ['Aleppo', 'Syria'], ['Idlib', 'Syria'],
  ['Khartoum', 'Sudan'], ['El Fasher', 'Sudan'], ['Goma', 'the Democratic Republic of the Congo'], ['Mogadishu', 'Somalia'],
  ['Gao', 'Mali'], ['Maiduguri', 'Nigeria'], ['Marib', 'Yemen'], ['Jenin', 'the West Bank'], ['Tripoli', 'Libya'],
  ['Jermuk', 'Armenia'], ['Mekelle', 'Ethiopia'], ['Kandahar', 'Afghanistan'], ['Sittwe', 'Myanmar'],
];
const ATTACKERS = ['Russian forces', 'government troops', 'rebel fighters', 'the army', 'militants', 'paramilitary forces', 'insurgents', 'security forces'];
const TARGETS = ['civilians', 'a market', 'a residential area', 'an army checkpoint', 'a police station', 'a village', 'a convoy', 'a hospital'];
const OUTLETS = ['Reuters', 'AFP', 'AP', 'Al Jazeera', 'BBC', 'Anadolu', 'Xinhua', 'The Guardian'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SOURCES = ['officials said', 'the local governor said', 'a military spokesman said', 'witnesses told reporters', 'the health ministry said', 'a monitoring group said'];

const LEADS: ((x: Lead) => string)[] = [
  (x) => `${cap(x.attacker)} shelled ${x.target} in ${x.place} on ${x.weekday}, killing ${x.killed} people and wounding ${x.wounded} others, ${x.source}.`,
  (x) => `At least ${x.killed} people were killed when ${x.attacker} attacked ${x.target} near ${x.place}, ${x.country}, on ${x.weekday} (${x.month} ${x.day}), ${x.source}.`,
  (x) => `An air strike by ${x.attacker} hit ${x.target} in ${x.place} on ${x.month} ${x.day}, killing ${x.killed} and injuring ${x.wounded}, ${x.source}.`,
  (x) => `${cap(x.attacker)} clashed with local fighters in ${x.place} on ${x.weekday}; ${x.killed} people died in the fighting, ${x.source}.`,
];
const BACKGROUND = [
  'The region has seen repeated fighting since the start of the year, and aid groups say thousands have fled.',
  'Both sides have accused each other of violating a ceasefire agreed last month.',
  'The United Nations called for restraint and urged all parties to protect civilians.',
  'Humanitarian agencies warned that hospitals in the area were running short of supplies.',
  'Earlier attacks in the province had already displaced several hundred families.',
];

interface Lead {
  attacker: string; target: string; place: string; country: string; weekday: string; month: string; day: number;
  killed: number; wounded: number; source: string;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * `n` articles about about n/3 incidents, each reported by up to four outlets one or two days
 * after it happened, with tolls that sometimes disagree.
 */
export function syntheticCorpus(n: number, seed = 1): InputRecord[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: InputRecord[] = [];
  const base = Date.UTC(2024, 0, 1);
  for (let incident = 0; out.length < n; incident++) {
    // Incidents a few days apart so separate clashes stay separate clusters.
    const when = new Date(base + incident * 3 * 86_400_000);
    const [place, country] = pick(PLACES);
    const lead: Lead = {
      attacker: pick(ATTACKERS), target: pick(TARGETS), place, country,
      weekday: WEEKDAYS[when.getUTCDay()]!, month: MONTHS[when.getUTCMonth()]!, day: when.getUTCDate(),
      killed: 2 + Math.floor(r() * 40), wounded: Math.floor(r() * 60), source: pick(SOURCES),
    };
    const outlets = [...OUTLETS].sort(() => r() - 0.5).slice(0, 2 + Math.floor(r() * 3));
    for (const outlet of outlets) {
      if (out.length >= n) break;
      const killed = r() < 0.3 ? lead.killed + 1 + Math.floor(r() * 5) : lead.killed;
      const published = new Date(when.getTime() + (1 + Math.floor(r() * 2)) * 86_400_000);
      const text = [
        pick(LEADS)({ ...lead, killed, source: pick(SOURCES) }),
        `The attack on ${lead.target} was the deadliest in ${place} this month, ${pick(SOURCES)}.`,
        pick(BACKGROUND),
        `${outlet} could not independently verify the figures. (Report ${out.length + 1}.)`,
      ].join('\n\n');
      out.push({
        id: `syn-${seed}-${out.length + 1}`,
        text,
        title: `${killed} killed in ${place}`,
        published: published.toISOString().slice(0, 10),
        url: `https://news.example/${outlet.toLowerCase().replace(/\W+/g, '-')}/${out.length + 1}`,
        source: outlet,
        language: 'en',
      });
    }
  }
  return out;
}
