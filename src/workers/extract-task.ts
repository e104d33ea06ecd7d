/**
 * One article's CPU-bound work — page → Article, body → entities, dates, quotes — with the CPU time of each
 * stage. Runs inside an extract-pool thread (or inline when the pool is off); no Redis, no network.
 */
import { openSync, readSync } from 'node:fs';
import type { Article, Entities } from '../domain/types.js';
import { extractArticle } from '../extractors/index.js';
import { findDates } from '../extractors/dates/index.js';
import { findEntities } from '../extractors/entities/index.js';
import { parseText } from '../extractors/nlp.js';
import { findQuotes } from '../extractors/quotes/index.js';

/** What the article worker hands to extraction: the fetched bytes and what the feed said about the item. */
export interface ExtractInput {
  body: Uint8Array;
  url: string;
  contentType: string | null;
  /** Feed item title and date: fallbacks when the page lacks them; the date is also weighed against the page's. */
  feedTitle: string | null;
  feedPublishedAt: string | null;
  /** When the page was fetched (ISO): no publication date after it is plausible. */
  fetchedAt?: string | null;
}

/** CPU milliseconds of each extraction stage (thread CPU time where the OS gives it, else wall time). */
export interface StageTimes {
  /** HTML decode + cheerio parse + body and metadata (extractArticle). */
  article: number;
  /** The shared compromise parse of the body. */
  nlp: number;
  entities: number;
  dates: number;
  quotes: number;
}

export interface ExtractOutput {
  article: Article;
  /** Null when the page is not an article (nothing to extract entities from). */
  entities: Entities | null;
  times: StageTimes;
}

/** This thread's /proc/thread-self/schedstat, opened once (null: not readable, -1: not tried yet). */
let schedstatFd: number | null = -1;
const schedstatBuf = Buffer.alloc(64);

/**
 * CPU time of the calling OS thread in ms, from /proc/thread-self/schedstat (ns resolution, Linux);
 * wall time elsewhere. Each JS thread (main or worker) runs on its own OS thread, so this is per thread.
 * why one descriptor read at offset 0: opening the file for each reading cost ~15 µs (six readings an article);
 * the path resolves to the opening thread, and each thread has its own copy of this module.
 */
export function threadCpuMs(): number {
  if (schedstatFd === -1) {
    try {
      schedstatFd = openSync('/proc/thread-self/schedstat', 'r');
    } catch {
      schedstatFd = null;
    }
  }
  if (schedstatFd !== null) {
    try {
      const n = readSync(schedstatFd, schedstatBuf, 0, schedstatBuf.length, 0);
      // the first field, nanoseconds on CPU, in ASCII digits
      let ns = 0;
      let i = 0;
      for (; i < n && schedstatBuf[i]! >= 48 && schedstatBuf[i]! <= 57; i++) ns = ns * 10 + schedstatBuf[i]! - 48;
      if (i > 0) return ns / 1e6;
    } catch {
      // fall through to wall time
    }
    schedstatFd = null;
  }
  return performance.now();
}

/** True when `threadCpuMs` measures CPU time (false: it falls back to wall time). */
export function threadCpuIsCpu(): boolean {
  threadCpuMs();
  return schedstatFd !== null;
}

/**
 * Extract one page, timing each stage. Same result as `extractArticle` then `extractEntities` (the stages
 * are called one by one only to time them; test/workers/extract-pool.test.ts checks they agree).
 */
export function runExtraction(input: ExtractInput, clock: () => number = threadCpuMs): ExtractOutput {
  const times: StageTimes = { article: 0, nlp: 0, entities: 0, dates: 0, quotes: 0 };
  let t = clock();
  const lap = (stage: keyof StageTimes) => {
    const now = clock();
    times[stage] = now - t;
    t = now;
  };
  const html = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  // why the feed's date goes in: when it and the page's differ by more than a day, the better-supported one is kept
  // and the record says so in its warnings
  const article = extractArticle(html, { url: input.url, contentType: input.contentType, fetchedAt: input.fetchedAt ?? null, feedPublishedAt: input.feedPublishedAt });
  lap('article');
  if (!article.isArticle || !article.text) return { article, entities: null, times };
  if (!article.title && input.feedTitle) article.title = input.feedTitle;
  if (!article.publishedAt && input.feedPublishedAt) {
    article.publishedAt = input.feedPublishedAt;
    article.provenance.publishedAt = 'feed';
  }
  const ctx = { publishedAt: article.publishedAt, title: article.title };
  const parsed = parseText(article.text);
  lap('nlp');
  const { people, organizations } = findEntities(parsed, ctx);
  lap('entities');
  const dates = findDates(parsed, ctx);
  lap('dates');
  const quotes = findQuotes(parsed, { ...ctx, people, organizations });
  lap('quotes');
  return { article, entities: { people, organizations, dates, quotes }, times };
}

