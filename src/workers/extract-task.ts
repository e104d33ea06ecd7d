/**
 * One article's CPU-bound work — page → Article, body → entities, dates, quotes — with the CPU time of each
 * stage. Runs inside an extract-pool thread (or inline when the pool is off); no Redis, no network.
 */
import { openSync, readSync } from 'node:fs';
import type { Article, Entities } from '../domain/types.js';
import { extractPage, type PassName } from '../extractors/pipeline.js';

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

/** CPU milliseconds of each extraction pass (thread CPU time where the OS gives it, else wall time). */
export interface StageTimes extends Record<PassName, number> {
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
 * why one descriptor read at offset 0: opening the file costs more than reading it, and an article takes several
 * readings; the path resolves to the opening thread, and each thread has its own copy of this module.
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

/** Extract one page through the extraction pipeline (src/extractors/pipeline.ts), timing each pass. */
export function runExtraction(input: ExtractInput, clock: () => number = threadCpuMs): ExtractOutput {
  const times: StageTimes = { article: 0, nlp: 0, entities: 0, dates: 0, quotes: 0 };
  const html = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
  const { article, entities } = extractPage(
    {
      html,
      url: input.url,
      contentType: input.contentType,
      fetchedAt: input.fetchedAt ?? null,
      feedTitle: input.feedTitle,
      feedPublishedAt: input.feedPublishedAt,
    },
    { clock, onPass: (pass, ms) => (times[pass] = ms) },
  );
  return { article, entities, times };
}
