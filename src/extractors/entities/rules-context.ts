/**
 * Classification rules, part two: titles, appositions, roles and names around a chunk, then weaker shape guesses.
 */
import { type ChunkView, neither, organization, person, type Rule } from './rule.js';
import { COMPANY_WORDS, FIRST_NAMES, isCommonWord, isCompanyWord, lexiconTags, lexKey } from './lexicons.js';
import {
  isCountry,
  isPlace,
  isKnownPlace,
  isFirstName,
  isInitial,
  isNumber,
  lastWord,
  letterWords,
  lastLower,
  personAppositionAfter,
  STRONG_BUSINESS_CUES,
  titleBefore,
} from './surroundings.js';
import { BUSINESS_CUES, COMMON_ACRONYMS, EMPLOYER_ROLES, isSlashTitle, KIN_NOUNS, ORG_NOUNS, ORG_SUFFIXES, PERSON_TITLES, PLACE_ACRONYMS } from './words.js';

/** What a firm has that a person has not: "Comelf's six-month output", "Tarvex's cables division". */
const FIRM_PARTS = new Set(['output', 'division', 'divisions', 'subsidiaries', 'plants', 'factories', 'turnover']);

/**
 * "Comelf's six-month output rose": a possessive name, then up to two lower-case modifiers, then a word of a firm's
 * parts or business. why the modifiers: the cue rule reads the next word only, and "six-month" stands between
 */
function possessiveBusiness(c: ChunkView): boolean {
  if (!lastWord(c).possessive) return false;
  for (let k = lastWord(c).index + 1, n = 0; k < c.toks.length && n < 3; k++, n++) {
    const t = c.toks[k]!;
    if (t.cap || t.line !== lastWord(c).line) return false;
    if (FIRM_PARTS.has(t.lower) || (n > 0 && BUSINESS_CUES.has(t.lower))) return true;
    if (t.breakAfter) return false;
  }
  return false;
}

/** Rules read from the words around the chunk, then weaker guesses from its shape, tried after SHAPE_RULES. */
export const CONTEXT_RULES: readonly Rule[] = [
  {
    name: 'person-title',
    test: (c) =>
      // why not possessive: "Queen's Park", "King's College" name a place, not a title before a name
      c.prev &&
      !c.words[0]!.initial &&
      !c.prev.breakAfter &&
      !c.prev.possessive &&
      // why the slash: "Rapper/actor Ludacris", "Singer/songwriter Ann Berg" join two titles
      (titleBefore(c) || isSlashTitle(c.prev.lower)) &&
      !c.words.some(isPlace)
        ? person(true)
        : null,
  },
  {
    // why: "her son Kody Cook", "Musk's brother, Kimbal,": a kinship noun right before a name (or before it and a comma)
    // introduces a person
    name: 'kin-before',
    test: (c) => {
      const p = c.prev;
      if (!p || p.cap || p.line !== c.words[0]!.line || !KIN_NOUNS.has(p.lower) || !/^(\s+|,\s*)$/u.test(c.words[0]!.gap)) return null;
      // why not a word with a full stop before a given name: "Vickers' son, Const. Andrew Vickers" opens with a title
      const abbreviation = c.words.length === 1 && !!c.next && /^\.\s/u.test(c.next.gap) && isFirstName(c.next);
      return c.words.some(isPlace) || c.words[0]!.initial || abbreviation ? null : person(true);
    },
  },
  {
    name: 'initials',
    test: (c) =>
      c.words.length >= 2 &&
      isInitial(c.words[0]!) &&
      // why: "U.S. Opens", "U.K. Treasury": a place's dotted acronym is no person's initial
      !PLACE_ACRONYMS.has(c.words[0]!.lower.replace(/\./gu, '')) &&
      !c.words[c.words.length - 1]!.dotted &&
      !isKnownPlace(c.words[c.words.length - 1]!)
        ? person(true)
        : null,
  },
  {
    name: 'first-name',
    test: (c) =>
      c.words.length >= 2 &&
      c.words.length <= 4 &&
      isFirstName(c.words[0]!, c.words[1]) &&
      !isKnownPlace(c.words[c.words.length - 1]!) &&
      !c.words.some((w) => w.text === '&') &&
      // why: "Martin Toyota", "Lotus Honda": a company's word last is a team or a firm, unless it is a known surname
      !(isCompanyWord(lastLower(c)) && !lexiconTags(lastLower(c)).includes('LastName') && !FIRST_NAMES.has(lastLower(c))) &&
      !c.words.some((w) => w.upper && w.text.length > 1)
        ? person(true)
        : null,
  },
  {
    // why: "Lena Hart, an Australian woman, said": an apposition headed by a noun for a person says the name is one
    // (weak: the learned layer reviews it); a name that is all place names stays a place ("Arden, a town")
    name: 'person-apposition-after',
    test: (c) => (c.words.length <= 3 && !letterWords(c).every(isPlace) && personAppositionAfter(c) ? person(false) : null),
  },
  {
    // why: in results tables a team's name opens the row and numbers follow ("Harwich 12 8 3")
    name: 'table-row',
    // why: national teams are places in news tables (a country), clubs named after towns are organizations;
    // a number and a dash or dot before a name is a shirt number or a rank ("9 - Tom Hale", "3. Ann Berg")
    test: (c) =>
      c.words[0]!.tableLine &&
      !c.words.some(isCountry) &&
      !(isNumber(c.prev) && /[-–.]/u.test(c.words[0]!.gap)) &&
      // why: a row's name is followed by its figures; "-- Amsterdam newsroom +31 20 504 5000" is a contact line
      ((!!c.next && /^\d{1,3}$/u.test(c.next.text) && !c.words[c.words.length - 1]!.breakAfter) ||
        ((!c.prev || c.prev.line !== c.words[0]!.line) && !(c.next && c.next.line === c.words[0]!.line && /^\p{Ll}/u.test(c.next.text))))
        ? organization('other', false)
        : null,
  },
  {
    // why: "Grumman Harris", "Lockheed Edwin": a company's word that is no common word outweighs a person-like shape
    name: 'company-name-word',
    test: (c) =>
      c.words.length >= 2 &&
      c.words.length <= 3 &&
      !isFirstName(c.words[0]!, c.words[1]) &&
      !c.words.some(isPlace) &&
      c.words.some((w) => isCompanyWord(w.lower))
        ? organization('company', false)
        : null,
  },

  {
    // why: an apposition names the kind: "news agency Carvpress", "newspaper Harbor Star", "chain Tarvex"
    name: 'org-apposition',
    test: (c) => {
      const kind = c.prev && !c.words[0]!.initial ? ORG_NOUNS.get(c.prev.lower) : undefined;
      return kind && !c.words.some(isPlace) ? organization(kind, true) : null;
    },
  },
  {
    // why: "Disney veteran Kevin Mayer", "Microsoft CEO", "Tesco chief executive": an employer before a role
    name: 'employer-role',
    test: (c) => {
      const n = c.next;
      const role = !!n && !c.words[c.words.length - 1]!.breakAfter && EMPLOYER_ROLES.has(n.lower.replace(/\.$/u, ''));
      // why: "Company president Ann Berg" opens a sentence with a plain noun; "Council President" names the council
      const generic = c.words.length === 1 && ORG_SUFFIXES.has(c.words[0]!.lower);
      if (!role || c.words.some(isPlace) || isFirstName(c.words[0]!, c.words[1]) || (generic && c.words[0]!.initial)) return null;
      return organization(generic ? ORG_SUFFIXES.get(c.words[0]!.lower)! : 'company', false);
    },
  },

  {
    // why: common acronyms (UTC, VIP, CEO, GDP) are not organizations
    name: 'common-acronym',
    test: (c) => (c.words.length === 1 && COMMON_ACRONYMS.has(lexKey(c.words[0]!.text)) ? neither(true) : null),
  },
  {
    // why: a lone name in quotation marks is a code name, a nickname or a title ("the kernel, “Orca”,"), not a person
    name: 'quoted-word',
    test: (c) => {
      const w = c.words[0]!;
      const after = c.next ? c.next.gap : '';
      return c.words.length === 1 && /["“]\s*$/u.test(w.gap) && /^[,.]?["”]/u.test(after) && !w.possessive ? neither(false) : null;
    },
  },
  {
    name: 'compromise-person',
    test: (c) => {
      const w = letterWords(c);
      const tagged = w.some((t) => t.tags.has('Person') && !t.tags.has('Honorific') && !(t.upper && t.text.length > 1));
      const other = w.some((t) => t.tags.has('Organization') || isPlace(t) || t.tags.has('SportsTeam'));
      // why: compromise guesses "Ericsson" a person from its ending; the company list (no surnames, no given names) knows it
      const company = c.words.length === 1 && COMPANY_WORDS.has(c.words[0]!.lower) && lexiconTags(c.words[0]!.lower).length === 0;
      return tagged && !other && !company ? person(c.words.length >= 2) : null;
    },
  },
  { name: 'sports-team', test: (c) => (c.words.some((w) => w.tags.has('SportsTeam')) ? organization('other', true) : null) },
  { name: 'place-acronym', test: (c) => (PLACE_ACRONYMS.has(lexKey(c.words.map((w) => w.text).join(' '))) ? neither(true) : null) },
  { name: 'place', test: (c) => (letterWords(c).every(isPlace) ? neither(false) : null) },
  { name: 'compromise-org', test: (c) => (c.words.some((w) => w.tags.has('Organization') && !isPlace(w)) ? organization(null, false) : null) },
  {
    name: 'acronym',
    test: (c) => (c.words.length === 1 && c.words[0]!.upper && /^[\p{Lu}&.]{2,6}$/u.test(c.words[0]!.text) ? organization(null, false) : null),
  },
  {
    // why: "X shares", "X's chief executive", "X customers": business words right after a name
    name: 'business-context',
    test: (c) => {
      // why: a sentence's first word before a noun is often a compound ("Retail sales", "Cloud revenue")
      const initialWord = c.words.length === 1 && c.words[0]!.initial;
      const cue = !!c.next && BUSINESS_CUES.has(c.next.lower) && (!initialWord || STRONG_BUSINESS_CUES.has(c.next.lower));
      return (cue || possessiveBusiness(c)) && !letterWords(c).every((w) => isCommonWord(w.lower)) ? organization('company', false) : null;
    },
  },
  {
    // why: dictionary words like "Total" or "One" are companies only mid-sentence, where capitals mean a name
    name: 'company-word',
    test: (c) => {
      // why: a word alone on its line is a menu item or a section label ("Business", "Tech"), not a company
      const alone = c.words.length === 1 && (!c.prev || c.prev.line !== c.words[0]!.line) && (!c.next || c.next.line !== c.words[0]!.line);
      // why: "the Third test", "First one-day match": an ordinal or number word is no company on its own
      const numberWord = c.words.length === 1 && lexiconTags(c.words[0]!.lower).includes('TextValue');
      return !alone && !numberWord && c.words.length <= 2 && c.words.some((w) => COMPANY_WORDS.has(w.lower) && (!w.initial || !isCommonWord(w.lower)))
        ? organization('company', false)
        : null;
    },
  },
  {
    // why: "Racing Harlow", "Sporting Tarn": a name ending in a city is a club or a company's branch
    name: 'name-then-city',
    test: (c) =>
      c.words.length >= 2 && isPlace(c.words[c.words.length - 1]!) && !isPlace(c.words[0]!) && !isFirstName(c.words[0]!) ? organization('other', false) : null,
  },
  {
    // why: an acronym inside a name ("UK MOD", "IBM Europe") marks an organization, never a person
    name: 'acronym-inside',
    test: (c) =>
      // why not a common acronym: "Mac OS X", "IPO FILING" hold a generic one ("OS", "IPO"), which marks no organization
      c.words.some(
        (w) => w.upper && /^[\p{Lu}&]{2,6}$/u.test(w.text) && !/^[IVX]+$/u.test(w.text) && !PLACE_ACRONYMS.has(w.lower) && !COMMON_ACRONYMS.has(lexKey(w.text)),
      )
        ? organization(null, false)
        : null,
  },
  {
    name: 'common-words',
    test: (c) => (letterWords(c).every((w) => isCommonWord(w.lower)) && (c.words[0]!.initial || c.words.length > 1) ? neither(false) : null),
  },
  {
    // why: "an analyst at Tarn Research", "a reporter for the Harlow Star": where a role works is an organization
    name: 'role-at',
    test: (c) => {
      const p = c.prev;
      const p2 = p ? c.toks[p.index - 1] : undefined;
      const role = !!p2 && (p2.tags.has('Actor') || PERSON_TITLES.has(p2.lower)) && !p2.tags.has('Person') && !p2.cap;
      // why: "general manager of Tarvex", "chief executive of Tarvex": a company's officer is "of" it
      const officer =
        !!p2 &&
        p?.lower === 'of' &&
        /^(manager|executive|officer|director|chairman|chairwoman|president|ceo|cfo|founder|owner|editor|shareholder|shareholders)$/u.test(p2.lower);
      if (!p || !((/^(at|for)$/u.test(p.lower) && role) || officer) || p.breakAfter || letterWords(c).every(isPlace)) return null;
      const kind = !officer ? null : p2!.lower === 'editor' ? 'media' : /^(chairman|chairwoman|president|director)$/u.test(p2!.lower) ? null : 'company';
      return organization(kind, false);
    },
  },
  {
    // why: two or three unknown capitalized words that are not common words are most often a person's name
    name: 'unknown-pair',
    test: (c) =>
      c.words.length >= 2 &&
      c.words.length <= 3 &&
      c.words.filter((w) => isCommonWord(w.lower)).length <= (c.words.length === 3 ? 1 : 0) &&
      !isKnownPlace(c.words[0]!) &&
      !c.words.some((w) => w.upper && w.text.length > 1)
        ? person(false)
        : null,
  },
];
