/**
 * The fragments pass: quoted stretches inside sentences that no reported clause took in. A partial quote when a cue
 * in its sentence or the verb governing it names a known speaker ("Clinton called the plan a “disaster”"), else a
 * scare quote (no speaker).
 */
import type { Quote, Span, Speaker } from '../../domain/types.js';
import type { ParsedText } from '../nlp.js';
import { findCue, subjectBefore, tokenAt } from './attribution.js';
import type { SpanRole } from './classify.js';
import type { ReportedDecisions } from './indirect.js';
import { speakerOf, startWalk, type Layout, type Walked, type WalkState } from './walk.js';
import { FINITE_AUXILIARIES } from './reporting-verbs.js';

/** The fragments pass: one partial quote for each embedded span the reported pass left. */
export function fragmentQuotes(parsed: ParsedText, layout: Layout, roles: readonly SpanRole[], from: ReportedDecisions): Walked {
  const st = startWalk(parsed, layout, from);
  const { text } = parsed;
  const { spans } = layout;
  const quotes: Quote[] = [];
  for (let k = 0; k < spans.length; k++) {
    if (from.consumed.has(k) || roles[k] !== 'embedded') continue;
    const q = spans[k]!;
    const s = layout.sentences.find((x) => x.start <= q.open && x.end >= q.start);
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
      const mention = c && near && c.lemma !== 'according to' ? subjectBefore(parsed, st.idx, s.start, c.token) : null;
      if (c && mention) {
        speaker = speakerOf(st, mention);
        cue = c.span;
        rule = 'fragment-cue';
      } else {
        // why: "called the ruling “bold”": a word its subject uses to characterize something is their word
        const characterized = CHARACTERIZE_BEFORE.test(text.slice(Math.max(s.start, q.open - 60), q.open));
        const v = oneWord && !characterized ? null : mainVerb(st, s.start, q.open);
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
  return { quotes, cues: st.used, index: st.idx };
}

const CHARACTERIZE_BEFORE = /\b(?:call(?:ed|s|ing)?|describ(?:ed|es|ing)|term(?:ed|s)|label(?:l?ed|s))\b[^.!?;“”"]{0,40}?\s(?:as\s+)?$/u;

const NOT_SPEAKER_VERBS: ReadonlySet<string> = new Set([...FINITE_AUXILIARIES, 'be', 'been', 'being']);

/** The verb governing a quoted fragment, when its subject is a known person or organization ("Clinton called …"). */
function mainVerb(st: WalkState, from: number, to: number): { speaker: Speaker; cue: Span } | null {
  const { parsed } = st;
  const toks = parsed.tokens;
  const first = tokenAt(parsed, from);
  for (let v = tokenAt(parsed, to) - 1; v > first && to - toks[v]!.end < 120; v--) {
    const t = toks[v]!;
    if (!t.tags.has('Verb') || NOT_SPEAKER_VERBS.has(t.normal) || t.tags.has('Gerund') || t.tags.has('Infinitive')) continue;
    // why: a passive ("will be announced as") names no speaker
    if (t.tags.has('PastTense') && /^(is|are|was|were|be|been|being)$/u.test(toks[v - 1]?.normal ?? '')) return null;
    if (/[,;:]/u.test(toks[v - 1]?.post ?? '')) return null;
    const mention = subjectBefore(parsed, st.idx, from, v);
    if (!mention || /^(it|this|that|there|which|who)$/iu.test(mention.text)) return null;
    const speaker = speakerOf(st, mention);
    if (!speaker.entity) return null;
    return { speaker, cue: { start: t.start, end: t.end, text: t.text } };
  }
  return null;
}
