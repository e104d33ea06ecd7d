/**
 * Which way a clause leans in time, read from the shared parse: future after "will", "plans to", "scheduled";
 * past after a past-tense verb; none otherwise. Bare weekdays and months resolve by it.
 */
import { tokenIndexAt, type ParsedText, type Token } from '../nlp.js';
import type { Lean } from './calendar.js';

// why: a weekday or month attached to a verb about what will happen ("will meet Friday", "plans to vote Tuesday",
// "postponed until Monday") is the next one; attached to anything else ("said Friday") it is the last one
const FUTURE_WORDS = new Set([
  'will',
  "'ll",
  'shall',
  'wo',
  "won't",
  'would',
  'might',
  'upcoming',
  'scheduled',
  'schedule',
  'tomorrow',
  'plan',
  'plans',
  'planning',
  'postponed',
  'expected',
  'expects',
  'soon',
  'must',
]);

const INTENT = new Set([
  'is',
  'are',
  'planned',
  'set',
  'due',
  'going',
  'hopes',
  'hoped',
  'intends',
  'intended',
  'aims',
  'vowed',
  'promised',
  'agreed',
  'ready',
]);

const isVerb = (t: Token) => t.tags.has('Verb') && !t.tags.has('Auxiliary') && !t.tags.has('Copula');
const breaksClause = (t: Token) => /[,;:()"“”]/.test(t.post) || t.normal === 'that';

/** The future/past lean of the verb a date hangs on: nearest verb before it in the clause, else after it. */
function leanAround(tokens: readonly Token[], i: number): Lean {
  const sentence = tokens[i]?.sentence ?? -1;
  const same = (j: number) => j >= 0 && j < tokens.length && tokens[j]!.sentence === sentence;
  const verdict = (v: number): Lean => {
    for (let k = v; k >= Math.max(0, v - 4) && same(k); k--) {
      const w = tokens[k]!.normal;
      if (FUTURE_WORDS.has(w)) return 'future';
      // why: "planned to leave Thursday", "set to vote Monday": an infinitive of intent
      if (w === 'to' && k > 0 && INTENT.has(tokens[k - 1]!.normal)) return 'future';
      if (k < v && breaksClause(tokens[k]!)) break;
    }
    return tokens[v]!.tags.has('PastTense') ? 'past' : 'none';
  };
  for (let j = i - 1; j >= i - 10 && same(j); j--) {
    const t = tokens[j]!;
    if (breaksClause(t)) break;
    if (FUTURE_WORDS.has(t.normal)) return 'future';
    if (isVerb(t)) return verdict(j);
  }
  for (let j = i + 1; j <= i + 12 && same(j); j++) {
    const t = tokens[j]!;
    if (FUTURE_WORDS.has(t.normal)) return 'future';
    if (isVerb(t)) return verdict(j);
  }
  return 'none';
}

/** The lean of the clause around each character offset of a parsed text. */
export function makeLean(parsed: ParsedText): (at: number) => Lean {
  return (at) => leanAround(parsed.tokens, tokenIndexAt(parsed.tokens, at));
}
