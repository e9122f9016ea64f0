// Word forms for lexicon patterns written as `word~`. wink-nlp's lemmas miss many conflict verbs
// ("abducted", "retook" stay as they are), so the lexicon matches surface forms instead and this
// generates them. Over-generation is harmless: a form that is not English never occurs in text.

const IRREGULAR: Record<string, string[]> = {
  shoot: ['shot'],
  fight: ['fought'],
  take: ['took', 'taken'],
  retake: ['retook', 'retaken'],
  overtake: ['overtook', 'overtaken'],
  beat: ['beaten'],
  go: ['went', 'gone', 'goes'],
  throw: ['threw', 'thrown'],
  blow: ['blew', 'blown'],
  steal: ['stole', 'stolen'],
  flee: ['fled'],
  hold: ['held'],
  break: ['broke', 'broken'],
  burn: ['burnt'],
  catch: ['caught'],
  make: ['made'],
  seek: ['sought'],
  overrun: ['overran'],
  withdraw: ['withdrew', 'withdrawn'],
  strike: ['struck', 'stricken'],
  set: ['set'],
  hit: ['hit'],
  meet: ['met'],
  send: ['sent'],
  lead: ['led'],
  leave: ['left'],
  fall: ['fell', 'fallen'],
  run: ['ran'],
  hurt: ['hurt'],
  freeze: ['froze', 'frozen'],
  tear: ['tore', 'torn'],
  deny: ['denied', 'denies'],
  rally: ['rallied', 'rallies'],
  gun: ['gunned', 'gunning'],
  stab: ['stabbed', 'stabbing'],
  rob: ['robbed', 'robbing'],
  nab: ['nabbed', 'nabbing'],
  ban: ['banned', 'banning'],
  kidnap: ['kidnapped', 'kidnapping', 'kidnapper', 'kidnappers', 'kidnapped'],
  abduct: ['abductor', 'abductors'],
  plan: ['planned', 'planning'],
  drop: ['dropped', 'dropping'],
  shell: ['shelled', 'shelling', 'shellings'],
  lob: ['lobbed', 'lobbing'],
  cut: ['cut'],
  put: ['put'],
  sit: ['sat'],
  bring: ['brought'],
  free: ['freed', 'freeing'],
  flare: ['flared'],
  wound: ['wounded'],
};

const VOWEL = /[aeiou]/;

/** The forms of `base` as verb and noun: base, -s/-es, -ed, -ing, (and irregulars). */
export function inflections(base: string): string[] {
  const out = new Set<string>([base]);
  const last = base.at(-1) ?? '';
  const prev = base.at(-2) ?? '';
  // -s
  if (/(s|sh|ch|x|z|o)$/.test(base)) out.add(base + 'es');
  else if (last === 'y' && !VOWEL.test(prev)) out.add(base.slice(0, -1) + 'ies');
  else out.add(base + 's');
  // -ed / -ing
  if (last === 'e') {
    out.add(base + 'd');
    out.add(base.slice(0, -1) + 'ing');
    out.add(base.slice(0, -1) + 'ion');
    out.add(base.slice(0, -1) + 'ions');
  } else if (last === 'y' && !VOWEL.test(prev)) {
    out.add(base.slice(0, -1) + 'ied');
    out.add(base + 'ing');
  } else {
    out.add(base + 'ed');
    out.add(base + 'ing');
    // consonant doubling (drop -> dropped) for short consonant-vowel-consonant endings
    if (/[^aeiou][aeiou][bdgklmnprt]$/.test(base)) {
      out.add(base + last + 'ed');
      out.add(base + last + 'ing');
    }
  }
  out.add(base + 'ings');
  for (const f of IRREGULAR[base] ?? []) out.add(f);
  return [...out];
}
