/**
 * What the three walks over a text's quotes (direct → reported → fragments) share: the text's layout, and the state
 * of one walk. A walk starts from what the walk before it decided (cue tokens taken, speakers learned into the mention
 * index), works on its own copy, and returns its own decisions; nothing it is given changes.
 */
import type { Quote, Span, Speaker } from '../../domain/types.js';
import type { ParsedText } from '../nlp.js';
import { forkIndex, learn, resolveSpeaker, type MentionIndex } from './mentions.js';
import { paragraphs, scanQuotes, type QuotedSpan } from './quote-marks.js';
import { splitSentences } from './sentences.js';

export interface Para {
  start: number;
  end: number;
  index: number;
}

/** Paragraphs, sentences and quoted spans of one text: the frame every quote pass reads. */
export interface Layout {
  paras: { start: number; end: number }[];
  sentences: { start: number; end: number }[];
  spans: QuotedSpan[];
  /** The paragraph holding an offset. */
  paraOf: (pos: number) => Para;
}

export function layoutOf(text: string): Layout {
  const paras = paragraphs(text);
  return { paras, sentences: splitSentences(text), spans: scanQuotes(text), paraOf: paraLookup(paras, text.length) };
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

/** What a walk decided: its quotes, and the state the next walk starts from. */
export interface Walked {
  quotes: Quote[];
  /** Tokens used as cues by this walk and the walks before it. */
  cues: ReadonlySet<number>;
  /** The mention index with the speakers this walk and the walks before it learned. */
  index: MentionIndex;
}

/** One walk's working state. */
export interface WalkState {
  parsed: ParsedText;
  /** The walk's own fork of the mention index: the speakers it resolves are learned into it (`speakerOf`). */
  idx: MentionIndex;
  /** Tokens already used as cues, by this walk and the walks before it. */
  used: Set<number>;
  /** The quote ranges, so cue search never looks inside a quote. */
  spans: QuotedSpan[];
  paraOf: (pos: number) => Para;
}

/** A walk's state, starting from what the walk before it left (`from`), which it does not change. */
export function startWalk(parsed: ParsedText, layout: Layout, from: Pick<Walked, 'cues' | 'index'>): WalkState {
  return { parsed, idx: forkIndex(from.index), used: new Set(from.cues), spans: layout.spans, paraOf: layout.paraOf };
}

/** The speaker a mention names; what it teaches (salience, a speaker the entity finder missed) goes to `st.idx`. */
export function speakerOf(st: WalkState, mention: Span): Speaker {
  const r = resolveSpeaker(st.idx, mention);
  learn(st.idx, r.learned);
  return r.speaker;
}
