/**
 * The one extraction pipeline: named passes in a fixed order — article → nlp → entities → dates → quotes.
 * The library entry points, the worker threads (src/workers/extract-task.ts), the goldens and the bench all run
 * it; `onPass` reports each pass's time to whoever asks (the worker's stage times), and costs nothing otherwise.
 */
import type { Article, Entities, ExtractContext, Quote } from '../domain/types.js';
import { extractArticle } from './article/index.js';
import { findDates } from './dates/index.js';
import { findEntities } from './entities/index.js';
import { parseText, type ParsedText } from './nlp.js';
import { findQuotes, type QuoteContext } from './quotes/index.js';

export const PASSES = ['article', 'nlp', 'entities', 'dates', 'quotes'] as const;
export type PassName = (typeof PASSES)[number];

export interface PassHooks {
  /** Called after each pass with its time by `clock` (ms). */
  onPass?: (pass: PassName, ms: number) => void;
  /** The clock `onPass` times with (default performance.now; the worker passes its thread's CPU clock). */
  clock?: () => number;
  /**
   * Given, a failed quotes pass costs only the quotes (none) and is reported here; not given, its error is thrown.
   * `extractPage` always gives one: the warning lands in the article's warnings.
   */
  onWarning?: (pass: PassName, message: string) => void;
}

/** The quotes pass: its error thrown, or with an `onWarning` hook, no quotes and a warning. */
function quotesPass(parsed: ParsedText, ctx: QuoteContext, hooks: PassHooks): Quote[] {
  if (!hooks.onWarning) return findQuotes(parsed, ctx);
  try {
    return findQuotes(parsed, ctx);
  } catch (e) {
    // why: a bug in quote attribution must not cost the article's entities and dates
    hooks.onWarning('quotes', `dropped after an error: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
}

/**
 * Characters of a body that get entities; beyond that a "body" is a dump, not a story (the longest news
 * features run to ~60,000), and the cost would grow with it.
 */
export const MAX_ENTITY_TEXT = 200_000;

/** A lap timer over `hooks`: a no-op unless someone listens. */
function laps(hooks: PassHooks): (pass: PassName) => void {
  const { onPass } = hooks;
  if (!onPass) return () => {};
  const clock = hooks.clock ?? (() => performance.now());
  let t = clock();
  return (pass) => {
    const now = clock();
    onPass(pass, now - t);
    t = now;
  };
}

/**
 * People, organizations, dates and quotes of an article body, each with offsets into `text`, from one shared
 * compromise parse. Only the first MAX_ENTITY_TEXT characters are read.
 */
export function extractEntities(text: string, ctx: ExtractContext = {}, hooks: PassHooks = {}): Entities {
  const lap = laps(hooks);
  const parsed = parseText(text.length > MAX_ENTITY_TEXT ? text.slice(0, MAX_ENTITY_TEXT) : text);
  lap('nlp');
  const { people, organizations } = findEntities(parsed, ctx);
  lap('entities');
  const dates = findDates(parsed, ctx);
  lap('dates');
  const quotes = quotesPass(parsed, { ...ctx, people, organizations }, hooks);
  lap('quotes');
  return { people, organizations, dates, quotes };
}

/** A fetched page and what its feed item said about it. */
export interface PageInput {
  html: Buffer;
  url: string;
  contentType: string | null;
  /** When the page was fetched (ISO): no publication date after it is plausible. */
  fetchedAt?: string | null;
  /** The feed item's title and date: fallbacks when the page has none; the date is also weighed against the page's. */
  feedTitle?: string | null;
  feedPublishedAt?: string | null;
}

export interface PageResult {
  article: Article;
  /** Null when the page is not an article (nothing to extract entities from). */
  entities: Entities | null;
}

/** The whole pipeline for one page: the article pass, the feed's fallbacks (with provenance 'feed'), the text passes. */
export function extractPage(input: PageInput, hooks: PassHooks = {}): PageResult {
  const lap = laps(hooks);
  const article = extractArticle(input.html, {
    url: input.url,
    contentType: input.contentType,
    fetchedAt: input.fetchedAt ?? null,
    feedPublishedAt: input.feedPublishedAt ?? null,
  });
  lap('article');
  if (!article.isArticle || !article.text) return { article, entities: null };
  if (!article.title && input.feedTitle) {
    article.title = input.feedTitle;
    article.provenance.title = 'feed';
  }
  if (!article.publishedAt && input.feedPublishedAt) {
    article.publishedAt = input.feedPublishedAt;
    article.provenance.publishedAt = 'feed';
  }
  const onWarning = (pass: PassName, message: string) => {
    article.warnings.push(`${pass}: ${message}`);
    hooks.onWarning?.(pass, message);
  };
  const entities = extractEntities(article.text, { publishedAt: article.publishedAt, title: article.title }, { ...hooks, onWarning });
  return { article, entities };
}
