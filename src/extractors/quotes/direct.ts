/**
 * Speakers of direct quotes: the attribution after the quote (`"…," Smith said.`, `"…," said Smith`), before it
 * (`Smith said: "…"`), split quotes (`"…," he said. "…"`) and floating quotes (the current speaker).
 */
import type { Quote, Span, Speaker } from '../../domain/types.js';
import type { ParsedText } from '../nlp.js';
import { findCue, subjectAfter, subjectBefore, tokenAt, type Cue } from './attribution.js';
import type { SpanRole } from './classify.js';
import { entityOf, mentionsWithin, mostRecent } from './mentions.js';
import type { QuotedSpan } from './quote-marks.js';
import { speakerOf, startWalk, type Layout, type Walked, type WalkState } from './walk.js';
import { rx } from '../rx.js';

/** A direct quote with its attribution, before it becomes a Quote. */
export interface Attributed {
  q: QuotedSpan;
  speaker: Speaker | null;
  cue: Span | null;
  /** Which rule found the speaker (provenance). */
  rule: 'after' | 'before' | 'split' | 'floating' | 'none';
}

const NARRATION_OPENERS = rx('u')`
    ^(?:In|On|At|For|With|From|By|After|Before|During|Since|While|When|Whereas|Although|Though|As|If|Because|Unless|Until|But|And|Yet|So|However|
      Meanwhile|Still|Then|Now|Today|Yesterday)$`;
const ABBREVIATION = /^(?:rep|sen|gov|lt|gen|col|sgt|dr|mr|mrs|ms|st|prof|rev|hon|capt|cmdr|adm|maj|cpl|supt|insp|det|cst|jr|sr|no|vs|inc|co|corp|ltd)$/u;
const SENTENCE_END = /[.!?](?=["”’»)]*(?:\s|$))/gu;

/** Offset where the sentence containing `from` ends (after its full stop), capped at `limit`. */
function sentenceEnd(text: string, from: number, limit: number): number {
  SENTENCE_END.lastIndex = from;
  for (let m = SENTENCE_END.exec(text); m && m.index < limit; m = SENTENCE_END.exec(text)) {
    // why: "Rep. Jim McGovern", "J. Smith": a title or an initial does not end the sentence
    const word = /([\p{L}]+)$/u.exec(text.slice(Math.max(from, m.index - 6), m.index))?.[1] ?? '';
    if (text[m.index] === '.' && (ABBREVIATION.test(word.toLowerCase()) || /^\p{Lu}$/u.test(word))) continue;
    return m.index + 1;
  }
  return limit;
}

/** Offset where the sentence containing `to` starts, not before `floor`. */
function sentenceStart(text: string, to: number, floor: number): number {
  for (let i = to - 1; i > floor; i--) {
    const ch = text[i] ?? '';
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/u.test(text[i + 1] ?? '') && i < to - 1) return i + 1;
  }
  return floor;
}

function speakerFromCue(st: WalkState, cue: Cue, clauseStart: number, clauseEnd: number): Speaker | null {
  const { parsed, idx } = st;
  const toks = parsed.tokens;
  let mention: Span | null = null;
  if (cue.lemma === 'according to') {
    mention = subjectAfter(parsed, idx, cue.token + 1, clauseEnd);
  } else {
    const firstTok = tokenAt(parsed, clauseStart);
    const inverted = cue.token === firstTok || (cue.token === firstTok + 1 && /^(also|then|later)$/u.test(toks[firstTok]!.normal));
    mention = inverted ? subjectAfter(parsed, idx, cue.token, clauseEnd) : subjectBefore(parsed, idx, clauseStart, cue.token);
    if (!mention && !inverted) mention = subjectAfter(parsed, idx, cue.token, clauseEnd);
  }
  return mention ? speakerOf(st, mention) : null;
}

/** Attribute one direct quote. `prev` is the previous direct quote's result, if any. */
export function attributeDirect(st: WalkState, q: QuotedSpan, nextOpen: number, prevOpenInPara: number, prev: Attributed | null): Attributed {
  const { parsed } = st;
  const text = parsed.text;
  const para = st.paraOf(q.close > q.open ? q.close - 1 : q.open);
  // 1. after the quote, up to the sentence end or the next quote
  const afterLimit = Math.min(para.end, nextOpen);
  if (q.close < afterLimit) {
    const content = text.slice(q.start, q.end);
    const endsSentence = /[.!?]$/u.test(content);
    const clauseEnd = sentenceEnd(text, q.close, afterLimit);
    const nextWord = /^\s*[—–-]?\s*(\S)/u.exec(text.slice(q.close, clauseEnd))?.[1] ?? '';
    const cue = findCue(parsed, q.close, clauseEnd, st.used);
    if (cue) {
      const tokensBefore = cue.token - tokenAt(parsed, q.close);
      // why: after `."` a capitalized word starts a new sentence; only a short "Smith said." attaches to the quote
      // why: "… .” While critics say …", "… .” In Ottawa, he found …": a new sentence that opens with a preposition
      // or a conjunction is narration, not this quote's attribution
      const opener = /^\s*[—–-]?\s*(\p{L}+)/u.exec(text.slice(q.close, clauseEnd))?.[1] ?? '';
      const narration = endsSentence && NARRATION_OPENERS.test(opener);
      const attaches = !narration && (!endsSentence || /\p{Ll}/u.test(nextWord) || tokensBefore <= 4);
      // why: "…," Harry J. Kazianis, director of … at …, said: a comma-ended quote allows a long apposition
      if (attaches && tokensBefore <= (/,$/u.test(content) ? 26 : 14)) {
        const speaker = speakerFromCue(st, cue, q.close, clauseEnd);
        if (speaker) {
          st.used.add(cue.token);
          return { q, speaker, cue: cue.span, rule: 'after' };
        }
      }
    }
  }
  // 2. before the quote: "Smith said:", "Smith told reporters,"
  let floor = Math.max(para.start, prevOpenInPara);
  let beforeEnd = q.open;
  if (text.slice(para.start, q.open).trim() === '' && para.index > 0) {
    // why: "He said:" closing the previous paragraph introduces this one
    const prevPara = st.paraOf(para.start - 2);
    if (/:\s*$/u.test(text.slice(prevPara.start, prevPara.end))) {
      floor = Math.max(prevPara.start, prevOpenInPara);
      beforeEnd = prevPara.end;
    }
  }
  const bStart = sentenceStart(text, beforeEnd, floor);
  const before = text.slice(bStart, beforeEnd);
  if (/[:,—–-]\s*$|\b(?:said|says|saying|wrote|writes|added|adds|told|tells|asked|asks)\s*$/u.test(before)) {
    // why: "In its statement claiming responsibility, the group said:": a participle modifying a noun is not the
    // cue when a finite reporting verb follows
    let cue = findCue(parsed, bStart, beforeEnd, st.used);
    while (cue && cue.lemma !== 'according to' && parsed.tokens[cue.token]!.normal.endsWith('ing')) {
      const next = findCue(parsed, parsed.tokens[cue.token]!.end, beforeEnd, st.used);
      if (!next) break;
      cue = next;
    }
    if (cue) {
      const speaker = speakerFromCue(st, cue, bStart, beforeEnd);
      if (speaker) {
        st.used.add(cue.token);
        return { q, speaker, cue: cue.span, rule: 'before' };
      }
    }
  }
  // why: "Martell, the addictions doctor, is more blunt: “…”": a colon after a named subject introduces its words
  if (/:\s*$/u.test(before)) {
    const subj = mentionsWithin(st.idx, bStart, beforeEnd).find((m) => st.idx.subjects.has(m.start));
    if (subj)
      return {
        q,
        speaker: { name: subj.name, entity: entityOf(subj), mention: { start: subj.start, end: subj.end, text: subj.text } },
        cue: null,
        rule: 'before',
      };
  }
  // 3. split quote or floating quote: the current speaker
  if (prev?.speaker) {
    const prevPara = st.paraOf(prev.q.open);
    const gapParas = st.paraOf(q.open).index - prevPara.index;
    if (gapParas === 0) return { q, speaker: prev.speaker, cue: null, rule: 'split' };
    const between = text.slice(prev.q.close, q.open);
    // why: a floating quote belongs to the last speaker when only quotes or short narration came in between
    if (gapParas <= 2 && between.length < 400) return { q, speaker: prev.speaker, cue: null, rule: 'floating' };
  }
  // why: a quote standing alone after narration about someone is theirs: the last person who was a sentence subject
  const subject = mostRecent(st.idx, q.open, 'person', 1200);
  const lastSubject = subject && st.idx.subjects.has(subject.start) ? subject : null;
  if (lastSubject) {
    return {
      q,
      speaker: { name: lastSubject.name, entity: entityOf(lastSubject), mention: { start: lastSubject.start, end: lastSubject.end, text: lastSubject.text } },
      cue: null,
      rule: 'floating',
    };
  }
  if (prev?.speaker && para.index - st.paraOf(prev.q.open).index <= 5) return { q, speaker: prev.speaker, cue: null, rule: 'floating' };
  return { q, speaker: null, cue: null, rule: 'none' };
}

/** What the direct pass decided: its quotes, and the parts of split and multi-paragraph quotes (part → first part). */
export interface DirectDecisions extends Walked {
  parts: Map<Quote, Quote>;
}

/** The direct pass: each direct quote in order, attributed, with the previous quote's speaker carried along. */
export function directQuotes(parsed: ParsedText, layout: Layout, roles: readonly SpanRole[], from: Pick<Walked, 'cues' | 'index'>): DirectDecisions {
  const st = startWalk(parsed, layout, from);
  const { text } = parsed;
  const { spans, paraOf } = layout;
  const quotes: Quote[] = [];
  const parts = new Map<Quote, Quote>();
  let prev: Attributed | null = null;
  let prevQuote: Quote | null = null;
  for (let i = 0; i < spans.length; i++) {
    if (roles[i] !== 'direct') continue;
    const q = spans[i]!;
    const para = paraOf(q.open);
    const next = spans[i + 1];
    const nextOpen = next && paraOf(next.open).index === para.index ? next.open : para.end;
    const before = spans[i - 1];
    const prevClose = before && paraOf(before.open).index === para.index ? before.close : para.start;
    const a = attributeDirect(st, q, nextOpen, prevClose, prev);
    // why: a quote over several paragraphs is one quote per paragraph (each opens with its own mark), linked as parts
    const pieces = q.multiParagraph ? paragraphPieces(text, layout.paras, q) : [[q.start, q.end] as const];
    let first: Quote | null = null;
    for (const [ps, pe] of pieces) {
      const quote: Quote = {
        start: ps,
        end: pe,
        text: text.slice(ps, pe),
        kind: 'direct',
        speaker: a.speaker,
        cue: a.cue,
        continues: null,
        rule: `direct-${a.rule}`,
      };
      quotes.push(quote);
      if (first) parts.set(quote, first);
      else {
        first = quote;
        if (a.rule === 'split' && prevQuote) parts.set(quote, prevQuote);
      }
    }
    prevQuote = first;
    prev = a;
  }
  return { quotes, parts, cues: st.used, index: st.idx };
}

/** The per-paragraph pieces of a multi-paragraph quote, opening marks and edge whitespace left out. */
function paragraphPieces(text: string, paras: { start: number; end: number }[], q: QuotedSpan): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  for (const p of paras) {
    const s = Math.max(p.start, q.start);
    const e = Math.min(p.end, q.end);
    if (e <= s) continue;
    let a = s;
    while (a < e && /[\s“"„«‟]/u.test(text[a] ?? '')) a++;
    if (e > a) out.push([a, e]);
  }
  return out.length ? out : [[q.start, q.end]];
}
