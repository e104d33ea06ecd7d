/**
 * Date mentions with TIMEX3 values resolved against the publication date.
 * Ordered regex rules over the text find and resolve spans (longest match wins); the shared compromise parse
 * vetoes word-sense mistakes ("May" the modal, "April" the first name) and tells which way each clause leans.
 */
import type { DateMention, ExtractContext } from '../../domain/types.js';
import { tokenIndexAt, type ParsedText } from '../nlp.js';
import { addDays, addMonths, fmtDay, fmtMonth, parseRef } from './calendar.js';
import { makeLean } from './lean.js';
import type { Built, DateRule, Env } from './rule.js';
import { ABSOLUTE_RULES } from './rules-absolute.js';
import { HOLIDAY_RULES } from './rules-holidays.js';
import { RELATIVE_RULES } from './rules-relative.js';
import { TIME_RULES } from './rules-time.js';

/** Every rule, in priority order for matches of equal length. */
export const DATE_RULES: readonly DateRule[] = [...ABSOLUTE_RULES, ...HOLIDAY_RULES, ...TIME_RULES, ...RELATIVE_RULES];

interface Candidate extends Omit<DateMention, 'rule'> {
  rule: number;
  anaphor: Built['anaphor'];
  yearsBack: number | null;
}

const YEAR_INTRO = new Set(['the', 'in', 'of', 'fiscal', 'since', 'by', 'during', 'until', 'from', 'its', 'his', 'her', 'their', 'our', 'for', 'year']);
const MONTH_WORD = /^(?:January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** Vetoes from the shared parse: word senses the regexes cannot see. */
function vetoed(c: Candidate, parsed: ParsedText): boolean {
  const { tokens } = parsed;
  for (let i = tokenIndexAt(tokens, c.start); i < tokens.length && tokens[i]!.start < c.end; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (MONTH_WORD.test(t.text)) {
      // why: "May I…", "March on" — compromise reads the verb sense
      if (t.tags.has('Modal') || (t.tags.has('Verb') && !t.tags.has('Date'))) return true;
      // why: "April Smith", "June Carter" — a first name followed by a surname
      if (next && next.start <= t.end + 1 && /^[A-Z]/.test(next.text) && (next.tags.has('LastName') || (t.tags.has('Person') && next.tags.has('Person'))))
        return true;
    }
  }
  if (DATE_RULES[c.rule]?.name === 'holiday') {
    const next = tokens[tokenIndexAt(tokens, c.end)];
    // why: "Christmas shopping", "Easter holidays": the holiday names a season of trade, not a day
    if (next && next.start === c.end + 1 && /^[a-z]/.test(next.text) && next.tags.has('Noun') && !next.tags.has('Date')) return true;
  }
  if (c.granularity === 'year' && c.value && /^\d{4}$/.test(c.value)) {
    const last = tokens[tokenIndexAt(tokens, c.end - 1)];
    const next = last ? tokens[tokenIndexAt(tokens, last.end)] : undefined;
    const first = tokens[tokenIndexAt(tokens, c.start)];
    const before = first ? tokens[tokenIndexAt(tokens, first.start) - 1] : undefined;
    // why: "1500 troops", "2000 people": a count, not a year; "the 1995 shootings", "fiscal 1989 sales" stay years
    if (
      next &&
      next.start - c.end <= 1 &&
      next.tags.has('Plural') &&
      /s$/.test(next.normal) &&
      !next.tags.has('Date') &&
      !(before && YEAR_INTRO.has(before.normal))
    )
      return true;
  }
  return false;
}

const ANCHOR = { year: /^(\d{4})/, month: /^(\d{4})-(\d{2})/, day: /^(\d{4})-(\d{2})-(\d{2})/ } as const;

/** Re-anchor "that year", "the following month"… on the nearest earlier mention that names such a date. */
function resolveAnaphors(mentions: Candidate[]): void {
  mentions.forEach((c, i) => {
    if (!c.anaphor) return;
    const { unit, shift } = c.anaphor;
    for (let j = i - 1; j >= 0; j--) {
      const prev = mentions[j]!;
      if (prev.anaphor || prev.type === 'DURATION' || prev.type === 'SET') continue;
      const m = ANCHOR[unit].exec(prev.value ?? '');
      if (!m) continue;
      if (unit === 'year') c.value = String(Number(m[1]) + shift);
      else if (unit === 'month') {
        const x = addMonths(Number(m[1]), Number(m[2]), shift);
        c.value = fmtMonth(x.y, x.m);
      } else {
        const d = addDays({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }, shift);
        c.value = fmtDay(d.y, d.m, d.d);
      }
      return;
    }
  });
}

// why: "from May to July", "between 1990 and 1995": TimeML keeps both ends as their own mentions; each gets the range
const RANGE_GAP = /^\s*(?:-|–|—|to|until|till|through|thru|and)\s*$/i;
const RANGE_OPEN = /\b(?:from|between)\s+$/i;

/** Give both ends of a named range ("from May to July") the range's two values. */
function linkRanges(mentions: Candidate[], text: string): void {
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i]!;
    const b = mentions[i + 1]!;
    if (a.type === 'DURATION' || a.type === 'SET' || b.type === 'DURATION' || b.type === 'SET') continue;
    if (!a.value || !b.value || a.range || b.range) continue;
    const gap = text.slice(a.end, b.start);
    if (!RANGE_GAP.test(gap)) continue;
    const before = text.slice(Math.max(0, a.start - 10), a.start);
    const isAnd = /and/i.test(gap);
    if (isAnd ? !/\bbetween\s+$/i.test(before) : !RANGE_OPEN.test(before) && !/[-–—]/.test(gap)) continue;
    const range = { start: a.value, end: b.value };
    a.range = range;
    b.range = range;
  }
}

/** "Profit in the third quarter fell from a year earlier": the comparison is that quarter, a year back. */
function quarterComparisons(mentions: Candidate[], parsed: ParsedText): void {
  const sentenceOf = (at: number) => parsed.tokens[tokenIndexAt(parsed.tokens, at)]?.sentence ?? -1;
  mentions.forEach((c, i) => {
    if (c.yearsBack === null) return;
    const s = sentenceOf(c.start);
    for (let j = i - 1; j >= 0 && sentenceOf(mentions[j]!.start) === s; j--) {
      const q = /^(\d{4})-Q([1-4])$/.exec(mentions[j]!.value ?? '');
      if (!q || mentions[j]!.yearsBack !== null) continue;
      c.value = `${Number(q[1]) - c.yearsBack}-Q${q[2]}`;
      c.granularity = 'quarter';
      return;
    }
  });
}

/** Find and resolve date mentions. Pure and deterministic; never throws. */
export function findDates(parsed: ParsedText, ctx: ExtractContext = {}): DateMention[] {
  try {
    return findDatesUnsafe(parsed, ctx);
  } catch {
    return [];
  }
}

function findDatesUnsafe(parsed: ParsedText, ctx: ExtractContext): DateMention[] {
  const text = parsed.text;
  const env: Env = { ref: parseRef(ctx.publishedAt), lean: makeLean(parsed) };
  const candidates: Candidate[] = [];
  DATE_RULES.forEach((rule, ri) => {
    if (rule.gate && !rule.gate.test(text)) return;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      let built: Built | null;
      try {
        built = rule.build(m, env);
      } catch {
        built = null;
      }
      if (!built) continue;
      const start = m.index + (built.trimStart ?? 0);
      const end = m.index + m[0].length - (built.trimEnd ?? 0);
      if (end <= start) continue;
      candidates.push({
        start,
        end,
        text: text.slice(start, end),
        value: built.value,
        granularity: built.granularity,
        modifier: built.modifier ?? null,
        type: built.type,
        range: built.range ?? null,
        rule: ri,
        anaphor: built.anaphor ?? null,
        yearsBack: built.yearsBack ?? null,
      });
    }
  });
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.rule - b.rule || a.start - b.start);
  const taken: Candidate[] = [];
  // why: an occupancy map keeps the longest-first selection linear on long texts with thousands of candidates
  const used = new Uint8Array(text.length + 1);
  for (const c of candidates) {
    let free = true;
    for (let k = c.start; k < c.end && free; k++) free = used[k] === 0;
    if (!free || vetoed(c, parsed)) continue;
    used.fill(1, c.start, c.end);
    taken.push(c);
  }
  taken.sort((a, b) => a.start - b.start);
  resolveAnaphors(taken);
  linkRanges(taken, text);
  quarterComparisons(taken, parsed);
  return taken.map(({ rule, anaphor: _anaphor, yearsBack: _yearsBack, ...mention }) => ({ ...mention, rule: DATE_RULES[rule]!.name }));
}
