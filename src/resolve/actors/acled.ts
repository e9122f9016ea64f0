// ACLED-style actor names and inter codes for an actor reference, following ACLED's published
// naming: state forces by government period ("Military Forces of Sudan (2019-)"), generic
// actors by country in brackets ("Protesters (India)", "Unidentified Armed Group (Afghanistan)").

import type { ActorRef } from '../../doc.js';

/**
 * Start year of the government period ACLED uses in state-force names, as of 2022-2024
 * (from ACLED's public actor list conventions). Countries not listed get no year.
 */
const GOVERNMENT_PERIOD: Record<string, number> = {
  AFG: 2021, ARM: 2018, AZE: 2003, BFA: 2022, BGD: 2009, BRA: 2023, CHN: 2012, COD: 2019, COL: 2022, ETH: 2018,
  FRA: 2017, IND: 2014, IRN: 2021, IRQ: 2022, ISR: 2022, KEN: 2022, LBN: 2022, LBY: 2021, MEX: 2018, MLI: 2021,
  MMR: 2021, NER: 2023, NGA: 2023, PAK: 2022, PHL: 2022, PSE: 2007, RUS: 2000, SDN: 2019, SOM: 2022, SSD: 2011,
  SYR: 2000, TCD: 2021, TUR: 2016, UKR: 2019, USA: 2021, VEN: 2013, YEM: 2016, ZAF: 2019, EGY: 2014, GBR: 2022,
  DEU: 2021, UGA: 1986, RWA: 2000, CMR: 1982, MOZ: 2015, HTI: 2021, THA: 2019, IDN: 2014, SAU: 2015, TUN: 2021,
};

/** ACLED country names where they differ from the lexicon's short names. */
const ACLED_COUNTRY: Record<string, string> = {
  COD: 'the Democratic Republic of Congo', COG: 'Republic of Congo', PSE: 'Palestine', CIV: 'Ivory Coast', MMR: 'Myanmar',
  CZE: 'Czech Republic', SWZ: 'eSwatini', TUR: 'Turkey', USA: 'the United States', GBR: 'the United Kingdom',
  CAF: 'the Central African Republic', ARE: 'the United Arab Emirates', NLD: 'the Netherlands', PHL: 'the Philippines',
};

export interface AcledActorInput extends ActorRef {
  /** ACLED actor family from the lexicon (gov, mil, cop, reb, militia, communal, gang, unknown-armed, rioters, protesters, civilians …). */
  role?: string | null;
  acledName?: string | null;
}

function countryName(iso3: string, names: (iso3: string) => string | undefined, bare: boolean): string {
  const n = ACLED_COUNTRY[iso3] ?? names(iso3) ?? iso3;
  return bare ? n.replace(/^the /, '') : n;
}

/**
 * ACLED's name for an actor. `names` maps ISO-3 to a country name (the lexicon's), so this
 * module keeps no data of its own beyond ACLED's conventions.
 */
export function acledActorName(ref: AcledActorInput, names: (iso3: string) => string | undefined): string | null {
  if (ref.acledName) return ref.acledName;
  const iso = ref.country && ref.country !== 'IGO' ? ref.country : null;
  const period = iso && GOVERNMENT_PERIOD[iso] ? ` (${GOVERNMENT_PERIOD[iso]}-)` : '';
  const role = ref.role ?? roleFromSector(ref.sector);
  const inBrackets = (label: string) => (iso ? `${label} (${countryName(iso, names, true)})` : label);
  switch (role) {
    case 'mil':
      return iso ? `Military Forces of ${countryName(iso, names, false)}${period}` : 'Unidentified Military Forces';
    case 'cop':
      return iso ? `Police Forces of ${countryName(iso, names, false)}${period}` : 'Unidentified Police Forces';
    case 'gov':
      return iso ? `Government of ${countryName(iso, names, false)}${period}` : null;
    case 'protesters':
      return inBrackets('Protesters');
    case 'rioters':
      return inBrackets('Rioters');
    case 'civilians':
    case 'med':
    case 'ref':
    case 'bus':
    case 'ngo':
    case 'hri':
      return inBrackets('Civilians');
    case 'media':
      return inBrackets('Journalists');
    case 'gang':
      return inBrackets('Unidentified Gang');
    case 'communal':
      return inBrackets('Unidentified Communal Militia');
    case 'reb':
    case 'militia':
    case 'unknown-armed':
      return inBrackets('Unidentified Armed Group');
    case 'opp':
      return inBrackets('Protesters');
    default:
      return ref.name ?? null;
  }
}

function roleFromSector(sector: string | null): string | null {
  switch (sector) {
    case 'MIL': return 'mil';
    case 'COP': return 'cop';
    case 'GOV': return 'gov';
    case 'REB': return 'unknown-armed';
    case 'CVL': return 'civilians';
    case 'JRN': return 'media';
    case 'IGO': return 'igo';
    default: return null;
  }
}

/**
 * ACLED inter code: 1 state forces, 2 rebels, 3 political militias, 4 identity militias,
 * 5 rioters, 6 protesters, 7 civilians, 8 external/other. State forces acting outside their
 * own country are external (8) when `eventCountry` is given and differs.
 */
export function acledInter(ref: AcledActorInput & { inter?: number | null }, eventCountry?: string | null): number | null {
  if (ref.inter) return ref.inter;
  const role = ref.role ?? roleFromSector(ref.sector);
  switch (role) {
    case 'mil':
    case 'cop':
    case 'gov':
      return eventCountry && ref.country && ref.country !== 'IGO' && ref.country !== eventCountry ? 8 : 1;
    case 'reb': return 2;
    case 'militia': case 'gang': case 'unknown-armed': case 'party': return 3;
    case 'communal': return 4;
    case 'rioters': return 5;
    case 'protesters': case 'opp': return 6;
    case 'civilians': case 'med': case 'ref': case 'bus': case 'media': case 'ngo': case 'hri': return 7;
    case 'igo': case 'pmc': case 'other': return 8;
    default: return null;
  }
}
