// Stage: reported speech. Finds who says what in each sentence — "X said (that) …", "…, X said",
// "according to X", "X said: “…”" with quotes that run over several sentences, "X told Reuters",
// "It said …" (the previous speaker) — and who relays it ("Reuters reported", "a statement
// carried by state news agencies"). Denials ("X denied carrying out the strike") and blame
// ("X blamed Y for the attack", "X accused Y of …") are attributions too, marked by `kind`, so
// the event assembler can tell claimed, denied and asserted events apart.

import type { ActorRef, Attribution, Doc, Span, Token } from '../doc.js';
import { defineStage } from '../pipeline.js';
import { isOutlet, outletName, participants, type Participant } from './assemble/actors.js';
import { outletsIn, type Outlet } from './assemble/outlets.js';
import { lowerTexts } from '../nlp/lower.js';
import { CLOSE_QUOTES, OPEN_QUOTES, isPunct, lower, tokenAt } from './assemble/tokens.js';
import {
  BLAME_CUES, CUE_FORMS, DENIAL_CUES, NEUTRAL_SECTORS, NEUTRAL_SPEAKER_WORDS, PRONOUNS_SUBJECT,
  STATEMENT_NOUNS, WEAK_NEUTRAL_WORDS,
} from './assemble/words.js';
import { withFields } from '../objects.js';

// CUE_FORMS as a Map: it is asked about every token, and an object lookup with arbitrary words is
// slow (and finds "constructor" on Object.prototype).
const CUE_FORM_OF = new Map(Object.entries(CUE_FORMS));
// Forms that are often nouns: they count as cues only when tagged as verbs.
const NOUN_LIKE = new Set(['claims', 'claim', 'reports', 'report', 'states', 'post', 'blame', 'note', 'notes', 'quote', 'add', 'state', 'hold', 'holds', 'held', 'holding', 'cite', 'warns', 'tell', 'say', 'deny']);
// Participial cues continue the sentence's main speaker ("denied that, saying …").
const PARTICIPLES = new Set(['saying', 'telling', 'citing', 'adding', 'claiming', 'insisting', 'calling', 'accusing', 'blaming', 'denying', 'warning']);
const REL = new Set(['who', 'which', 'whose', 'whom']);
const SKIP_AFTER_CUE = new Set(['that', 'on', 'in', 'at', 'late', 'early', 'earlier', 'later', 'also', 'on', 'last', 'this', 'a', 'an', 'the', 'statement', 'statements', 'televised', 'written', 'separate', 'social', 'media', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'night', 'morning', 'evening', 'afternoon', 'week', 'post', 'interview', 'briefing', 'news', 'conference', 'it', 'had', 'was']);

interface Quote extends Span {
  /** token indices of the opening and closing quote marks */
  open: number;
  close: number;
}

/** Double-quoted stretches of each paragraph, possibly over several sentences. */
function quotesOf(doc: Doc): Quote[] {
  const toks = doc.tokens ?? [];
  const out: Quote[] = [];
  for (const p of doc.paragraphs ?? []) {
    let open = -1;
    for (let i = tokenAt(toks, p.start); i < toks.length && toks[i]!.start < p.end; i++) {
      const t = toks[i]!.text;
      if (t === '“' || (t === '"' && open < 0)) {
        if (open < 0) open = i;
      } else if ((t === '”' || t === '"') && open >= 0) {
        out.push({ start: toks[open]!.start, end: toks[i]!.end, open, close: i });
        open = -1;
      }
    }
  }
  return out;
}


// Module functions and loops, not per-call closures: V8 drops a closure's optimized code at each full GC.

/** Is token i inside a quote (between its marks)? */
function inQuote(quotes: readonly Quote[], i: number): boolean {
  for (const q of quotes) if (q.open < i && i < q.close) return true;
  return false;
}

/** The quote whose closing mark is token i. */
function quoteEndingAt(quotes: readonly Quote[], i: number): Quote | undefined {
  for (const q of quotes) if (q.close === i) return q;
  return undefined;
}

/** The quote whose opening mark is token i. */
function quoteStartingAt(quotes: readonly Quote[], i: number): Quote | undefined {
  for (const q of quotes) if (q.open === i) return q;
  return undefined;
}

/** The first party (not an outlet) within [from, to]: a sentence's subject. */
function firstPartyIn(doc: Doc, parts: readonly Participant[], from: number, to: number): Participant | undefined {
  for (const p of parts) if (p.span.start >= from && p.span.end <= to && !isOutlet(doc, p)) return p;
  return undefined;
}

/** Does a participant start at `offset`? */
function partStartsAt(parts: readonly Participant[], offset: number): boolean {
  for (const p of parts) if (p.span.start === offset) return true;
  return false;
}

/** Words between a speaker and a coordinated cue ("Armenia, however, did not …, but said"). */
function coordinationWord(x: Token): boolean {
  return ['ADV', 'CCONJ', 'AUX', 'PART', 'PUNCT'].includes(x.pos);
}

/** "…, Human Rights Watch said in a report on Tuesday.": only circumstances in tokens [from, to). */
function onlyCircumstances(toks: readonly Token[], from: number, to: number): boolean {
  for (let x = from; x < to && x < toks.length; x++) {
    const t = toks[x]!;
    if (!(isPunct(t) || SKIP_AFTER_CUE.has(lower(t)) || ['ADP', 'DET', 'NUM', 'PROPN', 'ADJ'].includes(t.pos) || /^(report|interview|statement|post|conference|briefing)s?$/i.test(t.text))) return false;
  }
  return true;
}

function spanOf(toks: readonly Token[], a: number, b: number): Span {
  return { start: toks[a]!.start, end: toks[b]!.end };
}

function trimSpan(doc: Doc, s: Span): Span {
  let { start, end } = s;
  while (start < end && /[\s,;:“”"‘’'—–-]/.test(doc.text[start]!)) start++;
  while (end > start && /[\s,;:“”"‘’'.—–-]/.test(doc.text[end - 1]!)) end--;
  return { start, end };
}

interface SpeakerGuess {
  speaker: Participant | null;
  span: Span | null;
  neutral: boolean;
  outlets: Outlet[];
  /** the speaker is a pronoun or "the statement": it continues an earlier speaker */
  anaphor: boolean;
}

/** The speaker named in tokens [a, b): the head of the noun phrase, its neutrality, outlets in it. */
function readSpeaker(doc: Doc, parts: readonly Participant[], a: number, b: number): SpeakerGuess {
  const toks = doc.tokens!;
  // a relative clause after the head ("leaders who mediated between him and the officers") is not the speaker
  let end = b;
  for (let i = a; i < b; i++) if (REL.has(lower(toks[i]))) { end = i; break; }
  if (end <= a) return { speaker: null, span: null, neutral: false, outlets: [], anaphor: false };
  const span = spanOf(toks, a, end - 1);
  const outlets = outletsIn(doc, a, end);
  const inside = parts.filter((p) => p.span.start >= span.start && p.span.end <= span.end);
  const words = new Set<string>();
  for (let i = a; i < end; i++) words.add(lower(toks[i]));
  const strongNeutral = [...words].some((w) => NEUTRAL_SPEAKER_WORDS.has(w));
  const party = inside.find((p) => !isOutlet(doc, p));
  if (party) {
    // a reference ("they", "the two sides") stands for parties; a crowd placed by its sentence's town ("workers") is still a crowd
    const reference = party.kind === 'pronoun' || party.mention?.countryFrom === 'reference';
    const neutral = strongNeutral || (!!party.sector && NEUTRAL_SECTORS.has(party.sector) && !reference);
    return { speaker: party, span: party.span, neutral, outlets, anaphor: false };
  }
  const outletParts = inside.filter((p) => isOutlet(doc, p));
  if (outletParts.length || outlets.length) {
    return { speaker: outletParts[0] ?? null, span: outletParts[0]?.span ?? outlets[0] ?? span, neutral: true, outlets, anaphor: false };
  }
  if (strongNeutral || [...words].some((w) => WEAK_NEUTRAL_WORDS.has(w))) return { speaker: null, span, neutral: true, outlets, anaphor: false };
  const anaphor = [...words].some((w) => PRONOUNS_SUBJECT.has(w) || STATEMENT_NOUNS.has(w));
  return { speaker: null, span, neutral: false, outlets, anaphor };
}

/** Start of the subject noun phrase that ends just before token `cue`, scanning left in the sentence. */
function subjectStart(toks: readonly Token[], sentStart: number, cue: number): number {
  let i = cue - 1;
  // adverbs and auxiliaries between subject and cue: "X also said", "X has repeatedly denied"
  while (i >= sentStart && (toks[i]!.pos === 'ADV' || toks[i]!.pos === 'AUX' || toks[i]!.pos === 'PART')) i--;
  const headEnd = i;
  while (i >= sentStart) {
    const t = toks[i]!;
    if (t.text === ',' || t.text === ';' || t.text === ':' || CLOSE_QUOTES.has(t.text) || OPEN_QUOTES.has(t.text) || t.text === '—' || t.text === '–') break;
    if (lower(t) === 'that' && t.pos === 'SCONJ') break;
    if (t.pos === 'VERB' && i < headEnd && !REL.has(lower(toks[i - 1])) && !/ed$|ing$/.test(t.text)) break;
    i--;
  }
  return i + 1;
}

export interface AttributionOptions {
  /** restrict to body paragraphs (default true) */
  bodyOnly?: boolean;
}

export function findAttributions(doc: Doc, opts: AttributionOptions = {}): Attribution[] {
  const toks = doc.tokens ?? [];
  const lows = lowerTexts(toks);
  const sentences = doc.sentences ?? [];
  const paras = doc.paragraphs ?? [];
  const parts = participants(doc, { keepAdjectives: true });
  const quotes = quotesOf(doc);
  const out: Attribution[] = [];
  type Last = { speaker: Participant | null; neutral: boolean; via: string[] };
  let lastSpeaker = null as Last | null;

  for (const s of sentences) {
    const para = paras[s.paragraph];
    if ((opts.bodyOnly ?? true) && para && para.kind !== 'body') continue;
    let mainSpeaker: SpeakerGuess | null = null;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = toks[i]!;
      const low = lows[i]!;
      let lemma: string | undefined;
      let according = false;
      if (low === 'according' && lower(toks[i + 1]) === 'to') {
        according = true;
        lemma = 'according to';
      } else {
        // (a noun or adjective is never a cue: asked first, it spares most tokens the lookup)
        if (t.pos === 'NOUN' || t.pos === 'ADJ') continue;
        lemma = CUE_FORM_OF.get(low);
        if (!lemma) continue;
        if (NOUN_LIKE.has(low) && t.pos !== 'VERB') continue;
        if (inQuote(quotes, i)) continue;
        // "did not report any casualties": nothing is reported
        if (['not', "n't", 'never'].includes(lower(toks[i - 1])) || ['not', "n't", 'never'].includes(lower(toks[i - 2]))) continue;
        if (lemma === 'hold') {
          // "held X (fully) responsible for …"
          let ok = false;
          for (let k = i + 1; k < Math.min(s.tokenEnd, i + 8); k++) if (lower(toks[k]) === 'responsible' || lower(toks[k]) === 'accountable') ok = true;
          if (!ok) continue;
        }
      }

      let kind: Attribution['kind'] = DENIAL_CUES.has(lemma) ? 'denial' : BLAME_CUES.has(lemma) ? 'blame' : 'speech';
      let guess: SpeakerGuess;
      let content: Span | null = null;
      let cueSpan: Span = { start: t.start, end: t.end };
      const accused: (ActorRef & { span: Span })[] = [];
      const extraOutlets: Outlet[] = [];

      if (according) {
        cueSpan = spanOf(toks, i, i + 1);
        // the source runs to the next comma or the sentence end
        let j = i + 2;
        while (j < s.tokenEnd && toks[j]!.text !== ',' && !(isPunct(toks[j]) && j === s.tokenEnd - 1)) j++;
        guess = readSpeaker(doc, parts, i + 2, j);
        const before = i > s.tokenStart ? trimSpan(doc, { start: s.start, end: toks[i - 1]!.end }) : null;
        const after = j < s.tokenEnd - 1 ? trimSpan(doc, { start: toks[j]!.end, end: s.end }) : null;
        content = before && before.end - before.start > 3 ? before : after;
      } else {
        const participle = PARTICIPLES.has(low) && t.pos !== 'NOUN';
        const subjA = participle ? i : subjectStart(toks, s.tokenStart, i);
        guess = participle && mainSpeaker ? mainSpeaker : readSpeaker(doc, parts, subjA, i);
        if (participle && !mainSpeaker) {
          // "…, saying": the sentence's subject speaks
          const first = firstPartyIn(doc, parts, s.start, t.start);
          guess = { speaker: first ?? null, span: first?.span ?? null, neutral: false, outlets: [], anaphor: !first };
        }
        // "Armenia, however, did not …, but said …": a verb coordinated with the sentence's subject
        if (!guess.speaker && !guess.neutral && !guess.anaphor && toks.slice(subjA, i).every(coordinationWord)) {
          const first = firstPartyIn(doc, parts, s.start, t.start);
          if (first && subjA > s.tokenStart) guess = { speaker: first, span: first.span, neutral: !!first.sector && NEUTRAL_SECTORS.has(first.sector), outlets: [], anaphor: false };
        }
        // inverted: "…, said the ministry."
        let k = i + 1;
        if (!guess.speaker && !guess.anaphor && subjA === i) {
          let e = k;
          while (e < s.tokenEnd && !isPunct(toks[e])) e++;
          const g2 = readSpeaker(doc, parts, k, e);
          if (g2.speaker || g2.neutral) { guess = g2; k = e; }
        }
        // "told Reuters", "told reporters", "told the group": the listener is not content
        if (lemma === 'tell') {
          let e = k;
          while (e < s.tokenEnd && e < k + 5 && !isPunct(toks[e]) && lower(toks[e]) !== 'that' && toks[e]!.pos !== 'VERB' && toks[e]!.pos !== 'AUX') e++;
          extraOutlets.push(...outletsIn(doc, k, e));
          for (const p of parts) if (p.span.start >= toks[k]?.start! && p.span.end <= (toks[e - 1]?.end ?? 0) && isOutlet(doc, p)) extraOutlets.push(withFields(p.span, { name: outletName(p) }));
          k = e;
        }
        if (kind === 'blame') {
          // the accused: mentions between the cue and "for"/"of"/"on"/"responsible"
          let e = k;
          while (e < s.tokenEnd && !['for', 'of', 'on', 'responsible', 'accountable', ','].includes(lower(toks[e]))) e++;
          for (const p of parts) if (p.span.start >= (toks[k]?.start ?? Infinity) && p.span.end <= (toks[e - 1]?.end ?? -1)) accused.push({ ...p, span: p.span });
          if (lower(toks[e]) === 'responsible' || lower(toks[e]) === 'accountable') e++;
          // "which X blamed on Y": the blamed event is the antecedent of "which"
          if (lower(toks[e]) === 'on') {
            let f = e + 1;
            while (f < s.tokenEnd && !isPunct(toks[f])) f++;
            for (const p of parts) if (p.span.start >= toks[e]!.end && p.span.end <= (toks[f - 1]?.end ?? -1)) accused.push({ ...p, span: p.span });
            const rel = toks.slice(s.tokenStart, i).map(lower).lastIndexOf('which');
            content = rel > 0 ? trimSpan(doc, { start: s.start, end: toks[s.tokenStart + rel - 1]!.end }) : null;
            k = f;
          } else {
            k = e + 1;
          }
        }
        // what follows the cue: skip "that", time phrases, "in a statement", ":" and an opening quote
        let c = k;
        let sawThat = false;
        while (c < s.tokenEnd && c < k + 8) {
          const w = lower(toks[c]);
          if (w === 'that' || w === ':') { sawThat = true; c++; break; }
          if (OPEN_QUOTES.has(toks[c]!.text)) break;
          if (SKIP_AFTER_CUE.has(w) || toks[c]!.pos === 'NUM' || toks[c]!.pos === 'PROPN' && w !== 'it' && !partStartsAt(parts, toks[c]!.start)) { c++; continue; }
          break;
        }
        if (!sawThat) c = k;
        const q = quoteStartingAt(quotes, c) ?? (OPEN_QUOTES.has(toks[c]?.text ?? '') ? undefined : undefined);
        if (content) {
          // set above ("which X blamed on Y")
        } else if (q) {
          content = trimSpan(doc, { start: q.start, end: q.end });
        } else {
          const restStart = c;
          let restWords = 0;
          for (let x = restStart; x < s.tokenEnd && x < toks.length; x++) if (!isPunct(toks[x])) restWords++;
          const followedByComma = toks[k]?.text === ',' || toks[k]?.text === '.';
          const speakerAfterComma = subjA > s.tokenStart && toks[subjA - 1]!.text === ',';
          // "…, Human Rights Watch said in a report on Tuesday.": only circumstances follow the cue
          if (kind !== 'speech' || (restWords >= 2 && !(followedByComma && speakerAfterComma) && !(speakerAfterComma && (restWords <= 3 || onlyCircumstances(toks, k, s.tokenEnd))))) {
            // content after the cue, to the end of its clause for denials and blame
            let e = s.tokenEnd;
            if (kind !== 'speech') {
              for (let x = restStart; x < s.tokenEnd; x++) {
                const w = lower(toks[x]);
                if ((w === ',' || w === ';' || (w === 'and' && toks[x + 1]?.pos !== 'ADP')) && x > restStart) { e = x; break; }
              }
            } else {
              // a trailing participle clause of the narrator's ("…, plunging the nation deeper")
              for (let x = restStart; x < s.tokenEnd; x++) if (toks[x]!.text === ',' && /ing$/.test(toks[x + 1]?.text ?? '') && toks[x + 1]!.pos === 'VERB' && !PARTICIPLES.has(lower(toks[x + 1]))) { e = x; break; }
            }
            if (restStart < e) content = trimSpan(doc, spanOf(toks, restStart, e - 1));
          } else if (subjA > s.tokenStart) {
            // "…, X said": content before the speaker; a closing quote takes its whole quotation
            let b = subjA - 1;
            while (b > s.tokenStart && (toks[b]!.text === ',' || toks[b]!.text === '—')) b--;
            const qq = quoteEndingAt(quotes, b) ?? quoteEndingAt(quotes, b + 1);
            content = qq ? trimSpan(doc, { start: qq.start, end: qq.end }) : trimSpan(doc, { start: s.start, end: toks[b]!.end });
          }
        }
      }
      if (!content || content.end <= content.start) continue;

      // the speaker: a pronoun or "the statement" continues the last party that spoke
      let speaker = guess.speaker;
      let neutral = guess.neutral;
      const via = new Set<string>();
      for (const o of guess.outlets) via.add(o.name);
      for (const o of extraOutlets) via.add(o.name);
      if (speaker && isOutlet(doc, speaker)) { via.add(outletName(speaker)); neutral = true; }
      if (!speaker && guess.anaphor && lastSpeaker) {
        speaker = lastSpeaker.speaker;
        neutral = lastSpeaker.neutral;
        for (const v of lastSpeaker.via) via.add(v);
      }
      // "In a statement carried by state news agencies, it said …": outlets before the content
      const preStart = s.start;
      const preEnd = Math.min(content.start, t.start);
      if (preEnd > preStart) {
        for (const o of outletsIn(doc, s.tokenStart, tokenAt(toks, preEnd))) if (!(speaker && o.start >= speaker.span.start && o.end <= speaker.span.end)) via.add(o.name);
      }
      const speakerRef: ActorRef | null = speaker && !isOutlet(doc, speaker) ? { text: speaker.text, name: speaker.name ?? null, country: speaker.country, sector: speaker.sector } : null;
      if (speaker && isOutlet(doc, speaker)) neutral = true;
      const att: Attribution = {
        start: Math.min(content.start, cueSpan.start, guess.span?.start ?? Infinity),
        end: Math.max(content.end, cueSpan.end),
        content,
        speaker: speakerRef,
        speakerSpan: speakerRef ? speaker!.span : guess.span,
        cue: cueSpan,
        cueLemma: lemma,
        via: [...via],
        neutral,
        kind,
        ...(accused.length ? { accused } : {}),
      };
      out.push(att);
      if (!mainSpeaker && (speakerRef || guess.neutral)) mainSpeaker = { ...guess, speaker: speaker ?? null, neutral };
      if (speakerRef || neutral) {
        const prev: Last | null = lastSpeaker;
        lastSpeaker = { speaker: speakerRef ? speaker : prev?.speaker ?? null, neutral: speakerRef ? neutral : prev?.neutral ?? neutral, via: [...via] };
      }
      if (according) i++;
    }
  }
  return nest(out);
}

/** An attribution inside another's content inherits its intermediaries ("Interfax reported that X said …"). */
function nest(atts: Attribution[]): Attribution[] {
  const out: Attribution[] = [];
  for (const b of atts) {
    const outer: Attribution[] = [];
    for (const a of atts) if (a !== b && a.content.start <= b.cue.start && b.cue.end <= a.content.end) outer.push(a);
    if (!outer.length) {
      out.push(b);
      continue;
    }
    const via = new Set(b.via);
    for (const a of outer) for (const v of a.via) via.add(v);
    out.push({ ...b, via: [...via] });
  }
  return out;
}

export const attributionsStage = defineStage({
  name: 'attributions',
  requires: ['sentences', 'tokens', 'actors'],
  assigns: ['attributions'],
  run(doc) {
    return { attributions: findAttributions(doc) };
  },
});
