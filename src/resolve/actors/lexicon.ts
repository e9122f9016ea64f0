// The actor lexicon: the data files in data/actors/ read once, validated, and indexed by their
// first token so matching is one Map lookup per text token (no per-entry scans or regexes).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ActorKind } from '../../doc.js';
import type { Resources } from '../../resources.js';
import { caseRuleOf, normToken, phraseTokens, type CaseRule } from './normalize.js';

/** What a dictionary form is, which decides how it combines with its neighbours. */
export type EntryType =
  | 'country' // "Azerbaijan"
  | 'adjective' // "Azerbaijani"
  | 'people' // "Azerbaijanis"
  | 'capital' // "Baku" (an actor only when used for the government: "Baku said")
  | 'institution' // "army", "Ministry of Defense": combines with a country
  | 'title' // "President", "spokesman": may be followed by a person's name
  | 'noun' // "protesters", "gunmen": generic sector nouns
  | 'org' // IGOs, news agencies, NGOs, named national institutions
  | 'group' // non-state armed groups
  | 'person' // "Vladimir Putin"
  | 'surname' // "Putin"
  | 'block'; // "New Mexico": not an actor, hides what is inside

/** The ACLED actor family a word implies (decides ACLED names and inter codes). */
export type ActorRole =
  | 'gov' | 'mil' | 'cop' | 'reb' | 'militia' | 'communal' | 'gang' | 'unknown-armed' | 'pmc' | 'party'
  | 'rioters' | 'protesters' | 'civilians' | 'media' | 'opp' | 'med' | 'ref' | 'hri' | 'ngo' | 'bus' | 'igo' | 'other';

const ROLES = new Set<ActorRole>(['gov', 'mil', 'cop', 'reb', 'militia', 'communal', 'gang', 'unknown-armed', 'pmc', 'party', 'rioters', 'protesters', 'civilians', 'media', 'opp', 'med', 'ref', 'hri', 'ngo', 'bus', 'igo', 'other']);
export const SECTORS = new Set(['GOV', 'MIL', 'COP', 'REB', 'CVL', 'JRN', 'IGO', 'OPP', 'BUS', 'MED', 'REF', 'HRI', 'NGO']);
const ISO3 = /^[A-Z]{3}$/;

export interface ActorEntry {
  type: EntryType;
  /** The form as written in the dictionary. */
  form: string;
  /** Canonical name: the first form of its row ("Ministry of Defence", "Hezbollah"). */
  name: string;
  country: string | null;
  sector: string | null;
  role: ActorRole | null;
  kind: ActorKind;
  acledName: string | null;
  inter: number | null;
  /** organizations.tsv's optional 6th column: the country a mission works in */
  operatesIn?: string;
  caseRule: CaseRule;
  /** A country name that is also a first name or a common word ("Chad", "Jordan", "Turkey"). */
  ambiguous: boolean;
  /** An institution word that names an actor only with a country ("the Azerbaijani side"). */
  needsCountry?: boolean;
  /** A title that is also a common word ("general"): an actor only with a name or a country. */
  needsName?: boolean;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  entries: ActorEntry[];
  /** every entry matches in any case (no case rule to check per match) */
  anyCase: boolean;
}

export interface CountryInfo {
  iso3: string;
  name: string;
  adjective: string | null;
}

export interface ActorLexicon {
  root: TrieNode;
  countries: Map<string, CountryInfo>;
  /** Number of dictionary forms indexed (for the README and sanity tests). */
  size: number;
}

export class LexiconError extends Error {}

function newNode(): TrieNode {
  return { next: new Map(), entries: [], anyCase: true };
}

export function addEntry(lex: ActorLexicon, entry: ActorEntry): void {
  const toks = phraseTokens(entry.form).map(normToken);
  if (toks.length === 0) return;
  let node = lex.root;
  for (const t of toks) {
    let n = node.next.get(t);
    if (!n) node.next.set(t, (n = newNode()));
    node = n;
  }
  node.entries.push(entry);
  if (entry.caseRule !== 'any') node.anyCase = false;
  lex.size++;
}

function rows(text: string, file: string, minCols: number): { cols: string[]; line: number }[] {
  const out: { cols: string[]; line: number }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#')) return;
    const cols = line.split('\t').map((c) => c.trim());
    if (cols.length < minCols) throw new LexiconError(`${file}:${i + 1}: expected ${minCols} tab-separated columns, got ${cols.length}`);
    out.push({ cols, line: i + 1 });
  });
  return out;
}

const list = (s: string | undefined): string[] => (s ? s.split(';').map((x) => x.trim()).filter(Boolean) : []);

function check(cond: boolean, file: string, line: number, msg: string): void {
  if (!cond) throw new LexiconError(`${file}:${line}: ${msg}`);
}

function base(form: string, name: string): Pick<ActorEntry, 'form' | 'name' | 'caseRule' | 'ambiguous'> {
  const ambiguous = form.startsWith('!');
  const f = ambiguous ? form.slice(1) : form;
  return { form: f, name: name.replace(/^!/, ''), caseRule: caseRuleOf(f), ambiguous };
}

/** Regular plural nouns for demonyms: Armenian -> Armenians, Azerbaijani -> Azerbaijanis. */
function demonymPlural(adj: string): string | null {
  if (/(an|i)$/.test(adj) && !/ese$/.test(adj)) return adj + 's';
  return null;
}

export interface LexiconFiles {
  countries: string;
  institutions: string;
  organizations: string;
  groups: string;
  people: string;
  notActors: string;
  regions: string;
}

/** Build the lexicon from the text of its files (tests pass small ones). */
export function buildActorLexicon(files: LexiconFiles): ActorLexicon {
  const lex: ActorLexicon = { root: newNode(), countries: new Map(), size: 0 };
  const none = { acledName: null, inter: null } as const;

  for (const { cols, line } of rows(files.countries, 'countries.tsv', 2)) {
    const [iso3, names, adjs, people, capitals] = cols;
    check(ISO3.test(iso3!), 'countries.tsv', line, `bad ISO-3 code "${iso3}"`);
    const nameList = list(names);
    check(nameList.length > 0, 'countries.tsv', line, 'a country needs a name');
    const canonical = nameList[0]!.replace(/^!/, '');
    const adjList = list(adjs);
    lex.countries.set(iso3!, { iso3: iso3!, name: canonical, adjective: adjList[0] ?? null });
    for (const n of nameList) addEntry(lex, { type: 'country', ...base(n, canonical), country: iso3!, sector: 'GOV', role: 'gov', kind: 'state', ...none });
    for (const a of adjList) {
      addEntry(lex, { type: 'adjective', ...base(a, a), country: iso3!, sector: null, role: null, kind: 'state', ...none });
      const pl = demonymPlural(a);
      if (pl) addEntry(lex, { type: 'people', ...base(pl, pl), country: iso3!, sector: null, role: null, kind: 'state', ...none });
    }
    for (const p of list(people)) addEntry(lex, { type: 'people', ...base(p, p), country: iso3!, sector: null, role: null, kind: 'state', ...none });
    for (const c of list(capitals)) addEntry(lex, { type: 'capital', ...base(c, c), country: iso3!, sector: 'GOV', role: 'gov', kind: 'state', ...none });
  }

  for (const { cols, line } of rows(files.institutions, 'institutions.tsv', 4)) {
    const [forms, sector, role, cls] = cols;
    check(sector === '-' || SECTORS.has(sector!), 'institutions.tsv', line, `bad sector "${sector}"`);
    check(ROLES.has(role as ActorRole), 'institutions.tsv', line, `bad role "${role}"`);
    check(['inst', 'title', 'rank', 'noun', 'meto'].includes(cls!), 'institutions.tsv', line, `bad class "${cls}"`);
    const fl = list(forms);
    const type: EntryType = cls === 'inst' || cls === 'meto' ? 'institution' : cls === 'title' || cls === 'rank' ? 'title' : 'noun';
    for (const f of fl) {
      addEntry(lex, {
        type, ...base(f, fl[0]!), country: null, sector: sector === '-' ? null : sector!, role: role as ActorRole,
        kind: type === 'noun' ? 'sector' : type === 'title' ? 'person' : 'institution', ...none, ...(cls === 'meto' ? { needsCountry: true } : {}), ...(cls === 'rank' ? { needsName: true } : {}),
      });
    }
  }

  for (const { cols, line } of rows(files.organizations, 'organizations.tsv', 4)) {
    const [forms, country, sector, kind, acled, operates] = cols;
    check(country === '-' || country === 'IGO' || ISO3.test(country!), 'organizations.tsv', line, `bad country "${country}"`);
    check(!operates || operates === '-' || ISO3.test(operates), 'organizations.tsv', line, `bad operating country "${operates}"`);
    check(SECTORS.has(sector!), 'organizations.tsv', line, `bad sector "${sector}"`);
    check(['igo', 'agency', 'institution', 'ngo'].includes(kind!), 'organizations.tsv', line, `bad kind "${kind}"`);
    const fl = list(forms);
    const role: ActorRole = sector === 'JRN' ? 'media' : sector === 'MIL' ? (country === 'IGO' ? 'other' : 'mil') : sector === 'COP' ? 'cop' : sector === 'GOV' ? 'gov' : kind === 'igo' ? 'igo' : sector === 'HRI' ? 'hri' : sector === 'MED' ? 'med' : 'ngo';
    for (const f of fl) {
      addEntry(lex, {
        type: 'org', ...base(f, fl[0]!), country: country === '-' ? null : country!, sector: sector!, role,
        kind: kind === 'igo' ? 'igo' : kind === 'agency' ? 'agency' : kind === 'ngo' ? 'group' : 'institution',
        acledName: acled && acled !== '-' ? acled : null, inter: kind === 'igo' ? 8 : sector === 'MIL' || sector === 'COP' ? 1 : null,
        ...(operates && operates !== '-' ? { operatesIn: operates } : {}),
      });
    }
  }

  for (const { cols, line } of rows(files.groups, 'groups.tsv', 5)) {
    const [forms, country, role, acled, inter] = cols;
    check(country === '-' || ISO3.test(country!), 'groups.tsv', line, `bad country "${country}"`);
    check(ROLES.has(role as ActorRole), 'groups.tsv', line, `bad role "${role}"`);
    const n = Number(inter);
    check(Number.isInteger(n) && n >= 1 && n <= 8, 'groups.tsv', line, `bad inter code "${inter}"`);
    const fl = list(forms);
    for (const f of fl) {
      addEntry(lex, {
        type: 'group', ...base(f, fl[0]!), country: country === '-' ? null : country!, sector: 'REB', role: role as ActorRole, kind: 'group',
        acledName: acled && acled !== '-' ? acled : null, inter: n,
      });
    }
  }

  for (const { cols, line } of rows(files.people, 'people.tsv', 4)) {
    const [full, surnames, country, sector] = cols;
    check(country === 'IGO' || ISO3.test(country!), 'people.tsv', line, `bad country "${country}"`);
    check(SECTORS.has(sector!), 'people.tsv', line, `bad sector "${sector}"`);
    const fl = list(full);
    const role: ActorRole = sector === 'MIL' ? 'mil' : sector === 'REB' ? 'reb' : sector === 'IGO' ? 'igo' : 'gov';
    for (const f of fl) addEntry(lex, { type: 'person', ...base(f, fl[0]!), country: country!, sector: sector!, role, kind: 'person', ...none });
    for (const s of list(surnames)) addEntry(lex, { type: 'surname', ...base(s, fl[0]!), country: country!, sector: sector!, role, kind: 'person', ...none });
  }

  for (const { cols } of rows(files.regions, 'regions.tsv', 1)) {
    addEntry(lex, { type: 'adjective', ...base(cols[0]!, cols[0]!), country: null, sector: null, role: null, kind: 'state', ...none });
  }

  for (const { cols } of rows(files.notActors, 'not-actors.tsv', 1)) {
    addEntry(lex, { type: 'block', ...base(cols[0]!, cols[0]!), country: null, sector: null, role: null, kind: 'sector', ...none });
  }
  return lex;
}

const DATA_DIR = fileURLToPath(new URL('../../../data/actors/', import.meta.url));

/** Read data/actors/*.tsv and build the lexicon (once per process, via loadResources). */
export function loadActorLexicon(dir: string = DATA_DIR): ActorLexicon {
  const read = (f: string) => readFileSync(dir + f, 'utf8');
  return buildActorLexicon({
    countries: read('countries.tsv'),
    institutions: read('institutions.tsv'),
    organizations: read('organizations.tsv'),
    groups: read('groups.tsv'),
    people: read('people.tsv'),
    notActors: read('not-actors.tsv'),
    regions: read('regions.tsv'),
  });
}

/** The lexicon from Resources, loaded on first use when a caller built Resources by hand. */
export function actorLexicon(res: Resources): ActorLexicon {
  const lex = res['actors'] as ActorLexicon | undefined;
  if (lex && lex.root) return lex;
  throw new LexiconError('Resources has no actor lexicon: build Resources with loadResources()');
}
