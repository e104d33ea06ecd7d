/**
 * newsflow's entity lexicons (data/lexicons, see SOURCES.md there), loaded once at import like the NLP model,
 * plus read-only access to compromise's own lexicon to tell common words from names.
 */
import { readFileSync } from 'node:fs';
import nlp from 'compromise';

// why: src/extractors/entities and dist/extractors/entities both sit three levels below the project root
const DIR = new URL('../../../data/lexicons/', import.meta.url);

function lines(file: string): string[] {
  return readFileSync(new URL(file, DIR), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Lower-cased key for lexicon lookups: case folded, curly apostrophes and dots dropped. */
export function lexKey(s: string): string {
  return s.toLowerCase().replace(/[’']/gu, "'").replace(/\./gu, '');
}

function phraseMap(file: string): Map<string, string> {
  return new Map(lines(file).map((l) => [lexKey(l), l]));
}

const ALL_FIRST_NAMES = lines('first-names.txt').map((l) => l.toLowerCase());
/** Single words of company names (weak evidence alone), lower case. */
export const COMPANY_WORDS: ReadonlySet<string> = new Set(lines('companies.txt').map((l) => l.toLowerCase()));
/** News outlets: lexKey → name as written. */
export const MEDIA: ReadonlyMap<string, string> = phraseMap('media.txt');
/** Government bodies, parties and intergovernmental organizations: lexKey → name as written. */
export const GOVERNMENT: ReadonlyMap<string, string> = phraseMap('government.txt');
/** Longest phrase (in words) of the phrase lexicons, to bound lookups. */
export const MAX_PHRASE = 6;

type Lexicon = Record<string, string | string[]>;
const compromiseLexicon = (nlp as unknown as { model(): { one: { lexicon: Lexicon } } }).model().one.lexicon;

const cache = new Map<string, readonly string[]>();
/** compromise's lexicon tags for a lower-case word ([] when it does not know it). */
export function lexiconTags(lower: string): readonly string[] {
  let tags = cache.get(lower);
  if (!tags) {
    const t = compromiseLexicon[lower];
    tags = t === undefined ? [] : Array.isArray(t) ? t : String(t).split(',');
    cache.set(lower, tags);
  }
  return tags;
}

const NAME_TAGS = new Set([
  'MaleName',
  'FemaleName',
  'FirstName',
  'LastName',
  'Person',
  'Organization',
  'SportsTeam',
  'ProperNoun',
  'Place',
  'Country',
  'City',
  'Region',
  'Demonym',
  'Honorific',
]);
/** True when compromise knows the word as something other than a name or a place (a verb, an adjective…). */
export function isCommonWord(lower: string): boolean {
  return lexiconTags(lower).some((t) => !NAME_TAGS.has(t));
}

/** A word of the company list that compromise knows as no common word ("Lockheed", "Intel"): a firm's name. */
export function isCompanyWord(lower: string): boolean {
  return COMPANY_WORDS.has(lower) && !isCommonWord(lower);
}

/**
 * The ordinary words of English (SCOWL's common sizes, data/lexicons/dictionary-words.txt), lower case: a wider net than
 * compromise's lexicon, which infers most nouns ("relations", "mall", "strategist") instead of listing them.
 */
const DICTIONARY_WORDS: ReadonlySet<string> = new Set(lines('dictionary-words.txt'));

/** True when the lower-case word is an ordinary English word by compromise's lexicon or by the dictionary list. */
export function isDictionaryWord(lower: string): boolean {
  return isCommonWord(lower) || DICTIONARY_WORDS.has(lower);
}

/** The plural of an ordinary English word ("relations", "fiestas", "policies"). */
export function isPluralOfWord(lower: string): boolean {
  return lower.length > 3 && lower.endsWith('s') && [lower.slice(0, -1), lower.replace(/es$/u, ''), lower.replace(/ies$/u, 'y')].some(isDictionaryWord);
}

/** Given names that are not common words (lower case): "kevin", not "frank" or "will". */
export const FIRST_NAMES: ReadonlySet<string> = new Set(ALL_FIRST_NAMES.filter((n) => !isCommonWord(n)));
/** Given names that are also common words ("frank", "jean", "will"): names only with more evidence. */
export const COMMON_FIRST_NAMES: ReadonlySet<string> = new Set(ALL_FIRST_NAMES.filter((n) => isCommonWord(n)));
/** Every given name of the lexicon, common words among them ("jack", "mark"), lower case. */
export const ANY_FIRST_NAME: ReadonlySet<string> = new Set(ALL_FIRST_NAMES);
