/**
 * `feeds` queue: poll one source (a feed or a sitemap, read-source.ts), enqueue its new items as article jobs (job
 * id = hash of the canonical URL). Items already stored are not fetched again, unless the item says it changed after
 * what the stored version covers (its updatedAt): then a re-fetch job is added (src/workers/article-worker.ts).
 * Stored items join the feed's index.
 */
import { DelayedError, type Job } from 'bullmq';
import { FetchError } from '../domain/errors.js';
import { conditionalHeaders, freshnessSeconds, validatorsOf } from '../fetch/conditional.js';
import { permanentlyMovedTo } from '../fetch/http.js';
import { fetchOptionsFrom, PoliteFetcher, politenessFor } from '../fetch/polite-fetch.js';
import { serverWaitMs } from '../fetch/retry.js';
import { articleId, refetchJobId } from '../queues/job-ids.js';
import { FeedJobData, parseJobData, REFETCH_JOB, type RefetchJobData } from '../queues/payloads.js';
import { failureBackoffMs, freshUntil, pollDecision } from '../schedule/poll-policy.js';
import { readFeedState, recordPoll } from '../store/feed-state.js';
import type { WorkerDeps } from './deps.js';
import { readSource } from './read-source.js';

export interface FeedJobResult {
  items: number;
  enqueued: number;
  alreadyStored: number;
  /** Items whose pages were found not to be articles in the last week (not fetched again). */
  notArticles?: number;
  /** Stored items the feed says changed since: re-fetch jobs added. */
  refetch?: number;
  /** 304: nothing fetched, nothing enqueued. */
  notModified?: boolean;
  /** Why a scheduled poll did not fetch (backoff, freshness). */
  skipped?: string;
  /** A sitemap source: child sitemaps fetched, entries left out by the lastmod window, what was cut at a limit. */
  sitemap?: { format: string; childrenFetched: number; old: number; undated: number; warnings: string[] };
}

/** Article jobs per addBulk call (one MULTI each). */
const ENQUEUE_BATCH = 500;

/** Retry-After delays per job before it just fails (a server answering 429 forever must not pin a job forever). */
const MAX_SERVER_DELAYS = 6;

/** When the server asked us to wait, move the job to delayed without spending an attempt. */
export async function delayIfServerAsked(job: Job, err: unknown): Promise<void> {
  const wait = serverWaitMs(err);
  if (wait === null || !job.token || job.attemptsStarted - job.attemptsMade > MAX_SERVER_DELAYS) return;
  await job.moveToDelayed(Date.now() + Math.max(wait, 1000), job.token);
  throw new DelayedError(`server asked to retry after ${Math.round(wait / 1000)} s`);
}

/** The poll's warnings as one line for the feed's state: the first, and how many more the job log holds. */
function pollWarning(warnings: readonly string[]): string | null {
  if (warnings.length === 0) return null;
  return warnings.length === 1 ? warnings[0]! : `${warnings[0]} (+${warnings.length - 1} more in the job log)`;
}

export async function processFeedJob(job: Job, deps: WorkerDeps): Promise<FeedJobResult> {
  const data = parseJobData(FeedJobData, job.data, 'feeds');
  const { config, store, queues } = deps;
  const now = deps.now();
  const at = now.toISOString();
  const state = await readFeedState(deps.redis, config.prefix, data.feedId);
  // why only the first run: a retry or a Retry-After delay of this very poll must not be skipped by the backoff it caused
  const decision = job.attemptsStarted > 1 ? ({ poll: true } as const) : pollDecision(state, now, data.trigger);
  if (!decision.poll) {
    await job.log(`not fetched: ${decision.reason}, until ${decision.until}`);
    return { items: 0, enqueued: 0, alreadyStored: 0, skipped: decision.reason };
  }
  try {
    const fetcher = new PoliteFetcher({ redis: deps.redis, prefix: config.prefix, http: fetchOptionsFrom(config), politeness: politenessFor(config) });
    const res = await fetcher.get(data.url, {
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8',
      // why same URL only: validators belong to the URL they came from
      headers: state.url === data.url ? conditionalHeaders(state) : {},
    });
    const answer = { ...validatorsOf(res.headers), movedTo: permanentlyMovedTo(res) };
    if (res.status === 304) {
      const fresh = freshUntil(now, null, freshnessSeconds(res.headers));
      await recordPoll(deps.redis, config.prefix, data.feedId, { url: data.url, at, ok: true, httpStatus: 304, newItems: 0, ...answer, freshUntil: fresh });
      await job.log('304 not modified');
      return { items: 0, enqueued: 0, alreadyStored: 0, notModified: true };
    }
    const feed = await readSource(res, { declared: data.type, fetcher, now, windowMs: config.sitemapWindowMs });
    // why batched: one round trip to find the stored items and one to enqueue the rest, not two per item
    const ids = feed.items.map((item) => articleId(item.url));
    const seen = await store.lookup(ids, now.getTime());
    const known = feed.items.flatMap((item, i) => (seen[i] === 'stored' ? [{ id: ids[i]!, publishedAt: item.publishedAt }] : []));
    await store.addManyToFeed(data.feedId, known);
    // why only items with an updatedAt: the others cannot say they changed (the re-check schedule looks at them)
    const dated = feed.items.flatMap((item, i) => {
      const ms = Date.parse(item.updatedAt ?? '');
      return seen[i] === 'stored' && Number.isFinite(ms) ? [{ id: ids[i]!, ms, updatedAt: item.updatedAt }] : [];
    });
    const covered = await store.coveredUntil(dated.map((d) => d.id));
    const changed = dated
      .filter((d, i) => d.ms > covered[i]!)
      .map((d) => ({
        name: REFETCH_JOB,
        data: { articleId: d.id, reason: 'updated', updatedAt: d.updatedAt } satisfies RefetchJobData,
        opts: { jobId: refetchJobId(d.id, 'u', d.ms) },
      }));
    // why pages found not to be articles are left out: fetching them again on every poll would find the same
    const fresh = feed.items.flatMap((item, i) =>
      seen[i] !== null
        ? []
        : [
            {
              name: 'article',
              data: { url: item.url, feedId: data.feedId, feedUrl: data.url, title: item.title, publishedAt: item.publishedAt, updatedAt: item.updatedAt },
              opts: { jobId: ids[i]! },
            },
          ],
    );
    // the job id (hash of the canonical URL) makes each add idempotent: an item already queued is not queued twice
    for (let i = 0; i < fresh.length; i += ENQUEUE_BATCH) await queues.articles.addBulk(fresh.slice(i, i + ENQUEUE_BATCH));
    for (let i = 0; i < changed.length; i += ENQUEUE_BATCH) await queues.articles.addBulk(changed.slice(i, i + ENQUEUE_BATCH));
    const enqueued = fresh.length;
    const alreadyStored = known.length;
    const notArticles = seen.filter((x) => x === 'not-article').length;
    await recordPoll(deps.redis, config.prefix, data.feedId, {
      url: data.url,
      at,
      ok: true,
      items: feed.items.length,
      newItems: enqueued,
      httpStatus: res.status,
      ...answer,
      freshUntil: freshUntil(now, feed.ttlMinutes, freshnessSeconds(res.headers)),
      format: feed.format,
      warning: pollWarning(feed.sitemap?.warnings ?? []),
    });
    const refetch = changed.length;
    await job.log(
      `${feed.items.length} items: ${enqueued} enqueued, ${alreadyStored} already stored` +
        `${refetch ? ` (${refetch} changed since: re-fetch)` : ''}${notArticles ? `, ${notArticles} not articles` : ''}`,
    );
    const sm = feed.sitemap;
    if (sm) {
      await job.log(`${feed.format}: ${sm.childrenFetched} child sitemaps fetched; left out by the lastmod window: ${sm.old} older, ${sm.undated} undated`);
      for (const w of sm.warnings) await job.log(w);
    }
    return {
      items: feed.items.length,
      enqueued,
      alreadyStored,
      ...(refetch ? { refetch } : {}),
      ...(notArticles ? { notArticles } : {}),
      ...(sm ? { sitemap: { format: feed.format, ...sm } } : {}),
    };
  } catch (err) {
    const failures = state.consecutiveFailures + 1;
    await recordPoll(deps.redis, config.prefix, data.feedId, {
      url: data.url,
      at,
      ok: false,
      error: (err as Error).message,
      httpStatus: err instanceof FetchError ? err.status : null,
      consecutiveFailures: failures,
      backoffUntil: new Date(now.getTime() + Math.max(failureBackoffMs(failures), serverWaitMs(err) ?? 0)).toISOString(),
    });
    await delayIfServerAsked(job, err);
    throw err;
  }
}
