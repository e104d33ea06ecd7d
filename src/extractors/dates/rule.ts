/**
 * The shape of a date rule: a named regex and a builder that turns its match into a resolved mention.
 */
import type { DateGranularity, DateMention, DateModifier } from '../../domain/types.js';
import type { Day, Lean } from './calendar.js';

/** What a rule may use to resolve a match: the publication day and the tense around the match. */
export interface Env {
  /** The publication day, null when unknown (then years stay XXXX and relative values null). */
  ref: Day | null;
  /** Which way the clause around offset `at` leans (future after will/next…, else past). */
  lean: (at: number) => Lean;
}

/** A rule's resolved output; offsets default to the whole match. */
export interface Built {
  value: string | null;
  granularity: DateGranularity;
  type: DateMention['type'];
  modifier?: DateModifier | null;
  range?: { start: string; end: string } | null;
  /** "that year", "the following month": resolve against the previous dated mention, not the story's date. */
  anaphor?: { unit: 'year' | 'month' | 'day'; shift: number } | null;
  /** "a year earlier" counted in years: beside a quarter in the same sentence it means that quarter, years back. */
  yearsBack?: number;
  /** Trim this many characters from the start / end of the match. */
  trimStart?: number;
  trimEnd?: number;
}

/** One named rule; `re` must be global. `build` returns null to reject the match. */
export interface DateRule {
  name: string;
  /** A cheap test on the whole text: when it fails, the rule cannot match and is skipped (speed only). */
  gate?: RegExp;
  re: RegExp;
  build: (m: RegExpExecArray, env: Env) => Built | null;
}

/** Modifier words in front of a period ("early", "mid-", "late", "the end of") → TIMEX3-ish modifier. */
export function modifierOf(word: string | undefined): DateModifier | null {
  if (!word) return null;
  const w = word
    .toLowerCase()
    .replace(/[-\s]+$/, '')
    .replace(/^the /, '');
  if (/^(?:early|earlier|(?:beginning|start) of|first part of)$/.test(w)) return 'early';
  if (/^(?:mid|middle|middle of)$/.test(w)) return 'mid';
  if (/^(?:late|later|end of|(?:last|latter) part of)$/.test(w)) return 'late';
  return null;
}

/** Regex fragment for a modifier prefix, captured (group inside): "early ", "mid-", "the end of "… */
export const MOD_RE =
  '((?:[Ee]arly|[Ee]arlier|[Ll]ate|[Ll]ater|[Mm]id|[Mm]iddle|(?:[Tt]he )?(?:beginning|start|end|middle|first part|last part|latter part) of)(?:-| |- ))';
