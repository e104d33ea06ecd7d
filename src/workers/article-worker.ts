/**
 * `articles` queue: fetch one page, extract body, metadata and entities, store the record and hand it to dedup
 * (the save appends it to the store's dedup inbox; the save that finds no batch due adds one).
 * `refetch` jobs fetch a stored article again with its validators (conditional GET): a 304 or the same text and
 * title write nothing; a changed page becomes the current version and the previous one is kept as a diff.
 * The HTML stays in this process: only the URL travels through Redis.
 */
import type { Job } from 'bullmq';
import type { ArticleRecord } from '../domain/types.js';
import { conditionalHeaders, validatorsOf } from '../fetch/conditional.js';
import type { FetchResult } from '../fetch/http.js';
import { fetchOptionsFrom, PoliteFetcher, politenessFor } from '../fetch/polite-fetch.js';
import { delayIfServerAsked } from './feed-worker.js';
import { ArticleJobData, parseJobData, REFETCH_JOB, RefetchJobData } from '../queues/payloads.js';
import type { WorkerDeps } from './deps.js';
import { inlineExtractor, type Extractor } from './extract-pool.js';
import type { StageTimes } from './extract-task.js';
import { latestMs, saveVersion } from './save-version.js';

/** `fetchMs` and `bytes`: the page fetch (for metrics and `newsflow job`). */
export type ArticleJobResult =
  | { status: 'stored'; id: string; created: boolean; times: StageTimes; fetchMs: number; bytes: number }
  | { status: 'skipped'; id: string; reason: string; times: StageTimes; fetchMs: number; bytes: number }
  /** A re-fetch: `revised` stored a new version; `unchanged` (same text and title) and `not-modified` (304) wrote nothing. */
  | { status: 'revised' | 'unchanged' | 'not-modified'; id: string; times: StageTimes; fetchMs: number; bytes: number };

const ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

async function fetchPage(job: Job, deps: WorkerDeps, url: string, headers: Record<string, string>): Promise<{ res: FetchResult; fetchMs: number }> {
  const { config } = deps;
  const fetcher = new PoliteFetcher({ redis: deps.redis, prefix: config.prefix, http: fetchOptionsFrom(config), politeness: politenessFor(config) });
  const fetchStart = performance.now();
  const res = await fetcher.get(url, { accept: ACCEPT, robots: true, headers }).catch(async (err: unknown) => {
    await delayIfServerAsked(job, err);
    throw err;
  });
  return { res, fetchMs: Math.round(performance.now() - fetchStart) };
}

/** `extract` runs the CPU-bound part: the thread pool in workers (run-workers.ts), inline by default. */
export async function processArticleJob(job: Job, deps: WorkerDeps, extract: Extractor = inlineExtractor): Promise<ArticleJobResult> {
  if (job.name === REFETCH_JOB) return processRefetchJob(job, deps, extract);
  const data = parseJobData(ArticleJobData, job.data, 'articles');
  const id = job.id!;
  const fetchedAt = deps.now().toISOString();
  const { res, fetchMs } = await fetchPage(job, deps, data.url, {});
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
  const origin = { id, sourceUrl: data.url, feedId: data.feedId, feedUrl: data.feedUrl };
  const record = fetchedRecord(origin, res, { article, entities }, fetchedAt, deps.now());
  const outcome = await saveVersion(deps, record, { updatedMs: latestMs(data.updatedAt, article.modifiedAt), rewriteUnchanged: true });
  if (outcome === 'revised') await job.log('the stored article had other text or title: kept as a previous version');
  return { status: 'stored', id, created: outcome === 'created', times, fetchMs, bytes };
}

/** A re-fetch of a stored article (a source said it changed, or its re-check was due). */
/** The record of a fetched version: the fetch's and the extraction's fields over where the article came from. */
function fetchedRecord(
  origin: Pick<ArticleRecord, 'id' | 'sourceUrl' | 'feedId' | 'feedUrl'>,
  res: FetchResult,
  extracted: Pick<ArticleRecord, 'article' | 'entities'>,
  fetchedAt: string,
  now: Date,
): ArticleRecord {
  return {
    id: origin.id,
    url: res.url,
    sourceUrl: origin.sourceUrl,
    feedId: origin.feedId,
    feedUrl: origin.feedUrl,
    fetchedAt,
    storedAt: now.toISOString(),
    ...extracted,
    storyId: null,
    validators: validatorsOf(res.headers),
  };
}

async function processRefetchJob(job: Job, deps: WorkerDeps, extract: Extractor): Promise<ArticleJobResult> {
  const data = parseJobData(RefetchJobData, job.data, 'articles');
  const id = data.articleId;
  const noTimes = {} as StageTimes;
  const current = await deps.store.getVersioned(id);
  if (!current) {
    await job.log('not stored any more (archived or removed): nothing to re-fetch');
    return { status: 'unchanged', id, times: noTimes, fetchMs: 0, bytes: 0 };
  }
  const stored = current.record;
  const fetchedAt = deps.now().toISOString();
  // why the stored URL (after redirects): the validators belong to the URL that gave them
  const { res, fetchMs } = await fetchPage(job, deps, stored.url, stored.validators ? conditionalHeaders(stored.validators) : {});
  const updatedMs = latestMs(data.updatedAt);
  const covered = async () => {
    // why only for a source's change time: so the feed does not ask for this re-fetch again; a scheduled re-check of
    // an unchanged page writes nothing
    if (updatedMs !== null) await deps.store.markUpdated(id, updatedMs);
  };
  if (res.status === 304) {
    await covered();
    await job.log('304 not modified');
    return { status: 'not-modified', id, times: noTimes, fetchMs, bytes: 0 };
  }
  const bytes = res.body.length;
  const fromFeed = stored.article.provenance;
  const { article, entities, times } = await extract({
    body: res.body,
    url: res.url,
    contentType: res.contentType,
    // why only what the feed supplied before: a page title is the page's to change
    feedTitle: fromFeed.title === 'feed' ? stored.article.title : null,
    feedPublishedAt: fromFeed.publishedAt === 'feed' ? stored.article.publishedAt : null,
    fetchedAt,
  });
  if (!entities) {
    // why not marked not-an-article: the stored version stays current; an error page in between is not a revision
    await job.log(`the page is no article now (${article.warnings.join('; ') || 'no body text found'}): the stored version stays`);
    await covered();
    return { status: 'unchanged', id, times, fetchMs, bytes };
  }
  const record = fetchedRecord(stored, res, { article, entities }, fetchedAt, deps.now());
  const outcome = await saveVersion(deps, record, { updatedMs: latestMs(data.updatedAt, article.modifiedAt), rewriteUnchanged: false });
  if (outcome !== 'revised') await covered();
  await job.log(outcome === 'revised' ? 'changed: stored as the current version' : 'same text and title: nothing stored');
  return { status: outcome === 'revised' ? 'revised' : 'unchanged', id, times, fetchMs, bytes };
}
