/**
 * Replay a fixture directory through the whole pipeline: serve it over real HTTP on 127.0.0.1, poll every
 * feed and sitemap in <dir>/feeds through the `feeds` queue (an index's children may live elsewhere in <dir>), let
 * the real workers fetch, extract, store and dedup, and summarize what the store holds.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { NotFoundError } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { QUEUE_NAMES } from '../queues/names.js';
import { closeQueues, openQueues } from '../queues/queues.js';
import { ArticleStore, type RankedName } from '../store/article-store.js';
import { DedupInbox } from '../store/dedup-inbox.js';
import { refetchJobId } from '../queues/job-ids.js';
import { REFETCH_JOB, type RefetchJobData } from '../queues/payloads.js';
import type { WorkerDeps } from '../workers/deps.js';
import { sweepRechecks } from '../workers/recheck-sweep.js';
import { startWorkers } from '../workers/run-workers.js';
import { startFixtureServer } from './fixture-server.js';

export interface ReplayOptions {
  dir: string;
  /** Port of the fixture server. Fixed by default: article ids hash URLs, so a second replay finds the same ids. */
  port: number;
  timeoutMs: number;
  onProgress?: (p: ReplayProgress) => void;
  /** Serve this directory's files in place of `dir`'s (later versions of pages and feeds: fixtures/versions/v2). */
  overlay?: string;
  /** The workers' clock (tests run a replay at a fixed time; re-checks due by then are swept first). */
  now?: () => Date;
  /** Re-check every stored article now (conditional GET), whatever its schedule says. */
  recheckAll?: boolean;
}

export interface ReplayProgress {
  feedsDone: number;
  feeds: number;
  articlesDone: number;
  articlesSeen: number;
}

export interface ReplayFailure {
  queue: string;
  jobId: string;
  url: string | null;
  reason: string;
  attempts: number;
}

export interface ReplaySummary {
  base: string;
  feeds: number;
  /** Feed items seen in this run (one per feed listing). */
  items: number;
  /** Article pages fetched and processed in this run. */
  pagesFetched: number;
  /** Items skipped because their article was already stored. */
  alreadyStored: number;
  storedNew: number;
  /** Pages that were not articles (home pages, lists). */
  skipped: number;
  /** Re-fetches of stored articles (a feed said they changed, or their re-check was due), by what they found. */
  refetched: { revised: number; unchanged: number; notModified: number };
  /** Records in the store after the run. */
  storedArticles: number;
  topCompanies: RankedName[];
  topPeople: RankedName[];
  /** Failed jobs now in the queues (this run's and earlier ones, until retried or cleaned). */
  failures: ReplayFailure[];
  timedOut: boolean;
  elapsedMs: number;
}

const FEED_FILE = /\.(rss\.xml|atom\.xml|rdf\.xml|xml|json)$/u;

export function listFeedFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'feeds'))
      .filter((f) => FEED_FILE.test(f))
      .sort();
  } catch {
    throw new NotFoundError(`no feeds directory at ${join(dir, 'feeds')}: a replay directory holds feeds/ and the pages they link to`);
  }
}

/** Add a re-check of every stored article (the schedule is left as it is); returns how many. */
async function recheckEverything(deps: Pick<WorkerDeps, 'redis' | 'store' | 'queues' | 'now'>): Promise<number> {
  const ids = await deps.redis.zrange(deps.store.keys.byStored, '0', '-1');
  const at = deps.now().getTime();
  for (let i = 0; i < ids.length; i += 500) {
    await deps.queues.articles.addBulk(
      ids.slice(i, i + 500).map((id) => ({
        name: REFETCH_JOB,
        data: { articleId: id, reason: 'recheck', updatedAt: null } satisfies RefetchJobData,
        opts: { jobId: refetchJobId(id, 'r', at) },
      })),
    );
  }
  return ids.length;
}

export async function replay(redis: Redis, config: Config, log: Logger, opts: ReplayOptions): Promise<ReplaySummary> {
  const started = Date.now();
  const feedFiles = listFeedFiles(opts.dir);
  const server = await startFixtureServer(opts.dir, opts.port, { overlay: opts.overlay });
  // why a short dedup batch delay: a replay is interactive and ends when dedup is done; its articles arrive within
  // seconds, so a 1 s wait for more would only add to every replay.
  // why no sitemap window: fixture dates are frozen in the past, so a window counted from today would drop them all
  const runConfig: Config = {
    ...config,
    allowHosts: [...config.allowHosts, `127.0.0.1:${server.port}`],
    dedupBatchDelayMs: Math.min(config.dedupBatchDelayMs, 100),
    sitemapWindowMs: null,
  };
  const queues = openQueues(redis, config.prefix, { retryBaseMs: config.retryBaseMs });
  const store = new ArticleStore(redis, config.prefix);
  const inbox = new DedupInbox(redis, config.prefix);
  const deps = { redis, config: runConfig, queues, store, log, now: opts.now ?? (() => new Date()) };
  // why no periodic sweep: a replay sweeps the re-checks due once, below, and ends when the queues are empty
  const workers = startWorkers(deps, { recheckSweepMs: 0 });

  const counts = { feedsDone: 0, items: 0, alreadyStored: 0, pagesFetched: 0, storedNew: 0, skipped: 0, articlesSeen: 0 };
  const refetched = { revised: 0, unchanged: 0, notModified: 0 };
  const [feedWorker, articleWorker] = workers.workers;
  feedWorker?.on('completed', (_job, r: { items: number; enqueued: number; alreadyStored: number; refetch?: number }) => {
    counts.feedsDone++;
    counts.items += r.items;
    counts.alreadyStored += r.alreadyStored;
    counts.articlesSeen += r.enqueued + (r.refetch ?? 0);
  });
  feedWorker?.on('failed', () => {
    counts.feedsDone++;
  });
  articleWorker?.on('completed', (_job, r: { status: string; created?: boolean }) => {
    counts.pagesFetched++;
    if (r.status === 'skipped') counts.skipped++;
    else if (r.status === 'revised') refetched.revised++;
    else if (r.status === 'unchanged') refetched.unchanged++;
    else if (r.status === 'not-modified') refetched.notModified++;
    else if (r.created) counts.storedNew++;
  });
  articleWorker?.on('failed', () => {
    counts.pagesFetched++;
  });

  const runId = `${Date.now().toString(36)}`;
  try {
    if (runConfig.recheckMs.length) counts.articlesSeen += await sweepRechecks(deps, deps.now().getTime());
    if (opts.recheckAll) counts.articlesSeen += await recheckEverything(deps);
    for (const file of feedFiles) {
      const feedId = file.replace(FEED_FILE, '');
      await queues.feeds.add(
        'poll',
        { feedId, url: `${server.base}/feeds/${file}`, trigger: 'replay' },
        {
          jobId: `replay-${feedId}-${runId}`,
          // why: a replay is interactive; a broken fixture feed should fail fast, not back off for minutes
          attempts: 2,
          backoff: { type: 'fixed', delay: 500 },
        },
      );
    }
    const deadline = Date.now() + opts.timeoutMs;
    let timedOut = false;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      opts.onProgress?.({ feedsDone: counts.feedsDone, feeds: feedFiles.length, articlesDone: counts.pagesFetched, articlesSeen: counts.articlesSeen });
      let pending = await inbox.length();
      for (const name of QUEUE_NAMES) {
        const c = await queues[name].getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        pending += Object.values(c).reduce((a, b) => a + b, 0);
      }
      // why this suffices: a feed job adds its article jobs before it completes, and an article job hands its record
      // to the dedup inbox (and adds the batch job when none is due) before it completes; so once the queues and the
      // inbox are empty, no work is left
      if (pending === 0) break;
      if (Date.now() > deadline) {
        timedOut = true;
        break;
      }
    }
    const failures: ReplayFailure[] = [];
    for (const name of QUEUE_NAMES) {
      for (const job of await queues[name].getFailed(0, 49)) {
        const data = job.data as { url?: string };
        failures.push({ queue: name, jobId: job.id ?? '?', url: data.url ?? null, reason: job.failedReason, attempts: job.attemptsMade });
      }
    }
    return {
      base: server.base,
      feeds: feedFiles.length,
      items: counts.items,
      pagesFetched: counts.pagesFetched,
      alreadyStored: counts.alreadyStored,
      storedNew: counts.storedNew,
      skipped: counts.skipped,
      refetched,
      storedArticles: await store.count(),
      topCompanies: await store.top('company', 8),
      topPeople: await store.top('person', 8),
      failures,
      timedOut,
      elapsedMs: Date.now() - started,
    };
  } finally {
    await workers.close(10_000);
    await closeQueues(queues);
    await server.close();
  }
}
