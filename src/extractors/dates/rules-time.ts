/**
 * Rules for clock times: "2:30 p.m.", "10 a.m. EDT", "noon", "midnight", anchored on the publication day.
 */
import { addDays, fmtDay, resolveWeekday } from './calendar.js';
import { WEEKDAY_RE, WEEKDAYS } from './lexicon.js';
import type { DateRule } from './rule.js';

const ZONE_RE = '(?: (?:[ECMP][SD]T|GMT|UTC|local time))?';

/** Clock-time rules. */
export const TIME_RULES: DateRule[] = [
  {
    name: 'time-with-day',
    gate: /noon|midnight|[ap]\.?m\b/i,
    // why: "noon Thursday", "10 a.m. Friday" are one TIME; the weekday resolves like a bare one (past lean)
    re: new RegExp(
      `\\b(?:(\\d{1,2})(?:[:.](\\d{2}))? ?(a\\.m\\.|p\\.m\\.|am|pm|AM|PM)|(noon|midnight))${ZONE_RE},? (?:on )?(${WEEKDAY_RE}|today|yesterday|tomorrow)\\b`,
      'g',
    ),
    build: (m, env) => {
      let h = m[4] ? (m[4] === 'midnight' ? 24 : 12) : Number(m[1]);
      const min = m[2] ? Number(m[2]) : 0;
      if (h > 24 || min > 59) return null;
      if (m[3]) {
        const pm = m[3].toLowerCase().startsWith('p');
        if (pm && h < 12) h += 12;
        if (!pm && h === 12) h = 0;
      }
      const w = m[5]!.toLowerCase();
      let value = 'XXXX-XX-XX';
      if (env.ref) {
        const wd = WEEKDAYS[w];
        const day = wd ? resolveWeekday(env.ref, wd, env.lean(m.index)) : addDays(env.ref, w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0);
        value = fmtDay(day.y, day.m, day.d);
      }
      return { value: `${value}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`, granularity: 'time', type: 'TIME' };
    },
  },
  {
    name: 'clock-time',
    gate: /\d ?(?:a\.m|p\.m|am\b|pm\b)/i,
    re: new RegExp(`\\b(\\d{1,2})(?:[:.](\\d{2}))? ?(a\\.m\\.|p\\.m\\.|am\\b|pm\\b|AM\\b|PM\\b)${ZONE_RE}`, 'g'),
    build: (m, env) => {
      let h = Number(m[1]);
      const min = m[2] ? Number(m[2]) : 0;
      if (h > 12 || min > 59) return null;
      const pm = m[3]!.toLowerCase().startsWith('p');
      if (pm && h < 12) h += 12;
      if (!pm && h === 12) h = 0;
      const day = env.ref ? fmtDay(env.ref.y, env.ref.m, env.ref.d) : 'XXXX-XX-XX';
      return { value: `${day}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`, granularity: 'time', type: 'TIME' };
    },
  },
  {
    name: 'clock-24h',
    gate: /\d:\d\d/,
    // why: "3:12" alone is as often a race time or a game clock; a 24-hour time is written with two hour digits
    re: new RegExp(`\\b([01]\\d|2[0-3]):([0-5]\\d)${ZONE_RE}(?![\\d:])`, 'g'),
    build: (m, env) => {
      const day = env.ref ? fmtDay(env.ref.y, env.ref.m, env.ref.d) : 'XXXX-XX-XX';
      return { value: `${day}T${m[1]!.padStart(2, '0')}:${m[2]}`, granularity: 'time', type: 'TIME' };
    },
  },
  {
    name: 'noon-midnight',
    gate: /noon|midday|midnight/i,
    re: /\b(noon|midday|midnight)\b/gi,
    build: (m, env) => {
      const day = env.ref ? fmtDay(env.ref.y, env.ref.m, env.ref.d) : 'XXXX-XX-XX';
      return { value: `${day}T${m[1]!.toLowerCase() === 'midnight' ? '24:00' : '12:00'}`, granularity: 'time', type: 'TIME' };
    },
  },
];
