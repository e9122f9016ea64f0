// One colour per PLOVER type, the same on the map, the timeline, the table and the legend.
// Violent types are warm, verbal and cooperative ones cool, so a glance separates fighting from talk.

export const TYPE_COLORS: Record<string, string> = {
  ASSAULT: '#d7301f',
  COERCE: '#f16913',
  THREATEN: '#e6a100',
  MOBILIZE: '#8c6d31',
  PROTEST: '#8e44ad',
  SANCTION: '#5d6d7e',
  ACCUSE: '#e377c2',
  REJECT: '#b03a5b',
  REQUEST: '#3182bd',
  CONSULT: '#17becf',
  AGREE: '#2ca02c',
  SUPPORT: '#74c476',
  CONCEDE: '#9edae5',
  COOPERATE: '#1f9e89',
  AID: '#31a354',
  RETREAT: '#9e9ac8',
};

export function typeColor(type: string | null | undefined): string {
  return (type && TYPE_COLORS[type]) || '#7f7f7f';
}

/** Types in a stable display order: violent first, as the legend and stacks show them. */
export function orderTypes(types: Iterable<string>): string[] {
  const known = Object.keys(TYPE_COLORS);
  return [...new Set(types)].sort((a, b) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
}
