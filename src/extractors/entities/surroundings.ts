/**
 * What the words of a candidate chunk and the words around it say: place and name tests, apposition heads, results
 * lines, kind hints. The classification rules (classify.ts) are written with these.
 */
import type { ChunkView } from './rule.js';
import { COMMON_FIRST_NAMES, FIRST_NAMES, isCommonWord, isDictionaryWord, lexiconTags } from './lexicons.js';
import type { ETok } from './tokens.js';
import { PERSON_TITLES, suffixKey } from './words.js';

export const PLACE_TAGS = ['Place', 'Country', 'City', 'Region', 'Address'];
export const isPlace = (t: ETok) => PLACE_TAGS.some((p) => t.tags.has(p)) || lexiconTags(t.lower).some((p) => PLACE_TAGS.includes(p));
// why: compromise guesses places from suffixes ("Hill"); for surnames only its lexicon counts
export const isKnownPlace = (t: ETok) => lexiconTags(t.lower).some((p) => PLACE_TAGS.includes(p));
/** A word compromise tags or lists as a surname ("Smith", "Baker"). */
const isSurname = (t: ETok) => t.tags.has('LastName') || lexiconTags(t.lower).includes('LastName');
// why: a given name that is also a word ("Frank", "Jean") counts only when the next word is no common word;
// "Land Development", "Bird Man": a given name that the dictionary knows as a word, before another dictionary word
// that is no surname, is a phrase of two words
export const isFirstName = (t: ETok, next?: ETok) =>
  (FIRST_NAMES.has(t.lower) && !(!!next && isDictionaryWord(t.lower) && isDictionaryWord(next.lower) && !isSurname(next))) ||
  (!!next && COMMON_FIRST_NAMES.has(t.lower) && !isCommonWord(next.lower) && !(isDictionaryWord(next.lower) && !isSurname(next))) ||
  t.tags.has('FirstName') ||
  t.tags.has('MaleName') ||
  t.tags.has('FemaleName');
export const isInitial = (t: ETok) => t.dotted && /^\p{Lu}(\.\p{Lu})*\.?$/u.test(t.text);
export const isNumber = (t: ETok | null) => !!t && /^[\d.,:/-]+$/u.test(t.text);
export const letterWords = (c: ChunkView) => c.words.filter((w) => /\p{L}/u.test(w.text));
export const lastLower = (c: ChunkView) => suffixKey(c.words[c.words.length - 1]!.lower);
export const lastWord = (c: ChunkView) => c.words[c.words.length - 1]!;
/** A person's title ("Senator", "Mr.") right before the chunk. */
export const titleBefore = (c: ChunkView) => !!c.prev && PERSON_TITLES.has(c.prev.lower.replace(/\.$/u, ''));
/** Past participles that make "X-based", "X-born" an origin or a seat: X is a place. */
export const PLACE_COMPOUNDS = new Set(['based', 'born', 'bred', 'raised', 'headquartered', 'area']);
export const DATE_TAGS = ['Holiday', 'Month', 'WeekDay', 'Date'];
/** Products named after their maker ("X jets"). */
export const PRODUCT_NOUNS = new Set(
  (
    'jet jets aircraft airliner airliners plane planes car cars truck trucks vehicles phone phones smartphone ' +
    'smartphones handsets computers laptops chips processors engines consoles tablets motorcycle motorcycles motorbikes'
  ).split(' '),
);
export const COMPASS = new Set(
  'western eastern northern southern central north south east west northwestern northeastern southwestern southeastern'.split(' '),
);
/** Towns and places that start with these words are never people ("Port Alden", "Lake Carver", "Fort Hale"). */
export const PLACE_STARTS = new Set('port fort ft mount mt lake san santa los las new saint st'.split(' '));
/** Head nouns of an apposition after a name that say what kind of organization it is ("X, a Leeds startup"). */
export const APPOSITION_HEADS: ReadonlyMap<string, 'company' | 'media' | 'government' | 'other'> = new Map([
  ...(
    'company firm startup start-up maker manufacturer retailer chain carrier airline bank lender insurer cooperative ' +
    'co-op provider supplier developer operator conglomerate automaker chipmaker subsidiary brand'
  )
    .split(' ')
    .map((w) => [w, 'company'] as const),
  ...'newspaper broadcaster publisher magazine tabloid daily weekly website'.split(' ').map((w) => [w, 'media'] as const),
  ...'charity nonprofit non-profit organization organisation association group club'.split(' ').map((w) => [w, 'other'] as const),
]);

/**
 * ", an Australian woman", ", a lawyer for the family": an apposition right after the chunk headed by a noun for a
 * person (compromise's Actor nouns: woman, lawyer, farmer, spokesman…). An organization noun heading it first ("a
 * software maker", see appositionKind) or a noun after the person noun ("a farmer cooperative") makes it no person's.
 */
export function personAppositionAfter(c: ChunkView): boolean {
  const last = lastWord(c);
  const a = c.next;
  if (last.possessive || !a || !/^,\s*$/u.test(a.gap) || a.line !== last.line || !/^(a|an)$/u.test(a.lower)) return false;
  for (let k = a.index + 1; k < c.toks.length && k <= a.index + 4; k++) {
    const w = c.toks[k]!;
    const after = c.toks[k + 1];
    const head = w.breakAfter || !after || !after.tags.has('Noun') || after.tags.has('Pronoun');
    if (w.tags.has('Actor') && !w.cap && !w.tags.has('Plural')) return head;
    if (APPOSITION_HEADS.has(w.lower) && head) return false;
    // why: modifiers come before the head ("a 32-year-old", "an Australian", "a former", "a software"); a preposition,
    // a verb or a name ends the phrase before a person noun did ("a haven for flower lovers")
    if (head || w.tags.has('Preposition') || w.tags.has('Verb') || w.tags.has('Determiner') || (w.cap && !w.tags.has('Demonym'))) return false;
  }
  return false;
}

/** The token after a chunk, past the text-less token a possessive "'s" leaves ("Harry's, another…", "Stella's Café"). */
export function tokenAfter(c: ChunkView): ETok | null {
  const n = c.next;
  return lastWord(c).possessive && n?.text === '' ? (c.toks[n.index + 1] ?? null) : n;
}

/** ", a Leeds startup developing…": the organization noun that heads an apposition right after the chunk, if any. */
export function appositionKind(c: ChunkView): 'company' | 'media' | 'government' | 'other' | null {
  const last = lastWord(c);
  // why a possessive may stand: "Harry's, another razor company" is a firm named for its founder
  const n = tokenAfter(c);
  if (!n || !/^,\s*$/u.test(n.gap)) return null;
  const a = n;
  if (a.line !== last.line || !/^(a|an|another)$/u.test(a.lower)) return null;
  for (let k = a.index + 1; k < c.toks.length && k <= a.index + 4; k++) {
    const w = c.toks[k]!;
    const kind = APPOSITION_HEADS.get(w.lower);
    const after = c.toks[k + 1];
    // why: the organization noun must head the phrase: "a company spokeswoman" is a person
    if (kind) return w.breakAfter || !after || !(after.tags.has('Actor') || PERSON_TITLES.has(after.lower)) ? kind : null;
    if (w.breakAfter) return null;
  }
  return null;
}

/** The chunk is one of the two names of a line shaped "Name 2 Name 0" (a trailing bracket allowed). */
export function resultPair(c: ChunkView): boolean {
  const line = c.words[0]!.line;
  let a = c.words[0]!.index;
  while (a > 0 && c.toks[a - 1]!.line === line) a--;
  const shape: string[] = [];
  for (let k = a; k < c.toks.length && c.toks[k]!.line === line; k++) {
    const t = c.toks[k]!;
    if (/^\(/u.test(t.gap.trim())) break;
    const kind = /^\d{1,3}$/u.test(t.text) ? 'n' : /^\p{Lu}/u.test(t.text) ? 'w' : 'x';
    if (shape[shape.length - 1] !== kind || kind !== 'w') shape.push(kind);
  }
  return shape.join('') === 'wnwn';
}

/** Business cues that do not form compound nouns with a common word before them. */
export const STRONG_BUSINESS_CUES = new Set(['shares', 'shareholders', 'ceo', 'cfo', 'spokesman', 'spokeswoman', 'spokesperson', 'chief']);

/**
 * The kind a name's words say beyond its head word.
 * why: "News Agency of Carvania" is an outlet, not a state agency; "Bank of Carvania", "Central Bank", "Reserve Bank"
 * are central banks, which are government bodies.
 */
export function refineKind(words: ETok[], kind: 'company' | 'media' | 'government' | 'other'): 'company' | 'media' | 'government' | 'other' {
  const lower = words.map((w) => w.lower);
  if (lower.includes('news') && /^(agency|service|bureau)$/u.test(lower.find((w) => /^(agency|service|bureau)$/u.test(w)) ?? '')) return 'media';
  const bank = lower.indexOf('bank');
  if (bank >= 0) {
    if (bank > 0 && /^(central|reserve)$/u.test(lower[bank - 1]!)) return 'government';
    if (
      lower[bank + 1] === 'of' &&
      words[bank + 2] &&
      (words[bank + 2]!.tags.has('Country') || lexiconTags(lower[bank + 2]!).includes('Country')) &&
      bank + 2 === words.length - 1
    )
      return 'government';
  }
  return kind;
}

/**
 * A dateline opening at token i, the first of its line: a capitalized place, then a date within eight tokens ("NEW
 * YORK 1996-08-30", "ARLINGTON, Texas 1996-08-31", "LONDON, Dec 7"), nothing but capitalized words before the date. The
 * index of the date, or -1. A line that opens
 * with its date is an itinerary or a schedule ("May 17 v Harwich"), not a dateline. A dateline names the place a story
 * was filed from, never a person, a team or a company.
 */
export function datelineEnd(toks: readonly ETok[], i: number): number {
  const t = toks[i]!;
  if (!t.cap || toks[i - 1]?.line === t.line || t.tags.has('Month') || /^\d/u.test(t.text)) return -1;
  for (let k = i + 1; k < toks.length && toks[k]!.line === t.line && k < i + 8; k++) {
    if (/^\d{4}-\d{2}-\d{2}$/u.test(toks[k]!.text) || toks[k]!.tags.has('Month')) return k;
    // why: only the place (and its region) stands before the date: "Jobs, born in San Francisco on February 24" is prose
    if (!toks[k]!.cap) return -1;
  }
  return -1;
}

/** Marks (1) the tokens of the document's datelines, before their dates. */
export function datelineTokens(toks: readonly ETok[]): Uint8Array {
  const out = new Uint8Array(toks.length);
  for (let i = 0; i < toks.length; i++) {
    if (toks[i - 1]?.line === toks[i]!.line) continue;
    const end = datelineEnd(toks, i);
    if (end > i) out.fill(1, i, end);
  }
  return out;
}

/** A country's name, by compromise's tag or lexicon: national teams and countries are places, never clubs. */
export const isCountry = (t: ETok) => t.tags.has('Country') || lexiconTags(t.lower).includes('Country');
