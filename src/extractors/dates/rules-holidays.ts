/**
 * Named days: fixed holidays ("Christmas", "July Fourth") and movable ones ("Thanksgiving", "Easter", "Labor Day").
 */
import { addDays, fmtDay, isoWeekday, yearFor, type Day } from './calendar.js';
import type { DateRule } from './rule.js';
import { YEAR_RE } from './lexicon.js';
import { rx } from '../rx.js';

/** The `n`th ISO weekday `wd` of a month (n = -1: the last one). */
function nthWeekday(y: number, m: number, wd: number, n: number): Day {
  if (n > 0) {
    const first = { y, m, d: 1 };
    return addDays(first, ((wd - isoWeekday(first) + 7) % 7) + 7 * (n - 1));
  }
  const last = addDays({ y: m === 12 ? y + 1 : y, m: m === 12 ? 1 : m + 1, d: 1 }, -1);
  return addDays(last, -((isoWeekday(last) - wd + 7) % 7));
}

/** Easter Sunday (Gregorian, anonymous algorithm). */
function easter(y: number): Day {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { y, m: month, d: ((h + l - 7 * m + 114) % 31) + 1 };
}

/** Holiday names (lower case, as matched) → their day in a given year. */
const HOLIDAYS: [RegExp, (y: number) => Day][] = [
  [/^new year's eve$/, (y) => ({ y, m: 12, d: 31 })],
  [/^new year's(?: day)?$/, (y) => ({ y, m: 1, d: 1 })],
  [/^valentine's day$/, (y) => ({ y, m: 2, d: 14 })],
  [/^(?:st\.|saint) patrick's day$/, (y) => ({ y, m: 3, d: 17 })],
  [/^(?:independence day|the fourth of july|july fourth|july 4th)$/, (y) => ({ y, m: 7, d: 4 })],
  [/^bastille day$/, (y) => ({ y, m: 7, d: 14 })],
  [/^halloween$/, (y) => ({ y, m: 10, d: 31 })],
  [/^(?:veterans|armistice|remembrance) day$/, (y) => ({ y, m: 11, d: 11 })],
  [/^christmas eve$/, (y) => ({ y, m: 12, d: 24 })],
  [/^christmas(?: day)?$/, (y) => ({ y, m: 12, d: 25 })],
  [/^boxing day$/, (y) => ({ y, m: 12, d: 26 })],
  [/^martin luther king(?: jr\.?)? day$/, (y) => nthWeekday(y, 1, 1, 3)],
  [/^presidents'? day$/, (y) => nthWeekday(y, 2, 1, 3)],
  [/^mother's day$/, (y) => nthWeekday(y, 5, 7, 2)],
  [/^memorial day$/, (y) => nthWeekday(y, 5, 1, -1)],
  [/^father's day$/, (y) => nthWeekday(y, 6, 7, 3)],
  [/^labor day$/, (y) => nthWeekday(y, 9, 1, 1)],
  [/^thanksgiving(?: day)?$/, (y) => nthWeekday(y, 11, 4, 4)],
  // why: US Election Day is the Tuesday after the first Monday of November
  [/^election day$/, (y) => addDays(nthWeekday(y, 11, 1, 1), 1)],
  [/^easter(?: sunday)?$/, (y) => easter(y)],
  [/^good friday$/, (y) => addDays(easter(y), -2)],
];

const NAMES_RE =
  "New Year's Eve|New Year's Day|New Year's|Valentine's Day|(?:St\\.|Saint) Patrick's Day|Independence Day|the Fourth of July|July Fourth|July 4th|" +
  'Bastille Day|Halloween|(?:Veterans|Armistice|Remembrance) Day|Christmas Eve|Christmas Day|Christmas|Boxing Day|Martin Luther King(?: Jr\\.?)? Day|' +
  "Presidents'? Day|Mother's Day|Memorial Day|Father's Day|Labor Day|Thanksgiving Day|Thanksgiving|Election Day|Easter Sunday|Easter|Good Friday";

/** Holiday rules. */
export const HOLIDAY_RULES: DateRule[] = [
  {
    name: 'holiday',
    gate: rx('')`New Year|Valentine|Patrick|Independence|Fourth|July 4th|Bastille|Halloween|Veterans|Armistice|Remembrance|Christmas|Boxing|King|
        Presidents|Mother|Memorial|Father|Labor Day|Thanksgiving|Election Day|Easter|Good Friday`,
    re: new RegExp(`\\b(?:([Ll]ast|[Nn]ext|[Tt]his) )?(${NAMES_RE})(?:,? (?:of )?(${YEAR_RE}))?(?![\\w'])`, 'g'),
    build: (m, env) => {
      const name = m[2]!.toLowerCase();
      const entry = HOLIDAYS.find(([re]) => re.test(name));
      if (!entry) return null;
      const at = entry[1];
      let y: number | null = m[3] ? Number(m[3]) : null;
      if (y === null && env.ref) {
        const probe = at(env.ref.y);
        const rel = m[1]?.toLowerCase();
        y = yearFor(env.ref, probe.m, probe.d, rel === 'next' ? 'future' : rel === 'last' ? 'past' : env.lean(m.index));
        if (rel === 'last' && fmtDay(y, probe.m, probe.d) >= fmtDay(env.ref.y, env.ref.m, env.ref.d)) y -= 1;
      }
      if (y === null) {
        // why: a fixed holiday keeps its month and day without a year; a movable one has no value without one
        const [a, b] = [at(2001), at(2002)];
        const fixed = a.m === b.m && a.d === b.d;
        return { value: fixed ? fmtDay(null, a.m, a.d) : null, granularity: 'day', type: 'DATE' };
      }
      const d = at(y);
      return { value: fmtDay(d.y, d.m, d.d), granularity: 'day', type: 'DATE' };
    },
  },
];
