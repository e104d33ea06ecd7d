/**
 * Classify a candidate chunk: person, organization (with a kind), or neither (a place, a nationality, a common word).
 * Rules are tried in order; the first that decides wins and is remembered as the mention's provenance.
 */
import type { OrganizationKind } from '../../domain/types.js';
import type { Chunk } from './chunks.js';
import { COMMON_FIRST_NAMES, COMPANY_WORDS, FIRST_NAMES, isCommonWord, lexiconTags, lexKey } from './lexicons.js';
import type { ETok } from './tokens.js';
import { BUSINESS_CUES, COMMON_ACRONYMS, EMPLOYER_ROLES, EXTRA_DEMONYMS, ORG_NOUNS, REGION_WORDS, JOB_TITLE_HEADS, ORG_SUFFIXES, OF_HEADS, OTHER_HEADS, PERSON_TITLES, PLACE_ACRONYMS } from './words.js';

export type Label = 'PER' | 'ORG' | 'NONE' | 'UNKNOWN';

/** What a rule decided about a chunk. */
export interface Decision {
  label: Label;
  kind: OrganizationKind | null;
  rule: string;
  /** Strong decisions are not overridden by document-level propagation. */
  strong: boolean;
}

/** A chunk in its surroundings, as rules see it. */
export interface ChunkView {
  toks: ETok[];
  words: ETok[];
  prev: ETok | null;
  next: ETok | null;
  lexicon: Chunk['lexicon'];
}

interface Rule {
  name: string;
  test(c: ChunkView): [Label, OrganizationKind | null, boolean] | null;
}

const PLACE_TAGS = ['Place', 'Country', 'City', 'Region', 'Address'];
const isPlace = (t: ETok) => PLACE_TAGS.some((p) => t.tags.has(p)) || lexiconTags(t.lower).some((p) => PLACE_TAGS.includes(p));
// why: compromise guesses places from suffixes ("Hill"); for surnames only its lexicon counts
const isKnownPlace = (t: ETok) => lexiconTags(t.lower).some((p) => PLACE_TAGS.includes(p));
// why: a given name that is also a word ("Frank", "Jean") counts only when the next word is no common word
const isFirstName = (t: ETok, next?: ETok) =>
  FIRST_NAMES.has(t.lower) ||
  (!!next && COMMON_FIRST_NAMES.has(t.lower) && !isCommonWord(next.lower)) ||
  t.tags.has('FirstName') || t.tags.has('MaleName') || t.tags.has('FemaleName');
const isInitial = (t: ETok) => t.dotted && /^\p{Lu}(\.\p{Lu})*\.?$/u.test(t.text);
const isNumber = (t: ETok | null) => !!t && /^[\d.,:/-]+$/u.test(t.text);
const letterWords = (c: ChunkView) => c.words.filter((w) => /\p{L}/u.test(w.text));
// why: "N.V.", "S.A." are the suffixes "nv", "sa"
const lastLower = (c: ChunkView) => c.words[c.words.length - 1]!.lower.replace(/\.$/u, '').replace(/^(\p{L})\.(\p{L})$/u, '$1$2');
const lastWord = (c: ChunkView) => c.words[c.words.length - 1]!;
/** Past participles that make "X-based", "X-born" an origin or a seat: X is a place. */
const PLACE_COMPOUNDS = new Set(['based', 'born', 'bred', 'raised', 'headquartered', 'area']);
const DATE_TAGS = ['Holiday', 'Month', 'WeekDay', 'Date'];
/** Products named after their maker ("X jets"). */
const PRODUCT_NOUNS = new Set(
  'jet jets aircraft airliner airliners plane planes car cars truck trucks vehicles phone phones smartphone smartphones handsets computers laptops chips processors engines consoles tablets'.split(' '),
);
const COMPASS = new Set('western eastern northern southern central north south east west northwestern northeastern southwestern southeastern'.split(' '));
/** Towns and places that start with these words are never people ("Port Alden", "Lake Carver", "Fort Hale"). */
const PLACE_STARTS = new Set('port fort ft mount mt lake san santa los las new saint st'.split(' '));
/** Head nouns of an apposition after a name that say what kind of organization it is ("X, a Leeds startup"). */
const APPOSITION_HEADS: ReadonlyMap<string, 'company' | 'media' | 'government' | 'other'> = new Map([
  ...('company firm startup start-up maker manufacturer retailer chain carrier airline bank lender insurer cooperative ' +
    'co-op provider supplier developer operator conglomerate automaker chipmaker subsidiary brand')
    .split(' ')
    .map((w) => [w, 'company'] as const),
  ...'newspaper broadcaster publisher magazine tabloid daily weekly website'.split(' ').map((w) => [w, 'media'] as const),
  ...'charity nonprofit non-profit organization organisation association group club'.split(' ').map((w) => [w, 'other'] as const),
]);

/** ", a Leeds startup developing…": the organization noun that heads an apposition right after the chunk, if any. */
function appositionKind(c: ChunkView): 'company' | 'media' | 'government' | 'other' | null {
  const last = lastWord(c);
  if (last.possessive || !/^,\s*$/u.test(c.next?.gap ?? '')) return null;
  const a = c.next!;
  if (a.line !== last.line || !/^(a|an)$/u.test(a.lower)) return null;
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

/** The ordered rules. */
export const RULES: readonly Rule[] = [
  { name: 'lexicon', test: (c) => (c.lexicon ? ['ORG', c.lexicon, true] : null) },
  {
    // why: "ISSUER: Carver County", "NOTE: figures are…": a capitals word before a colon is a field's label
    name: 'field-label',
    test: (c) => (c.words.every((w) => w.upper) && /^\s*:/u.test(c.next?.gap ?? '') ? ['NONE', null, true] : null),
  },
  {
    // why: holidays and months are dates ("Christmas sales", "Easter"), whatever their capitals
    name: 'date-word',
    test: (c) => (c.words.every((w) => DATE_TAGS.some((t) => w.tags.has(t))) ? ['NONE', null, true] : null),
  },
  {
    // why: cricket scorecards: "c Hale b Morel", "lbw b Patel": the names after the dismissal letters are players
    name: 'scorecard',
    test: (c) => (c.prev && c.prev.line === c.words[0]!.line && /^(b|c|st|lbw)$/u.test(c.prev.text) && !c.words.some(isPlace) ? ['PER', null, true] : null),
  },
  {
    // why: "the Austin-based chipmaker", "Ohio-born writer", "Data-center customers": a capitalized word joined to a
    // lower-case one is a compound word; with -based/-born it names a place
    name: 'hyphen-compound',
    test: (c) => {
      const n = c.next;
      if (!lastWord(c).hyphenAfter || !n || !/^\p{Ll}/u.test(n.text)) return null;
      return PLACE_COMPOUNDS.has(n.lower) || (c.words.length === 1 && c.words[0]!.initial) ? ['NONE', null, true] : null;
    },
  },
  {
    // why: "Boeing 737", "Airbus A320": a maker's name before a model number names a product
    name: 'maker-model',
    test: (c) => {
      const n = c.next;
      if (!n || c.words[0]!.tableLine || c.words[c.words.length - 1]!.breakAfter || c.words[c.words.length - 1]!.possessive) return null;
      const after = c.toks[c.words[c.words.length - 1]!.index + 2];
      const mixed = /^\p{Lu}{1,2}\d{2,4}[\p{L}\d-]*$|^\d{3}(s|-\d{3})$/u.test(n.text);
      const bare = /^\d{3}$/u.test(n.text) && !!after && (after.cap || after.tags.has('Plural')) && /^\p{L}+$/u.test(after.text);
      return mixed || bare
        ? ['NONE', null, true]
        : null;
    },
  },  {
    // why: "Chief Operating Officer", "Managing Director": a job title, not a name
    name: 'job-title',
    test: (c) => (JOB_TITLE_HEADS.has(lastLower(c)) ? ['NONE', null, true] : null),
  },  {
    // why: a dateline opens a story with its place in capitals ("PARIS 2020-05-04", "LYON, France 2020-05-04")
    name: 'dateline',
    test: (c) => {
      const w = c.words[0]!;
      if (!w.upper || (c.prev && c.prev.line === w.line)) return null;
      for (let k = c.words[c.words.length - 1]!.index + 1; k < c.toks.length && c.toks[k]!.line === w.line && k < w.index + 8; k++) {
        if (/^\d{4}-\d{2}-\d{2}$/u.test(c.toks[k]!.text) || c.toks[k]!.tags.has('Month')) return ['NONE', null, true];
      }
      return null;
    },
  },
  {
    // why: "Chinese", "European" name peoples and languages (MISC), not people or organizations
    name: 'demonym',
    test: (c) => {
      const demonym = (w: ETok) =>
        w.tags.has('Demonym') || w.tags.has('Language') || lexiconTags(w.lower).includes('Demonym') || EXTRA_DEMONYMS.has(w.lower);
      const compass = (w: ETok) => /^(north|south|east|west|northern|southern|eastern|western|central)$/u.test(w.lower);
      // why: compromise lacks many nationalities; an "-ish/-ese/-ian/-i" word before a lower-case noun is one ("Maltese government")
      const looksDemonym =
        c.words.length === 1 && /^\p{Lu}\p{Ll}+(ish|ese|ian|ean|i|ic)$/u.test(c.words[0]!.text) && !!c.next && /^\p{Ll}/u.test(c.next.text);
      return looksDemonym || (demonym(c.words[c.words.length - 1]!) && c.words.every((w) => demonym(w) || compass(w))) ? ['NONE', null, true] : null;
    },
  },
  { name: 'region', test: (c) => (c.words.every((w) => REGION_WORDS.has(w.lower)) || (c.words.length === 2 && REGION_WORDS.has(c.words[0]!.lower) && isKnownPlace(c.words[1]!)) ? ['NONE', null, true] : null) },
  {
    // why: "Russian Federation", "Soviet Union", "Federal Republic of Germany" are states, not organizations
    name: 'state-name',
    test: (c) => {
      const first = c.words[0]!;
      const statey = /^(federation|union|republic|kingdom|emirates)$/u.test(lastLower(c)) || /^(republic|kingdom)$/u.test(c.words[1]?.lower ?? '');
      const lead = first.tags.has('Demonym') || lexiconTags(first.lower).includes('Demonym') || /^(federal|democratic|people's|islamic|united|soviet)$/u.test(first.lower);
      return c.words.length >= 2 && statey && lead && !c.words.some((w) => w.upper && w.text.length > 1) ? ['NONE', null, true] : null;
    },
  },
  {
    name: 'org-suffix',
    test: (c) => {
      const kind = ORG_SUFFIXES.get(lastLower(c));
      return c.words.length >= 2 && kind ? ['ORG', refineKind(c.words, kind), true] : null;
    },
  },
  {
    // why: airlines are named "Air Canada", "Air India" as often as "Nordic Air"
    name: 'air-prefix',
    test: (c) => (c.words.length === 2 && c.words[0]!.text === 'Air' && !c.words[1]!.tags.has('Verb') ? ['ORG', 'company', true] : null),
  },
  {
    name: 'org-of-head',
    test: (c) => {
      const k = c.words.findIndex((w, k) => /^(of|for)$/u.test(w.text) && k > 0 && OF_HEADS.has(c.words[k - 1]!.lower));
      if (c.words.length < 3 || k < 0 || JOB_TITLE_HEADS.has(c.words[0]!.lower)) return null;
      // why: the head says the kind: "Department of Labor" is government, "Bank of Leeds" a company
      return ['ORG', refineKind(c.words, ORG_SUFFIXES.get(c.words[k - 1]!.lower) ?? 'other'), true];
    },
  },
  {
    // why: events, laws, products and facilities end with a telling head word ("World Cup", "Easter Parade", "Flight 12")
    name: 'other-head',
    test: (c) => (c.words.length >= 2 && OTHER_HEADS.has(lastLower(c)) ? ['NONE', null, true] : null),
  },
  {
    // why: lower-case-first brand words name products ("iPhone", "eReader Pro"), not organizations
    name: 'product-shape',
    test: (c) => {
      const lowerFirst = c.words.some((w) => /^\p{Ll}+\p{Lu}/u.test(w.text));
      // why: a camel-cased brand followed by a model word names a product ("PowerBook Pro"), unless a suffix makes it a firm
      const camelModel =
        c.words.length >= 2 && /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}/u.test(c.words[0]!.text) && !/^(Mc|Mac[A-Z]|O'|O’|D'|D’|De|Di|La|Le|Van)/u.test(c.words[0]!.text) &&
        !ORG_SUFFIXES.has(lastLower(c));
      return lowerFirst || camelModel ? ['NONE', null, true] : null;
    },
  },
  {
    // why: inner capitals ("ByteDance", "PayPal") and dotted brand names ("Musical.ly") are companies, not people
    name: 'brand-shape',
    test: (c) =>
      c.words.length === 1 && (/^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}/u.test(c.words[0]!.text) && !/^(Mc|Mac|O'|O’|D'|D’|De|Di|La|Le|Van)/u.test(c.words[0]!.text) || /^\p{Lu}\w+\.\p{Ll}{2,3}$/u.test(c.words[0]!.text))
        ? ['ORG', 'company', false]
        : null,
  },
  {
    // why: "Port Alden Mariners", "New Carver Hawks": a town's name before a capitalized plural names its team
    name: 'town-team',
    test: (c) => {
      const last = lastWord(c);
      const team = /^\p{Lu}\p{Ll}+s$/u.test(last.text) && !isPlace(last) && !isCommonWord(last.lower.replace(/s$/u, ''));
      return c.words.length >= 3 && PLACE_STARTS.has(c.words[0]!.lower.replace(/\.$/u, '')) && team ? ['ORG', 'other', false] : null;
    },
  },
  {
    // why: "Port Alden", "Lake Carver", "Fort Hale": names that start like a town's name are places, not people
    name: 'town-start',
    test: (c) =>
      c.words.length >= 2 && !c.words[0]!.tableLine && PLACE_STARTS.has(c.words[0]!.lower.replace(/\.$/u, '')) ? ['NONE', null, false] : null,
  },
  {
    // why: "Verna Cells, a Leeds startup developing…": an apposition headed by an organization noun
    name: 'org-apposition-after',
    test: (c) => {
      const kind = appositionKind(c);
      return kind ? ['ORG', kind, true] : null;
    },
  },
  {
    // why: "McAllister Douglas jets", "Norvik phones": the maker of a product named right after it is a company
    name: 'maker-product',
    test: (c) => {
      const n = c.next;
      // why: after a model number the name is the product's ("a 787 Skyliner aircraft")
      if (!n || lastWord(c).breakAfter || lastWord(c).possessive || c.words.some(isPlace) || isNumber(c.prev)) return null;
      return PRODUCT_NOUNS.has(n.lower) ? ['ORG', 'company', true] : null;
    },
  },
  {
    // why: "the western Pacific", "northern Carver": a compass adjective before a name makes it a region
    name: 'compass-place',
    test: (c) => (c.words.length === 1 && c.prev && !c.prev.breakAfter && COMPASS.has(c.prev.text) ? ['NONE', null, false] : null),
  },
  {
    // why: "the Harlow Star newspaper", "Tarn Weekly magazine": an outlet named before what it is
    name: 'outlet-noun-after',
    test: (c) => {
      const n = c.next;
      const kind = n && !lastWord(c).breakAfter && !lastWord(c).possessive ? ORG_NOUNS.get(n.lower) : undefined;
      return kind === 'media' && n!.lower !== 'agency' && !c.words.some(isPlace) ? ['ORG', 'media', true] : null;
    },
  },
  {
    // why: "in Everett, Washington": a name before a comma and a state or province is a town
    name: 'town-region',
    test: (c) => {
      const n = c.next;
      if (c.words.length > 2 || !n || !/^,\s*$/u.test(n.gap) || lastWord(c).possessive) return null;
      return lexiconTags(n.lower).includes('Region') && n.line === c.words[0]!.line ? ['NONE', null, false] : null;
    },
  },
  {
    // why: "Procter & Gamble", "Hale & Sons": an ampersand joins the names of a firm's partners, never one person's name
    name: 'ampersand',
    test: (c) => (c.words.length >= 3 && c.words.some((w) => w.text === '&') && !c.words.some(isPlace) ? ['ORG', 'company', true] : null),
  },
  {
    // why: results lines pair two teams with their scores ("Port Carver 2 Dunmore Rovers 0"); players are listed singly
    name: 'result-pair',
    test: (c) => (c.words[0]!.tableLine && resultPair(c) ? ['ORG', 'other', false] : null),
  },
  { name: 'person-title', test: (c) => (c.prev && !c.words[0]!.initial && !c.prev.breakAfter && PERSON_TITLES.has(c.prev.lower.replace(/\.$/u, '')) && !c.words.some(isPlace) ? ['PER', null, true] : null) },
  {
    name: 'initials',
    test: (c) =>
      c.words.length >= 2 && isInitial(c.words[0]!) && !c.words[c.words.length - 1]!.dotted && !isKnownPlace(c.words[c.words.length - 1]!)
        ? ['PER', null, true]
        : null,
  },
  {
    name: 'first-name',
    test: (c) =>
      c.words.length >= 2 && c.words.length <= 4 && isFirstName(c.words[0]!, c.words[1]) && !isKnownPlace(c.words[c.words.length - 1]!) &&
      !c.words.some((w) => w.text === '&') &&
      // why: "Martin Toyota", "Lotus Honda": a company's word last is a team or a firm, unless it is a known surname
      !(COMPANY_WORDS.has(lastLower(c)) && !isCommonWord(lastLower(c)) && !lexiconTags(lastLower(c)).includes('LastName') && !FIRST_NAMES.has(lastLower(c))) &&
      !c.words.some((w) => w.upper && w.text.length > 1)
        ? ['PER', null, true]
        : null,
  },
  {
    // why: in results tables a team's name opens the row and numbers follow ("Harwich 12 8 3")
    name: 'table-row',
    // why: national teams are places in news tables (a country), clubs named after towns are organizations;
    // a number and a dash or dot before a name is a shirt number or a rank ("9 - Tom Hale", "3. Ann Berg")
    test: (c) => (c.words[0]!.tableLine && !c.words.some((w) => w.tags.has('Country')) && !(isNumber(c.prev) && /[-–.]/u.test(c.words[0]!.gap)) && ((!!c.next && /^\d{1,3}$/u.test(c.next.text) && !c.words[c.words.length - 1]!.breakAfter) || !c.prev || c.prev.line !== c.words[0]!.line) ? ['ORG', 'other', false] : null),
  },
  {
    // why: "Grumman Harris", "Lockheed Edwin": a company's word that is no common word outweighs a person-like shape
    name: 'company-name-word',
    test: (c) =>
      c.words.length >= 2 && c.words.length <= 3 && !isFirstName(c.words[0]!, c.words[1]) && !c.words.some(isPlace) &&
      c.words.some((w) => COMPANY_WORDS.has(w.lower) && !isCommonWord(w.lower))
        ? ['ORG', 'company', false]
        : null,
  },

  {
    // why: an apposition names the kind: "news agency Anadolu", "newspaper Pravda", "chain Tesco"
    name: 'org-apposition',
    test: (c) => {
      const kind = c.prev && !c.words[0]!.initial ? ORG_NOUNS.get(c.prev.lower) : undefined;
      return kind && !c.words.some(isPlace) ? ['ORG', kind, true] : null;
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
      return ['ORG', generic ? ORG_SUFFIXES.get(c.words[0]!.lower)! : 'company', false];
    },
  },

  {
    // why: common acronyms (UTC, VIP, CEO, GDP) are not organizations
    name: 'common-acronym',
    test: (c) => (c.words.length === 1 && COMMON_ACRONYMS.has(lexKey(c.words[0]!.text)) ? ['NONE', null, true] : null),
  },
  {
    // why: a lone name in quotation marks is a code name, a nickname or a title ("the kernel, “Orca”,"), not a person
    name: 'quoted-word',
    test: (c) => {
      const w = c.words[0]!;
      const after = c.next ? c.next.gap : '';
      return c.words.length === 1 && /["“]\s*$/u.test(w.gap) && /^[,.]?["”]/u.test(after) && !w.possessive ? ['NONE', null, false] : null;
    },
  },
  {
    name: 'compromise-person',
    test: (c) => {
      const w = letterWords(c);
      const person = w.some((t) => t.tags.has('Person') && !t.tags.has('Honorific') && !(t.upper && t.text.length > 1));
      const other = w.some((t) => t.tags.has('Organization') || isPlace(t) || t.tags.has('SportsTeam'));
      return person && !other ? ['PER', null, c.words.length >= 2] : null;
    },
  },
  { name: 'sports-team', test: (c) => (c.words.some((w) => w.tags.has('SportsTeam')) ? ['ORG', 'other', true] : null) },
  { name: 'place-acronym', test: (c) => (PLACE_ACRONYMS.has(lexKey(c.words.map((w) => w.text).join(' '))) ? ['NONE', null, true] : null) },
  { name: 'place', test: (c) => (letterWords(c).every(isPlace) ? ['NONE', null, false] : null) },
  { name: 'compromise-org', test: (c) => (c.words.some((w) => w.tags.has('Organization') && !isPlace(w)) ? ['ORG', null, false] : null) },
  {
    name: 'acronym',
    test: (c) => (c.words.length === 1 && c.words[0]!.upper && /^[\p{Lu}&.]{2,6}$/u.test(c.words[0]!.text) ? ['ORG', null, false] : null),
  },
  {
    // why: "X shares", "X's chief executive", "X customers": business words right after a name
    name: 'business-context',
    test: (c) => {
      // why: a sentence's first word before a noun is often a compound ("Retail sales", "Cloud revenue")
      const initialWord = c.words.length === 1 && c.words[0]!.initial;
      const cue = !!c.next && BUSINESS_CUES.has(c.next.lower) && (!initialWord || STRONG_BUSINESS_CUES.has(c.next.lower));
      return cue && !letterWords(c).every((w) => isCommonWord(w.lower)) ? ['ORG', 'company', false] : null;
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
        ? ['ORG', 'company', false]
        : null;
    },
  },
  {
    // why: "Racing Paris", "Sporting Lisbon": a name ending in a city is a club or a company's branch
    name: 'name-then-city',
    test: (c) =>
      c.words.length >= 2 && isPlace(c.words[c.words.length - 1]!) && !isPlace(c.words[0]!) && !isFirstName(c.words[0]!)
        ? ['ORG', 'other', false]
        : null,
  },
  {
    // why: an acronym inside a name ("UK MOD", "IBM Europe") marks an organization, never a person
    name: 'acronym-inside',
    test: (c) => (c.words.some((w) => w.upper && /^[\p{Lu}&]{2,6}$/u.test(w.text) && !/^[IVX]+$/u.test(w.text) && !PLACE_ACRONYMS.has(w.lower)) ? ['ORG', null, false] : null),
  },
  { name: 'common-words', test: (c) => (letterWords(c).every((w) => isCommonWord(w.lower)) && (c.words[0]!.initial || c.words.length > 1) ? ['NONE', null, false] : null) },
  {
    // why: "an analyst at Tarn Research", "a reporter for the Harlow Star": where a role works is an organization
    name: 'role-at',
    test: (c) => {
      const p = c.prev;
      const p2 = p ? c.toks[p.index - 1] : undefined;
      const role = !!p2 && (p2.tags.has('Actor') || PERSON_TITLES.has(p2.lower)) && !p2.tags.has('Person') && !p2.cap;
      return p && /^(at|for)$/u.test(p.lower) && role && !p.breakAfter && !letterWords(c).every(isPlace) ? ['ORG', null, false] : null;
    },
  },
  {
    // why: two or three unknown capitalized words that are not common words are most often a person's name
    name: 'unknown-pair',
    test: (c) =>
      c.words.length >= 2 && c.words.length <= 3 && c.words.filter((w) => isCommonWord(w.lower)).length <= (c.words.length === 3 ? 1 : 0) &&
      !isKnownPlace(c.words[0]!) &&
      !c.words.some((w) => w.upper && w.text.length > 1)
        ? ['PER', null, false]
        : null,
  },
];

/** The chunk is one of the two names of a line shaped "Name 2 Name 0" (a trailing bracket allowed). */
function resultPair(c: ChunkView): boolean {
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
const STRONG_BUSINESS_CUES = new Set(['shares', 'shareholders', 'ceo', 'cfo', 'spokesman', 'spokeswoman', 'spokesperson', 'chief']);

/**
 * The kind a name's words say beyond its head word.
 * why: "News Agency of Carvania" is an outlet, not a state agency; "Bank of Carvania", "Central Bank", "Reserve Bank"
 * are central banks, which are government bodies.
 */
function refineKind(words: ETok[], kind: 'company' | 'media' | 'government' | 'other'): 'company' | 'media' | 'government' | 'other' {
  const lower = words.map((w) => w.lower);
  if (lower.includes('news') && /^(agency|service|bureau)$/u.test(lower.find((w) => /^(agency|service|bureau)$/u.test(w)) ?? '')) return 'media';
  const bank = lower.indexOf('bank');
  if (bank >= 0) {
    if (bank > 0 && /^(central|reserve)$/u.test(lower[bank - 1]!)) return 'government';
    if (lower[bank + 1] === 'of' && words[bank + 2] && (words[bank + 2]!.tags.has('Country') || lexiconTags(lower[bank + 2]!).includes('Country')) && bank + 2 === words.length - 1) return 'government';
  }
  return kind;
}

/** Run the rules on a chunk. */
export function classify(c: ChunkView): Decision {
  for (const rule of RULES) {
    const r = rule.test(c);
    if (r) return { label: r[0], kind: r[1], rule: rule.name, strong: r[2] };
  }
  return { label: 'UNKNOWN', kind: null, rule: 'none', strong: false };
}
