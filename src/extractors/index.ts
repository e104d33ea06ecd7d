/**
 * The extractors' public face: pure functions, no I/O, no clock, no environment.
 * `extractEntities` parses the text once with compromise and hands that parse to every extractor.
 */
import type { Entities, ExtractContext } from '../domain/types.js';
import { findDates } from './dates/index.js';
import { findEntities } from './entities/index.js';
import { parseText } from './nlp.js';
import { findQuotes } from './quotes/index.js';

export { extractArticle } from './article/index.js';
export type { ExtractArticleOptions } from './article/index.js';

/**
 * Characters of a body that get entities; beyond that a "body" is a dump, not a story (the longest news
 * features run to ~60,000), and the cost would grow with it.
 */
export const MAX_ENTITY_TEXT = 200_000;

/**
 * People, organizations, dates and quotes of an article body, each with offsets into `text`.
 * Only the first MAX_ENTITY_TEXT characters are read.
 */
export function extractEntities(text: string, ctx: ExtractContext = {}): Entities {
  const parsed = parseText(text.length > MAX_ENTITY_TEXT ? text.slice(0, MAX_ENTITY_TEXT) : text);
  const { people, organizations } = findEntities(parsed, ctx);
  const dates = findDates(parsed, ctx);
  const quotes = findQuotes(parsed, { ...ctx, people, organizations });
  return { people, organizations, dates, quotes };
}
