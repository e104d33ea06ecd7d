import { describe, expect, it } from 'vitest';
import type { DateMention } from '../../../src/domain/types.js';
import { DATE_RULES, findDates } from '../../../src/extractors/dates/index.js';
import { parseText } from '../../../src/extractors/nlp.js';

type Expect = Partial<Pick<DateMention, 'value' | 'granularity' | 'modifier' | 'type'>> & { text: string };

const find = (text: string, publishedAt: string | null) => findDates(parseText(text), { publishedAt });

/** Mentions whose text is `text` (the first one). */
function mention(text: string, publishedAt: string | null, span: string): DateMention | undefined {
  return find(text, publishedAt).find((d) => d.text === span);
}

const SEPT = '2020-09-14T10:00:00-04:00'; // a Monday

// [sentence, publishedAt, expected mention]
const CASES: [string, string | null, Expect][] = [
  // the seed story, read in mid-September 2020
  ['It followed an Aug. 6 executive order from the president.', SEPT, { text: 'Aug. 6', value: '2020-08-06', granularity: 'day' }],
  ['The company faces a mid-September deadline to divest.', SEPT, { text: 'mid-September', value: '2020-09', modifier: 'mid' }],
  ['In late August, it issued new export rules.', SEPT, { text: 'late August', value: '2020-08', modifier: 'late', granularity: 'month' }],
  ['The app launched in August 2018 after a merger.', SEPT, { text: 'August 2018', value: '2018-08', granularity: 'month' }],
  ['He joined in late May and resigned soon after.', SEPT, { text: 'late May', value: '2020-05', modifier: 'late' }],
  ['He announced his resignation on Aug. 26.', SEPT, { text: 'Aug. 26', value: '2020-08-26' }],
  // absolute forms
  ['The deal closed on Sept. 3, 2019, in New York.', SEPT, { text: 'Sept. 3, 2019', value: '2019-09-03' }],
  ['The filing is dated 2020-08-06.', SEPT, { text: '2020-08-06', value: '2020-08-06' }],
  ['Sales rose in 1998 and fell later.', SEPT, { text: '1998', value: '1998', granularity: 'year' }],
  ['Profits peaked in the 1990s.', SEPT, { text: 'the 1990s', value: '199', granularity: 'decade' }],
  ['Shipments slowed in the early 1990s.', SEPT, { text: 'early 1990s', value: '199', modifier: 'early' }],
  ['It was founded on 4 July 1976.', SEPT, { text: '4 July 1976', value: '1976-07-04' }],
  // relative to the story's date, leaning past
  ['Shares fell Friday after the report.', SEPT, { text: 'Friday', value: '2020-09-11', granularity: 'day' }],
  ['The board will meet Friday to vote.', SEPT, { text: 'Friday', value: '2020-09-18' }],
  ['The index was up from the previous Friday.', SEPT, { text: 'the previous Friday', value: '2020-09-04' }],
  ['Officials said Monday that talks continue.', SEPT, { text: 'Monday', value: '2020-09-14' }],
  ['Revenue doubled last year.', SEPT, { text: 'last year', value: '2019', granularity: 'year' }],
  ['Revenue will grow next year.', SEPT, { text: 'next year', value: '2021' }],
  ['Sales slipped in the third quarter.', SEPT, { text: 'the third quarter', value: '2020-Q3', granularity: 'quarter' }],
  ['Sales slipped in the fourth quarter.', '2021-02-10', { text: 'the fourth quarter', value: '2020-Q4' }],
  ['Profit in the quarter rose 5%.', '2020-10-20', { text: 'the quarter', value: '2020-Q3' }],
  ['Profit fell from the year-ago quarter.', '2020-10-20', { text: 'the year-ago quarter', value: '2019-Q3' }],
  ['Third-quarter profit fell 5% from a year earlier.', '2020-10-20', { text: 'a year earlier', value: '2019-Q3' }],
  ['Each must finish construction by Dec. 30.', SEPT, { text: 'Dec. 30', value: '2020-12-30' }],
  ['It reported third-quarter profit.', SEPT, { text: 'third-quarter', value: '2020-Q3' }],
  ['The index rose this week.', SEPT, { text: 'this week', value: '2020-W38', granularity: 'week' }],
  ['The index fell last week.', SEPT, { text: 'last week', value: '2020-W37' }],
  ['Markets closed lower yesterday.', SEPT, { text: 'yesterday', value: '2020-09-13' }],
  ['The plant opened two years ago.', SEPT, { text: 'two years ago', value: '2018', granularity: 'year' }],
  ['The mill closed six months ago.', SEPT, { text: 'six months ago', value: '2020-03' }],
  ['Prices are high now.', SEPT, { text: 'now', value: 'PRESENT_REF', granularity: 'reference' }],
  ['Prices have risen recently.', SEPT, { text: 'recently', value: 'PAST_REF' }],
  ['Talks resumed this month.', SEPT, { text: 'this month', value: '2020-09', granularity: 'month' }],
  ['Rain is expected this summer.', '2020-05-02', { text: 'this summer', value: '2020-SU', granularity: 'season' }],
  ['The rules change in the first half of 2021.', SEPT, { text: 'the first half of 2021', value: '2021-H1' }],
  ['It was announced earlier this year.', SEPT, { text: 'earlier this year', value: '2020', modifier: 'early' }],
  ['The cut came in December.', '2021-02-10', { text: 'December', value: '2020-12' }],
  ['Trading resumes Dec. 15.', '2020-11-20', { text: 'Dec. 15', value: '2020-12-15' }],
  ['It happened in March 1999. Later that year the firm collapsed.', SEPT, { text: 'Later that year', value: '1999', modifier: 'late' }],
  // named days
  ['Stores opened late on Thanksgiving.', '2020-12-01', { text: 'Thanksgiving', value: '2020-11-26' }],
  ['The vote is on Election Day.', SEPT, { text: 'Election Day', value: '2020-11-03' }],
  ['They met last Christmas.', SEPT, { text: 'last Christmas', value: '2019-12-25' }],
  // times
  ['The blast came at 2:30 p.m. local time.', SEPT, { text: '2:30 p.m. local time', value: '2020-09-14T14:30', type: 'TIME' }],
  ['Police arrived Friday night.', SEPT, { text: 'Friday night', value: '2020-09-11TNI', type: 'TIME' }],
  ['Protesters gathered this morning.', SEPT, { text: 'this morning', value: '2020-09-14TMO', type: 'TIME' }],
  // durations and sets are typed, not dates
  ['The strike lasted three months.', SEPT, { text: 'three months', value: 'P3M', type: 'DURATION' }],
  ['The term runs two years.', SEPT, { text: 'two years', value: 'P2Y', type: 'DURATION' }],
  ['The board meets every week.', SEPT, { text: 'every week', value: 'P1W', type: 'SET' }],
  // no publication date: the year stays open rather than guessed
  ['It followed an Aug. 6 executive order.', null, { text: 'Aug. 6', value: 'XXXX-08-06' }],
  ['In late August, it issued rules.', null, { text: 'late August', value: 'XXXX-08', modifier: 'late' }],
  ['Shares fell Friday.', null, { text: 'Friday', value: 'XXXX-WXX-5' }],
  ['Sales slipped in the third quarter.', null, { text: 'the third quarter', value: 'XXXX-Q3' }],
];

describe('findDates', () => {
  it.each(CASES)('%s (published %s)', (text, publishedAt, expected) => {
    const got = mention(text, publishedAt, expected.text);
    expect(got, JSON.stringify(find(text, publishedAt))).toBeDefined();
    expect(got).toMatchObject(expected);
  });

  // [sentence, a word that must not be read as a date]
  const NOT_DATES: [string, string][] = [
    ['May I ask a question?', 'May'],
    ['April Smith said the plan works.', 'April'],
    ['The army will march on the capital.', 'march'],
    ['About 1500 troops were sent.', '1500'],
    ['Prices fall when supply rises.', 'fall'],
    ['It may rain.', 'may'],
    ['Christmas shopping started early.', 'Christmas'],
    ["There isn't room for a second one.", 'second'],
    ['She finished in 3:12 flat.', '3:12'],
  ];
  it.each(NOT_DATES)('no date in %s', (text, word) => {
    expect(find(text, SEPT).filter((d) => d.text.includes(word))).toEqual([]);
  });

  // [sentence, publishedAt, mention text, range]
  const RANGES: [string, string, string, { start: string; end: string }][] = [
    ['The festival runs Aug. 6-8 downtown.', SEPT, 'Aug. 6-8', { start: '2020-08-06', end: '2020-08-08' }],
    ['Output fell from May to July.', SEPT, 'May', { start: '2020-05', end: '2020-07' }],
    ['Output fell from May to July.', SEPT, 'July', { start: '2020-05', end: '2020-07' }],
    ['Prices doubled between 1990 and 1995.', SEPT, '1990', { start: '1990', end: '1995' }],
    ['He served in 1997-99 as chairman.', SEPT, '1997-99', { start: '1997', end: '1999' }],
  ];
  it.each(RANGES)('range in %s', (text, publishedAt, span, range) => {
    expect(mention(text, publishedAt, span)?.range).toEqual(range);
  });

  it('names no range without one', () => {
    expect(mention('Output fell in May and rose in July.', SEPT, 'May')?.range).toBeNull();
  });

  it('gives offsets into the text', () => {
    const text = 'On Aug. 6, the order came; by late August, rules followed.';
    for (const d of find(text, SEPT)) expect(text.slice(d.start, d.end)).toBe(d.text);
  });

  it('never throws, whatever the text (fuzz)', () => {
    const pieces = [
      'Aug.',
      '6',
      ',',
      '2020',
      'late',
      'mid-',
      'the',
      'third',
      'quarter',
      'Friday',
      'ago',
      'two',
      'years',
      'now',
      '12/31/99',
      ' ',
      '\n',
      '-',
      'May',
      'p.m.',
      '99',
      '0',
      '31',
      'Feb. 30',
      'last',
      'that year',
      '\u0000',
      '\u{1F600}',
      '"',
      'the 1990s',
    ];
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 100; i++) {
      const n = Math.floor(rand() * 30);
      const text = Array.from({ length: n }, () => pieces[Math.floor(rand() * pieces.length)]).join(rand() < 0.5 ? ' ' : '');
      const refs = [SEPT, null, 'not a date', '0000-00-00', '2020-13-45'];
      expect(() => find(text, refs[i % refs.length]!)).not.toThrow();
    }
  });

  it('every rule has a unique name and a global regex', () => {
    const names = DATE_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const r of DATE_RULES) expect(r.re.global).toBe(true);
    // why: a global gate would keep lastIndex between texts and skip matches
    for (const r of DATE_RULES) expect(r.gate?.global ?? false).toBe(false);
  });
});
