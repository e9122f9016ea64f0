// The name sitrep reports for an admin-1 unit. Natural Earth's English exonyms ("Lower Saxony",
// "North Kivu", "Ma'rib State") are not what the datasets sitrep's output joins use: ACLED, UCDP,
// OCHA and GADM write the unit's own name where it is in the Latin script ("Niedersachsen",
// "Nord-Kivu"), drop the type word ("Imo State" -> "Imo", "Saitama Prefecture" -> "Saitama") and
// the transliterated ʿayn ("Ma'rib" -> "Marib"). data/gazetteer/admin1-names.tsv says which
// countries keep their own names and lists transliterations that follow no rule (Syria, Yemen…).

import { normName } from './normalize.js';
import type { Admin1Naming, Admin1Row } from './sources.js';

const TYPE_SUFFIX_RE = /\s+(?:State|Prefecture|Province|Region|Governorate|Department|Departament|Zone|Krai)$/;
const LATIN_NAME_RE = /^[\p{Script=Latin}\s'’\-.,]+$/u;

export function reportedAdmin1Name(u: Pick<Admin1Row, 'iso2' | 'nameEn' | 'name'>, naming: Admin1Naming): string {
  const listed = naming.names.get(`${u.iso2}|${normName(u.nameEn)}`) ?? naming.names.get(`${u.iso2}|${normName(u.name)}`);
  if (listed) return listed;
  const own = naming.local.has(u.iso2) && !!u.name && LATIN_NAME_RE.test(u.name) && !/\.$/.test(u.name);
  return withoutTypeWord(own ? u.name : u.nameEn)
    .replace(/^['’`ʿ]+|['’`ʿ]+$/g, '')
    // an apostrophe inside a word transliterates ʿayn or hamza ("Ta'izz"); after a one-letter
    // article it is an elision and stays ("Côte-d'Or")
    .replace(/(\p{L}{2,})['’`ʿ](\p{L})/gu, '$1$2');
}

function withoutTypeWord(name: string): string {
  const stripped = name.replace(TYPE_SUFFIX_RE, '');
  return stripped.length >= 3 ? stripped : name;
}
