/**
 * Quotes and who said them: direct quotes (any quotation marks, split, multi-paragraph, floating), partial quotes,
 * indirect speech, each with its speaker (resolved to the entities of the same text) and its cue.
 */
import type { ExtractContext, Organization, Person, Quote, Span, Speaker } from '../../domain/types.js';
import type { ParsedText } from '../nlp.js';
import { findCue, subjectBefore, tokenAt } from './attribution.js';
import { classifySpan, type SpanRole } from './classify.js';
import { isNavigation } from './credits.js';
import { attributeDirect, type Attributed, type WalkState } from './direct.js';
import { inferGenders } from './genders.js';
import { findReported } from './indirect.js';
import { indexMentions, resolveSpeaker, type MentionIndex } from './mentions.js';
import { paragraphs, scanQuotes, type QuotedSpan } from './quote-marks.js';
import { splitSentences } from './sentences.js';
import { markSubjects } from './subjects.js';

export interface QuoteContext extends ExtractContext {
  people: Person[];
  organizations: Organization[];
}

export { scanQuotes } from './quote-marks.js';

interface Para {
  start: number;
  end: number;
  index: number;
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

function paraLookup(paras: { start: number; end: number }[], textLength: number): (pos: number) => Para {
  return (pos: number) => {
    let lo = 0;
    let hi = paras.length - 1;
    let best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (paras[mid]!.start <= pos) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const p = paras[best];
    return p ? { start: p.start, end: p.end, index: best } : { start: 0, end: textLength, index: 0 };
  };
}

/** findQuotes without its safety net: for tests and fuzzing, so a bug shows instead of an empty list. */
export function findQuotesOrThrow(parsed: ParsedText, ctx: QuoteContext): Quote[] {
  const text = parsed.text;
  const paras = paragraphs(text);
  const paraOf = paraLookup(paras, text.length);
  const spans = scanQuotes(text);
  const idx = indexMentions(ctx.people, ctx.organizations, text);
  const st: WalkState = { parsed, idx, used: new Set<number>(), spans, paraOf };
  const roles: SpanRole[] = [];
  spans.forEach((q, k) => {
    const before = k > 0 ? { close: spans[k - 1]!.close, role: roles[k - 1]! } : null;
    // why: "READ MORE: ‘It becomes a nightmare’: …": words quoted in a link to another story are its headline
    roles.push(isNavigation(text, paraOf(q.open).start) ? 'title' : classifySpan(text, q, paraOf(q.open).start, before));
  });
  markSubjects(parsed, idx);
  idx.quoted = spans.filter((_, k) => roles[k] === 'direct').map((q) => [q.start, q.end]);
  inferGenders(idx);
  const quotes: Quote[] = [];
  const consumed = new Set<number>();

  // 1. direct quotes, in order, carrying the current speaker
  let prev: Attributed | null = null;
  let prevQuote: Quote | null = null;
  const continuation = new Map<Quote, Quote>();
  for (let i = 0; i < spans.length; i++) {
    if (roles[i] !== 'direct') continue;
    const q = spans[i]!;
    const para = paraOf(q.open);
    const next = spans[i + 1];
    const nextOpen = next && paraOf(next.open).index === para.index ? next.open : para.end;
    const before = spans[i - 1];
    const prevClose = before && paraOf(before.open).index === para.index ? before.close : para.start;
    const a = attributeDirect(st, q, nextOpen, prevClose, prev);
    consumed.add(i);
    // why: a quote over several paragraphs is one quote per paragraph (each opens with its own mark), linked as parts
    const pieces = q.multiParagraph ? paragraphPieces(text, paras, q) : [[q.start, q.end] as const];
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
      if (first) continuation.set(quote, first);
      else {
        first = quote;
        if (a.rule === 'split' && prevQuote) continuation.set(quote, prevQuote);
      }
    }
    prevQuote = first;
    prev = a;
  }

  // 2. indirect speech and partial quotes, sentence by sentence
  let current: Speaker | null = null;
  const sentences = splitSentences(text);
  for (const s of sentences) {
    // why: a sentence that is mostly a direct quote was handled above
    const inside = spans.filter((q, k) => roles[k] === 'direct' && q.start < s.end && q.end > s.start);
    const quotedChars = inside.reduce((n, q) => n + Math.min(q.end, s.end) - Math.max(q.start, s.start), 0);
    if (quotedChars > (s.end - s.start) * 0.4) continue;
    for (const r of findReported(st, s.start, s.end, current)) {
      if (spans.some((q, k) => roles[k] === 'direct' && q.start < r.content.end && q.end > r.content.start)) continue;
      let kind: Quote['kind'] = 'indirect';
      spans.forEach((q, k) => {
        if (roles[k] !== 'direct' && q.open >= r.content.start && q.close <= r.content.end + 2) {
          consumed.add(k);
          if (roles[k] === 'embedded') kind = 'partial';
        }
      });
      quotes.push({ ...r.content, kind, speaker: r.speaker, cue: r.cue, continues: null, rule: r.rule });
      current = r.speaker;
    }
  }

  // 3. fragments left: partial quotes (speaker from a cue in their sentence) or scare quotes (no speaker)
  for (let k = 0; k < spans.length; k++) {
    if (consumed.has(k) || roles[k] !== 'embedded') continue;
    const q = spans[k]!;
    const s = sentences.find((x) => x.start <= q.open && x.end >= q.start);
    let speaker: Speaker | null = null;
    let cue: Span | null = null;
    let start = q.start;
    let rule = 'fragment';
    // why: a single quoted word ("sextortion", "rumblings") is a term or a scare quote, not someone's words,
    // unless a reporting verb introduces it right away (said "no.")
    const oneWord = !/\s/u.test(text.slice(q.start, q.end).trim());
    if (s) {
      const c = findCue(parsed, s.start, q.open, st.used);
      const near = c !== null && (!oneWord || tokenAt(parsed, q.open) - c.token <= 2);
      const mention = c && near && c.lemma !== 'according to' ? subjectBefore(parsed, idx, s.start, c.token) : null;
      if (c && mention) {
        speaker = resolveSpeaker(idx, mention, null);
        cue = c.span;
        rule = 'fragment-cue';
      } else {
        // why: "called the ruling “bold”": a word its subject uses to characterize something is their word
        const characterized = CHARACTERIZE_BEFORE.test(text.slice(Math.max(s.start, q.open - 60), q.open));
        const v = oneWord && !characterized ? null : mainVerb(parsed, idx, s.start, q.open);
        if (v) {
          speaker = v.speaker;
          cue = v.cue;
          rule = 'fragment-verb';
          // why: "called the plan a “disaster”": the verb's object with its quoted words is what was said
          start = v.cue.end + 1 < q.open ? v.cue.end + 1 : q.start;
        }
      }
    }
    quotes.push({ start, end: q.end, text: text.slice(start, q.end), kind: 'partial', speaker, cue, continues: null, rule });
  }
  quotes.sort((a, b) => a.start - b.start || a.end - b.end);
  for (const [part, first] of continuation) {
    const i = quotes.indexOf(first);
    part.continues = i >= 0 ? i : null;
  }
  return quotes;
}

const CHARACTERIZE_BEFORE = /\b(?:call(?:ed|s|ing)?|describ(?:ed|es|ing)|term(?:ed|s)|label(?:l?ed|s))\b[^.!?;“”"]{0,40}?\s(?:as\s+)?$/u;

const NOT_SPEAKER_VERBS = new Set([
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'has',
  'have',
  'had',
  'will',
  'would',
  'can',
  'could',
  'may',
  'might',
  'should',
  'must',
  'do',
  'does',
  'did',
]);

/** The verb governing a quoted fragment, when its subject is a known person or organization ("Clinton called …"). */
function mainVerb(parsed: ParsedText, idx: MentionIndex, from: number, to: number): { speaker: Speaker; cue: Span } | null {
  const toks = parsed.tokens;
  const first = tokenAt(parsed, from);
  for (let v = tokenAt(parsed, to) - 1; v > first && to - toks[v]!.end < 120; v--) {
    const t = toks[v]!;
    if (!t.tags.has('Verb') || NOT_SPEAKER_VERBS.has(t.normal) || t.tags.has('Gerund') || t.tags.has('Infinitive')) continue;
    // why: a passive ("will be announced as") names no speaker
    if (t.tags.has('PastTense') && /^(is|are|was|were|be|been|being)$/u.test(toks[v - 1]?.normal ?? '')) return null;
    if (/[,;:]/u.test(toks[v - 1]?.post ?? '')) return null;
    const mention = subjectBefore(parsed, idx, from, v);
    if (!mention || /^(it|this|that|there|which|who)$/iu.test(mention.text)) return null;
    const speaker = resolveSpeaker(idx, mention, null);
    if (!speaker.entity) return null;
    return { speaker, cue: { start: t.start, end: t.end, text: t.text } };
  }
  return null;
}

/** Find quotes and their speakers. Pure and total: never throws, whatever the quote marks. */
export function findQuotes(parsed: ParsedText, ctx: QuoteContext): Quote[] {
  try {
    return findQuotesOrThrow(parsed, ctx);
  } catch {
    // why: extraction must never fail a whole article; a bug here costs only the quotes
    return [];
  }
}

/** Spans of text in quotation marks (the scanner alone), for callers that need no speakers. */
export type { QuotedSpan };
