// The one document that flows through the pipeline.
//
// `text` is the article's normalised text and never changes once ingested: every annotation
// below is a span [start, end) of UTF-16 code units into it, so any field can be shown in the
// original sentence. Stages never mutate a Doc; each returns the layers it adds and the
// pipeline freezes a new Doc (see pipeline.ts).

export interface Span {
  start: number;
  end: number;
}

/** An actor as it appears in output: a country (ISO-3 or IGO) and a sector code (SPEC). */
export interface ActorRef {
  text: string;
  name?: string | null;
  country: string | null;
  sector: string | null;
  /** Filled in from context (the speaker's side, the conflict's other party) rather than stated in the clause. */
  inferred?: boolean;
  /** For an inferred actor: the rule that inferred it and the span it was inferred from (the event's place, …). */
  inferredFrom?: { rule: string; span: Span | null };
}

export interface ArticleMeta {
  title: string | null;
  /** ISO date (YYYY-MM-DD) of publication, or null when nothing states it. Never "today". */
  published: string | null;
  /** Where `published` came from: the input field, a dateline, the first line, an HTML meta tag. */
  publishedFrom: 'input' | 'dateline' | 'first-line' | 'html-meta' | null;
  /** The span that stated the publication date, when it is in the text. */
  publishedSpan: Span | null;
  /** ISO 639-1 code of the article's language. */
  language: string;
  /** Where `language` came from: the input field (or HTML lang), detection from the text, or the
   * English default when the text is too short to tell. */
  languageFrom: 'input' | 'detected' | 'default';
  source: string | null;
  url: string | null;
}

/** What a stretch of the text is, so events are only coded from body text. */
export type ZoneKind = 'date' | 'title' | 'dateline' | 'caption' | 'body';

export interface Zone extends Span {
  kind: ZoneKind;
}

export interface Paragraph extends Span {
  index: number;
  kind: ZoneKind;
}

export interface Sentence extends Span {
  index: number;
  paragraph: number;
  /** index of the first token of this sentence in doc.tokens, and one past the last */
  tokenStart: number;
  tokenEnd: number;
}

export interface Token extends Span {
  text: string;
  /** lower-cased lemma */
  lemma: string;
  /** Universal POS tag from wink-nlp */
  pos: string;
  sentence: number;
}

export type ActorKind = 'state' | 'institution' | 'igo' | 'agency' | 'group' | 'sector' | 'person' | 'pronoun';

export interface ActorMention extends Span {
  text: string;
  /** Canonical name ("Azerbaijan", "Ministry of Defence of Azerbaijan", "UN Security Council"). */
  name: string;
  country: string | null;
  sector: string | null;
  kind: ActorKind;
  /** A demonym/adjective use ("Armenian" in "the Armenian army") rather than a noun phrase head. */
  adjective?: boolean;
  /**
   * For mentions that stand for other actors ("both sides", "the two countries", "the country",
   * "They (Armenia)"): the actors they resolve to, with the span that licensed each.
   */
  refersTo?: (ActorRef & { source: Span })[];
  /**
   * Where `country` came from: the lexicon entry (a named group), a country name, a demonym
   * adjective, an "of <country>" phrase, the sentence's context, the article's focus country,
   * a reference ("the country", "both sides"), or a place named in its sentence or article
   * ('place', set after the places stage). 'collective' marks a group of countries ("Western
   * governments"), which gets none. 'context', 'focus' and 'place' are inferred, not stated.
   */
  countryFrom?: 'lexicon' | 'name' | 'adjective' | 'of-phrase' | 'context' | 'focus' | 'reference' | 'place' | 'collective';
  /** A country named as a place ("fighting in Sudan") rather than as an actor. */
  locative?: boolean;
  /** The ACLED actor family the mention implies (gov, mil, cop, reb, militia, protesters, civilians …). */
  role?: string;
  /** ACLED's name for a named group or organisation, when the lexicon has one. */
  acledName?: string;
  /**
   * The country a named mission works in ("OSCE SMM" → UKR, "MINUSMA" → MLI), from the lexicon;
   * not the actor's country (an IGO has none), but where what it reports happened.
   */
  operatesIn?: string;
}

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type DatePrecision = 'day' | 'week' | 'month' | 'year' | 'decade';

export interface TimeMention extends Span {
  text: string;
  type: TimexType;
  /** TIMEX3 value: 2022-09-12, 2022-09, 2022, 198, P6W, PRESENT_REF, XXXX-09-12 … */
  value: string | null;
  mod?: string | null;
  /** The calendar interval the expression covers, inclusive, when it can be resolved. */
  range: { start: string; end: string } | null;
  precision: DatePrecision | null;
  /** Which parts the text stated ('year','month','day','weekday','time') and which were inferred. */
  stated: string[];
  implied: string[];
  /** Open-ended ranges: "since 1994" (after), "until March" (before). */
  open?: 'after' | 'before' | null;
  /** A weekday stated with a calendar date it does not fall on (the date is kept; see the date-mismatch check). */
  mismatch?: { weekday: string; date: string } | null;
}

export interface PlaceMention extends Span {
  text: string;
  name: string;
  country: string | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  geonameid: string | null;
  feature: 'point' | 'admin1' | 'region' | 'country' | 'continent' | string;
  /** How sure the geocoder is of the chosen referent (0..1). */
  score?: number;
  /**
   * How the text uses the name: `literal` (where something is or happens), `metonymic` ("Moscow
   * said": the government), `adjectival`/`demonym` ("Armenian", "Syrians"), `modifier` ("Ukraine
   * war"), `embedded` (inside an organisation's or a person's name). Only literal places locate events.
   */
  role?: 'literal' | 'metonymic' | 'adjectival' | 'demonym' | 'modifier' | 'embedded';
  /** The word that marked it as a place: "district", "province", "village of" … */
  designator?: string | null;
  /** False for a name the gazetteer does not know (a designator marked it): no coordinates of its own. */
  resolved?: boolean;
  /** Index (in doc.places) of the place the text puts it in: "Qalat city, Zabul", "Fortaleza (Ceara)". */
  containerIndex?: number;
  /** For a province or a country: its seat or capital, where event coders put an event the text places only there. */
  seat?: { name: string; lat: number; lon: number } | null;
}

export interface Quantity extends Span {
  text: string;
  min: number | null;
  max: number | null;
  /** What is counted: people, killed, wounded, arrested, soldiers, … */
  unit: string | null;
  /** The qualifier the text gave: at least, more than, about, up to … */
  qualifier?: string | null;
  /** The noun the number counts ("civilians", "soldiers"), when the text names one. */
  noun?: string | null;
}

/**
 * Reported speech: a stretch of content attributed to a speaker ("a statement from X said: '…'",
 * "X said it would …", "according to X"), and the intermediaries it came through ("Reuters reported").
 */
export interface Attribution extends Span {
  /** The attributed content. */
  content: Span;
  /** The speaker mention, if the text names one. */
  speaker: ActorRef | null;
  speakerSpan: Span | null;
  /** The cue verb or phrase ("said", "according to", "blamed"). */
  cue: Span;
  cueLemma: string;
  /** Named intermediaries: news agencies or outlets that relayed the statement. */
  via: string[];
  /** The speaker is a neutral source (witnesses, hospital, UN monitors) rather than a party. */
  neutral: boolean;
  /**
   * What the speaker does with the content: relays it ('speech'), rejects it ('denial': "denied
   * carrying out the strike"), or pins it on someone ('blame': "blamed X for the attack").
   */
  kind?: 'speech' | 'denial' | 'blame';
  /** For 'blame': who is blamed (the object of blame/accuse/hold … responsible). */
  accused?: (ActorRef & { span: Span })[];
}

/**
 * A word or phrase that names an event ("shelling", "were killed", "protested"), typed by the
 * event lexicon/model. Events are assembled from triggers (actors, status, date, place).
 */
export interface Trigger extends Span {
  text: string;
  sentence: number;
  /** PLOVER 0.8 type and mode */
  type: string;
  mode: string | null;
  cameo: string | null;
  acled: { event_type: string; sub_event_type: string } | null;
  /** The trigger is a passive verb ("were subjected to shelling by …", "was killed"). */
  passive: boolean;
  /** Which lexicon entry, rule or model decided the type (for explanation). */
  rule: string;
  confidence: number;
}

export type EventStatus = 'asserted' | 'claimed' | 'denied' | 'historical' | 'future' | 'hypothetical';

export interface EventDate {
  start: string;
  end: string;
  precision: DatePrecision;
  /** Stated in the event's clause, taken from its sentence or paragraph, or implied by publication. */
  source: 'clause' | 'sentence' | 'paragraph' | 'article' | 'published';
  evidence: Span | null;
}

export interface EventLocation {
  name: string | null;
  country: string | null;
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  precision: 'point' | 'admin1' | 'region' | 'country';
  evidence: Span | null;
}

export interface Event {
  id: string;
  type: string;
  mode: string | null;
  status: EventStatus;
  acled: { event_type: string; sub_event_type: string } | null;
  cameo: string | null;
  actor: (ActorRef & { span?: Span | null }) | null;
  target: (ActorRef & { span?: Span | null }) | null;
  date: EventDate | null;
  location: EventLocation | null;
  fatalities: { min: number | null; max: number | null; text: string | null; span?: Span | null } | null;
  claimedBy: ActorRef[];
  via: string[];
  /** The sentence (first) and the trigger and other supporting spans. */
  evidence: Span[];
  trigger: Span;
  confidence: number;
  /** Which rule or model decided the type, for explanation. */
  rule: string;
}

export interface Check {
  kind: 'stale-report' | 'conflicting-claims' | 'date-mismatch' | string;
  message: string;
  days?: number;
  events?: string[];
  text?: string;
  evidence?: Span[];
}

/** Every layer a stage may add. */
export interface Layers {
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  actors: ActorMention[];
  times: TimeMention[];
  quantities: Quantity[];
  places: PlaceMention[];
  attributions: Attribution[];
  triggers: Trigger[];
  events: Event[];
  checks: Check[];
}

export type LayerName = keyof Layers;

export interface DocBase {
  readonly id: string;
  readonly text: string;
  readonly meta: Readonly<ArticleMeta>;
  /** Title / dateline / caption zones found while reading the article. */
  readonly zones: readonly Zone[];
}

export type Doc = DocBase & Readonly<Partial<Layers>>;

/** A Doc once every stage has run. */
export type FullDoc = DocBase & Readonly<Layers>;

export function spanText(doc: DocBase, s: Span): string {
  return doc.text.slice(s.start, s.end);
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
