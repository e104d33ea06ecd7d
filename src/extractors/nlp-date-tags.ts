/**
 * Date tags the shared parse adds after compromise's pre-tagger, in place of compromise's date post-tagger rules:
 * "May" and "March" as months in date contexts, numbers next to a month as dates, "9 am" as a time.
 * why our own pass: compromise's 29 date match rules (`sweep`) cost a sizeable share of the parse for what three
 * token rules do, with equal scores on TempEval-3 and MEANTIME.
 */

/** The token fields this pass reads and writes (nlp.ts's Token). */
interface TaggedToken {
  text: string;
  normal: string;
  tags: ReadonlySet<string>;
  sentence: number;
}

/** Tags a month or a time may not keep (compromise's `not` lists for Month and Time, the ones the pre-tagger sets). */
const NOT_DATE = [
  'Verb',
  'Modal',
  'Auxiliary',
  'Copula',
  'PresentTense',
  'Infinitive',
  'PastTense',
  'Imperative',
  'PhrasalVerb',
  'Particle',
  'Adjective',
  'Adverb',
  'Person',
  'FirstName',
  'LastName',
  'FemaleName',
  'MaleName',
  'Honorific',
];

/** Month names that are also common words. */
const AMBIGUOUS_MONTHS = new Set(['may', 'march']);

// why: the words compromise's own rules accept before a month ("in May", "by March", "early May", "last March")
const BEFORE_MONTH = new Set([
  'in',
  'by',
  'before',
  'during',
  'on',
  'until',
  'till',
  'after',
  'of',
  'within',
  'since',
  'from',
  'through',
  'early',
  'late',
  'mid',
  'last',
  'next',
  'this',
  'each',
  'every',
  'all',
]);

const DAY = /^\d{1,2}(?:st|nd|rd|th)?$/u;
const YEAR = /^(?:1[6-9]|20)\d\d$/u;
const CLOCK = /^\d{1,2}(?::\d\d)?$/u;
const MERIDIEM = new Set(['am', 'pm', 'a.m', 'p.m', 'a.m.', 'p.m.']);

function retag(t: TaggedToken, add: readonly string[]): void {
  const tags = new Set(t.tags);
  for (const n of NOT_DATE) tags.delete(n);
  for (const a of add) tags.add(a);
  t.tags = tags;
}

function addTags(t: TaggedToken, add: readonly string[]): void {
  if (add.every((a) => t.tags.has(a))) return;
  t.tags = new Set([...t.tags, ...add]);
}

/** Add month, date and time tags to `tokens` in place (tokens of one sentence share `sentence`). */
export function tagDateWords<T extends TaggedToken>(tokens: T[]): void {
  const at = (i: number, sentence: number): T | null => {
    const t = tokens[i];
    return t && t.sentence === sentence ? t : null;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = at(i - 1, t.sentence);
    const next = at(i + 1, t.sentence);
    if (AMBIGUOUS_MONTHS.has(t.normal) && !t.tags.has('Month')) {
      // "Theresa May", "Mrs. March": a name, not a month
      const named = prev !== null && (prev.tags.has('FirstName') || prev.tags.has('Honorific')) && /^\p{Lu}/u.test(t.text);
      const dated =
        (prev !== null && (BEFORE_MONTH.has(prev.normal) || DAY.test(prev.normal))) || (next !== null && (DAY.test(next.normal) || YEAR.test(next.normal)));
      if (dated && !named) retag(t, ['Noun', 'Date', 'Month']);
    }
    if (MERIDIEM.has(t.normal) && prev !== null && CLOCK.test(prev.normal)) {
      retag(t, ['Date', 'Time']);
      addTags(prev, ['Date', 'Time']);
    }
  }
  // numbers next to a month are part of its date: "5 March", "March 5, 2024", "the 5th of March"
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.tags.has('Month')) continue;
    for (const j of [i - 1, i + 1, i + 2]) {
      const n = at(j, t.sentence);
      if (!n || !(DAY.test(n.normal) || YEAR.test(n.normal))) continue;
      if (j === i + 2 && !DAY.test(at(i + 1, t.sentence)?.normal ?? '')) continue;
      addTags(n, ['Date']);
    }
    const of = at(i - 1, t.sentence);
    const day = at(i - 2, t.sentence);
    if (of?.normal === 'of' && day && DAY.test(day.normal)) addTags(day, ['Date']);
  }
}
