/**
 * Salience for pronoun resolution: which entity mentions are the subject of their clause or a speaker
 * ("Okafor said", "says Okafor", "Okafor expressed concern"). Later "he"/"she"/"it" looks for those first.
 */
import type { ParsedText } from '../nlp.js';
import { tokenAt } from './attribution.js';
import type { MentionIndex } from './mentions.js';
import { FINITE_AUXILIARIES, reportingLemma } from './reporting-verbs.js';

// why: auxiliaries and adverbs a subject's verb may start with, whatever the tagger calls them
const VERB_START: ReadonlySet<string> = new Set([...FINITE_AUXILIARIES, ...'also then later now still never already recently once often'.split(' ')]);
// why: "who like Montalban was born": a name after a preposition is its object, whatever verb follows
const PREPOSITIONS = new Set([
  'like',
  'unlike',
  'of',
  'to',
  'with',
  'for',
  'by',
  'from',
  'about',
  'than',
  'as',
  'at',
  'in',
  'on',
  'into',
  'against',
  'between',
  'among',
  'without',
  'including',
  'under',
  'over',
  'after',
  'before',
  'behind',
  'beside',
  'toward',
  'towards',
]);
const INVERTED_CUES = /^(says|said|writes|wrote|adds|added|explains|explained|notes|noted|continues|continued|asks|asked)$/u;

/** Starts of the mentions that are clause subjects or speakers next to a reporting verb. */
export function markSubjects(parsed: ParsedText, idx: Pick<MentionIndex, 'mentions'>): Set<number> {
  const { text, tokens } = parsed;
  const subjects = new Set<number>();
  for (const m of idx.mentions) {
    const t = tokenAt(parsed, m.start);
    const sent = parsed.sentences[tokens[t]?.sentence ?? -1];
    if (!sent) continue;
    let verbBefore = false;
    for (let k = sent.firstToken; k < t; k++) if (tokens[k]!.tags.has('Verb')) verbBefore = true;
    // why: "Stella's employees …": a possessive name modifies the subject, it is not the subject
    const possessive = /^['’]s\b/u.test(text.slice(m.end, m.end + 3));
    if (!verbBefore && !possessive && t - sent.firstToken <= 10) subjects.add(m.start);
    const after = tokenAt(parsed, m.end);
    const next = tokens[after];
    const prev = tokens[t - 1];
    // why: a name next to a reporting verb ("Hale writes", "says Tom Hale") is a speaker: salient for pronouns
    if ((next && reportingLemma(next.normal)) || (prev && INVERTED_CUES.test(prev.normal))) subjects.add(m.start);
    // why: "…, McCallum expressed concern", "that Foster pieced": a name right before its verb is that clause's subject
    const last = tokens[after - 1];
    const afterPreposition = prev !== undefined && !/[,;:]/u.test(prev.post) && PREPOSITIONS.has(prev.normal);
    if (next && !possessive && !afterPreposition && last && !/[,;:()]/u.test(last.post) && next.sentence === last.sentence) {
      if (VERB_START.has(next.normal) || (next.tags.has('Verb') && !next.tags.has('Gerund') && !next.tags.has('Noun'))) subjects.add(m.start);
    }
  }
  return subjects;
}
