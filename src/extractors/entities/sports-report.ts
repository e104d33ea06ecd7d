/**
 * Is a document a sports report, and where are its standings rows? Pure reads of the tokens, shared by the chunker, the
 * classification rules and the teams pass (sports.ts).
 */
import type { ETok } from './tokens.js';

/** The rules that read a name as a team (rules-shape.ts, rules-context.ts and the teams pass in sports.ts). */
export const TEAM_RULES: ReadonlySet<string> = new Set([
  'standings-row',
  'table-row',
  'town-team',
  'result-pair',
  'sports-team',
  'team-context',
  'team-nickname',
  'team-doc',
  'team-list',
]);

// why: words only sports reports use; "won", "lost", "points" or "season" also fill politics and markets copy
const SPORT_CUES = new Set(
  (
    'innings wicket wickets goal goals scorer scorers halftime half-time championship league coach striker ' +
    'midfielder goalkeeper inning homer homers pitcher standings playoff playoffs tournament soccer football cricket ' +
    'rugby baseball basketball hockey tennis golf olympic seeded quarter-final quarter-finals semi-final ' +
    'semi-finals quarterfinal semifinal batsman bowler batting bowling touchdown match matches beat defeated drew ' +
    'draw club racing cycling athletics footballer footballers skipper squad qualifier qualifiers captaincy teammate ' +
    'teammates referee umpire umpires winger strikers midfielders goalkeepers defenders pitchers quarterback'
  ).split(' '),
);
/** Words of a document per sports word, at most, for it to read as a sports report. */
const WORDS_PER_CUE = 150;

/**
 * True when sports words occur often enough to read the document as a sports report: four or more, and one in every
 * WORDS_PER_CUE words. why the density: a long story on art or business mentions "golf", "tennis" or a "club" in passing
 */
export function isSportsReport(toks: ETok[]): boolean {
  // why the cache: the standings-row rule asks once per row, and a page may hold a table of thousands of rows
  let known = SPORTS_REPORT.get(toks);
  if (known === undefined) {
    known = readsAsSportsReport(toks);
    SPORTS_REPORT.set(toks, known);
  }
  return known;
}
const SPORTS_REPORT = new WeakMap<ETok[], boolean>();

function readsAsSportsReport(toks: ETok[]): boolean {
  let n = 0;
  let rows = 0;
  let line = -1;
  for (const t of toks) {
    if (SPORT_CUES.has(t.lower)) n++;
    // why: pages of results and standings are sports reports even without a word of prose
    if (t.tableLine && t.line !== line && ++rows >= 4) return true;
    line = t.line;
  }
  return n >= 4 && n * WORDS_PER_CUE >= toks.length;
}

/**
 * A standings row opening at token i: its line is a run of capitalized words, then five or more small whole numbers and
 * nothing else ("Crystal Palace 4 1 2 1 4 3 5": played, won, drawn, lost, goals, points). The name's last token, or -1.
 * why: the name opens the line, so its first word reads as a capitalized sentence start ("Reading", "Crystal")
 */
export function standingsName(toks: ETok[], i: number): number {
  const line = toks[i]!.line;
  if (!toks[i]!.tableLine || toks[i - 1]?.line === line) return -1;
  let k = i;
  while (k < toks.length && toks[k]!.line === line && toks[k]!.cap && /^\p{Lu}/u.test(toks[k]!.text) && !/\d/u.test(toks[k]!.text)) k++;
  if (k === i || k - i > 4) return -1;
  let n = 0;
  for (let m = k; m < toks.length && toks[m]!.line === line; m++) {
    if (!/^\d{1,3}$/u.test(toks[m]!.text)) return -1;
    n++;
  }
  return n >= 5 ? k - 1 : -1;
}
