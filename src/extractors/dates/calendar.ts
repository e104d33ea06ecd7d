/**
 * Calendar arithmetic (UTC, proleptic Gregorian) and TIMEX3 value formatting. Pure helpers, no clock.
 */

/** A calendar day; month 1–12. */
export interface Day {
  y: number;
  m: number;
  d: number;
}

/** Which way an unanchored mention leans: past (news default), future (will, next…), or closest. */
export type Lean = 'past' | 'future' | 'none';

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** Four-digit year or XXXX when unknown. */
export const yearStr = (y: number | null) => (y === null ? 'XXXX' : pad(y, 4));

/** TIMEX3 day value: 2020-08-06, XXXX-08-06 when the year is unknown. */
export const fmtDay = (y: number | null, m: number, d: number) => `${yearStr(y)}-${pad(m)}-${pad(d)}`;

/** TIMEX3 month value: 2020-08. */
export const fmtMonth = (y: number | null, m: number) => `${yearStr(y)}-${pad(m)}`;

export const dayOfDate = (dt: Date): Day => ({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });

const toDate = (x: Day) => new Date(Date.UTC(x.y, x.m - 1, x.d));

/** The day `n` days after `x` (negative: before). */
export const addDays = (x: Day, n: number): Day => dayOfDate(new Date(toDate(x).getTime() + n * 86_400_000));

/** Year and month `n` months after (y, m). */
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const i = y * 12 + (m - 1) + n;
  return { y: Math.floor(i / 12), m: (i % 12) + 1 };
}

/** Day of week, ISO numbering: Monday = 1 … Sunday = 7. */
export const isoWeekday = (x: Day) => ((toDate(x).getUTCDay() + 6) % 7) + 1;

/** Number of days in a month. */
export const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** ISO week-year and week number of a day. */
export function isoWeek(x: Day): { y: number; w: number } {
  const thursday = addDays(x, 4 - isoWeekday(x));
  const jan1 = toDate({ y: thursday.y, m: 1, d: 1 });
  return { y: thursday.y, w: Math.floor((toDate(thursday).getTime() - jan1.getTime()) / (7 * 86_400_000)) + 1 };
}

/** TIMEX3 week value of the week containing `x`: 2020-W37. */
export function fmtWeek(x: Day): string {
  const { y, w } = isoWeek(x);
  return `${pad(y, 4)}-W${pad(w)}`;
}

/** The weekday `wd` (1–7) nearest `ref` in the direction of `lean` (the same day counts). */
export function resolveWeekday(ref: Day, wd: number, lean: Lean): Day {
  const cur = isoWeekday(ref);
  if (lean === 'future') return addDays(ref, (wd - cur + 7) % 7);
  return addDays(ref, -((cur - wd + 7) % 7));
}

/** Day difference b − a. */
export const diffDays = (a: Day, b: Day) => Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);

/**
 * The year of a month (and optional day) named without one: the occurrence nearest `ref`, leaning past by default
 * (why: news mostly reports what happened; a date ahead of the story counts 2.5× as far).
 */
export function yearFor(ref: Day, m: number, d: number | null, lean: Lean): number {
  let best = ref.y;
  let bestCost = Infinity;
  for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
    const day = d === null ? Math.min(15, daysInMonth(y, m)) : Math.min(d, daysInMonth(y, m));
    let delta = diffDays(ref, { y, m, d: day });
    if (d === null && y === ref.y && m === ref.m) delta = 0;
    if (lean === 'future' && delta < (d === null ? 0 : -1)) continue;
    const cost = delta > 0 ? delta * 2.5 : -delta;
    if (cost < bestCost) {
      bestCost = cost;
      best = y;
    }
  }
  return best;
}

/** Parse an ISO-ish publication date into a day (null when absent or invalid). */
export function parseRef(publishedAt: string | null | undefined): Day | null {
  if (!publishedAt) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt.trim());
  if (m) {
    const day = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
    return day.m >= 1 && day.m <= 12 && day.d >= 1 && day.d <= 31 ? day : null;
  }
  const t = Date.parse(publishedAt);
  return Number.isNaN(t) ? null : dayOfDate(new Date(t));
}
