/**
 * Classification rules, part one: a chunk's own words and shape (lexicon phrases, suffixes, heads, compounds) and the
 * strong cues right beside it (appositions, results lines, product nouns).
 */
import { neither, organization, person, type Rule } from './rule.js';
import { ANY_FIRST_NAME, isCommonWord, isCompanyWord, isDictionaryWord, lexiconTags } from './lexicons.js';
import { isSportsReport, standingsName } from './sports-report.js';
import type { ETok } from './tokens.js';
import {
  datelineEnd,
  tokenAfter,
  titleBefore,
  isCountry,
  isPlace,
  isFirstName,
  isKnownPlace,
  isNumber,
  lastLower,
  lastWord,
  PLACE_COMPOUNDS,
  DATE_TAGS,
  PRODUCT_NOUNS,
  COMPASS,
  PLACE_STARTS,
  appositionKind,
  resultPair,
  refineKind,
} from './surroundings.js';
import {
  WORK_NOUNS,
  ANIMAL_NOUNS,
  EXTRA_DEMONYMS,
  VENUE_WORDS,
  ORG_NOUNS,
  REGION_WORDS,
  JOB_TITLE_HEADS,
  ORG_SUFFIXES,
  OF_HEADS,
  OTHER_HEADS,
  PERSON_TITLES,
  STATE_ABBREVIATIONS,
  STREET_WORDS,
  THING_HEADS,
  HOLIDAYS,
  FIRM_UNIT_WORDS,
  LEGAL_FORMS,
  OCCUPATIONS,
  EMPLOYER_ROLES,
} from './words.js';

const CREDIT_WORDS = new Set(
  'photo photos photograph photographs photography photographer picture pictures image images video footage illustration graphic credit credits courtesy'.split(
    ' ',
  ),
);

const BIO_ROLES = new Set('reporter writer columnist correspondent journalist photographer photojournalist editor producer contributor'.split(' '));

/**
 * A credit or a byline: a credit word just before on the line ("Photo:", "Video by"), a slash to an agency ("Ann Berg /
 * Reuters", "Smith/Getty", "PRESS/Adrian Wyld"), "By" opening a short line, a name opening the text with a comma after
 * it ("Barbara Ortutay, The Associated Press"), a contributor's line ("X contributed to this story") or an author's
 * note ("X is a Toronto-based reporter covering…").
 */
function isCredit(toks: ETok[], words: ETok[]): boolean {
  const first = words[0]!;
  const last = words[words.length - 1]!;
  const next = toks[last.index + 1];
  const lineLength = (t: ETok) => {
    let n = 0;
    for (let j = t.index; j < toks.length && toks[j]!.line === t.line; j++) n++;
    for (let j = t.index - 1; j >= 0 && toks[j]!.line === t.line; j--) n++;
    return n;
  };
  if (words.some((w) => w.text.includes('/') && /\p{L}\/\p{Lu}/u.test(w.text))) return true;
  // why both: compromise keeps a spaced slash as a token of its own ("Ann Berg / Reuters")
  if (next && next.line === last.line && ((/^\s*\/\s*$/u.test(next.gap) && next.cap) || (next.text === '/' && toks[next.index + 1]?.cap))) return true;
  if (first.index > 0 && /\/\s*$/u.test(first.gap) && toks[first.index - 1]!.upper) return true;
  if (first.index > 1 && toks[first.index - 1]!.text === '/' && toks[first.index - 2]!.upper) return true;
  // why no verb: "Morel, 31, joined the club" opens a story; "Ann Hale, The Associated Press" is a byline
  if (first.index === 0 && next && /^,/u.test(next.gap) && lineLength(first) <= 8 && !toks.some((t) => t.line === first.line && t.tags.has('Verb')))
    return true;
  if (next?.lower === 'contributed') return true;
  if (next?.lower === 'is' && /^an?$/u.test(toks[last.index + 2]?.lower ?? '')) {
    for (let j = last.index + 3; j < Math.min(toks.length, last.index + 8); j++) if (BIO_ROLES.has(toks[j]!.lower)) return true;
  }
  let k = first.index - 1;
  if (k >= 0 && toks[k]!.lower === 'by' && toks[k]!.line === first.line) {
    const by = toks[k]!;
    if ((k === 0 || toks[k - 1]!.line !== by.line) && lineLength(by) <= 10) return true;
    k--;
  }
  return k >= 0 && toks[k]!.line === first.line && CREDIT_WORDS.has(toks[k]!.lower);
}

/** A nationality, a people or a language, as compromise, our lexicon or the extra list knows them ("Chinese", "Tutsi"). */
const isNationality = (w: ETok) => w.tags.has('Demonym') || w.tags.has('Language') || lexiconTags(w.lower).includes('Demonym') || EXTRA_DEMONYMS.has(w.lower);

/** Lower-case nouns of political bodies that follow their names ("the Likud party", "the Tamil Tigers faction"). */
const BODY_NOUNS = new Set(['party', 'parties', 'movement', 'faction', 'militia', 'alliance', 'coalition']);

/**
 * A word after a maker's name that keeps the name a firm's, not a product's: a legal, unit or organization word ("Apple
 * Computer", "Ford Credit"), a place ("Toyota Europe"), or a person's name ("Lockheed Martin", "Morgan Stanley": firms
 * named for their founders, whose names may also be words). Read by brand-model and brand-line.
 */
const keepsFirmName = (w: ETok) =>
  ORG_SUFFIXES.has(w.lower) ||
  ORG_NOUNS.has(w.lower) ||
  FIRM_UNIT_WORDS.has(w.lower) ||
  isPlace(w) ||
  w.tags.has('LastName') ||
  lexiconTags(w.lower).includes('LastName') ||
  ANY_FIRST_NAME.has(w.lower);

/** Occupations and descriptions written between a place or a firm and a person's name ("Toronto lawyer Ann Berg"). */
const PREMODIFIED_ROLES = new Set(
  [
    ...OCCUPATIONS,
    ...(
      'resident residents native man woman lawyer attorney businessman businesswoman teacher student artist developer ' +
      'realtor farmer chef doctor physician nurse teen teenager mother father couple photographer designer architect ' +
      'researcher scientist professor pastor priest firefighter volunteer singer rapper actor actress'
    ).split(' '),
  ].filter((w) => !EMPLOYER_ROLES.has(w)),
);

/** Words for an establishment after its owner's possessive name ("Stella's Café"). */
const ESTABLISHMENTS = new Set(
  'café cafe restaurant bakery pub bar grill diner kitchen deli pizzeria bistro tavern inn shop store market salon pharmacy garage bookstore'.split(' '),
);

const PLACE_HEAD_WORDS = new Set(
  'corner corners landing point crossing ferry mill mills creek hill vineyard wharf end wood island bay cove harbor harbour'.split(' '),
);

/** Rules read from a chunk's own words and the strong cues beside it, tried first. */
export const SHAPE_RULES: readonly Rule[] = [
  {
    // why: page furniture, not people in the story: a photo or video credit ("Photo: Ann Berg/Reuters", "Photograph
    // by Lee Okafor", "Jane Smith/Getty Images") or a byline ("By Tom Hale" opening a short line). Such a mention is
    // left out of people[]; the person stays when the story names them elsewhere
    name: 'credit',
    test: (c) => (isCredit(c.toks, c.words) ? neither(true) : null),
  },
  { name: 'lexicon', test: (c) => (c.lexicon ? organization(c.lexicon, true) : null) },
  {
    // why: a sports report's standings row names a team ("Crystal Palace 4 1 2 1 4 3 5", "Port Vale 4 1 2 1 4 4 5"),
    // whatever its words look like alone; national teams stay places (countries)
    name: 'standings-row',
    test: (c) =>
      standingsName(c.toks, c.words[0]!.index) === lastWord(c).index && !c.words.some(isCountry) && isSportsReport(c.toks)
        ? organization('other', false)
        : null,
  },
  {
    // why: results lines pair two teams with their scores ("Port Carver 2 Dunmore Rovers 0"); players are listed singly
    name: 'result-pair',
    // why: national teams are places in news results, as in tables ("Israel 2, Bulgaria 0")
    test: (c) => (c.words[0]!.tableLine && resultPair(c) && !c.words.some(isCountry) ? organization('other', false) : null),
  },
  {
    // why: "ISSUER: Carver County", "NOTE: figures are…": a capitals word before a colon is a field's label
    name: 'field-label',
    test: (c) => (c.words.every((w) => w.upper) && /^\s*:/u.test(c.next?.gap ?? '') ? neither(true) : null),
  },
  {
    // why: holidays and months are dates ("Christmas sales", "Easter"), whatever their capitals
    name: 'date-word',
    // why HOLIDAYS: compromise tags "Christmas" a noun before "sales"
    test: (c) => (c.words.every((w) => DATE_TAGS.some((t) => w.tags.has(t)) || HOLIDAYS.has(w.lower)) ? neither(true) : null),
  },
  {
    // why: cricket scorecards: "c Hale b Morel", "lbw b Patel": the names after the dismissal letters are players
    name: 'scorecard',
    test: (c) => (c.prev && c.prev.line === c.words[0]!.line && /^(b|c|st|lbw)$/u.test(c.prev.text) && !c.words.some(isPlace) ? person(true) : null),
  },
  {
    // why: "the Austin-based chipmaker", "Ohio-born writer", "Data-center customers": a capitalized word joined to a
    // lower-case one is a compound word; with -based/-born it names a place
    name: 'hyphen-compound',
    test: (c) => {
      const n = c.next;
      if (!lastWord(c).hyphenAfter || !n || !/^\p{Ll}/u.test(n.text)) return null;
      return PLACE_COMPOUNDS.has(n.lower) || (c.words.length === 1 && c.words[0]!.initial) ? neither(true) : null;
    },
  },
  {
    // why: "al-Shabaab", "al-Qaeda": a name after the Arabic article alone (no given name before it) is a group's
    // (compromise knows the groups) or a place's as often ("al-Aqsa", "the al-Ram checkpoint"), never a person's: a
    // surname ("al-Assad") is taken from the document's full name by the consistency pass
    name: 'arabic-article',
    test: (c) => {
      if (c.words.length !== 2 || !/^(al|el)$/u.test(c.words[0]!.lower) || !c.words[0]!.hyphenAfter) return null;
      return c.words[1]!.tags.has('Organization') ? organization('other', false) : neither(false);
    },
  },
  {
    // why: "Petro-Canada", "Air-India": a country's name joined by a hyphen to a word is a firm's or a region's
    name: 'country-compound',
    test: (c) => (c.words.length === 2 && c.words[0]!.hyphenAfter && c.words[1]!.tags.has('Country') ? neither(false) : null),
  },
  {
    // why: "the period drama Downton Abbey", "her album Golden Hour": a work's title after the noun for the work
    name: 'work-title',
    test: (c) => {
      const p = c.prev;
      return p && !p.cap && !p.breakAfter && p.line === c.words[0]!.line && WORK_NOUNS.has(p.lower) ? neither(true) : null;
    },
  },
  {
    // why: "his terrier Chloe", "Hugo, a four-year-old French bulldog": animals have names too, and they are no people
    name: 'pet',
    test: (c) => {
      const p = c.prev;
      if (p && !p.cap && !p.breakAfter && ANIMAL_NOUNS.has(p.lower)) return neither(true);
      const last = lastWord(c);
      const a = c.next;
      if (!a || last.possessive || !/^,\s*$/u.test(a.gap) || !/^(a|an|the|his|her|their|our|my)$/u.test(a.lower)) return null;
      for (let k = a.index + 1; k < c.toks.length && k <= a.index + 7; k++) {
        const w = c.toks[k]!;
        if (ANIMAL_NOUNS.has(w.lower) && !w.cap) return neither(true);
        if (w.breakAfter) break;
      }
      return null;
    },
  },
  {
    // why: "Studio Schicketanz", "Hotel Arden": a venue word opening a name makes it a business's
    name: 'venue',
    test: (c) => (c.words.length >= 2 && VENUE_WORDS.has(c.words[0]!.lower) ? organization('company', false) : null),
  },
  {
    // why: "Tarn Air Flight 212": the name before a flight number is the airline's
    name: 'airline-flight',
    test: (c) =>
      c.next?.lower === 'flight' && !lastWord(c).breakAfter && /^\d/u.test(c.toks[c.next.index + 1]?.text ?? '') ? organization('company', true) : null,
  },
  {
    // why: "Grady's Corner", "Hale's Landing": a possessive name before a place word is part of a place's name
    name: 'possessive-place',
    test: (c) => {
      const n = c.next;
      return lastWord(c).possessive && n?.cap && PLACE_HEAD_WORDS.has(n.lower) && n.line === lastWord(c).line ? neither(true) : null;
    },
  },
  {
    // why: "Stella's Café", "Hale's Bakery": a possessive name before an establishment's word names the business, not a
    // person in the story; so does one with nothing after it, after "at" ("the workers at Stella's.")
    name: 'possessive-business',
    test: (c) => {
      const last = lastWord(c);
      if (!last.possessive) return null;
      const n = tokenAfter(c);
      if (n?.cap && ESTABLISHMENTS.has(n.lower) && n.line === last.line) return neither(true);
      const ends = !n || n.line !== last.line || /^\s*[,.;:!?]/u.test(n.gap);
      return ends && c.prev?.lower === 'at' ? neither(true) : null;
    },
  },
  {
    // why: "Carmel entrepreneur Marci Bracco", "Toronto lawyer Ann Berg": a name right before a lower-case occupation and
    // another name says where that person lives or works; it names no person itself (employers before "CEO",
    // "spokesman" and the like are the employer-role rule's)
    name: 'premodifier-role',
    test: (c) => {
      const last = lastWord(c);
      const n = c.next;
      const after = n ? c.toks[n.index + 1] : undefined;
      if (!n || last.possessive || last.breakAfter || n.breakAfter || n.cap || !PREMODIFIED_ROLES.has(n.lower)) return null;
      // why: a firm may stand there too ("Apple designer Jony Ive", "NASA scientist"): the later rules type it
      const firm = c.words.some((w) => isCompanyWord(w.lower) || w.tags.has('Organization') || (w.upper && w.text.length > 1));
      return !firm && after?.cap && after.line === n.line && !after.tags.has('Pronoun') ? neither(false) : null;
    },
  },
  {
    // why: "Flight 212" names a flight
    name: 'flight-number',
    test: (c) => (c.words.length === 1 && c.words[0]!.lower === 'flight' && /^\d/u.test(c.next?.text ?? '') ? neither(true) : null),
  },
  {
    // why: "WWDC 2005", "Expo 2020", "London 2012": a name before a year names that year's event (or edition), not its
    // organizer
    name: 'event-year',
    test: (c) => {
      const last = lastWord(c);
      const n = c.next;
      if (!n || last.breakAfter || last.possessive || n.line !== last.line || !/^(19|20)\d{2}$/u.test(n.text)) return null;
      return c.words.length <= 2 && !last.tableLine ? neither(false) : null;
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
      // why no bracket between: "Durham 114 (S. Watkin 4-28)" is a score and its bowler, not a model and its name
      // ('Boeing 787 "Dreamliner"' is one)
      const bare =
        /^\d{3}$/u.test(n.text) && !!after && /^[\s"“”‘’']+$/u.test(after.gap) && (after.cap || after.tags.has('Plural')) && /^\p{L}+$/u.test(after.text);
      return mixed || bare ? neither(true) : null;
    },
  },
  {
    // why: "the Honda Civic", "Chevrolet Volt", "Apple Watch": a maker's name before an ordinary English word names a
    // product (CoNLL's MISC, OntoNotes' PRODUCT, MEANTIME's PRO), not the maker. A word for a part of a firm ("Apple
    // Computer", "Microsoft Research", "Ford Credit"), for its trade ("Fox Broadcasting") or a title ("Burger King") keeps
    // the name a firm's; a given name first makes it a person's ("Dell Curry")
    name: 'brand-model',
    test: (c) => {
      if (c.words.length !== 2) return null;
      const [maker, model] = c.words as [ETok, ETok];
      // why no nationality: "British Open", "Hebrew Gospel" are an event and a book, "British Commonwealth" a body
      const nationality = isNationality(maker) || /^\p{Lu}\p{Ll}+(ish|ese|ian|ean|ew)$/u.test(maker.text);
      const isMaker = isCompanyWord(maker.lower) && !nationality;
      if (!isMaker || maker.possessive || maker.breakAfter || maker.upper || isPlace(maker) || isFirstName(maker, model)) return null;
      // why singular: a plural after a name is a team's or a division's ("Cincinnati Reds", "British Universities")
      if (!/^\p{Lu}\p{Ll}{2,}$/u.test(model.text) || model.tags.has('Plural') || /s$/u.test(model.text) || !isDictionaryWord(model.lower)) return null;
      if (keepsFirmName(model) || /ing$/u.test(model.lower) || PERSON_TITLES.has(model.lower)) return null;
      return titleBefore(c) ? null : neither(false);
    },
  },
  {
    // why: "Intel Core processors", "Toyota Prius cars": a maker's name, a model's words, then what the thing is name
    // a product line (CoNLL's MISC, OntoNotes' PRODUCT, MEANTIME's PRO); the maker's name alone before the noun stays
    // the firm's (maker-product). A firm's word, a legal or unit word, a place or a person's name among the model's
    // words keeps the name a firm's ("Sony Ericsson phones", "Lockheed Martin jets", "Tarn Motors cars")
    name: 'brand-line',
    test: (c) => {
      const last = lastWord(c);
      const n = c.next;
      if (c.words.length < 2 || c.words.length > 4 || !n || last.breakAfter || last.possessive || n.line !== last.line || !PRODUCT_NOUNS.has(n.lower)) {
        return null;
      }
      const [maker, ...model] = c.words as [ETok, ...ETok[]];
      if (!isCompanyWord(maker.lower) || maker.possessive || maker.breakAfter || maker.upper || isPlace(maker)) return null;
      return model.some((w) => isCompanyWord(w.lower) || keepsFirmName(w)) ? null : neither(false);
    },
  },
  {
    // why: "Group F", "Plan B", "Vitamin D": an ordinary word and a lone capital letter label a thing; a person's name
    // with a lone letter starts with a given name ("Kenny G", "Malcolm X") or follows a title ("Mr T")
    name: 'letter-label',
    test: (c) => {
      if (c.words.length !== 2) return null;
      const [word, letter] = c.words as [ETok, ETok];
      if (!/^\p{Lu}$/u.test(letter.text) || letter.dotted || !isDictionaryWord(word.lower) || isFirstName(word, letter)) return null;
      return titleBefore(c) ? null : neither(false);
    },
  },
  {
    // why: "Chief Operating Officer", "Managing Director": a job title, not a name
    name: 'job-title',
    test: (c) => (JOB_TITLE_HEADS.has(lastLower(c)) ? neither(true) : null),
  },
  {
    // why: a dateline opens a story with its place in capitals ("PARIS 2020-05-04", "LYON, France 2020-05-04")
    name: 'dateline',
    test: (c) => (c.words[0]!.upper && datelineEnd(c.toks, c.words[0]!.index) > lastWord(c).index ? neither(true) : null),
  },
  {
    // why: "Chinese", "European" name peoples and languages (MISC), not people or organizations
    name: 'demonym',
    test: (c) => {
      const compass = (w: ETok) => /^(north|south|east|west|northern|southern|eastern|western|central)$/u.test(w.lower);
      // why: compromise lacks many nationalities; an "-ish/-ese/-ian/-ic" word before a lower-case word is one ("Maltese
      // government"). An "-i" word must stand before a noun: "Pirelli is", "Petofi but" are names with an Italian or
      // Hungarian ending, "Yemeni forces" a nationality (the common "-i" ones are listed)
      const w0 = c.words[0]!;
      const lowerNext = !!c.next && /^\p{Ll}/u.test(c.next.text);
      const nounNext = lowerNext && c.next!.tags.has('Noun') && !c.next!.tags.has('Verb') && !c.next!.tags.has('Pronoun');
      const looksDemonym =
        c.words.length === 1 &&
        (/^\p{Lu}\p{Ll}+(ish|ese|ian|ean|ic)$/u.test(w0.text) ? lowerNext : /^\p{Lu}\p{Ll}+i$/u.test(w0.text) && nounNext && !w0.possessive);
      return looksDemonym || (isNationality(lastWord(c)) && c.words.every((w) => isNationality(w) || compass(w))) ? neither(true) : null;
    },
  },
  {
    // why: "West Bank", "Left Bank": a compass word before "Bank" names a river's bank, not a lender
    name: 'river-bank',
    test: (c) =>
      c.words.length === 2 && /^(north|south|east|west|left|right)$/u.test(c.words[0]!.lower) && c.words[1]!.lower === 'bank' ? neither(true) : null,
  },
  {
    name: 'region',
    test: (c) =>
      c.words.every((w) => REGION_WORDS.has(w.lower)) || (c.words.length === 2 && REGION_WORDS.has(c.words[0]!.lower) && isKnownPlace(c.words[1]!))
        ? neither(true)
        : null,
  },
  {
    // why: "Russian Federation", "Soviet Union", "Federal Republic of Germany" are states, not organizations
    name: 'state-name',
    test: (c) => {
      const first = c.words[0]!;
      const statey = /^(federation|union|republic|kingdom|emirates)$/u.test(lastLower(c)) || /^(republic|kingdom)$/u.test(c.words[1]?.lower ?? '');
      const lead =
        first.tags.has('Demonym') || lexiconTags(first.lower).includes('Demonym') || /^(federal|democratic|people|islamic|united|soviet)$/u.test(first.lower);
      return c.words.length >= 2 && statey && lead && !c.words.some((w) => w.upper && w.text.length > 1) ? neither(true) : null;
    },
  },
  {
    name: 'org-suffix',
    test: (c) => {
      const kind = ORG_SUFFIXES.get(lastLower(c));
      // why: a lower-case-first brand ("iPod Software", "iTunes Stores") heads a product's or a service's name; only a
      // legal form makes it a firm's ("eFarm Ltd")
      if (/^\p{Ll}+\p{Lu}/u.test(c.words[0]!.text) && !LEGAL_FORMS.has(lastLower(c))) return null;
      return c.words.length >= 2 && kind ? organization(refineKind(c.words, kind), true) : null;
    },
  },
  {
    // why: airlines are named "Air Canada", "Air India" as often as "Nordic Air"
    name: 'air-prefix',
    test: (c) => (c.words.length === 2 && c.words[0]!.text === 'Air' && !c.words[1]!.tags.has('Verb') ? organization('company', true) : null),
  },
  {
    name: 'org-of-head',
    test: (c) => {
      const k = c.words.findIndex((w, k) => /^(of|for)$/u.test(w.text) && k > 0 && OF_HEADS.has(c.words[k - 1]!.lower));
      if (c.words.length < 3 || k < 0 || JOB_TITLE_HEADS.has(c.words[0]!.lower)) return null;
      // why: the head says the kind: "Department of Labor" is government, "Bank of Leeds" a company
      return organization(refineKind(c.words, ORG_SUFFIXES.get(c.words[k - 1]!.lower) ?? 'other'), true);
    },
  },
  {
    // why: events, laws, products and facilities end with a telling head word ("World Cup", "Easter Parade", "Flight 12")
    name: 'other-head',
    test: (c) => (c.words.length >= 2 && (OTHER_HEADS.has(lastLower(c)) || c.words.slice(1).some((w) => STREET_WORDS.has(w.lower))) ? neither(true) : null),
  },
  {
    // why: a name right before a lower-case head that names a thing is that thing's name ("Brent crude", "the Russell
    // 2000 index", "the Westgate attack"); an index's number may come between. A title before it still makes a person
    name: 'thing-head',
    test: (c) => {
      const last = lastWord(c);
      if (last.possessive || last.breakAfter || titleBefore(c)) return null;
      let n = c.next;
      if (n && /^\d+$/u.test(n.text) && !n.breakAfter) n = c.toks[n.index + 1] ?? null;
      // why: "the Dow Jones industrial average", "the Carvex composite index": an adjective may stand before the head
      if (n && !n.cap && !n.breakAfter && n.tags.has('Adjective') && !THING_HEADS.has(n.lower)) n = c.toks[n.index + 1] ?? null;
      return n && n.line === last.line && !n.cap && THING_HEADS.has(n.lower) ? neither(false) : null;
    },
  },
  {
    // why: lower-case-first brand words name products ("iPhone", "eReader Pro"), not organizations
    name: 'product-shape',
    test: (c) => {
      const lowerFirst = c.words.some((w) => /^\p{Ll}+\p{Lu}/u.test(w.text));
      // why: a camel-cased brand followed by a model word names a product ("PowerBook Pro"), unless a suffix makes it a firm
      const camelModel =
        c.words.length >= 2 &&
        /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}/u.test(c.words[0]!.text) &&
        !/^(Mc|Mac[A-Z]|O'|O’|D'|D’|De|Di|La|Le|Van)/u.test(c.words[0]!.text) &&
        !ORG_SUFFIXES.has(lastLower(c));
      return lowerFirst || camelModel ? neither(true) : null;
    },
  },
  {
    // why: "Coastal GasLink", "Vancouver IndyCar": a brand word with an inner capital after a name's first word makes
    // the name a firm's, a product's or an event's (which, the rules cannot tell); people's names have inner capitals
    // only after Mc, Mac, O', De, La… ("LeBron")
    name: 'brand-inside',
    test: (c) =>
      // why not after a given name: "Mark GarthWaite" is a person's name with a typing slip
      !isFirstName(c.words[0]!, c.words[1]) &&
      c.words.some((w, k) => k > 0 && /^\p{Lu}\p{Ll}{2,}\p{Lu}\p{Ll}/u.test(w.text) && !/^(Mac|Fitz|Van|Von|Del|Des|Dos|Della)/u.test(w.text))
        ? neither(false)
        : null,
  },
  {
    // why: inner capitals ("ByteDance", "PayPal") and dotted brand names ("Musical.ly") are companies, not people. A
    // name written as a web address is a firm or its site, never a person or a place (strong); inner capitals may also
    // name a product ("PowerBook"), so they are weak
    name: 'brand-shape',
    test: (c) => {
      const w = c.words[0]!.text;
      if (c.words.length !== 1) return null;
      if (/^\p{Lu}\w+\.\p{Ll}{2,3}$/u.test(w)) return organization('company', true);
      return /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}/u.test(w) && !/^(Mc|Mac|O'|O’|D'|D’|De|Di|La|Le|Van)/u.test(w) ? organization('company', false) : null;
    },
  },
  {
    // why: "Port Alden Mariners", "New Carver Hawks": a town's name before a capitalized plural names its team
    name: 'town-team',
    test: (c) => {
      const last = lastWord(c);
      const team = /^\p{Lu}\p{Ll}+s$/u.test(last.text) && !isPlace(last) && !isCommonWord(last.lower.replace(/s$/u, ''));
      return c.words.length >= 3 && PLACE_STARTS.has(c.words[0]!.lower.replace(/\.$/u, '')) && team ? organization('other', false) : null;
    },
  },
  {
    // why: "Port Alden", "Lake Carver", "Fort Hale": names that start like a town's name are places, not people
    name: 'town-start',
    test: (c) => (c.words.length >= 2 && !c.words[0]!.tableLine && PLACE_STARTS.has(c.words[0]!.lower.replace(/\.$/u, '')) ? neither(false) : null),
  },
  {
    // why: "the Freedom Front party", "the Democracy Wall movement": a name right before a lower-case noun of a political
    // body is that body's name
    name: 'body-noun-after',
    test: (c) => {
      const last = lastWord(c);
      const n = c.next;
      if (!n || last.possessive || last.breakAfter || n.cap || n.line !== last.line || !BODY_NOUNS.has(n.lower)) return null;
      if (c.words.length >= 2 && isFirstName(c.words[0]!, c.words[1])) return null;
      return organization(n.lower === 'party' || n.lower === 'parties' ? 'government' : 'other', false);
    },
  },
  {
    // why: "Verna Cells, a Leeds startup developing…": an apposition headed by an organization noun
    name: 'org-apposition-after',
    test: (c) => {
      const kind = appositionKind(c);
      return kind ? organization(kind, true) : null;
    },
  },
  {
    // why: "McAllister Douglas jets", "Norvik phones": the maker of a product named right after it is a company
    name: 'maker-product',
    test: (c) => {
      const n = c.next;
      // why: after a model number the name is the product's ("a 787 Skyliner aircraft")
      if (!n || lastWord(c).breakAfter || lastWord(c).possessive || c.words.some(isPlace) || isNumber(c.prev)) return null;
      return PRODUCT_NOUNS.has(n.lower) ? organization('company', true) : null;
    },
  },
  {
    // why: "the western Pacific", "northern Carver": a compass adjective before a name makes it a region
    name: 'compass-place',
    test: (c) => (c.words.length === 1 && c.prev && !c.prev.breakAfter && COMPASS.has(c.prev.text) ? neither(false) : null),
  },
  {
    // why: "the Harlow Star newspaper", "Tarn Weekly magazine": an outlet named before what it is
    name: 'outlet-noun-after',
    test: (c) => {
      const n = c.next;
      const kind = n && !lastWord(c).breakAfter && !lastWord(c).possessive ? ORG_NOUNS.get(n.lower) : undefined;
      return kind === 'media' && n!.lower !== 'agency' && !c.words.some(isPlace) ? organization('media', true) : null;
    },
  },
  {
    // why: "in Dunmore, Ohio": a name before a comma and a state or province is a town
    name: 'town-region',
    test: (c) => {
      const n = c.next;
      // why not before "-based": "Lee Finell, Alberta-based health educator" is a person and where she works
      if (c.words.length > 2 || !n || !/^,\s*$/u.test(n.gap) || lastWord(c).possessive || n.hyphenAfter) return null;
      return (lexiconTags(n.lower).includes('Region') || (n.cap && (STATE_ABBREVIATIONS.has(n.text) || STATE_ABBREVIATIONS.has(`${n.text}.`)))) &&
        n.line === c.words[0]!.line
        ? neither(false)
        : null;
    },
  },
  {
    // why: "from Khartoum, Sudan, to Amman, Jordan.": a word after a known city and a comma, closing its clause, is the
    // city's country or region; a person after a city goes on ("In Amman, Hale said")
    name: 'city-then-region',
    test: (c) => {
      const p = c.prev;
      const w = c.words[0]!;
      if (c.words.length !== 1 || !p || p.line !== w.line || !/^,\s*$/u.test(w.gap) || !(w.breakAfter || !c.next)) return null;
      if (w.possessive || !lexiconTags(p.lower).includes('City')) return null;
      return neither(false);
    },
  },
  {
    // why: "Procter & Gamble", "Hale & Sons": an ampersand joins the names of a firm's partners, never one person's name
    name: 'ampersand',
    test: (c) => (c.words.length >= 3 && c.words.some((w) => w.text === '&') && !c.words.some(isPlace) ? organization('company', true) : null),
  },
];
