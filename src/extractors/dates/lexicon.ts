/**
 * Words of time: months, weekdays, seasons, units, number words, and the regex fragments built from them.
 */

/** Month names and news abbreviations → month number. Keys are lower case, without the dot. */
export const MONTHS: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/** Weekday names → ISO weekday (Monday = 1). */
export const WEEKDAYS: Readonly<Record<string, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  mon: 1,
  tue: 2,
  tues: 2,
  wed: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

/** Season words → TIMEX3 season code. */
export const SEASONS: Readonly<Record<string, string>> = {
  spring: 'SP',
  summer: 'SU',
  fall: 'FA',
  autumn: 'FA',
  winter: 'WI',
};

/** Number words → value ("a"/"an" = 1). */
export const NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  hundred: 100,
  'a couple of': 2,
  'a few': 3,
  few: 3,
  several: 3,
  'a half': 0.5,
  half: 0.5,
};

/** Ordinals → value. */
export const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
};

/** Calendar units → TIMEX3 duration letter and whether it takes the T (time) prefix. */
export const UNITS: Readonly<Record<string, { letter: string; time: boolean }>> = {
  second: { letter: 'S', time: true },
  minute: { letter: 'M', time: true },
  hour: { letter: 'H', time: true },
  day: { letter: 'D', time: false },
  night: { letter: 'D', time: false },
  week: { letter: 'W', time: false },
  weekend: { letter: 'WE', time: false },
  month: { letter: 'M', time: false },
  quarter: { letter: 'Q', time: false },
  year: { letter: 'Y', time: false },
  decade: { letter: 'DE', time: false },
  century: { letter: 'CE', time: false },
};

/** Parts of a day → TIMEX3 time-of-day code. */
export const DAY_PARTS: Readonly<Record<string, string>> = {
  morning: 'MO',
  afternoon: 'AF',
  evening: 'EV',
  night: 'NI',
  overnight: 'NI',
};

// ---------------------------------------------------------------- regex fragments (non-capturing)

/** Full month names, or an abbreviation with its dot ("Aug.", "Sept."). Case-sensitive: capitalized. */
export const MONTH_RE =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.)';
export const WEEKDAY_RE = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
export const DAY_NUM_RE = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
export const YEAR_RE = '(?:1[6-9]\\d\\d|20\\d\\d)';
export const NUM_WORD_RE =
  '(?:\\d+(?:\\.\\d+)?|a couple of|a few|a half|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|' +
  'seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|hundred|several|few)';
export const UNIT_RE = '(?:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century)';
export const SEASON_RE = '(?:spring|summer|fall|autumn|winter)';
export const ORDINAL_RE = '(?:first|second|third|fourth|1st|2nd|3rd|4th)';

/** Month number of a matched month word ("Sept." → 9). */
export const monthOf = (w: string): number => MONTHS[w.toLowerCase().replace(/\.$/, '')] ?? 0;

/** Value of a number word or numeral ("two" → 2, "a few" → 3). */
export function numberOf(w: string): number | null {
  const k = w.toLowerCase().trim();
  if (/^\d+(?:\.\d+)?$/.test(k)) return Number(k);
  return NUMBERS[k] ?? null;
}

/** Unit key of a unit word, plural or not ("years" → "year", "centuries" → "century"). */
export const unitOf = (w: string): string => {
  const k = w.toLowerCase();
  if (k === 'centuries') return 'century';
  return k.replace(/s$/, '');
};

const UNITS_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS_WORDS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS_WORDS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** A year spelled out, as transcripts write it: "nineteen ninety-six", "two thousand", "the year two thousand one". */
export const SPELLED_YEAR_RE =
  `(?:(?:eighteen|nineteen) (?:(?:${TENS_WORDS.join('|')})(?:[- ](?:${UNITS_WORDS.join('|')}))?|${TEENS_WORDS.join('|')}|` +
  `oh[- ](?:${UNITS_WORDS.join('|')}))|two thousand(?: and)?(?: (?:${TEENS_WORDS.join('|')}|${UNITS_WORDS.join('|')}))?)`;

/** Value of a spelled-out year matched by SPELLED_YEAR_RE ("nineteen ninety-six" → 1996). */
export function spelledYear(s: string): number | null {
  const words = s
    .toLowerCase()
    .replace(/-/g, ' ')
    .replace(/\band\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const small = (w: string) => {
    const u = UNITS_WORDS.indexOf(w);
    if (u >= 0) return u + 1;
    const t = TEENS_WORDS.indexOf(w);
    if (t >= 0) return t + 10;
    const d = TENS_WORDS.indexOf(w);
    return d >= 0 ? (d + 2) * 10 : w === 'oh' ? 0 : null;
  };
  if (words[0] === 'two' && words[1] === 'thousand') {
    const rest = words.slice(2).map(small);
    return rest.some((x) => x === null) ? null : 2000 + rest.reduce<number>((a, b) => a + (b ?? 0), 0);
  }
  const century = small(words[0] ?? '');
  if (century === null) return null;
  const rest = words.slice(1).map(small);
  if (rest.some((x) => x === null)) return null;
  return century * 100 + rest.reduce<number>((a, b) => a + (b ?? 0), 0);
}
