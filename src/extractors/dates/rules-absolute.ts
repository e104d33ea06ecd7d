/**
 * Rules for dates that name their calendar position: "Aug. 6, 2020", "late August", "August 2018", "1998",
 * "the 1990s", "the third quarter", "this summer", "2020-08-06".
 */
import { fmtDay, fmtMonth, yearFor, yearStr, type Lean } from './calendar.js';
import { DAY_NUM_RE, MONTH_RE, ORDINAL_RE, ORDINALS, SEASON_RE, SEASONS, SPELLED_YEAR_RE, WEEKDAY_RE, YEAR_RE, monthOf, spelledYear } from './lexicon.js';
import { MOD_RE, modifierOf, type DateRule, type Env } from './rule.js';

const dayNum = (s: string) => Number.parseInt(s, 10);

/** Year of a month/day named without one; XXXX without a publication date. */
function inferYear(env: Env, at: number, m: number, d: number | null): number | null {
  return env.ref ? yearFor(env.ref, m, d, env.lean(at)) : null;
}

const validDay = (m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= 31;

/** Year of a quarter/half/season named without one: this year's unless that is still ahead (past lean). */
function yearOfPart(env: Env, at: number, startMonth: number, explicit: string | undefined, rel?: string): number | null {
  if (explicit) return Number(explicit);
  if (!env.ref) return null;
  const r = rel?.toLowerCase();
  if (r === 'last' || r === 'past' || r === 'previous') return env.ref.y - 1;
  if (r === 'next' || r === 'coming') return env.ref.y + 1;
  if (r === 'this' || r === 'current') return env.ref.y;
  const lean: Lean = env.lean(at);
  // why: "the fourth quarter" in a February story is last year's, unless the clause speaks of the future
  if (startMonth > env.ref.m && lean !== 'future') return env.ref.y - 1;
  return env.ref.y;
}

/** Absolute-date rules, in priority order for equal-length matches. */
export const ABSOLUTE_RULES: DateRule[] = [
  {
    name: 'iso-date-time',
    gate: /\d{4}-\d\d-\d\d/,
    re: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?\b/g,
    build: (m) => {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!validDay(mo, d)) return null;
      if (m[4]) return { value: `${fmtDay(y, mo, d)}T${m[4]}:${m[5]}`, granularity: 'time', type: 'TIME' };
      return { value: fmtDay(y, mo, d), granularity: 'day', type: 'DATE' };
    },
  },
  {
    name: 'numeric-month-day-year',
    gate: /\d\/\d/,
    // why: US order (news wires); 2-digit years read as 19xx/20xx around 1970
    re: /(?<![\d/.])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d/])/g,
    build: (m) => {
      const [mo, d] = [Number(m[1]), Number(m[2])];
      if (!validDay(mo, d)) return null;
      let y = Number(m[3]);
      if (m[3]!.length === 2) y += y < 70 ? 2000 : 1900;
      return { value: fmtDay(y, mo, d), granularity: 'day', type: 'DATE' };
    },
  },
  {
    name: 'month-day-year',
    gate: /(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)/,
    re: new RegExp(`\\b${MOD_RE}?(${MONTH_RE}) (${DAY_NUM_RE})\\b(?:(?:,? |, )(${YEAR_RE})\\b)?`, 'g'),
    build: (m, env) => {
      const mo = monthOf(m[2]!);
      const d = dayNum(m[3]!);
      if (!validDay(mo, d)) return null;
      const y = m[4] ? Number(m[4]) : inferYear(env, m.index, mo, d);
      return { value: fmtDay(y, mo, d), granularity: 'day', type: 'DATE', modifier: modifierOf(m[1]) };
    },
  },
  {
    name: 'month-day-range',
    gate: /(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)/,
    // why: "Aug. 6-8" names a range in one expression; the mention takes its first day as value
    re: new RegExp(`\\b(${MONTH_RE}) (${DAY_NUM_RE}) ?(?:-|–|to|through) ?(${DAY_NUM_RE})\\b(?:,? (${YEAR_RE})\\b)?`, 'g'),
    build: (m, env) => {
      const mo = monthOf(m[1]!);
      const [d1, d2] = [dayNum(m[2]!), dayNum(m[3]!)];
      if (!validDay(mo, d1) || !validDay(mo, d2) || d2 <= d1) return null;
      const y = m[4] ? Number(m[4]) : inferYear(env, m.index, mo, d1);
      return { value: fmtDay(y, mo, d1), granularity: 'day', type: 'DATE', range: { start: fmtDay(y, mo, d1), end: fmtDay(y, mo, d2) } };
    },
  },
  {
    name: 'day-month-year',
    gate: /(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)/,
    re: new RegExp(`\\b(${DAY_NUM_RE}) (?:of )?(${MONTH_RE})(?:,? (${YEAR_RE})\\b)?`, 'g'),
    build: (m, env) => {
      const mo = monthOf(m[2]!);
      const d = dayNum(m[1]!);
      if (!validDay(mo, d)) return null;
      const y = m[3] ? Number(m[3]) : inferYear(env, m.index, mo, d);
      return { value: fmtDay(y, mo, d), granularity: 'day', type: 'DATE' };
    },
  },
  {
    name: 'month-year',
    gate: /(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)/,
    re: new RegExp(`\\b${MOD_RE}?(${MONTH_RE}),? (?:of )?(${YEAR_RE})\\b`, 'g'),
    build: (m) => ({
      value: fmtMonth(Number(m[3]), monthOf(m[2]!)),
      granularity: 'month',
      type: 'DATE',
      modifier: modifierOf(m[1]),
    }),
  },
  {
    name: 'month-relative-year',
    gate: /(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)/,
    re: new RegExp(`\\b${MOD_RE}?(${MONTH_RE})(?: (${DAY_NUM_RE}))?,? (?:of )?([Tt]his|[Ll]ast|[Nn]ext) year\\b`, 'g'),
    build: (m, env) => {
      const mo = monthOf(m[2]!);
      const rel = m[4]!.toLowerCase();
      const y = env.ref ? env.ref.y + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0) : null;
      if (m[3]) {
        const d = dayNum(m[3]);
        if (!validDay(mo, d)) return null;
        return { value: fmtDay(y, mo, d), granularity: 'day', type: 'DATE', modifier: modifierOf(m[1]) };
      }
      return { value: fmtMonth(y, mo), granularity: 'month', type: 'DATE', modifier: modifierOf(m[1]) };
    },
  },
  {
    name: 'weekday-month-day',
    gate: /(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)/,
    // why: "Monday, Oct. 26" is one date; the month and day fix it, the weekday only confirms
    re: new RegExp(`\\b${WEEKDAY_RE},? (${MONTH_RE}) (${DAY_NUM_RE})\\b(?:,? (${YEAR_RE})\\b)?`, 'g'),
    build: (m, env) => {
      const mo = monthOf(m[1]!);
      const d = dayNum(m[2]!);
      if (!validDay(mo, d)) return null;
      const y = m[3] ? Number(m[3]) : inferYear(env, m.index, mo, d);
      return { value: fmtDay(y, mo, d), granularity: 'day', type: 'DATE' };
    },
  },
  {
    name: 'month',
    gate: /(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)/,
    // why: a month alone takes the occurrence nearest the story, leaning past; "last"/"next" shift it by a year
    re: new RegExp(`\\b(?:([Ll]ast|[Nn]ext|[Tt]his) )?${MOD_RE}?(${MONTH_RE})(?![\\w-]| \\d)`, 'g'),
    build: (m, env) => {
      const mo = monthOf(m[3]!);
      let y = inferYear(env, m.index, mo, null);
      const rel = m[1]?.toLowerCase();
      if (env.ref && rel === 'last') y = mo < env.ref.m ? env.ref.y : env.ref.y - 1;
      if (env.ref && rel === 'next') y = mo > env.ref.m ? env.ref.y : env.ref.y + 1;
      if (env.ref && rel === 'this') y = env.ref.y;
      return { value: fmtMonth(y, mo), granularity: 'month', type: 'DATE', modifier: modifierOf(m[2]) };
    },
  },
  {
    name: 'quarter',
    gate: /quarter/i,
    re: new RegExp(
      `\\b(?:(?<det>the|this|last|next|current) (?:(?:fiscal|calendar|financial) )?|(?<rely>this|last|next) year's |the (?<yr>${YEAR_RE}) |` +
        `the (?<ago>year-ago|year-earlier|prior-year|comparable|same|corresponding) )?(?:(?<ord>${ORDINAL_RE})|(?<rel>current|latest|last|past|previous|` +
        `coming|next))(?<sep>[- ])(?:fiscal |calendar )?quarter(?:,? (?:of )?(?:fiscal |calendar )?(?<y>${YEAR_RE}))?(?![\\w-])`,
      'gi',
    ),
    build: (m, env) => {
      const g = m.groups ?? {};
      const det = g.det?.toLowerCase();
      const rel = (g.rel ?? det)?.toLowerCase();
      let q: number;
      let y: number | null;
      if (g.ord) {
        q = ORDINALS[g.ord.toLowerCase()] ?? 1;
        const rely = g.rely?.toLowerCase();
        if (g.yr) y = Number(g.yr);
        else if (g.ago) y = env.ref ? env.ref.y - 1 : null;
        else if (rely && env.ref) y = env.ref.y + (rely === 'last' ? -1 : rely === 'next' ? 1 : 0);
        else y = yearOfPart(env, m.index, (q - 1) * 3 + 1, g.y, det && det !== 'the' ? det : undefined);
      } else {
        if (!env.ref) return { value: null, granularity: 'quarter', type: 'DATE' };
        const cur = Math.floor((env.ref.m - 1) / 3) + 1;
        const shift = rel === 'last' || rel === 'past' || rel === 'previous' || rel === 'latest' ? -1 : rel === 'next' || rel === 'coming' ? 1 : 0;
        const i = env.ref.y * 4 + (cur - 1) + shift;
        y = Math.floor(i / 4);
        q = (i % 4) + 1;
      }
      // why: TimeBank leaves the article out of an adjective ("the [third-quarter] profit")
      const adjective = g.sep === '-' && !g.y && det === 'the' && !g.rel;
      const trimStart = adjective ? m[0].indexOf(g.ord ?? '') : 0;
      return { value: `${yearStr(y)}-Q${q}`, granularity: 'quarter', type: 'DATE', trimStart };
    },
  },
  {
    name: 'half',
    gate: /half/,
    re: new RegExp(`\\b(?:([Tt]he) )?(first|second|1st|2nd|last|latter)[- ]half(?:,? (?:of )?(${YEAR_RE}))?(?![\\w-])`, 'g'),
    build: (m, env) => {
      const h = /^(?:first|1st)$/.test(m[2]!) ? 1 : 2;
      if (!m[3] && !m[1]) return null;
      const y = yearOfPart(env, m.index, h === 1 ? 1 : 7, m[3]);
      return { value: `${yearStr(y)}-H${h}`, granularity: 'half', type: 'DATE' };
    },
  },
  {
    name: 'season',
    gate: /spring|summer|fall|autumn|winter/i,
    re: new RegExp(
      `\\b(?:(?:([Tt]his(?: past| coming)?|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming) |[Tt]he )?${MOD_RE}?(${SEASON_RE})(?: (?:of )?(${YEAR_RE}))?)(?![\\w-])`,
      'g',
    ),
    build: (m, env) => {
      const rel = m[1];
      // why: "fall" and "spring" are common verbs and nouns: need this/last/next or a year to count as a season
      if (!rel && !m[4]) return null;
      const code = SEASONS[m[3]!.toLowerCase()]!;
      const start = { SP: 3, SU: 6, FA: 9, WI: 12 }[code] ?? 1;
      let y = yearOfPart(env, m.index, start, m[4], rel);
      // why: "last summer" in a December story is this year's summer, the latest one already over
      if (env.ref && !m[4] && rel?.toLowerCase() === 'last' && start + 3 <= env.ref.m) y = env.ref.y;
      if (!m[4] && !rel && env.ref) y = env.ref.y;
      return { value: `${yearStr(y)}-${code}`, granularity: 'season', type: 'DATE', modifier: modifierOf(m[2]) };
    },
  },
  {
    name: 'year-period',
    // why: "the 1988 period", "the 1989 season": the year names the period, and TimeML takes the whole phrase
    gate: /\d{4} (?:period|season|fiscal year|financial year)/,
    re: new RegExp(`\\b[Tt]he (${YEAR_RE}) (?:period|season|fiscal year|financial year)\\b`, 'g'),
    build: (m) => ({ value: m[1]!, granularity: 'year', type: 'DATE' }),
  },
  {
    name: 'year-range',
    gate: /\d{4} ?[-–/]/,
    re: new RegExp(`(?<![\\d$€£#.,/-])(${YEAR_RE}) ?[-–/] ?(${YEAR_RE}|\\d\\d)(?![\\d%-])`, 'g'),
    build: (m) => {
      const y1 = Number(m[1]);
      const y2 = m[2]!.length === 2 ? Math.floor(y1 / 100) * 100 + Number(m[2]) : Number(m[2]);
      if (y2 <= y1 || y2 - y1 > 50) return null;
      return { value: String(y1), granularity: 'year', type: 'DATE', range: { start: String(y1), end: String(y2) } };
    },
  },
  {
    name: 'year',
    gate: /\d{4}/,
    re: new RegExp(`(?<![\\d$€£#.,/-])(?:(fiscal|[Ff]iscal year|FY) ?)?${MOD_RE}?(${YEAR_RE})(?![\\d%]|,\\d|\\.\\d|-\\d|s\\b|'s\\b)`, 'g'),
    build: (m) => ({ value: m[3]!, granularity: 'year', type: 'DATE', modifier: modifierOf(m[2]) }),
  },
  {
    name: 'spelled-year',
    gate: /eighteen|nineteen|two thousand/i,
    // why: broadcast transcripts spell years out ("nineteen ninety-six", "the year two thousand")
    re: new RegExp(`\\b(?:(${MONTH_RE}) |[Tt]he year )?(${SPELLED_YEAR_RE})(?![\\w-])(?! (?:years|people|dollars|times|miles|troops|men|women)\\b)`, 'gi'),
    build: (m) => {
      const y = spelledYear(m[2]!);
      if (y === null || y < 1800 || y > 2099) return null;
      if (m[1] && /^[A-Z]/.test(m[1])) return { value: fmtMonth(y, monthOf(m[1])), granularity: 'month', type: 'DATE' };
      return { value: String(y), granularity: 'year', type: 'DATE' };
    },
  },
  {
    name: 'decade',
    gate: /0s\b/,
    re: new RegExp(`\\b(?:([Tt]he) )?${MOD_RE}?(?:(1[6-9]\\d|20\\d)0s|'(\\d)0s)(?![\\w-])`, 'g'),
    build: (m, env) => {
      const dec = m[3] ?? (m[4] ? `${env.ref && Number(m[4]) * 10 <= env.ref.y % 100 ? String(env.ref.y).slice(0, 2) : '19'}${m[4]}` : null);
      // why: TimeBank keeps "the" with a bare decade ("the 1990s") but not before a modifier ("the [early 1990s]")
      const trimStart = m[1] && m[2] ? m[1].length + 1 : 0;
      return { value: dec, granularity: 'decade', type: 'DATE', modifier: modifierOf(m[2]), trimStart };
    },
  },
  {
    name: 'century',
    gate: /century/i,
    re: /\b(?:the )?(?:(early|mid|late)[- ])?(\d{1,2})(?:st|nd|rd|th)[- ]century\b/gi,
    build: (m) => ({ value: String(Number(m[2]) - 1).padStart(2, '0'), granularity: 'century', type: 'DATE', modifier: modifierOf(m[1]) }),
  },
];
