/**
 * Indirect speech: "X said (that) …", "…, X said.", "According to X, …", "…, according to X", and participles
 * ("…, arguing that …") whose speaker is the sentence's subject. Content with quoted fragments is a partial quote.
 */
import type { Span, Speaker } from '../../domain/types.js';
import type { Token } from '../nlp.js';
import { findCue, subjectAfter, subjectBefore, tokenAt, type Cue } from './attribution.js';
import type { WalkState } from './direct.js';
import { resolveSpeaker } from './mentions.js';
import { LISTENER_VERBS, takesBareClause } from './reporting-verbs.js';

/** One reported clause found in a sentence. */
export interface Reported {
  content: Span;
  speaker: Speaker;
  cue: Span;
  rule: 'cue-first' | 'cue-last' | 'according-to' | 'participle';
}

const ADVERBIAL_START = new Set([
  'in', 'on', 'at', 'during', 'last', 'this', 'earlier', 'to', 'via', 'through', 'after', 'before', 'yesterday',
  'today', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'recently', 'previously',
  'repeatedly', 'also', 'publicly', 'privately', 'again', 'late', 'early', 'when', 'while', 'since', 'over', 'for',
  'under', 'about', 'of', 'with', 'from', 'then', 'later', 'now', 'too', 'again', 'separately', 'further', 'back',
]);
const CLAUSE_OPENERS = /^(?:he|she|it|they|we|i|you|there|this|these|those|the|a|an|his|her|its|their|our|my|some|many|most|no|all|any|more|each|every|one|two|such)$/u;

function sp(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

function trimContent(text: string, start: number, end: number): Span | null {
  let s = start;
  let e = end;
  while (s < e && /[\s,:;—–-]/u.test(text[s] ?? '')) s++;
  while (e > s && /[\s.,;:!?]/u.test(text[e - 1] ?? '')) e--;
  if (e - s < 12) return null;
  return sp(text, s, e);
}

/** Where the reported clause after a cue verb begins, or -1 when the verb takes no clause here. */
function complementStart(toks: Token[], cue: Cue, sentEndTok: number): number {
  let j = cue.token + 1;
  if (cue.lemma === 'point out') j++;
  const verb = toks[cue.token]!;
  if (/[.!?;]/u.test(verb.post)) return -1;
  // why: the cue span may have swallowed "in a statement on its blog": step past it
  while (j < sentEndTok && toks[j]!.start < cue.span.end) j++;
  const limit = Math.min(sentEndTok, j + 10);
  for (let k = j; k < limit; k++) {
    if (toks[k]!.normal === 'that' && !/[,]/u.test(toks[k]!.post)) return k + 1;
    if (/[.!?;]/u.test(toks[k]!.post)) break;
  }
  if (!takesBareClause(cue.lemma)) return -1;
  if (/[,:]/u.test(verb.post)) return -1;
  const next = toks[j];
  if (!next) return -1;
  if (LISTENER_VERBS.has(cue.lemma)) return -1; // "told X" needs "that" (found above)
  if (ADVERBIAL_START.has(next.normal)) return -1;
  const opens = CLAUSE_OPENERS.test(next.normal) || next.tags.has('ProperNoun') || next.tags.has('Person') || next.tags.has('Organization');
  if (!opens) return -1;
  // the clause must contain a verb of its own
  for (let k = j + 1; k < sentEndTok; k++) if (toks[k]!.tags.has('Verb')) return j;
  return -1;
}

/** Reported clauses in the sentence [start, end) (character offsets), at most one per sentence. */
export function findReported(st: WalkState, start: number, end: number, prev: Speaker | null): Reported | null {
  const { parsed, idx } = st;
  const text = parsed.text;
  const toks = parsed.tokens;
  const endTok = tokenAt(parsed, end);
  // cue-last: "…, Smith said." / "…, said Smith." / "…, according to Smith."
  const body = text.slice(start, end).replace(/[\s.!?"”’]+$/u, '');
  const lastComma = Math.max(body.lastIndexOf(', '), body.lastIndexOf(',” '), body.lastIndexOf(',"'));
  if (lastComma > 10) {
    const tailStart = start + lastComma + 1;
    const cue = findCue(parsed, tailStart, end, st.used);
    if (cue && cue.token - tokenAt(parsed, tailStart) <= 8 && endTok - cue.token <= 12) {
      const firstTok = tokenAt(parsed, tailStart);
      const mention =
        cue.lemma === 'according to'
          ? subjectAfter(parsed, idx, cue.token + 1, end)
          : cue.token === firstTok
            ? subjectAfter(parsed, idx, cue.token, end)
            : subjectBefore(parsed, idx, tailStart, cue.token);
      const content = trimContent(text, start, start + lastComma);
      if (mention && content) {
        st.used.add(cue.token);
        return { content, speaker: resolveSpeaker(idx, mention, prev), cue: cue.span, rule: cue.lemma === 'according to' ? 'according-to' : 'cue-last' };
      }
    }
  }
  const cue = findCue(parsed, start, end, st.used);
  if (!cue) return null;
  if (cue.lemma === 'according to') {
    // "According to X, …"
    let k = cue.token + 2;
    while (k < endTok && !/,/u.test(toks[k]!.post) && k - cue.token < 12) k++;
    if (k >= endTok || !/,/u.test(toks[k]!.post)) return null;
    const mention = subjectAfter(parsed, idx, cue.token + 1, toks[k]!.end + 1);
    const content = trimContent(text, toks[k]!.end + 1, end);
    if (!mention || !content) return null;
    st.used.add(cue.token);
    return { content, speaker: resolveSpeaker(idx, mention, prev), cue: cue.span, rule: 'according-to' };
  }
  const c = complementStart(toks, cue, endTok);
  if (c < 0 || c >= endTok) return null;
  const verb = toks[cue.token]!;
  let mention: Span | null = null;
  let rule: Reported['rule'] = 'cue-first';
  const prevTok = toks[cue.token - 1];
  if (verb.normal.endsWith('ing') && prevTok && /,/u.test(prevTok.post)) {
    // why: "Trump has cited …, arguing that …": the participle's speaker is the sentence's subject
    const first = tokenAt(parsed, start);
    let v = first;
    while (v < cue.token && !(toks[v]!.tags.has('Verb') && v > first)) v++;
    mention = subjectBefore(parsed, idx, start, v);
    rule = 'participle';
  } else {
    mention = subjectBefore(parsed, idx, start, cue.token);
  }
  if (!mention) return null;
  const content = trimContent(text, toks[c]!.start, end);
  if (!content) return null;
  st.used.add(cue.token);
  return { content, speaker: resolveSpeaker(idx, mention, prev), cue: cue.span, rule };
}
