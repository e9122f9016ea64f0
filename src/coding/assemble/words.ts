// Closed word classes the assembler reads: reporting cues, negators, modals, neutral sources,
// intermediaries. Kept as small sets of lower-cased lemmas/forms so lookups are O(1) per token.

/** Verbs (lemmas) that introduce reported speech: "X said …", "…, X told Reuters". */
export const SPEECH_CUES = new Set([
  'say', 'tell', 'report', 'announce', 'state', 'add', 'claim', 'confirm', 'insist', 'allege',
  'write', 'post', 'tweet', 'note', 'explain', 'acknowledge', 'admit', 'declare', 'warn',
  'quote', 'cite', 'assert', 'argue', 'maintain', 'testify', 'disclose', 'reveal', 'show',
]);

/** Cues whose content the speaker rejects: the events inside are denied, not claimed. */
export const DENIAL_CUES = new Set(['deny', 'reject', 'dismiss', 'refute', 'rebuff']);

/** Cues that attribute an act to someone else: "X blamed Y for the attack", "X accused Y of …". */
export const BLAME_CUES = new Set(['blame', 'accuse', 'hold']);

/** Surface forms of the speech cues (wink's lemmas miss some inflections). */
export const CUE_FORMS: Record<string, string> = {
  said: 'say', says: 'say', saying: 'say', say: 'say',
  told: 'tell', tells: 'tell', telling: 'tell', tell: 'tell',
  reported: 'report', reports: 'report', reporting: 'report', report: 'report',
  announced: 'announce', announces: 'announce', announcing: 'announce',
  stated: 'state', states: 'state',
  added: 'add', adds: 'add',
  claimed: 'claim', claims: 'claim', claiming: 'claim',
  confirmed: 'confirm', confirms: 'confirm',
  insisted: 'insist', insists: 'insist',
  alleged: 'allege', alleges: 'allege',
  wrote: 'write', writes: 'write',
  posted: 'post', tweeted: 'tweet',
  noted: 'note', explained: 'explain', acknowledged: 'acknowledge', admitted: 'admit',
  declared: 'declare', warned: 'warn', warns: 'warn', quoted: 'quote', cited: 'cite', citing: 'cite',
  asserted: 'assert', argued: 'argue', maintained: 'maintain', testified: 'testify',
  disclosed: 'disclose', revealed: 'reveal',
  denied: 'deny', denies: 'deny', deny: 'deny', denying: 'deny',
  rejected: 'reject', rejects: 'reject', rejecting: 'reject',
  dismissed: 'dismiss', dismisses: 'dismiss', refuted: 'refute', rebuffed: 'rebuff',
  blamed: 'blame', blames: 'blame', blaming: 'blame', blame: 'blame',
  accused: 'accuse', accuses: 'accuse', accusing: 'accuse',
  held: 'hold', holds: 'hold', holding: 'hold',
};

/** Nouns that make "a statement from X said", "in a statement X said", "according to the statement". */
export const STATEMENT_NOUNS = new Set([
  'statement', 'statements', 'communique', 'communiqué', 'report', 'reports', 'announcement', 'post',
  'message', 'spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'bulletin', 'release', 'briefing',
]);

/** Speakers who are not parties: their word keeps an event asserted. */
export const NEUTRAL_SPEAKER_WORDS = new Set([
  'witness', 'witnesses', 'resident', 'residents', 'hospital', 'hospitals', 'doctor', 'doctors',
  'medic', 'medics', 'medical', 'paramedic', 'paramedics', 'nurse', 'nurses', 'health', 'monitor', 'monitors', 'observatory',
  'rescuers', 'rescue', 'journalist', 'journalists', 'correspondent', 'reporter', 'reporters',
  'villagers', 'survivors', 'relatives', 'locals', 'footage', 'images', 'video', 'mediators', 'mediator',
  'analysts', 'experts', 'researchers', 'religious', 'elders', 'charity', 'crescent', 'msf', 'morgue', 'coroner',
]);
/** Weaker hints of a neutral source, used only when the speaker names no party. */
export const WEAK_NEUTRAL_WORDS = new Set(['community', 'leaders', 'source', 'sources', 'organisers', 'organizers', 'officials', 'aid', 'workers', 'people']);

/** Sectors whose word is not a party's: media, medical, rights groups, NGOs, IGOs, civilians. */
// Rights groups (HRI) are not neutral here: when they name a perpetrator the event rests on their word.
export const NEUTRAL_SECTORS = new Set(['JRN', 'MED', 'NGO', 'IGO', 'CVL']);

/** Generic intermediaries that relay a statement without being its source. */
export const OUTLET_HEADS = new Set([
  'agency', 'agencies', 'media', 'television', 'tv', 'radio', 'broadcaster', 'newspaper', 'daily',
  'outlet', 'outlets', 'channel', 'wire', 'press',
]);

/** Known news agencies and outlets, for when the actor layer does not mark them. */
export const AGENCY_NAMES = new Set([
  'reuters', 'ap', 'afp', 'interfax', 'tass', 'ria', 'xinhua', 'anadolu', 'armenpress', 'apa',
  'bbc', 'cnn', 'al jazeera', 'aljazeera', 'efe', 'dpa', 'ansa', 'kyodo', 'yonhap', 'irna', 'sana',
  'wafa', 'suna', 'bernama', 'pti', 'ani', 'trend', 'ukrinform', 'ria novosti', 'associated press',
  'agence france-presse', 'agence france presse', 'myawaddy', 'ntv', 'nhk',
]);

export const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'without']);

/** Auxiliaries and verbs that put the following action in the future. */
export const FUTURE_MARKERS = new Set(['will', "'ll", 'shall', 'would']);
/** "plans to", "is set to", "is due to", "intends to", "vowed to" … + infinitive. */
export const FUTURE_TO_VERBS = new Set([
  'plan', 'plans', 'planned', 'planning', 'set', 'due', 'intend', 'intends', 'intended', 'going', 'expected',
  'prepare', 'prepares', 'preparing', 'prepared', 'aim', 'aims', 'seek', 'seeks', 'scheduled', 'ready', 'willing',
  'promise', 'promised', 'pledge', 'pledged', 'vow', 'vowed', 'decide', 'decided', 'agree', 'agreed',
  'offer', 'offered', 'hope', 'hopes', 'want', 'wants', 'wanted', 'threaten', 'threatened', 'try', 'tried',
  'attempt', 'attempted', 'propose', 'proposed',
]);
/** Conditional and warned-of contexts. */
export const HYPOTHETICAL_MARKERS = new Set(['if', 'unless', 'could', 'might', 'may', 'avoid', 'prevent', 'risk', 'lest', 'fears', 'fear', 'feared', 'danger', 'prospect', 'spectre', 'specter', 'possible', 'potential', 'imminent']);

/** Nouns that refer back to an event mentioned earlier: "blamed X for the attack". */
export const EVENT_ANAPHORS = new Set([
  'attack', 'attacks', 'strike', 'strikes', 'bombing', 'bombings', 'killing', 'killings', 'deaths', 'death',
  'shelling', 'explosion', 'explosions', 'blast', 'blasts', 'massacre', 'incident', 'assault', 'raid',
  'violence', 'clashes', 'fighting', 'aggression', 'it', 'that', 'this', 'claim', 'claims', 'account',
  'allegation', 'allegations', 'accusation', 'accusations', 'report', 'reports', 'responsibility',
]);

/** Triggers naming only casualties: with a negated reporting verb they are not events. */
export const CASUALTY_WORDS = new Set(['casualties', 'casualty', 'deaths', 'death', 'injuries', 'victims', 'losses', 'fatalities', 'dead']);

export const PRONOUNS_SUBJECT = new Set(['it', 'he', 'she', 'they', 'we', 'i']);

/** Light verbs whose object names the event: "carried out air strikes", "launched an offensive". */
export const LIGHT_VERBS = new Set([
  'carry', 'carried', 'launch', 'launched', 'conduct', 'conducted', 'stage', 'staged', 'mount', 'mounted',
  'unleash', 'unleashed', 'make', 'made', 'hold', 'held', 'order', 'ordered', 'fire', 'fired', 'begin', 'began',
  'start', 'started', 'continue', 'continued', 'step', 'stepped', 'intensify', 'intensified', 'resume', 'resumed',
  'impose', 'imposed', 'declare', 'declared', 'organise', 'organised', 'organize', 'organized', 'lead', 'led',
]);

/** PLOVER types that are speech acts: said by their actor, they are asserted, not claimed. */
export const VERBAL_TYPES = new Set(['ACCUSE', 'REQUEST', 'REJECT', 'THREATEN', 'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'SANCTION']);
/** Types for which "A and B … each other" means two events with swapped roles. */
export const RECIPROCAL_TYPES = new Set(['ACCUSE', 'ASSAULT', 'THREATEN', 'REJECT', 'COERCE']);
