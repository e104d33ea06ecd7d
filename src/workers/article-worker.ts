/**
 * `articles` queue: fetch one page, extract body, metadata and entities, store the record and hand it to dedup
 * (the save appends it to the store's dedup inbox; the save that finds no batch due adds one).
 * The HTML stays in this process: only the URL travels through Redis.
 */
import type { Job } from 'bullmq';
import type { ArticleRecord } from '../domain/types.js';
import { fetchOptionsFrom, PoliteFetcher, politenessFor } from '../fetch/polite-fetch.js';
import { delayIfServerAsked } from './feed-worker.js';
import { ArticleJobData, parseJobData } from '../queues/payloads.js';
import type { WorkerDeps } from './deps.js';
import { dedupJobData, scheduleDedupBatch } from './dedup-worker.js';
import { inlineExtractor, type Extractor } from './extract-pool.js';
import type { StageTimes } from './extract-task.js';

/** `fetchMs` and `bytes`: the page fetch (for metrics and `newsflow job`). */
export type ArticleJobResult =
  | { status: 'stored'; id: string; created: boolean; times: StageTimes; fetchMs: number; bytes: number }
  | { status: 'skipped'; id: string; reason: string; times: StageTimes; fetchMs: number; bytes: number };

/** `extract` runs the CPU-bound part: the thread pool in workers (run-workers.ts), inline by default. */
export async function processArticleJob(job: Job, deps: WorkerDeps, extract: Extractor = inlineExtractor): Promise<ArticleJobResult> {
  const data = parseJobData(ArticleJobData, job.data, 'articles');
  const id = job.id!;
  const { config } = deps;
  const fetchedAt = deps.now().toISOString();
  const fetcher = new PoliteFetcher({ redis: deps.redis, prefix: config.prefix, http: fetchOptionsFrom(config), politeness: politenessFor(config) });
  const fetchStart = performance.now();
  const res = await fetcher.get(data.url, { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5', robots: true }).catch(async (err: unknown) => {
    await delayIfServerAsked(job, err);
    throw err;
  });
  const fetchMs = Math.round(performance.now() - fetchStart);
  const bytes = res.body.length; // why before extract: the pool moves the buffer to its thread
  // the feed's title and date fill in for missing page ones (extract-task.ts)
  const { article, entities, times } = await extract({
    body: res.body,
    url: res.url,
    contentType: res.contentType,
    feedTitle: data.title,
    feedPublishedAt: data.publishedAt,
    fetchedAt,
  });
  if (!entities) {
    const reason = `not an article: ${article.warnings.join('; ') || 'no body text found'}`;
    await job.log(reason);
    await deps.store.markNotArticle(id, deps.now().getTime());
    return { status: 'skipped', id, reason, times, fetchMs, bytes };
  }
  const record: ArticleRecord = {
    id,
    url: res.url,
    sourceUrl: data.url,
    feedId: data.feedId,
    feedUrl: data.feedUrl,
    fetchedAt,
    storedAt: deps.now().toISOString(),
    article,
    entities,
    storyId: null,
  };
  // why the fingerprint in the entry: the dedup stage then neither reads nor inflates the record
  const { created, dedupDue } = await deps.store.save(record, { dedupEntry: JSON.stringify(dedupJobData(record)) });
  // why a failure here may pass: a retry saves again (the same record; a second entry dedups to the same story), and
  // the inbox's due flag expires, so a later save or a worker's sweep adds the batch job this one could not
  if (dedupDue) await scheduleDedupBatch(deps.queues, deps.config.dedupBatchDelayMs);
  return { status: 'stored', id, created, times, fetchMs, bytes };
}
