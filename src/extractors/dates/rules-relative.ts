/**
 * Rules for dates told relative to the story: "Friday", "yesterday", "last year", "this week", "two years ago",
 * "now", "recently", plus durations ("three months") and sets ("every week") so they are not taken for dates.
 */
import type { DateGranularity } from '../../domain/types.js';
import { addDays, addMonths, fmtDay, fmtMonth, fmtWeek, isoWeekday, resolveWeekday, type Day } from './calendar.js';
import { DAY_PARTS, MONTH_RE, NUM_WORD_RE, UNIT_RE, UNITS, WEEKDAY_RE, WEEKDAYS, monthOf, numberOf, unitOf } from './lexicon.js';
import { MOD_RE, modifierOf, type Built, type DateRule } from './rule.js';
import { rx } from '../rx.js';

const PART_RE = '(morning|afternoon|evening|night|overnight)';

/** A day, or a day with a part of the day as a TIME ("2020-08-06TNI"). */
function dayOrPart(day: Day | null, part: string | undefined): Built {
  const code = part ? DAY_PARTS[part.toLowerCase()] : undefined;
  if (!day) return { value: null, granularity: code ? 'time' : 'day', type: code ? 'TIME' : 'DATE' };
  const v = fmtDay(day.y, day.m, day.d);
  return code ? { value: `${v}T${code}`, granularity: 'time', type: 'TIME' } : { value: v, granularity: 'day', type: 'DATE' };
}

/** The period of `unit` that contains `ref` shifted by `n` units, as a TIMEX3 value. */
function shiftedPeriod(ref: Day, unit: string, n: number): { value: string; granularity: DateGranularity } | null {
  switch (unit) {
    case 'day':
    case 'night': {
      const d = addDays(ref, n);
      return { value: fmtDay(d.y, d.m, d.d), granularity: 'day' };
    }
    case 'week':
      return { value: fmtWeek(addDays(ref, 7 * n)), granularity: 'week' };
    case 'weekend':
      return { value: `${fmtWeek(addDays(ref, 7 * n))}-WE`, granularity: 'week' };
    case 'month': {
      const x = addMonths(ref.y, ref.m, n);
      return { value: fmtMonth(x.y, x.m), granularity: 'month' };
    }
    case 'quarter': {
      const i = ref.y * 4 + Math.floor((ref.m - 1) / 3) + n;
      return { value: `${Math.floor(i / 4)}-Q${(i % 4) + 1}`, granularity: 'quarter' };
    }
    case 'year':
      return { value: String(ref.y + n), granularity: 'year' };
    case 'decade':
      return { value: String(Math.floor((ref.y + 10 * n) / 10)), granularity: 'decade' };
    default:
      return null;
  }
}

/** TIMEX3 duration: P3M, P2Y, PT4H, PXY for an unspecified count. */
function durationValue(n: number | null, unit: string): string {
  const u = UNITS[unit];
  if (!u) return 'PXX';
  const count = n === null ? 'X' : Number.isInteger(n) ? String(n) : String(n);
  if (u.letter === 'DE') return n === null ? 'PXDE' : `P${n * 10}Y`;
  if (u.letter === 'CE') return n === null ? 'PXCE' : `P${n * 100}Y`;
  return `P${u.time ? 'T' : ''}${count}${u.letter}`;
}

/**
 * The quarter a business story reports on, `yearShift` years back: the one just closed in the first two months of
 * a quarter (results come out then), else the current one.
 */
function reportedQuarter(ref: Day, yearShift: number): { value: string; granularity: DateGranularity } {
  const cur = Math.floor((ref.m - 1) / 3);
  const i = ref.y * 4 + cur - ((ref.m - 1) % 3 < 2 ? 1 : 0) + 4 * yearShift;
  return { value: `${Math.floor(i / 4)}-Q${(i % 4) + 1}`, granularity: 'quarter' };
}

const anaphorUnit = (u: string): 'year' | 'month' | 'day' | null => (u === 'year' || u === 'month' || u === 'day' ? u : null);

const REL_SHIFT: Readonly<Record<string, number>> = {
  this: 0,
  current: 0,
  last: -1,
  past: -1,
  previous: -1,
  prior: -1,
  next: 1,
  coming: 1,
  following: 1,
};

/** Relative-date rules. */
export const RELATIVE_RULES: DateRule[] = [
  {
    name: 'weekday',
    gate: /(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day/,
    re: new RegExp(
      `\\b(?:([Ll]ast|[Nn]ext|[Tt]his(?: past| coming)?|[Pp]ast|[Cc]oming|[Tt]he (?:previous|prior|` +
        `following)) )?${MOD_RE}?(${WEEKDAY_RE})(?:'s)?(?: ${PART_RE})?\\b`,
      'g',
    ),
    build: (m, env) => {
      const wd = WEEKDAYS[m[3]!.toLowerCase()]!;
      const rel = m[1]?.toLowerCase();
      if (!env.ref) return { ...dayOrPart(null, m[4]), value: `XXXX-WXX-${wd}`, modifier: modifierOf(m[2]) };
      let day: Day;
      if (rel === 'next' || rel === 'this coming' || rel === 'coming') day = resolveWeekday(addDays(env.ref, 1), wd, 'future');
      else if (rel === 'last' || rel === 'this past' || rel === 'past') day = resolveWeekday(addDays(env.ref, -1), wd, 'past');
      // why: "the previous Friday" is told from a day already in the past: the one before last
      else if (rel === 'the previous' || rel === 'the prior') day = addDays(resolveWeekday(addDays(env.ref, -1), wd, 'past'), -7);
      else if (rel === 'the following') day = resolveWeekday(addDays(env.ref, 1), wd, 'future');
      else if (!rel && isoWeekday(addDays(env.ref, 1)) === wd && env.lean(m.index) !== 'past') {
        // why: a bare weekday naming the day after the story is nearly always tomorrow, not six days ago
        day = addDays(env.ref, 1);
      } else day = resolveWeekday(env.ref, wd, rel === 'this' ? 'none' : env.lean(m.index));
      const built = dayOrPart(day, m[4]);
      const trimEnd = m[0].endsWith("'s") ? 2 : 0;
      return { ...built, modifier: modifierOf(m[2]), trimEnd };
    },
  },
  {
    name: 'today-yesterday-tomorrow',
    gate: /today|yesterday|tomorrow|tonight|last night/i,
    re: new RegExp(`\\b(?:${MOD_RE})?([Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast night)(?: ${PART_RE})?\\b`, 'g'),
    build: (m, env) => {
      const w = m[2]!.toLowerCase();
      const shift = w === 'yesterday' || w === 'last night' ? -1 : w === 'tomorrow' ? 1 : 0;
      const part = w === 'tonight' || w === 'last night' ? 'night' : m[3];
      const built = dayOrPart(env.ref ? addDays(env.ref, shift) : null, part);
      return { ...built, modifier: modifierOf(m[1]) };
    },
  },
  {
    name: 'this-part-of-day',
    gate: /morning|afternoon|evening|night/i,
    re: new RegExp(`\\b([Tt]his|[Ee]arly this|[Ll]ate this) ${PART_RE}\\b`, 'g'),
    build: (m, env) => ({ ...dayOrPart(env.ref, m[2]), modifier: modifierOf(m[1]!.split(' ')[0]) }),
  },
  {
    name: 'this-last-next-unit',
    gate: /\b(?:this|last|next|past|coming|current|previous|prior|following)\b/i,
    // why: TimeBank keeps the determiner and any early/late in the span: "earlier this year", "late last month"
    re: new RegExp(
      `\\b${MOD_RE}?(?:([Tt]his|[Ll]ast|[Nn]ext|[Tt]he (?:past|last|current|previous|prior|coming|following|next)|[Pp]ast|[Cc]oming) )(day|week|weekend|` +
        `month|quarter|year|decade)\\b(?!-)`,
      'g',
    ),
    build: (m, env) => {
      const relWord = m[2]!.toLowerCase().replace(/^the /, '');
      const unit = m[3]!.toLowerCase();
      const shift = REL_SHIFT[relWord] ?? 0;
      // why: "the coming week" measures a stretch ahead (DURATION); "the past year" is marked as a DATE in TimeBank
      if (relWord === 'coming' && m[2]!.toLowerCase().startsWith('the ')) {
        if (m[1]) return null;
        return { value: durationValue(1, unit), granularity: 'duration', type: 'DURATION' };
      }
      const anaphoric = /^the (?:following|previous|prior|next)$/.test(m[2]!.toLowerCase());
      const aUnit = anaphorUnit(unit);
      const anaphor = anaphoric && aUnit ? { unit: aUnit, shift } : null;
      if (!env.ref) return { value: null, granularity: 'year', type: 'DATE', modifier: modifierOf(m[1]), anaphor };
      const p = shiftedPeriod(env.ref, unit, shift);
      if (!p) return null;
      return { ...p, type: 'DATE', modifier: modifierOf(m[1]), anaphor };
    },
  },
  {
    name: 'units-ago',
    gate: /\b(?:ago|earlier|before|later|from now|hence)\b/i,
    // why: TimeML keeps an approximation in the span ("nearly two weeks ago"), not a focus word ("just a decade ago")
    re: new RegExp(
      `\\b(?:(just|only|some) )?(?:(about|almost|nearly|roughly|around|more than|less than|over) )?(${NUM_WORD_RE})[- ](${UNIT_RE})s? (ago|earlier|` +
        `before|later|from now|hence)\\b`,
      'gi',
    ),
    build: (m, env) => {
      const n = numberOf(m[3]!);
      const unit = unitOf(m[4]!);
      const dir = m[5]!.toLowerCase();
      const sign = dir === 'later' || dir === 'from now' || dir === 'hence' ? 1 : -1;
      const trimStart = m[1] ? m[1].length + 1 : 0;
      const modifier = m[2] ? 'approx' : null;
      // why: TimeBank reads "three days later", "a week before" as a stretch of time anchored on an event, not the
      // story's date: the count is a DURATION; "ago", "earlier", "from now" count from the story and name a DATE
      if (dir === 'later' || dir === 'before') {
        if (/^years?$/i.test(m[4]!) && dir === 'before' && n === 1) return null;
        return { value: durationValue(n, unit), granularity: 'duration', type: 'DURATION', trimStart, trimEnd: dir.length + 1, modifier };
      }
      if (!env.ref || n === null || !Number.isInteger(n))
        return { value: sign < 0 ? 'PAST_REF' : 'FUTURE_REF', granularity: 'reference', type: 'DATE', trimStart, modifier };
      if (unit === 'hour' || unit === 'minute' || unit === 'second')
        return { value: fmtDay(env.ref.y, env.ref.m, env.ref.d), granularity: 'day', type: 'TIME', trimStart, modifier };
      const p = shiftedPeriod(env.ref, unit, sign * n);
      if (!p) return null;
      return { ...p, type: 'DATE', trimStart, modifier, yearsBack: unit === 'year' && sign < 0 ? n : undefined };
    },
  },
  {
    name: 'vague-units-ago',
    gate: /\b(?:ago|earlier|later)\b/i,
    re: /\b(?:(?:many|several|some|a few) )?(days|weeks|months|years|decades) (ago|earlier|later)\b/gi,
    build: (m) => ({ value: m[2]!.toLowerCase() === 'later' ? 'FUTURE_REF' : 'PAST_REF', granularity: 'reference', type: 'DATE' }),
  },
  {
    name: 'reference-words',
    // why: TimeML marks these vague references (PRESENT_REF…); "soon" and "formerly" are rarely marked, so left out
    re: rx('g')`\b(?:((?:[Rr]ight )?[Nn]ow|[Cc]urrently|[Nn]owadays|[Tt]hese days|[Tt]he present|[Aa]t present|[Cc]urrent(?= [a-z]))|((?:[Mm]ore |
        [Vv]ery |[Oo]nly |[Jj]ust )?[Rr]ecently|[Ll]ately|[Tt]he past(?! \w+ (?:years?|months?|weeks?|days?|decades?|centur))|[Rr]ecent (?:years|
        decades))|([Tt]he (?:near |distant )?future|[Tt]he (?:near|short) term)|[Rr]ecent (months|weeks|days))\b`,
    build: (m) => {
      // why: "in recent days" measures a stretch of time (DURATION); "in recent years" reads as a vague past date
      if (m[4]) return { value: durationValue(null, unitOf(m[4])), granularity: 'duration', type: 'DURATION' };
      if (m[1]) return { value: 'PRESENT_REF', granularity: 'reference', type: 'DATE', trimStart: m[1].toLowerCase() === 'at present' ? 3 : 0 };
      if (m[2]) return { value: 'PAST_REF', granularity: 'reference', type: 'DATE' };
      return { value: 'FUTURE_REF', granularity: 'reference', type: 'DATE' };
    },
  },
  {
    name: 'the-period',
    // why: in news "the quarter", "the year", "the week" mostly mean the story's own period; TimeML marks them
    re: new RegExp(
      `\\b${MOD_RE}?(?:[Tt]he|[Tt]hat) (?:(?:latest|current|same) )?(?:fiscal |financial |calendar )?(year|quarter|month|week|weekend|period)\\b(?!-)`,
      'g',
    ),
    build: (m, env) => {
      const unit = m[2]!.toLowerCase();
      if (unit === 'period' && !/latest|same/.test(m[0])) return null;
      if (!env.ref) return { value: null, granularity: 'year', type: 'DATE', modifier: modifierOf(m[1]) };
      let shift = 0;
      // why: "the weekend" in a weekday story is the one just past, unless the clause looks ahead
      if (unit === 'weekend' && isoWeekday(env.ref) < 6 && env.lean(m.index) !== 'future') shift = -1;
      // why: "the latest quarter", "the latest fiscal year" are the last ones closed, before the story's own
      const latest = /latest/.test(m[0]) && (unit !== 'year' || /fiscal|financial/.test(m[0]));
      const quarterly = unit === 'quarter' || unit === 'period';
      const p = quarterly && !/current/.test(m[0]) ? reportedQuarter(env.ref, 0) : shiftedPeriod(env.ref, unit, latest ? -1 : shift);
      if (!p) return null;
      // why: "that year", "the same month" point back to the date the story just named
      const aUnit = unit === 'day' ? null : anaphorUnit(unit);
      const anaphor = /\b(?:[Tt]hat|same)\b/.test(m[0]) && aUnit ? { unit: aUnit, shift: 0 } : null;
      return { ...p, type: 'DATE', modifier: modifierOf(m[1]), anaphor };
    },
  },
  {
    name: 'year-ago-period',
    gate: /year-|prior-year|previous-year/i,
    re: rx('g')`\b(?:[Tt]he )?(?:(?:comparable|corresponding|same|prior) )?(?:year-earlier|year-ago|year-before|prior-year|previous-year)(?: (?:quarter|
        period|month|week|fiscal year|year))?\b(?!-| (?:first|second|third|fourth) quarter)`,
    build: (m, env) => {
      // why: "the year-ago quarter" in an earnings story is the reported quarter, one year back
      if (env.ref && /quarter|period/.test(m[0])) return { ...reportedQuarter(env.ref, -1), type: 'DATE' };
      return { value: env.ref ? String(env.ref.y - 1) : null, granularity: 'year', type: 'DATE' };
    },
  },
  {
    name: 'year-end',
    gate: /year-end|year's end|year end/i,
    re: /\b(?:(?:[Tt]his|[Ll]ast|[Nn]ext) )?(?:year-end|year's end|year end)\b/g,
    build: (m, env) => {
      const rel = m[0].split(' ')[0]!.toLowerCase();
      const y = env.ref ? env.ref.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0) : null;
      // why: in business news "year-end" is the closing date of the year, Dec. 31
      return { value: y === null ? 'XXXX-12-31' : `${y}-12-31`, granularity: 'day', type: 'DATE' };
    },
  },
  {
    name: 'duration',
    re: new RegExp(
      `\\b(?:(?:the )?(?:past|last|next|first|coming|previous|following) )?(?:(?:about|almost|nearly|some|more than|less than|at least|over|` +
        `roughly) )?(${NUM_WORD_RE})[- ](${UNIT_RE})s?(?:-long)?\\b`,
      'gi',
    ),
    build: (m) => {
      const n = numberOf(m[1]!);
      const unit = unitOf(m[2]!);
      // why: "a second one", "a second time" are ordinals, not one second
      if (unit === 'second' && /^an?$/i.test(m[1]!)) return null;
      return { value: durationValue(n, unit), granularity: 'duration', type: 'DURATION' };
    },
  },
  {
    name: 'set',
    gate: /every|each|per|annually|yearly|monthly|weekly|nightly|days\b|day (?:mornings|afternoons|evenings|nights)/i,
    re: new RegExp(
      `\\b(?:every|each|per) (?:(other|${NUM_WORD_RE}) )?(${UNIT_RE}s?|${WEEKDAY_RE}|${MONTH_RE})\\b|\\b(annually|yearly|monthly|weekly|nightly)\\b|` +
        `\\b(${WEEKDAY_RE})(?:s\\b| (?:mornings|afternoons|evenings|nights)\\b)`,
      'gi',
    ),
    build: (m) => {
      const word = (m[2] ?? m[3] ?? m[4] ?? '').toLowerCase();
      const map: Record<string, string> = { annually: 'year', yearly: 'year', monthly: 'month', weekly: 'week', nightly: 'night' };
      const unit = map[word] ?? unitOf(word);
      const wd = WEEKDAYS[word];
      const month = monthOf(word);
      if (month) return { value: fmtMonth(null, month), granularity: 'set', type: 'SET' };
      return { value: wd ? `XXXX-WXX-${wd}` : durationValue(1, unit), granularity: 'set', type: 'SET' };
    },
  },
];
