/**
 * Indirect speech: "X said (that) …", "…, X said.", "According to X, …", "…, according to X", and participles
 * ("…, arguing that …") whose speaker is the sentence's subject. Content with quoted fragments is a partial quote.
 */
import type { Quote, Span, Speaker } from '../../domain/types.js';
import type { ParsedText, Token } from '../nlp.js';
import { findCue, isCalendar, subjectAfter, subjectBefore, tokenAt, type Cue } from './attribution.js';
import type { SpanRole } from './classify.js';
import { speakerOf, startWalk, type Layout, type Walked, type WalkState } from './walk.js';
import { inverts, LISTENER_VERBS, takesBareClause } from './reporting-verbs.js';
import { rx } from '../rx.js';

/** One reported clause found in a sentence. */
export interface Reported {
  content: Span;
  speaker: Speaker;
  cue: Span;
  rule: 'cue-first' | 'cue-last' | 'according-to' | 'participle';
}

const ADVERBIAL_START = new Set([
  'in',
  'on',
  'at',
  'during',
  'last',
  'this',
  'earlier',
  'to',
  'via',
  'through',
  'after',
  'before',
  'yesterday',
  'today',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'recently',
  'previously',
  'repeatedly',
  'also',
  'publicly',
  'privately',
  'again',
  'late',
  'early',
  'when',
  'while',
  'since',
  'over',
  'for',
  'under',
  'about',
  'of',
  'with',
  'from',
  'then',
  'later',
  'now',
  'too',
  'again',
  'separately',
  'further',
  'back',
]);
const CLAUSE_OPENERS = rx('u')`
    ^(?:he|she|it|they|we|i|you|there|this|these|those|the|a|an|his|her|its|their|our|my|some|many|most|no|all|any|more|each|every|one|two|such|
      both|neither|either|nobody|everyone|everybody|nothing|none|several|few)$`;

const FINITE = /^(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|did|does|do)$/u;

function sp(text: string, start: number, end: number): Span {
  return { start, end, text: text.slice(start, end) };
}

function trimContent(text: string, start: number, end: number, min = 12): Span | null {
  let s = start;
  let e = end;
  while (s < e && /[\s,:;—–-]/u.test(text[s] ?? '')) s++;
  while (e > s && /[\s.,;:!?]/u.test(text[e - 1] ?? '')) e--;
  if (e - s < min) return null;
  return sp(text, s, e);
}

/** Where the reported clause after a cue verb begins, or -1 when the verb takes no clause here. */
export function complementStart(toks: Token[], cue: Cue, sentEndTok: number): number {
  let j = cue.token + 1;
  if (cue.lemma === 'point out') j++;
  const verb = toks[cue.token]!;
  if (/[.!?;]/u.test(verb.post)) return -1;
  // why: the cue span may have swallowed "in a statement on its blog": step past it
  while (j < sentEndTok && toks[j]!.start < cue.span.end) j++;
  const limit = Math.min(sentEndTok, j + 10);
  for (let k = j; k < limit; k++) {
    if (toks[k]!.normal === 'that' && !/[,]/u.test(toks[k]!.post)) return k + 1;
    // why: "says it underscores that …": the reported clause starts before another verb's "that"
    if (/[.!?;]/u.test(toks[k]!.post) || (toks[k]!.tags.has('Verb') && !toks[k]!.tags.has('Auxiliary'))) break;
  }
  if (!takesBareClause(cue.lemma)) return -1;
  if (/[,:]/u.test(verb.post)) return -1;
  // why: "said Sunday the standoff …": a bare date between the verb and its clause
  while (j < sentEndTok - 1 && isCalendar(toks[j]!) && !/[,;:]/u.test(toks[j]!.post) && !/['’]s$/u.test(toks[j]!.text)) j++;
  const next = toks[j];
  if (!next) return -1;
  if (LISTENER_VERBS.has(cue.lemma)) return -1; // "told X" needs "that" (found above)
  if (ADVERBIAL_START.has(next.normal)) return -1;
  const word = next.normal.replace(/['’].*$/u, '');
  const opens =
    CLAUSE_OPENERS.test(word) ||
    next.tags.has('ProperNoun') ||
    next.tags.has('Person') ||
    next.tags.has('Organization') ||
    (next.tags.has('Noun') && !next.tags.has('Pronoun') && !next.tags.has('Date')) ||
    // why: "said Tuesday's talks …", "said police were …": a capitalized possessive, or a bare word right before
    // a finite verb, opens a clause whatever the tagger called it
    /^\p{Lu}.*['’]s$/u.test(next.text) ||
    (!/(?:ing|ed|ly)$/u.test(word) && FINITE.test(toks[j + 1]?.normal ?? ''));
  if (!opens) return -1;
  // the clause must contain a verb of its own
  for (let k = j + 1; k < sentEndTok; k++) if (toks[k]!.tags.has('Verb')) return j;
  return -1;
}

/** What the reported pass decided: its quotes, and the embedded quoted spans (by index) its clauses took in. */
export interface ReportedDecisions extends Walked {
  consumed: ReadonlySet<number>;
}

/** The reported pass: indirect speech and partial quotes, sentence by sentence, outside the direct quotes. */
export function reportedQuotes(parsed: ParsedText, layout: Layout, roles: readonly SpanRole[], from: Pick<Walked, 'cues' | 'index'>): ReportedDecisions {
  const st = startWalk(parsed, layout, from);
  const { spans } = layout;
  const quotes: Quote[] = [];
  const consumed = new Set<number>();
  for (const s of layout.sentences) {
    // why: a sentence that is mostly a direct quote was handled by the direct pass
    const inside = spans.filter((q, k) => roles[k] === 'direct' && q.start < s.end && q.end > s.start);
    const quotedChars = inside.reduce((n, q) => n + Math.min(q.end, s.end) - Math.max(q.start, s.start), 0);
    if (quotedChars > (s.end - s.start) * 0.4) continue;
    for (const r of findReported(st, s.start, s.end)) {
      if (spans.some((q, k) => roles[k] === 'direct' && q.start < r.content.end && q.end > r.content.start)) continue;
      let kind: Quote['kind'] = 'indirect';
      spans.forEach((q, k) => {
        if (roles[k] !== 'direct' && q.open >= r.content.start && q.close <= r.content.end + 2) {
          consumed.add(k);
          if (roles[k] === 'embedded') kind = 'partial';
        }
      });
      quotes.push({ ...r.content, kind, speaker: r.speaker, cue: r.cue, continues: null, rule: r.rule });
    }
  }
  return { quotes, consumed, cues: st.used, index: st.idx };
}

/** Reported clauses in the sentence [start, end) (character offsets), at most one per sentence. */
export function findReported(st: WalkState, start: number, end: number): Reported[] {
  const found = findOne(st, start, end);
  const first = found[0];
  if (!first || found.length > 1) return found;
  const out = [first];
  // why: "X said A, but added that B" / "X said A, saying B": a second cue inside the content, same speaker
  const { parsed } = st;
  const toks = parsed.tokens;
  const endTok = tokenAt(parsed, end);
  const from = tokenAt(parsed, first.content.start);
  for (let i = from + 2; i < endTok && toks[i]!.end <= first.content.end; i++) {
    const t = toks[i]!;
    const p = toks[i - 1]!;
    const coordinated = /^(and|but)$/u.test(p.normal) || (/,/u.test(p.post) && t.normal.endsWith('ing'));
    if (!coordinated) continue;
    const cue = findCue(parsed, t.start, t.end, st.used);
    if (!cue || cue.lemma === 'according to') continue;
    const c = complementStart(toks, cue, endTok);
    if (c < 0) continue;
    const cut = /^(and|but)$/u.test(p.normal) ? p.start : t.start;
    const head = trimContent(parsed.text, first.content.start, cut);
    const tail = trimContent(parsed.text, toks[c]!.start, first.content.end);
    if (!head || !tail) break;
    st.used.add(cue.token);
    out[0] = { ...first, content: head };
    out.push({ content: tail, speaker: { ...first.speaker }, cue: cue.span, rule: first.rule });
    break;
  }
  return out;
}

/** Parenthetical cue: "A, she says, B": two reported stretches around one cue. */
function parenthetical(st: WalkState, start: number, end: number): Reported[] {
  const { parsed, idx } = st;
  const toks = parsed.tokens;
  const a = tokenAt(parsed, start);
  const endTok = tokenAt(parsed, end);
  for (let i = a + 2; i < endTok - 1; i++) {
    if (!/,/u.test(toks[i - 1]!.post)) continue;
    // why: "The harsh truth, according to addiction experts, is …": the words on both sides are reported
    if (toks[i]!.normal === 'according' && toks[i + 1]?.normal === 'to') {
      let k = i + 2;
      while (k < endTok - 1 && !/[,;:.!?]/u.test(toks[k]!.post) && k - i < 12) k++;
      if (!/,/u.test(toks[k]!.post) || used(st, i)) continue;
      const who = subjectAfter(parsed, idx, i + 1, toks[k]!.end + 1);
      if (!who) continue;
      const speaker = speakerOf(st, who);
      const cueSpan = { start: toks[i]!.start, end: toks[i + 1]!.end, text: parsed.text.slice(toks[i]!.start, toks[i + 1]!.end) };
      const out: Reported[] = [];
      const before = trimContent(parsed.text, start, toks[i - 1]!.end, 6);
      const after = trimContent(parsed.text, toks[k]!.end + 1, end, 6);
      if (before) out.push({ content: before, speaker, cue: cueSpan, rule: 'according-to' });
      if (after) out.push({ content: after, speaker, cue: cueSpan, rule: 'according-to' });
      if (out.length) st.used.add(i);
      return out;
    }
    let v = i;
    while (v < endTok && v - i < 4 && !reportsHere(st, v)) {
      if (/[,;:.!?]/u.test(toks[v]!.post)) break;
      v++;
    }
    if (v >= endTok || !reportsHere(st, v) || !/,/u.test(toks[v]!.post) || v === i) continue;
    const cue = findCue(parsed, toks[v]!.start, toks[v]!.end, st.used);
    const mention = cue?.lemma === 'according to' ? null : subjectBefore(parsed, idx, toks[i]!.start, v);
    if (!mention || !cue) continue;
    const speaker = speakerOf(st, mention);
    const out: Reported[] = [];
    const before = trimContent(parsed.text, start, toks[i - 1]!.end);
    const after = trimContent(parsed.text, toks[v]!.end + 1, end);
    if (before) out.push({ content: before, speaker, cue: cue.span, rule: 'cue-last' });
    if (after) out.push({ content: after, speaker, cue: cue.span, rule: 'cue-last' });
    if (out.length) st.used.add(cue.token);
    return out;
  }
  return [];
}

/** The content, if it holds a verb of its own (a reported clause, not a name or an apposition). */
function hasVerb(parsed: WalkState['parsed'], content: Span | null): Span | null {
  if (!content) return null;
  const toks = parsed.tokens;
  for (let i = tokenAt(parsed, content.start); i < toks.length && toks[i]!.start < content.end; i++) {
    if (toks[i]!.tags.has('Verb') && !toks[i]!.tags.has('Gerund')) return content;
  }
  return null;
}

/** Whether a finite verb (present tense, auxiliary, modal) appears in the tokens [from, to). */
function finiteAfter(toks: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = toks[i]!;
    if (t.tags.has('PresentTense') || t.tags.has('Modal') || t.tags.has('Auxiliary') || /^(is|are|was|were|has|have|had|will|would|can|could)$/u.test(t.normal))
      return true;
  }
  return false;
}

function used(st: WalkState, i: number): boolean {
  return st.used.has(i);
}

function reportsHere(st: WalkState, i: number): boolean {
  const t = st.parsed.tokens[i];
  return !!t && findCue(st.parsed, t.start, t.end, st.used)?.token === i;
}

function findOne(st: WalkState, start: number, end: number): Reported[] {
  const { parsed, idx } = st;
  const text = parsed.text;
  const toks = parsed.tokens;
  const endTok = tokenAt(parsed, end);
  // cue-last: "…, Smith said." / "…, said Smith." / "…, according to Smith."
  // why: "…, he said:" introduces a quote in the next paragraph: the words before are narration
  if (/:\s*$/u.test(text.slice(start, end))) return [];
  const body = text.slice(start, end).replace(/[\s.!?"”’]+$/u, '');
  const commas = [...body.matchAll(/,[”"]?\s/gu)]
    .map((m) => m.index ?? 0)
    .reverse()
    .slice(0, 3);
  // why: "…, said Mark Smith, executive director of …": the cue may sit before the last comma
  for (const lastComma of commas) {
    if (lastComma <= 10) break;
    const tailStart = start + lastComma + 1;
    const cue = findCue(parsed, tailStart, end, st.used);
    const firstTok = tokenAt(parsed, tailStart);
    const inverted = cue !== null && cue.token === firstTok && complementStart(toks, cue, endTok) < 0 && !finiteAfter(toks, cue.token + 1, endTok);
    // why: "…, Smith said." ends the sentence with its cue; "…, Smith said the plan …" is a cue-first sentence
    const endsAtCue =
      cue !== null &&
      inverts(cue.lemma) &&
      (cue.lemma === 'according to' || inverted || (endTok - tokenAt(parsed, cue.span.end) <= 5 && complementStart(toks, cue, endTok) < 0));
    if (cue && endsAtCue && cue.token - firstTok <= 8 && endTok - cue.token <= 16) {
      const mention =
        cue.lemma === 'according to'
          ? subjectAfter(parsed, idx, cue.token + 1, end)
          : cue.token === firstTok
            ? subjectAfter(parsed, idx, cue.token, end)
            : subjectBefore(parsed, idx, tailStart, cue.token);
      const content = hasVerb(parsed, trimContent(text, start, start + lastComma));
      if (mention && content) {
        st.used.add(cue.token);
        return [{ content, speaker: speakerOf(st, mention), cue: cue.span, rule: cue.lemma === 'according to' ? 'according-to' : 'cue-last' }];
      }
    }
  }
  const cue = findCue(parsed, start, end, st.used);
  if (!cue) return [];
  const paren = parenthetical(st, start, end);
  if (paren.length) return paren;
  if (cue.lemma === 'according to') {
    // "According to X, …"
    let k = cue.token + 2;
    while (k < endTok && !/,/u.test(toks[k]!.post) && k - cue.token < 12) k++;
    if (k >= endTok || !/,/u.test(toks[k]!.post)) return [];
    const mention = subjectAfter(parsed, idx, cue.token + 1, toks[k]!.end + 1);
    const content = trimContent(text, toks[k]!.end + 1, end);
    if (!mention || !content) return [];
    st.used.add(cue.token);
    return [{ content, speaker: speakerOf(st, mention), cue: cue.span, rule: 'according-to' }];
  }
  const c = complementStart(toks, cue, endTok);
  if (c < 0 || c >= endTok) return [];
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
  if (!mention) return [];
  const content = hasVerb(parsed, trimContent(text, toks[c]!.start, end));
  if (!content) return [];
  st.used.add(cue.token);
  return [{ content, speaker: speakerOf(st, mention), cue: cue.span, rule }];
}
