/**
 * Candidate names: runs of capitalized words in mixed-case text, and lexicon phrases (outlets, government bodies).
 * Classification happens in classify.ts; headline (capitals) lines are matched later against the document's names.
 */
import {
  ANY_FIRST_NAME,
  COMPANY_WORDS,
  FIRST_NAMES,
  GOVERNMENT,
  isCommonWord,
  isCompanyWord,
  isDictionaryWord,
  isPluralOfWord,
  lexiconTags,
  lexKey,
  MAX_PHRASE,
  MEDIA,
} from './lexicons.js';
import { standingsName } from './sports-report.js';
import type { ETok } from './tokens.js';
import {
  JOB_TITLE_HEADS,
  LEADING_TITLES,
  PERSON_TITLES,
  LEGAL_FORMS,
  NAME_PARTICLES,
  NEVER_NAME,
  isSlashTitle,
  OF_HEADS,
  ORG_SUFFIXES,
  OTHER_HEADS,
  PLACE_ACRONYMS,
  suffixKey,
} from './words.js';

/** A candidate name: tokens first..last (inclusive). */
export interface Chunk {
  first: number;
  last: number;
  /** Set when a phrase lexicon matched the whole chunk. */
  lexicon: 'media' | 'government' | null;
}

const PLACE_PREFIXES = new Set(
  'new san santa los las st saint ste mt mount fort ft port lake north south east west upper lower great little old el la le'.split(' '),
);
const ORG_CONNECTORS = new Set(['of', 'for', 'and', 'in', 'on']);

/** Capitalized words that break a name: a person's title is not part of the name ("President Donald Trump"). */
export const TITLE_BREAKERS: ReadonlySet<string> = new Set(
  (
    'mr mrs ms miss dr prof president premier chancellor senator sen rep gov governor mayor pope sheikh ceo cfo coo ' +
    'chairman chairwoman spokesman spokeswoman coach ayatollah minister prime secretary ambassador vice councilman ' +
    'councilwoman councillor councilor alderman selectman selectwoman harbormaster director'
  ).split(' '),
);

/** A common word at a sentence's start, plural forms included ("Exports", "Voters"). */

function commonInitial(t: ETok): boolean {
  const w = t.lower;
  if (t.tags.has('ProperNoun') && !t.tags.has('Plural')) return false;
  const forms = [w, w.replace(/s$/u, ''), w.replace(/es$/u, ''), w.replace(/ies$/u, 'y')];
  return forms.some((f) => f.length > 1 && isCommonWord(f)) || (t.tags.has('Plural') && !t.tags.has('ProperNoun'));
}

function nameWord(t: ETok | undefined): boolean {
  if (!t?.cap || t.capsLine || !/\p{L}/u.test(t.text)) return false;
  // why: "St Albans", "Mt Everest" open a name even at a line's start
  if (PLACE_PREFIXES.has(t.lower) && t.text.length <= 4 && !NEVER_NAME.has(t.lower)) return true;
  // why: airlines open sentences as "Air Carvania has ordered…"
  if (t.text === 'Air' && t.initial && !t.breakAfter) return true;
  // why: ordinals, measures, money and contractions ("21st", "40kg", "US$", "I'm") are never names
  if (/\p{N}/u.test(t.text) && !COMPANY_WORDS.has(t.lower)) return false;
  if (/[$€£¥%]|['’](m|ll|d|ve|re|t)$/iu.test(t.text)) return false;
  // why: "Mo.-based", "Paris-born" say where a name is from; the name starts after them ("London-based Barclays")
  if (/-(based|born|bred|raised|headquartered)$/iu.test(t.text)) return false;
  if (TITLE_BREAKERS.has(t.lower.replace(/\.$/u, ''))) return false;
  if (NEVER_NAME.has(t.lower) && !(t.upper && t.text.length > 1) && !t.dotted) return false;
  // why: the first word of a sentence is capitalized anyway; keep it only when it looks like a name
  // why: a company's name that is no dictionary word stays ("Oracle said"), but a plain plural does not ("Sales fell")
  const plainPlural = t.tags.has('Plural') && !t.tags.has('ProperNoun');
  if (t.initial && commonInitial(t) && !FIRST_NAMES.has(t.lower) && !(isCompanyWord(t.lower) && !plainPlural)) {
    return false;
  }
  return true;
}

/** Lower-case words hyphen-joined to a name that make a compound, not a given name ("Kremlin-led", "Trump-era"). */
const COMPOUND_TAILS = new Set('led run era old new based born owned made style like free wide backed linked held age'.split(' '));

/**
 * A romanized Korean given name's second syllable, written in lower case after a hyphen ("Kim Jong-un", "Moon Jae-in",
 * "Ri Sol-ju"): a short lower-case word joined to a capitalized word of a name that is no common word.
 */
function givenNameSyllable(cur: ETok, nx: ETok): boolean {
  return /^\p{Ll}{1,4}$/u.test(nx.text) && !COMPOUND_TAILS.has(nx.lower) && cur.cap && !cur.upper && !isCommonWord(cur.lower);
}

/**
 * 'Roberto "Hands of Stone" Duran', 'Hector "Macho" Camacho': a given name, a nickname of up to four words in quotation
 * marks, then the surname make one name. Returns the surname's index, or -1.
 */
function nicknameEnd(toks: ETok[], g: number): number {
  const given = toks[g]!;
  if (!FIRST_NAMES.has(given.lower) || given.breakAfter || given.possessive || !/^\s*["“]$/u.test(toks[g + 1]?.gap ?? '')) return -1;
  for (let k = g + 1; k < toks.length - 1 && k <= g + 4; k++) {
    const w = toks[k]!;
    if (w.line !== given.line || !(w.cap || NAME_PARTICLES.has(w.text) || w.lower === 'of' || w.lower === 'the')) return -1;
    const surname = toks[k + 1]!;
    if (/^["”]\s+$/u.test(surname.gap)) return nameWord(surname) && surname.line === given.line ? k + 1 : -1;
  }
  return -1;
}

/** Phrase-lexicon match starting at token i: the last token index, or -1. */
function phraseAt(toks: ETok[], i: number): { last: number; kind: 'media' | 'government' } | null {
  const t = toks[i]!;
  if (!t.cap) return null;
  let key = '';
  let found: { last: number; kind: 'media' | 'government' } | null = null;
  for (let j = i; j < toks.length && j < i + MAX_PHRASE; j++) {
    const u = toks[j]!;
    if (u.line !== t.line) break;
    key += (j > i ? ' ' : '') + lexKey(u.text);
    // why: a name ends in a capitalized word: in "the Xinhua news agency" the lower-case words describe the outlet
    const named = j === i || u.cap;
    if (named && MEDIA.has(key)) found = { last: j, kind: 'media' };
    else if (named && GOVERNMENT.has(key)) found = { last: j, kind: 'government' };
    if (u.breakAfter || u.possessive) break;
  }
  // why: short one-word entries (AP, UN, PA) must be written as listed to be names, not words ("Fed" yes, "fed" no)
  if (found && found.last === i && t.text.length <= 3 && !t.upper && (found.kind === 'media' ? MEDIA : GOVERNMENT).get(lexKey(t.text)) !== t.text) return null;
  // why: "Vice Premier Liu He", "Vice Chairman Ann Berg": a one-word entry that is also a title word, before a title, is
  // the title ("Vice" the outlet is no title)
  const next = toks[i + 1];
  if (found && found.last === i && LEADING_TITLES.has(t.lower) && !t.breakAfter && next?.cap && PERSON_TITLES.has(next.lower)) return null;
  return found;
}

/** True when the capitalized run starting at k ends in a legal form ("Ltd", "Inc") within three words. */
function legalFormAhead(toks: ETok[], k: number): boolean {
  for (let m = k; m < toks.length && m < k + 3; m++) {
    const t = toks[m]!;
    if (!nameWord(t) || t.line !== toks[k - 1]!.line) return false;
    if (LEGAL_FORMS.has(suffixKey(t.lower))) return true;
    if (t.breakAfter || t.possessive) return false;
  }
  return false;
}

/**
 * "Organisation for Security and Cooperation in Europe (OSCE)": an acronym in brackets after the place, starting with
 * the name's first letter and holding the place's, says the place is part of the name.
 */
function acronymTakesPlace(toks: ETok[], first: number, place: number): boolean {
  let e = place;
  while (e + 1 < toks.length && toks[e + 1]!.line === toks[place]!.line && nameWord(toks[e + 1]) && !toks[e]!.breakAfter && !/\(/u.test(toks[e + 1]!.gap)) e++;
  const a = toks[e + 1];
  if (!a?.upper || !/\(\s*$/u.test(a.gap)) return false;
  const letters = a.text.replace(/[^\p{Lu}]/gu, '');
  return letters.length >= 2 && letters[0] === toks[first]!.text[0] && letters.slice(1).includes(toks[place]!.text[0]!);
}

/**
 * True when the capitalized run starting at k ends in a company suffix within three words:
 * why: "Harlow Marine and Rail Company" is one name, though "and" usually separates two.
 */
function suffixAhead(toks: ETok[], k: number): boolean {
  for (let m = k; m < toks.length && m < k + 3; m++) {
    const t = toks[m]!;
    if (!nameWord(t) || t.line !== toks[k - 1]!.line) return false;
    if (ORG_SUFFIXES.get(t.lower) === 'company') return true;
    if (t.breakAfter || t.possessive) return false;
  }
  return false;
}

/** Find candidate chunks in mixed-case lines, in text order. */
export function findChunks(toks: ETok[]): Chunk[] {
  const out: Chunk[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    if (t.capsLine) {
      const row = capsRow(toks, i);
      if (row >= 0) out.push({ first: i, last: row, lexicon: null });
      i = Math.max(i, row) + 1;
      continue;
    }
    const row = standingsName(toks, i);
    if (row >= 0) {
      out.push({ first: i, last: row, lexicon: null });
      i = row + 1;
      continue;
    }
    const phrase = phraseAt(toks, i);
    if (!nameWord(t) && !phrase) {
      i++;
      continue;
    }
    let j = i;
    while (j < toks.length - 1) {
      const cur = toks[j]!;
      const nx = toks[j + 1]!;
      const nick = j === i ? nicknameEnd(toks, j) : -1;
      if (nick > 0) {
        j = nick;
        continue;
      }
      if (cur.breakAfter || (cur.possessive && !descriptiveGenitive(cur, nx)) || nx.line !== cur.line) break;
      // why: "Carver Air Flight 212": the airline's name ends before its flight number
      if (nx.lower === 'flight' && /^\d/u.test(toks[j + 2]?.text ?? '')) break;
      // why: "in the U.S. Walmart had planned": a place's full stop that compromise did not read as a sentence end
      if (/\.$/u.test(cur.text) && PLACE_ACRONYMS.has(lexKey(cur.text)) && toks[j + 2]?.tags.has('Verb')) break;
      // why: a corporate suffix ends the company's name ("Apple Inc. Steve Jobs")
      if (ORG_SUFFIXES.get(cur.lower) === 'company' && cur.dotted && ORG_SUFFIXES.get(nx.lower) !== 'company') break;
      if (cur.hyphenAfter && j > i && givenNameSyllable(cur, nx)) {
        j++;
        continue;
      }
      // why: compromise may end a sentence after an initial ("K. Smith"); the name goes on
      if (nameWord(nx) && (!nx.initial || (cur.dotted && cur.text.length <= 2))) {
        j++;
        continue;
      }
      // why: "Pieter van der Berg", "Charles de la Tour": particles come in runs
      let p = j + 1;
      while (p < toks.length - 1 && NAME_PARTICLES.has(toks[p]!.text) && NAME_PARTICLES.has(toks[p + 1]!.text) && !toks[p]!.breakAfter) p++;
      if (p > j + 1 && nameWord(toks[p + 1]) && toks[p + 1]!.line === cur.line && !toks[p]!.breakAfter) {
        j = p + 1;
        continue;
      }
      const after = toks[j + 2];
      // why: inside an organization's name, small words join ("Council for Science and Technology in Africa")
      const orgish = toks.slice(i, j + 1).some((w) => OF_HEADS.has(w.lower) || ORG_SUFFIXES.has(w.lower));
      // why: public bodies are named after where they work ("Relief Mission in Carvania"), companies are not ("Policy Group in Ohio")
      // why: a legal form ends a company's name: "Kia Motor Corp of South Korea" names the firm and where it is
      const located = ((nx.text === 'in' || nx.text === 'on') && ORG_SUFFIXES.get(cur.lower) === 'company') || LEGAL_FORMS.has(suffixKey(cur.lower));
      // why: "Bucknell University in Lewisburg", "the Hockey Club of Montreal": a known place after "in", "on" or an
      // "of" that no name head takes ("Bank of England" does) says where the organization is, not what it is called
      const placeAfter = !!after && lexiconTags(after.lower).some((t) => t === 'City' || t === 'Country' || t === 'Region' || t === 'Place');
      const placeAdjunct =
        placeAfter && (nx.text === 'in' || nx.text === 'on' || (nx.text === 'of' && !OF_HEADS.has(cur.lower))) && !acronymTakesPlace(toks, i, j + 2);
      const joins =
        nx.text === '&' ||
        (NAME_PARTICLES.has(nx.text) && !nx.breakAfter) ||
        (ORG_CONNECTORS.has(nx.text) &&
          orgish &&
          !nx.breakAfter &&
          !located &&
          !placeAdjunct &&
          !(nx.text === 'and' && (ORG_SUFFIXES.has(cur.lower) || OF_HEADS.has(cur.lower)))) ||
        (nx.text === 'and' && !nx.breakAfter && j > i && !ORG_SUFFIXES.has(cur.lower) && !cur.dotted && suffixAhead(toks, j + 2)) ||
        // why: "Gold Fields of South Africa Ltd": a legal form ahead makes "of" part of the name too, but not after a
        // person's name or a job title ("Lynn Hale of Harlow Banks Inc", "Chief Officer of Tarn Corp")
        (nx.text === 'of' &&
          !nx.breakAfter &&
          j > i &&
          !FIRST_NAMES.has(toks[i]!.lower) &&
          !JOB_TITLE_HEADS.has(cur.lower) &&
          !/^(head|chief|founder)$/u.test(cur.lower) &&
          legalFormAhead(toks, j + 2));
      // why: "the News Agency of Carvania and Iraqi News Agency": a nationality after "and" opens a second name
      if (joins && nameWord(after) && after!.line === cur.line && !(nx.text === 'and' && isDemonym(after!))) {
        j += 2;
        continue;
      }
      break;
    }
    // why: "Henry VIII", "Pope John Paul II", "Queen Elizabeth I": a regnal number ends the name
    if (regnalNumber(toks, i, j)) j++;
    if (phrase && phrase.last >= j) {
      out.push({ first: i, last: phrase.last, lexicon: phrase.kind });
      i = phrase.last + 1;
      continue;
    }
    // why: "al-Shabaab", "el-Sisi": the Arabic article hyphen-joined before a name belongs to it
    const article = i > 0 && /^(al|el)$/u.test(toks[i - 1]!.text) && toks[i - 1]!.hyphenAfter && toks[i - 1]!.line === t.line;
    out.push(trimChunk(toks, { first: article ? i - 1 : i, last: j, lexicon: phrase && phrase.last === j ? phrase.kind : null }));
    i = j + 1;
  }
  return out;
}

// why: "People's Republic", "Children's Hospital", "Women's Institute": a plural noun's genitive describes what follows
// (the descriptive genitive), so inside a name it does not end the name as a possessor's name does ("Apple's iPod")
const DESCRIPTIVE_GENITIVES = new Set(['people', 'children', 'women', 'men']);
const descriptiveGenitive = (cur: ETok, nx: ETok) => cur.cap && DESCRIPTIVE_GENITIVES.has(cur.lower) && nameWord(nx);

const ROMAN = /^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XVI{0,3}|XIX|XXI{0,3})$/u;
/** A Roman numeral as a regnal number is written ("VIII"). */
export const isRegnalNumber = (text: string) => ROMAN.test(text);
const MONARCHS = new Set('king queen pope emperor empress tsar czar tsarina kaiser prince princess sultan shah pharaoh'.split(' '));

/**
 * The token after a name (tokens i..j) is a regnal number: a Roman numeral of two letters or more ("Charles VI"), or
 * of one ("Elizabeth I", "Charles V") after a monarch's title, where "I" cannot be the pronoun.
 */
function regnalNumber(toks: ETok[], i: number, j: number): boolean {
  const num = toks[j + 1];
  const last = toks[j]!;
  if (!num || num.line !== last.line || last.breakAfter || last.possessive || last.upper || !ROMAN.test(num.text)) return false;
  const title = [toks[i], toks[i - 1]].some((t) => !!t && MONARCHS.has(t.lower));
  return num.text.length >= 2 || title;
}

/**
 * A common word, or the plural of one ("Relations", "Images" before a given name are a title's or a credit's), that is
 * no given name itself ("Mark Anthony", "Jack Ryan": a given name before another is a name).
 */
const commonWordOrPlural = (w: string) => !ANY_FIRST_NAME.has(w) && (isDictionaryWord(w) || isPluralOfWord(w));

/** "Rapper/actor", "Singer/songwriter": titles joined by a slash before a name are a title too. */

const isDemonym = (t: ETok) => t.tags.has('Demonym') || lexiconTags(t.lower).includes('Demonym');

/**
 * Cut leading titles and nationalities off a name ("Judge Anna Berg", "American Tom Hale"),
 * unless the last word makes the whole phrase a name of its own ("General Motors", "British Airways").
 */
function trimChunk(toks: ETok[], c: Chunk): Chunk {
  // why the suffix key: "EADS N.V." ends in a legal form as "EADS NV" does, so "European" before it stays
  const lastWord = suffixKey(toks[c.last]!.lower);
  if (c.lexicon || ORG_SUFFIXES.has(lastWord) || OTHER_HEADS.has(lastWord)) return c;
  let first = c.first;
  while (first < c.last && (LEADING_TITLES.has(toks[first]!.lower.replace(/\.$/u, '')) || isDemonym(toks[first]!) || isSlashTitle(toks[first]!.lower))) first++;
  // why: "Veteran Canadian Paul Hart": words before a given name that are not names themselves go
  for (let k = first + 1; k < c.last; k++) {
    if (!toks[k]!.cap || !FIRST_NAMES.has(toks[k]!.lower)) continue;
    const before = toks[k - 1]!;
    // why: not "New York", "San Jose": a place's first word is no adjective to cut
    const placeName = lexiconTags(toks[k]!.lower).some((t) => t === 'City' || t === 'Place' || t === 'Region');
    // why: "Jean-Michel Hale": a word hyphen-joined to the given name is part of it
    if (
      !placeName &&
      !before.hyphenAfter &&
      !PLACE_PREFIXES.has(before.lower) &&
      // why not before a hyphenated given name: "Moon Jae-in" is a Korean surname and given name, not "moon"
      ((commonWordOrPlural(before.lower) && !toks[k]!.hyphenAfter) || isDemonym(before) || LEADING_TITLES.has(before.lower))
    ) {
      first = k;
    }
    break;
  }
  return first === c.first ? c : { ...c, first };
}

/** A standings row in capitals ("BOSTON 70 60 .538"): the words before the first number, or -1. */
function capsRow(toks: ETok[], i: number): number {
  const t = toks[i]!;
  if (!t.tableLine || (i > 0 && toks[i - 1]!.line === t.line)) return -1;
  let j = i;
  while (j + 1 < toks.length && j - i < 3 && toks[j + 1]!.line === t.line && /^\p{L}[\p{L}.'-]*$/u.test(toks[j + 1]!.text)) j++;
  const next = toks[j + 1];
  return /^\p{L}/u.test(t.text) && next && next.line === t.line && /^\d+$/u.test(next.text) ? j : -1;
}
