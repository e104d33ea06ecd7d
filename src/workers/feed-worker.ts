/**
 * `feeds` queue: poll one feed, enqueue its new items as article jobs (job id = hash of the canonical URL).
 * Items already stored are not fetched again; the feed is only added to their feed index.
 */
import type { Job } from 'bullmq';
import { decodeBody } from '../fetch/decode.js';
import { httpGet } from '../fetch/http.js';
import { parseFeed } from '../feeds/parse-feed.js';
import { articleId } from '../queues/job-ids.js';
import { FeedJobData, parseJobData } from '../queues/payloads.js';
import { recordPoll } from '../store/feed-state.js';
import type { WorkerDeps } from './deps.js';

export interface FeedJobResult {
  items: number;
  enqueued: number;
  alreadyStored: number;
}

export async function processFeedJob(job: Job, deps: WorkerDeps): Promise<FeedJobResult> {
  const data = parseJobData(FeedJobData, job.data, 'feeds');
  const { config, store, queues } = deps;
  const at = deps.now().toISOString();
  try {
    const res = await httpGet(data.url, {
      userAgent: config.userAgent,
      timeoutMs: config.fetchTimeoutMs,
      maxBytes: config.maxBodyBytes,
      maxRedirects: config.maxRedirects,
      allowHosts: config.allowHosts,
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8',
    });
    const feed = await parseFeed(decodeBody(res.body, res.contentType), res.url);
    let enqueued = 0;
    let alreadyStored = 0;
    for (const item of feed.items) {
      const id = articleId(item.url);
      if (await store.exists(id)) {
        alreadyStored++;
        await store.addToFeed(id, data.feedId, item.publishedAt);
        continue;
      }
      await queues.articles.add(
        'article',
        { url: item.url, feedId: data.feedId, feedUrl: data.url, title: item.title, publishedAt: item.publishedAt },
        { jobId: id },
      );
      enqueued++;
    }
    await recordPoll(deps.redis, config.prefix, data.feedId, { url: data.url, at, ok: true, items: feed.items.length, newItems: enqueued });
    await job.log(`${feed.items.length} items: ${enqueued} enqueued, ${alreadyStored} already stored`);
    return { items: feed.items.length, enqueued, alreadyStored };
  } catch (err) {
    await recordPoll(deps.redis, config.prefix, data.feedId, { url: data.url, at, ok: false, error: (err as Error).message });
    throw err;
  }
}
