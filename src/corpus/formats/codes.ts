// Code tables the export formats share: ISO 3166 names and numbers (i18n-iso-countries),
// ACLED actor-type numbers, CAMEO quad classes, and a stable numeric id per cluster.

import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import type { ClusterActor } from '../../store/types.js';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json') as countries.LocaleData);

export function countryName(iso3: string | null): string | null {
  if (!iso3 || iso3 === 'IGO') return null;
  return countries.getName(iso3, 'en', { select: 'official' }) ?? null;
}

/** ISO 3166-1 numeric code as a number (ACLED's `iso`), or null. */
export function isoNumeric(iso3: string | null): number | null {
  if (!iso3) return null;
  const n = countries.alpha3ToNumeric(iso3);
  return n ? Number(n) : null;
}

/**
 * A stable positive integer for a cluster id (ACLED data_id, GDELT GLOBALEVENTID). A hash id ("c"
 * and hex digits: the PostgreSQL store's, and SQLite files' before session 17) gives its first 48
 * bits; an id in open order ("e" and a base-36 row number: SQLite's since, see clusterIdAt in
 * src/store/sqlite.ts) gives 2^48 plus that number, so that the two kinds, which one file can hold,
 * never share a number (a row number is small, and a hash's first 48 bits fall anywhere below 2^48).
 */
export function numericId(clusterId: string): number {
  if (OPEN_ORDER_ID.test(clusterId)) return 2 ** 48 + parseInt(clusterId.slice(1), 36);
  return parseInt(clusterId.replace(/^c/, '').slice(0, 12), 16);
}

const OPEN_ORDER_ID = /^e[0-9a-z]{1,9}$/;

/**
 * ACLED inter codes (acled_interaction_codes.csv): 1 state forces, 2 rebels, 3 political
 * militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other.
 */
export function acledInter(a: ClusterActor | undefined, eventType: string | null): number | null {
  if (!a) return null;
  switch (a.sector) {
    case 'GOV':
    case 'MIL':
    case 'COP':
      return a.country === 'IGO' ? 8 : 1;
    case 'REB':
      return 2;
    case 'CVL':
    case 'JRN':
    case 'MED':
    case 'REF':
    case 'HRI':
    case 'NGO':
    case 'BUS':
      return eventType === 'Protests' ? 6 : eventType === 'Riots' ? 5 : 7;
    case 'OPP':
      return eventType === 'Protests' ? 6 : 3;
    case 'IGO':
      return 8;
    default:
      return eventType === 'Protests' ? 6 : eventType === 'Riots' ? 5 : null;
  }
}

/** ACLED interaction: the two inter codes, lower first (10 = sole state action, 17 = state vs civilians). */
export function acledInteraction(i1: number | null, i2: number | null): number | null {
  if (i1 === null && i2 === null) return null;
  if (i1 === null || i2 === null) return (i1 ?? i2)! * 10;
  return Math.min(i1, i2) * 10 + Math.max(i1, i2);
}

const TYPE_QUAD: Record<string, number> = {
  AGREE: 1, CONSULT: 1, SUPPORT: 1, REQUEST: 1,
  CONCEDE: 2, COOPERATE: 2, AID: 2, RETREAT: 2,
  ACCUSE: 3, REJECT: 3, THREATEN: 3,
  PROTEST: 4, SANCTION: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4,
};

/** CAMEO quad class: from the CAMEO root when there is one (01–05, 06–08, 09–13, 14–20), else from the PLOVER type. */
export function quadClass(cameo: string | null, type: string): number | null {
  const root = cameo ? Number(cameo.slice(0, 2)) : NaN;
  if (root >= 1 && root <= 5) return 1;
  if (root >= 6 && root <= 8) return 2;
  if (root >= 9 && root <= 13) return 3;
  if (root >= 14 && root <= 20) return 4;
  return TYPE_QUAD[type] ?? null;
}
