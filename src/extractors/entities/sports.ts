/**
 * Sports reports name clubs after their towns ("Harwich beat Dover", "lost to Verona"): in a document
 * that reads like a sports report, a place used as a team (in a results table or next to a match verb) is an
 * organization, and so are its other mentions in that document. National teams stay places (countries).
 */
import { draft, type DocInput, type DocOutput, type Labeled, listRuns, revisionsOf } from './doc-pass.js';
import { isSportsReport } from './sports-report.js';
import { datelineTokens, isCountry } from './surroundings.js';
import type { ETok } from './tokens.js';
import { LOCATIVES } from './words.js';

const BEFORE = new Set(
  (
    'beat beats against v vs vs. over host hosts visiting defeated edged routed blanked downed hammered thrashed trounced ' +
    'outlasted swept play played joined join joins joining rejoined side'
  ).split(' '),
);
// why: British sports copy gives a club a plural verb ("Dover have won", "Leeds are top"); a town takes a singular one
const PLURAL_VERBS = new Set(['have', 'are', 'were']);
const AFTER = new Set(
  (
    'beat beats defeated drew draw lost won win wins trailed led v vs vs. edged routed blanked downed hammered thrashed ' +
    'trounced rallied clinched declared host hosted captain skipper defender striker midfielder goalkeeper forward ' +
    'playmaker winger pitcher manager coach player players batsman bowler'
  ).split(' '),
);
const LOST_WITH = new Set(['lost', 'losing', 'drew', 'draw', 'level', 'tied']);

const textOf = (toks: ETok[], l: Labeled) =>
  toks
    .slice(l.first, l.last + 1)
    .map((t) => t.lower)
    .join(' ');

const CLAUSE_OPENERS = new Set(['and', 'but', 'while', 'as', 'when', 'that', 'after', 'before', 'though', 'although']);
/** The token at i opens a clause: first on its line or sentence, or after a comma or a conjunction. */
function clauseStart(toks: ETok[], i: number): boolean {
  const prev = toks[i - 1];
  const t = toks[i]!;
  if (!prev || prev.line !== t.line || prev.sentence !== t.sentence) return true;
  return /,\s*$/u.test(t.gap) || CLAUSE_OPENERS.has(prev.lower);
}
const AUXILIARIES = new Set([
  'has',
  'have',
  'had',
  'is',
  'are',
  'was',
  'were',
  'will',
  'would',
  'could',
  'should',
  'must',
  'need',
  'needs',
  'can',
  'may',
  'might',
]);
/** A verb that can follow a clause's subject: a tensed verb or an auxiliary ("reached", "need", "has won"). */
const finiteVerb = (t: ETok) =>
  AUXILIARIES.has(t.lower) || (t.tags.has('Verb') && (t.tags.has('PastTense') || t.tags.has('PresentTense')) && !t.tags.has('Gerund') && !t.cap);

/** The teams pass: places used as teams become organizations, then every mention of the same name in the document. */
export function teamsPass({ toks, chunks }: DocInput): DocOutput {
  if (!isSportsReport(toks)) return { revisions: [] };
  const items = draft(chunks);
  markTeams(toks, items);
  return { revisions: revisionsOf('teams', chunks, items) };
}

/** Turn places used as teams into organizations in the pass's working copy. */
function markTeams(toks: ETok[], items: Labeled[]): void {
  const teams = new Set<string>();
  // why: "defeated Tomasz" in a report that names Tomasz Hale: a word of a player's name is the player
  const nameWords = new Set<string>();
  // why: "Wimbledon finalist MaliVai Washington … Washington came back": the last word of a name that is no
  // organization is a surname, whatever its type alone, and a surname that acts is the player
  const lastWords = new Set<string>();
  for (const l of items) {
    if (l.d.label === 'PER' && l.last > l.first) for (let k = l.first; k <= l.last; k++) nameWords.add(toks[k]!.lower);
    if (l.last > l.first && l.d.label !== 'ORG' && !toks[l.first]!.capsLine) lastWords.add(toks[l.last]!.lower);
  }
  const dateline = datelineTokens(toks);
  for (const l of items) {
    if (dateline[l.first]) continue;
    if (toks.slice(l.first, l.last + 1).some(isCountry) || (l.first === l.last && nameWords.has(toks[l.first]!.lower))) continue;
    if (l.d.rule === 'table-row') {
      teams.add(textOf(toks, l));
      continue;
    }
    // why: compromise knows many town names as people's names ("Chester", "Lincoln")
    const single = l.first === l.last;
    if (
      !(
        l.d.rule === 'place' ||
        l.d.rule === 'town-start' ||
        l.d.rule === 'town-region' ||
        l.d.label === 'UNKNOWN' ||
        (single && l.d.rule === 'compromise-person')
      )
    )
      continue;
    const prev = toks[l.first - 1];
    const prev2 = toks[l.first - 2];
    const next = toks[l.last + 1];
    const before = prev && prev.line === toks[l.first]!.line ? prev.lower : '';
    const after = next && !toks[l.last]!.breakAfter ? next.lower : '';
    const lostTo = (before === 'to' || before === 'with') && prev2 && LOST_WITH.has(prev2.lower);
    // why: a score follows a team in match reports ("Dover 212 and 40-2", "Harwich 301-6")
    const score =
      !['in', 'at', 'on'].includes(before) &&
      !!next &&
      next.line === toks[l.last]!.line &&
      /^\d{1,3}(-\d{1,2})?$/u.test(next.text) &&
      !toks[l.last]!.breakAfter;
    // why: a player follows his club ("Dover's Tom Hale")
    const club = toks[l.last]!.possessive && !!next && next.cap;
    // why: an unknown single word needs a match context; a verb after it ("Smith won") is not enough
    const verbAfter = AFTER.has(after) && l.d.label !== 'UNKNOWN';
    // why: a singular name with a plural verb is a collective: "Rotor are well placed" (a person "is")
    const plural = single && PLURAL_VERBS.has(after) && (l.d.rule === 'place' || (l.d.label === 'UNKNOWN' && !/s$/u.test(toks[l.first]!.lower)));
    // why: a sports report's town that opens a clause and acts ("Essex reached 372", "Milwaukee tied it up", "Rotor
    // would play") is its team; a town as a place takes a preposition ("in Essex")
    const acts =
      single &&
      l.d.rule === 'place' &&
      !lastWords.has(toks[l.first]!.lower) &&
      clauseStart(toks, l.first) &&
      !!next &&
      !toks[l.last]!.breakAfter &&
      !toks[l.last]!.possessive &&
      finiteVerb(next);
    if (BEFORE.has(before) || verbAfter || lostTo || score || club || plural || acts) {
      l.d = { label: 'ORG', kind: 'other', rule: 'team-context', strong: false };
      teams.add(textOf(toks, l));
    }
  }
  // why: nicknames of teams are capitalized plurals after "the" ("the Rovers", "the Hawks")
  // why: "the All Blacks", "the Blue Jays": two capitalized words whose last is a plural, though each is a common word
  for (const l of items) {
    const two = l.last === l.first + 1 && (l.d.label === 'UNKNOWN' || l.d.rule === 'common-words');
    if (!two && (l.first !== l.last || (l.d.label !== 'UNKNOWN' && l.d.rule !== 'common-words' && l.d.rule !== 'compromise-person'))) continue;
    const t = toks[l.last]!;
    if (/^\p{Lu}\p{Ll}+s$/u.test(t.text) && toks[l.first]!.cap && !toks[l.first]!.upper && toks[l.first - 1]?.lower === 'the') {
      l.d = { label: 'ORG', kind: 'other', rule: 'team-nickname', strong: false };
      teams.add(textOf(toks, l));
    }
  }
  if (!teams.size) return;
  markListedTeams(toks, items, teams);
  for (const l of items) {
    if (l.d.strong || l.d.label === 'ORG' || (l.d.label === 'PER' && !(l.first === l.last && l.d.rule === 'compromise-person'))) continue;
    if (dateline[l.first]) continue;
    // why: "In Seattle, Ken Hale's grand slam…": after a place preposition the town is the place, not its team
    if (teams.has(textOf(toks, l)) && !LOCATIVES.has(toks[l.first - 1]?.lower ?? '')) l.d = { label: 'ORG', kind: 'other', rule: 'team-doc', strong: false };
  }
}

/** Names listed with a team are teams too ("rivals Dover, Harwich and Leeds"); a list as listRuns reads it. */
function markListedTeams(toks: ETok[], items: Labeled[], teams: Set<string>): void {
  const open = (l: Labeled) => !l.d.strong && (l.d.label !== 'PER' || (l.first === l.last && l.d.rule === 'compromise-person')) && l.d.label !== 'ORG';
  for (const run of listRuns(toks, items)) {
    if (!run.some((l) => teams.has(textOf(toks, l)))) continue;
    for (const b of run) {
      if (!open(b) || !(b.d.label === 'UNKNOWN' || b.d.rule === 'place' || b.d.rule === 'compromise-person' || b.d.rule === 'town-start')) continue;
      b.d = { label: 'ORG', kind: 'other', rule: 'team-list', strong: false };
      teams.add(textOf(toks, b));
    }
  }
}
