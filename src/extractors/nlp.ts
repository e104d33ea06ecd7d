/**
 * The one compromise parse of an article, shared by every extractor (entities, dates, quotes).
 * compromise plugins mutate a global model, so lexicons are loaded here, once, and nowhere else.
 */
import nlp from 'compromise';
import { entityLexiconPlugin } from './entities/lexicon-plugin.js';

nlp.plugin(entityLexiconPlugin);

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
  /** compromise's View, for extractors that use its match syntax. */
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
  offset?: { start: number; length: number };
}

/** Parse `text` once with compromise; every span in the result indexes into `text`. */
export function parseText(text: string): ParsedText {
  const doc = nlp(text);
  doc.compute('offset');
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  const docs = (doc as unknown as { docs: RawTerm[][] }).docs;
  for (const sentenceTerms of docs) {
    const firstToken = tokens.length;
    const sentence = sentences.length;
    for (const t of sentenceTerms) {
      if (!t.offset) continue;
      tokens.push({
        text: t.text,
        start: t.offset.start,
        end: t.offset.start + t.offset.length,
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
  return { text, doc, tokens, sentences };
}
