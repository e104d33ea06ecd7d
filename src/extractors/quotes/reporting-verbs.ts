/**
 * The reporting-verb lexicon: verbs and phrases that introduce speech ("said", "told", "wrote", "according to").
 * Inflected forms are generated once from the lemmas below; irregular forms are listed.
 */
import { rx } from '../rx.js';

const words = (s: string): string[] => s.split(' ');

/** Reporting verbs that take a bare reported clause ("X said the plan failed") as well as "that …". */
const BARE_CLAUSE_VERBS = [
  ...words(
    'say tell write add argue note claim explain insist warn suggest admit acknowledge allege contend maintain ' +
      'concede stress assert complain caution emphasize emphasise reiterate testify assure inform declare reckon ' +
      'speculate remark',
  ),
  'point out',
];

/** Reporting verbs that need "that" before an indirect clause (they also take plain objects). */
const THAT_ONLY_VERBS = words(
  'announce deny promise vow boast hint wonder ask answer reply respond joke quip recount continue comment shout ' +
    'yell whisper muse laugh sigh plead urge demand propose advise lament describe echo learn find post recommend ' +
    'signal concur protest retort scoff snap exclaim elaborate clarify disclose show indicate hope fear worry think ' +
    'believe report state charge observe mention reveal conclude recall agree counter tweet remind confirm estimate ' +
    'predict read chat interject',
);

/** Every reporting verb (lemmas). */
const CLAUSE_VERBS = [...BARE_CLAUSE_VERBS, ...THAT_ONLY_VERBS];
const THAT_ONLY: ReadonlySet<string> = new Set(THAT_ONLY_VERBS);

/** Finite auxiliaries and modals ("has", "was", "could"): tagged as verbs, they report nothing themselves. */
export const FINITE_AUXILIARIES: ReadonlySet<string> = new Set(words('is are was were has have had will would can could may might should must do does did'));

/** Verbs whose first object is the listener ("told reporters that …"). */
export const LISTENER_VERBS = new Set(['tell', 'inform', 'assure', 'remind', 'warn', 'advise', 'urge', 'ask']);

const IRREGULAR: Record<string, string[]> = {
  say: ['said', 'says', 'saying', 'say'],
  tell: ['told', 'tells', 'telling', 'tell'],
  write: ['wrote', 'writes', 'writing', 'written', 'write'],
  think: ['thought', 'thinks', 'thinking', 'think'],
  find: ['found', 'finds', 'finding', 'find'],
  learn: ['learned', 'learnt', 'learns', 'learning', 'learn'],
  snap: ['snapped', 'snaps', 'snapping', 'snap'],
  quip: ['quipped', 'quips', 'quipping', 'quip'],
  chat: ['chatted', 'chats', 'chatting', 'chat'],
  read: ['read', 'reads'],
  show: ['showed', 'shown', 'shows', 'showing', 'show'],
};

const VOWELS = /[aeiou]/u;

function inflect(lemma: string): string[] {
  const irregular = IRREGULAR[lemma];
  if (irregular) return irregular;
  const forms = [lemma];
  if (/(s|sh|ch|x|z|o)$/u.test(lemma)) forms.push(`${lemma}es`);
  else if (/[^aeiou]y$/u.test(lemma)) forms.push(`${lemma.slice(0, -1)}ies`);
  else forms.push(`${lemma}s`);
  if (lemma.endsWith('e')) forms.push(`${lemma}d`, `${lemma.slice(0, -1)}ing`);
  else if (/[^aeiou]y$/u.test(lemma)) forms.push(`${lemma.slice(0, -1)}ied`, `${lemma}ing`);
  else if (/^[^aeiou]*[aeiou][^aeiouwxy]$/u.test(lemma) && VOWELS.test(lemma)) {
    // why: one-syllable CVC verbs double their last consonant (quip → quipped)
    const d = lemma + lemma.slice(-1);
    forms.push(`${d}ed`, `${d}ing`);
  } else forms.push(`${lemma}ed`, `${lemma}ing`);
  return forms;
}

/** Inflected form → its lemma, for single-word reporting verbs. */
const FORM_TO_LEMMA = new Map<string, string>();
for (const lemma of CLAUSE_VERBS) {
  if (lemma.includes(' ')) continue;
  for (const f of inflect(lemma)) if (!FORM_TO_LEMMA.has(f)) FORM_TO_LEMMA.set(f, lemma);
}
// "point out" is handled as a verb + particle
for (const f of inflect('point')) FORM_TO_LEMMA.set(f, 'point out');

/** Lemma of a reporting verb form ("told" → "tell"), or null. */
export function reportingLemma(normal: string): string | null {
  return FORM_TO_LEMMA.get(normal) ?? null;
}

// why: verbs that mostly take a plain object ("announced his resignation") close no reported clause: "…, X announced"
const NO_CUE_LAST: ReadonlySet<string> = new Set(
  words(
    'announce deny promise vow describe find learn show post signal disclose recommend propose demand urge plead ' +
      'advise continue echo reveal mention answer inform remind assure indicate charge hope fear worry',
  ),
);

/** Whether the verb can follow the words it reports ("…, said Smith", "…, Smith said"). */
export function inverts(lemma: string): boolean {
  return !NO_CUE_LAST.has(lemma);
}

/** Whether the lemma can introduce a reported clause without "that". */
export function takesBareClause(lemma: string): boolean {
  return !THAT_ONLY.has(lemma);
}

/** Forms that are reporting verbs even when the tagger calls them nouns. */
export const STRONG_FORMS = new Set([
  'said',
  'says',
  'say',
  'told',
  'tells',
  'wrote',
  'writes',
  'added',
  'adds',
  'argued',
  'argues',
  'noted',
  'notes',
  'explained',
  'explains',
  'claimed',
  'insisted',
  'insists',
  'warned',
  'warns',
  'stated',
  'states',
  'saying',
  'adding',
  'noting',
  'arguing',
  'telling',
  'asked',
  'replied',
  'responded',
  'tweeted',
  'quipped',
  'joked',
  'recalled',
  'recalls',
  'continued',
  'continues',
  'acknowledged',
  'admitted',
  'suggested',
  'confirmed',
  'announced',
  'reported',
  'reports',
  'quipped',
  'quips',
]);

/** Phrases after a verb that belong to the cue ("wrote in a statement", "said in a news release"). */
export const CUE_TAIL = rx('iu')`
    ^\s+(?:in|on|via|through)\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?(?:statement|release|news release|press release|email|e-mail|
      letter|interview|post|tweet|blog|complaint|filing|lawsuit|memo|report|note|message|speech|affidavit|video|podcast)\b(?:\s+on\s+(?:its|his|her|their|
      the)\s+(?:[\w-]+\s+){0,2}?(?:blog|website|site|account|page))?`;
