/**
 * Last pass for single unknown words: the sentence around them says whether they name a person
 * ("Morel, 31, joined…", "said Hale", "c Smith b Jones").
 */
import { draft, type DocInput, type DocOutput, type Labeled, revisionsOf } from './doc-pass.js';
import type { Decision } from './rule.js';
import { ANY_FIRST_NAME, isCommonWord, isPluralOfWord } from './lexicons.js';
import type { ETok } from './tokens.js';

const SPEECH = new Set('said says told added asked replied insisted explained noted admitted declined warned urged'.split(' '));
const SPEECH_BEFORE = new Set(['said', 'says', 'told', 'quoted', 'asked']);
// why: cricket scorecards: "c Smith b Jones", "lbw b Patel", "st Brown b Khan"
const DISMISSALS = new Set(['b', 'c', 'lbw', 'st']);

/** A plural of an ordinary English word ("affairs", "fiestas"), not a name the lexicon knows. */
const pluralWord = (t: ETok) => isPluralOfWord(t.lower) && !ANY_FIRST_NAME.has(t.lower) && !t.tags.has('LastName');

const person = (rule: string, strong = false): Decision => ({ label: 'PER', kind: null, rule, strong });

/** The context pass: still-unknown words decided from the sentence around them. */
export function contextPass({ text, toks, chunks }: DocInput): DocOutput {
  const items = draft(chunks);
  resolveUnknowns(text, toks, items);
  return { revisions: revisionsOf('context', chunks, items) };
}

function resolveUnknowns(text: string, toks: ETok[], items: Labeled[]): void {
  for (const l of items) {
    if (l.d.label !== 'UNKNOWN') continue;
    const t = toks[l.last]!;
    if (t.upper && t.text.length > 1) continue;
    // why: "the Harbor Review, said": several dictionary words in a row, or a name after "the", name an
    // organization or a thing; people's names take no article
    if (l.last > l.first && toks.slice(l.first, l.last + 1).every((w) => isCommonWord(w.lower))) continue;
    if (toks[l.first - 1]?.lower === 'the') continue;
    const prev = toks[l.first - 1];
    const next = toks[l.last + 1];
    const next2 = toks[l.last + 2];
    const sameLine = (u: ETok | undefined) => !!u && u.line === t.line;
    // why: "Morel, 31, was fined": an age in commas follows a person
    const comma = !!next && next.start > t.end && text.slice(t.end, next.start).trim() === ',';
    if (comma && sameLine(next) && /^\d{1,2}$/u.test(next!.text) && next2 && text.slice(next!.end, next2.start).trim() === ',') {
      // why strong: news gives a person's age in commas after the name; nothing else takes one
      l.d = person('age-apposition', true);
    } else if (
      // why not a plural common noun alone ("Affairs said", "Fiestas, said"): the rest of an organization's name or a
      // product's; a singular word may be a surname ("Bush said", "Hale said")
      !(l.first === l.last && pluralWord(t)) &&
      ((sameLine(next) && SPEECH.has(next!.lower) && !t.possessive && prev?.lower !== 'of') || (sameLine(prev) && SPEECH_BEFORE.has(prev!.lower)))
    ) {
      l.d = person('speech');
    } else if (sameLine(prev) && DISMISSALS.has(prev!.text)) {
      l.d = person('scorecard');
    }
  }
}
