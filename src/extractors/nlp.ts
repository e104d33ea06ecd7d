/**
 * The one compromise parse of an article, shared by every extractor (entities, dates, quotes).
 * compromise plugins mutate a global model, so lexicons are loaded here, once, and nowhere else.
 */
import nlp from 'compromise';
import { entityLexiconPlugin } from './entities/lexicon-plugin.js';
import { tagDateWords } from './nlp-date-tags.js';
import { freeze, frozenWords, lexicon, tokenize } from './nlp-steps.js';

nlp.plugin(entityLexiconPlugin);

/**
 * compromise's post-tagger (570 match rules) and its chunker do not run; nlp-date-tags.ts stands in for the
 * post-tagger's date rules.
 * why: the post-tagger is most of a full parse (BENCHMARKS.md), and on every dev set its other rules barely moved
 * the people, organization and quote scores; no extractor reads the chunks.
 * The steps after tokenizing are compromise's default hooks minus postTagger and chunks, and minus `id` (term ids,
 * for its match pointers) and `typeahead` (autocomplete), which nothing here reads: `index` and `freeze`
 * (nlp-steps.ts, which skips sentences it cannot change), `lexicon` (nlp-steps.ts), then these.
 */
const PARSE_STEPS = ['preTagger', 'contractionTwo'];

/** One token with its character offsets into the parsed text and compromise's tags. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** compromise's normalized form (lower case, no punctuation). */
  normal: string;
  tags: ReadonlySet<string>;
  /** Punctuation and whitespace before and after the word, as compromise split it. */
  pre: string;
  post: string;
  /** Index of the sentence this token belongs to. */
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  /** Index of this sentence's first token in `tokens`. */
  firstToken: number;
  /** Index one past this sentence's last token. */
  endToken: number;
}

/** The shared parse: compromise's document plus flat token and sentence tables with offsets. */
export interface ParsedText {
  text: string;
  /** compromise's View of the whole text, for extractors that use its match syntax (built on first use). */
  doc: ReturnType<typeof nlp>;
  tokens: Token[];
  sentences: Sentence[];
}

interface RawTerm {
  text: string;
  normal?: string;
  pre?: string;
  post?: string;
  tags?: Set<string>;
}

/** Index of the first token ending after character `at` (binary search; `tokens.length` when none does). */
export function tokenIndexAt(tokens: readonly Token[], at: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Longest piece of text handed to compromise in one call. */
const MAX_SEGMENT = 2000;

/**
 * Cut `text` into segments compromise handles in linear time: paragraphs, and pieces of at most MAX_SEGMENT
 * characters cut after a sentence end (else at a space) inside over-long paragraphs.
 * why: compromise's cost grows faster than linearly with sentence length (a 75,000-character run-on
 * with unclosed quote marks took 11 s); real sentences are far shorter than MAX_SEGMENT.
 */
export function segmentText(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const para = /\n\s*\n/gu;
  let from = 0;
  const push = (start: number, end: number) => {
    while (end - start > MAX_SEGMENT) {
      const window = text.slice(start, start + MAX_SEGMENT);
      let cut = -1;
      for (const m of window.matchAll(/[.!?]["'”’)\]]*\s+/gu)) cut = (m.index ?? 0) + m[0].length;
      if (cut < MAX_SEGMENT / 4) cut = window.lastIndexOf(' ') + 1;
      if (cut <= 0) cut = MAX_SEGMENT;
      out.push({ start, end: start + cut });
      start += cut;
    }
    if (text.slice(start, end).trim()) out.push({ start, end });
  };
  for (const m of text.matchAll(para)) {
    push(from, m.index ?? 0);
    from = (m.index ?? 0) + m[0].length;
  }
  push(from, text.length);
  return out;
}

/** Parse `text` once with compromise (segment by segment); every span in the result indexes into `text`. */
export function parseText(text: string): ParsedText {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const frozen = frozenWords();
  for (const seg of segmentText(text)) {
    // why tokenize + compute: nlp() would run every default hook, and changing the global hook list would also
    // change compromise for its other users (the eval's "compromise alone" baseline)
    const part = tokenize(text.slice(seg.start, seg.end));
    part.compute('index');
    freeze(part, frozen);
    lexicon(part);
    part.compute(PARSE_STEPS);
    const docs = (part as unknown as { document: RawTerm[][] }).document;
    // what compromise's `offset` step computes (each term's start: the pre, text and post of every term before it,
    // then its own pre), without the object per term it adds for it
    let elapsed = 0;
    for (const sentenceTerms of docs) {
      const firstToken = tokens.length;
      const sentence = sentences.length;
      for (const t of sentenceTerms) {
        const pre = t.pre ?? '';
        const start = seg.start + elapsed + pre.length;
        elapsed += pre.length + t.text.length + (t.post ?? '').length;
        tokens.push({
          text: t.text,
          start,
          end: start + t.text.length,
          normal: t.normal ?? t.text.toLowerCase(),
          tags: t.tags ?? new Set<string>(),
          pre: t.pre ?? '',
          post: t.post ?? '',
          sentence,
        });
      }
      if (tokens.length === firstToken) continue;
      const first = tokens[firstToken]!;
      const last = tokens[tokens.length - 1]!;
      // why: opening and closing punctuation (quote marks, the full stop) belong to the sentence, whitespace does not
      const start = Math.max(0, first.start - first.pre.trimStart().length);
      const end = Math.min(text.length, last.end + last.post.trimEnd().length);
      sentences.push({ start, end, text: text.slice(start, end), firstToken, endToken: tokens.length });
    }
  }
  tagDateWords(tokens);
  let doc: ReturnType<typeof nlp> | null = null;
  return {
    text,
    // why lazy: no extractor needs compromise's View today; building it would parse the text a second time
    get doc() {
      doc ??= nlp(text);
      return doc;
    },
    tokens,
    sentences,
  };
}
