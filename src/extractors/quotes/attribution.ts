/**
 * Attribution clauses: the reporting cue in a stretch of text ("said", "wrote in a statement", "according to")
 * and the subject that goes with it ("Hugh Hill, a doctor, said", "said Hugh Hill", "the company said").
 */
import type { Span } from '../../domain/types.js';
import { tokenIndexAt, type ParsedText, type Token } from '../nlp.js';
import { CUE_TAIL, reportingLemma, STRONG_FORMS } from './reporting-verbs.js';
import { mentionsWithin, type MentionIndex } from './mentions.js';
import { SPEAKER_PRONOUNS, isPersonNoun } from './nominals.js';
import { rx } from '../rx.js';

/** A reporting cue found in a clause. */
export interface Cue {
  /** Index of the verb token (or of "according"). */
  token: number;
  lemma: string;
  span: Span;
}

/** Index of the first token ending after `pos`. */
export function tokenAt(parsed: ParsedText, pos: number): number {
  return tokenIndexAt(parsed.tokens, pos);
}

function span(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

function isVerbish(t: Token): boolean {
  return STRONG_FORMS.has(t.normal) || (t.tags.has('Verb') && !t.tags.has('Noun') && !t.tags.has('Adjective'));
}

/** First reporting cue among the tokens inside [from, to), skipping tokens in `used`. */
export function findCue(parsed: ParsedText, from: number, to: number, used: ReadonlySet<number>): Cue | null {
  const toks = parsed.tokens;
  for (let i = tokenAt(parsed, from); i < toks.length && toks[i]!.end <= to; i++) {
    if (used.has(i)) continue;
    const t = toks[i]!;
    if (t.start < from) continue;
    if (t.normal === 'according' && toks[i + 1]?.normal === 'to') {
      return { token: i, lemma: 'according to', span: span(parsed.text, t.start, toks[i + 1]!.end) };
    }
    const lemma = reportingLemma(t.normal);
    if (!lemma || !isVerbish(t)) continue;
    // why: "When told of …", "Asked what …": a subordinate participle has no subject of its own
    if (
      /^(when|if|once|unless|until|after|before|while|as)$/u.test(toks[i - 1]?.normal ?? '') ||
      ((i === 0 || toks[i - 1]!.sentence !== t.sentence) && /^(asked|told|pressed)$/u.test(t.normal))
    )
      continue;
    // why: a passive ("will be announced as", "was told") has no speaker as its subject
    if (/(ed|en|told|said|written|read|found|shown|thought)$/u.test(t.normal) && /^(is|are|was|were|be|been|being|get|got)$/u.test(toks[i - 1]?.normal ?? ''))
      continue;
    if (lemma === 'point out' && toks[i + 1]?.normal !== 'out') continue;
    let end = lemma === 'point out' ? toks[i + 1]!.end : t.end;
    const tail = CUE_TAIL.exec(parsed.text.slice(end, Math.min(to, end + 90)));
    if (tail) end += tail[0].length;
    return { token: i, lemma, span: span(parsed.text, t.start, end) };
  }
  return null;
}

// why: auxiliaries and adverbs between a subject and its verb ("Microsoft has also said", "was quoted as saying")
const SKIP_BACK = new Set([
  'has',
  'have',
  'had',
  'was',
  'were',
  'is',
  'are',
  'been',
  'be',
  'also',
  'later',
  'then',
  'previously',
  'recently',
  'further',
  'earlier',
  'once',
  'again',
  'reportedly',
  'would',
  'will',
  'did',
  'does',
  'do',
  'quoted',
  'as',
  'simply',
  'publicly',
  'repeatedly',
  'often',
  'still',
  'even',
  'just',
  'only',
  'never',
  'always',
  'first',
  'last',
  'flatly',
  'has',
  'can',
  'could',
  'may',
  'might',
  'should',
  'shall',
  'must',
  'not',
  'already',
  'succinctly',
  'bluntly',
  'frankly',
  'openly',
  'quickly',
  'angrily',
  'proudly',
  'candidly',
  'privately',
  'ultimately',
  'initially',
  'subsequently',
  'allegedly',
]);
const CLAUSE_BREAK = new Set([
  'and',
  'but',
  'that',
  'which',
  'who',
  'when',
  'while',
  'as',
  'because',
  'so',
  'if',
  'where',
  'after',
  'before',
  'although',
  'though',
  'since',
  'than',
  'what',
  'whom',
]);

// why: "Rep. Jim McGovern", "Sen. Richard Shelby": a title's full stop ends no name
const TITLE_ABBR = /^(?:rep|sen|gov|lt|gen|col|sgt|dr|mr|mrs|ms|st|prof|rev|hon|capt|cmdr|adm|maj|cpl|pres|supt|insp|det|const|cst)$/u;

const NOT_NAMES = new Set([
  'in',
  'on',
  'at',
  'but',
  'and',
  'the',
  'a',
  'an',
  'this',
  'that',
  'according',
  'as',
  'for',
  'if',
  'when',
  'while',
  'after',
  'before',
  'despite',
  'however',
  'meanwhile',
  'still',
  'yet',
  'so',
  'then',
  'now',
  'also',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
  'some',
  'many',
  'other',
  'others',
  'both',
  'all',
]);

const CALENDAR = rx('u')`
    ^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|
      december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|today|yesterday|tonight)$`;

/** Whether a token names a day, a month or a date (never a speaker). */
export function isCalendar(t: Token): boolean {
  return CALENDAR.test(t.normal.replace(/[.'’s]+$/u, '')) || t.tags.has('Date') || t.tags.has('Month') || t.tags.has('WeekDay');
}

function isProper(t: Token): boolean {
  if (!/^\p{Lu}/u.test(t.text) || NOT_NAMES.has(t.normal) || isCalendar(t)) return false;
  // why: "D-Calif.", "R-La.": a party and state tag after a name is no name
  if (/^[DRI]-\p{Lu}/u.test(t.text)) return false;
  if (t.tags.has('ProperNoun') || t.tags.has('Person') || t.tags.has('Organization') || t.tags.has('Place') || t.tags.has('Acronym')) return true;
  // why: an unknown capitalized noun before a reporting verb is usually a surname the tagger missed ("Gokool said")
  // why: "Young said": a capitalized surname the tagger took for an adjective
  return (t.tags.has('Noun') || t.tags.has('Adjective')) && !t.tags.has('Pronoun') && !t.tags.has('Plural');
}

/** The mention that names the speaker inside the token range [a, b): entity, proper noun run, pronoun or NP. */
function mentionIn(parsed: ParsedText, idx: MentionIndex, a: number, b: number, preferFirst: boolean): Span | null {
  if (a >= b) return null;
  const toks = parsed.tokens;
  const start = toks[a]!.start;
  const end = toks[b - 1]!.end;
  // why: "the founder of Acme", "the former sergeant-at-arms of the House": a role noun with "of/at" before a name
  // is the speaker; the organization after it is not
  for (let i = a; i < b - 1; i++) {
    if (!/^(of|at|for)$/u.test(toks[i + 1]!.normal) || !isPersonNoun(toks[i]!.normal)) continue;
    if (mentionsWithin(idx, start, toks[i]!.end).some((m) => m.ref.type === 'person')) break;
    if (!/^(the|a|an|his|her|their|its)$/u.test(toks[a]!.normal)) break;
    return span(parsed.text, start, end);
  }
  const ms = mentionsWithin(idx, start, end);
  const people = ms.filter((m) => m.ref.type === 'person');
  const pool = people.length ? people : ms;
  if (pool.length) {
    const m = preferFirst ? pool[0]! : pool[pool.length - 1]!;
    return span(parsed.text, m.start, m.end);
  }
  // proper-noun run (closest to the verb unless told otherwise)
  let runs: [number, number][] = [];
  for (let i = a; i < b; i++) {
    if (isProper(toks[i]!)) {
      let j = i;
      while (
        j + 1 < b &&
        (isProper(toks[j + 1]!) || (/^(of|de|van|von|the|and|for)$/u.test(toks[j + 1]!.normal) && j + 2 < b && isProper(toks[j + 2]!))) &&
        !/[,;:]/u.test(toks[j]!.post)
      )
        j++;
      let s0 = i;
      while (s0 <= j && TITLE_ABBR.test(toks[s0]!.normal)) s0++;
      // why: "the Cambridge resident": a proper noun modifying a common noun is not the speaker's name
      const nextTok = toks[j + 1];
      const modifier =
        j + 1 < b &&
        nextTok !== undefined &&
        /^\p{Ll}/u.test(nextTok.text) &&
        nextTok.tags.has('Noun') &&
        !nextTok.tags.has('Pronoun') &&
        !/[,;:]/u.test(toks[j]!.post);
      if (s0 <= j && !modifier) runs.push([s0, j + 1]);
      i = j;
    }
  }
  runs = runs.filter(([_s, e]) => !(e < b && /['’]s$/u.test(toks[e - 1]!.text)));
  runs = runs.filter(([s, e]) => !(e - s === 1 && s === a && /^(In|On|At|But|And|The|A|An|This|That|According)$/u.test(toks[s]!.text)));
  if (runs.length) {
    const [s, e] = preferFirst ? runs[0]! : runs[runs.length - 1]!;
    return span(parsed.text, toks[s]!.start, toks[e - 1]!.end);
  }
  for (let i = b - 1; i >= a; i--) {
    if (SPEAKER_PRONOUNS.has(toks[i]!.normal) && (i === a || !toks[i]!.tags.has('Possessive'))) {
      // why: "you" is the reader; "our", "their", "his" modify a noun, they do not speak
      if (/^(you|our|my|their|its|his|us|them|him)$/u.test(toks[i]!.normal)) continue;
      return span(parsed.text, toks[i]!.start, toks[i]!.end);
    }
  }
  // a common-noun phrase: from its determiner to the end ("a spokesperson", "some voters", "the company")
  let s = b - 1;
  while (
    s > a &&
    b - s < 7 &&
    !/[,;:]/u.test(toks[s - 1]!.post) &&
    !CLAUSE_BREAK.has(toks[s - 1]!.normal) &&
    !(isVerbish(toks[s - 1]!) && !toks[s - 1]!.tags.has('Adjective'))
  )
    s--;
  const first = toks[s]!;
  if (!(first.tags.has('Noun') || first.tags.has('Determiner') || first.tags.has('Adjective') || first.tags.has('Value'))) return null;
  // why: a speaker phrase ends in its head noun ("a spokesperson"), never in "to", "the" or "you"
  const last = toks[b - 1]!;
  if (!last.tags.has('Noun') || last.tags.has('Preposition') || last.tags.has('Determiner') || /^(you|your|yours|the|to|of)$/u.test(last.normal)) return null;
  return span(parsed.text, first.start, toks[b - 1]!.end);
}

/** The speaker mention written before a cue verb, within the clause starting at `clauseStart`. */
export function subjectBefore(parsed: ParsedText, idx: MentionIndex, clauseStart: number, verb: number): Span | null {
  const toks = parsed.tokens;
  let b = verb;
  const first = tokenAt(parsed, clauseStart);
  while (b > first && SKIP_BACK.has(toks[b - 1]!.normal) && !/[,;:]/u.test(toks[b - 1]!.post)) b--;
  if (b <= first) return null;
  // why: "Hugh Hill, a doctor, said" and "His lawyer, Zhang Dongshuo, said": the named person wins
  if (/,/u.test(toks[b - 1]!.post)) {
    let g = b - 1;
    while (g > first && !/[,;:.!?]/u.test(toks[g - 1]!.post)) g--;
    const appo = mentionsWithin(idx, toks[g]!.start, toks[b - 1]!.end).filter((m) => m.ref.type === 'person');
    if (g > first) {
      // why: "Hussein Sayed, Chief Market Strategist at FXTM, said": a person named before the apposition wins
      let h0 = g - 1;
      while (h0 > first && !/[,;:.!?]/u.test(toks[h0 - 1]!.post) && b - h0 < 20) h0--;
      const named = mentionsWithin(idx, toks[h0]!.start, toks[g - 1]!.end).filter(
        (m) => m.ref.type === 'person' && !/^['’]s/u.test(parsed.text.slice(m.end, m.end + 2)),
      );
      if (named.length) return span(parsed.text, named[named.length - 1]!.start, named[named.length - 1]!.end);
    }
    if (appo.length) return span(parsed.text, appo[0]!.start, appo[0]!.end);
    if (g > first) {
      let h = g - 1;
      while (h > first && !/[,;:.!?]/u.test(toks[h - 1]!.post) && b - h < 20) h--;
      const name = mentionIn(parsed, idx, h, g, false);
      if (name) return name;
    }
    return mentionIn(parsed, idx, g, b, true);
  }
  let a = b - 1;
  while (a > first && !/[,;:.!?]/u.test(toks[a - 1]!.post) && !CLAUSE_BREAK.has(toks[a - 1]!.normal) && b - a < 14) a--;
  if (CLAUSE_BREAK.has(toks[a]!.normal)) a++;
  return mentionIn(parsed, idx, a, b, false);
}

/** The speaker mention written after a cue verb ("said Hugh Hill, a doctor"), up to `limit`. */
export function subjectAfter(parsed: ParsedText, idx: MentionIndex, verb: number, limit: number): Span | null {
  const toks = parsed.tokens;
  let b = verb + 1;
  if (/[,;:.!?]/u.test(toks[verb]!.post)) return null;
  const scan = (from: number): number => {
    let e = from;
    while (e < toks.length && toks[e]!.end <= limit && e - from <= 8) {
      if (CLAUSE_BREAK.has(toks[e]!.normal) && e > from) break;
      if (/[,;:!?]/u.test(toks[e]!.post) || (/\./u.test(toks[e]!.post) && !TITLE_ABBR.test(toks[e]!.normal))) return e + 1;
      e++;
    }
    return e;
  };
  b = scan(b);
  // why: "says Okafor's partner, Lena Holm": the possessor does not speak; the apposition names who does
  const possessor = toks.slice(verb + 1, b).some((t) => /['’]s$/u.test(t.text));
  if (possessor && b < toks.length && /,/u.test(toks[b - 1]!.post)) {
    const c = scan(b);
    const named = mentionIn(parsed, idx, b, c, true);
    if (named && /^\p{Lu}/u.test(named.text) && mentionsWithin(idx, named.start, named.end).some((m) => m.ref.type === 'person')) return named;
  }
  return mentionIn(parsed, idx, verb + 1, b, false);
}
