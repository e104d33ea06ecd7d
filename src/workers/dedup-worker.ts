/**
 * `dedup` queue: assigns stored articles to stories (src/dedup) and records the story id on each article.
 * Every job is a `batch`: it takes the articles waiting in the store's dedup inbox (src/store/dedup-inbox.ts), up
 * to DEDUP_BATCH_MAX at a time.
 */
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { assignFingerprint, dedupFingerprint, type DedupInput } from '../dedup/index.js';
import type { ArticleRecord } from '../domain/types.js';
import { isRetryable, JobDataError, NewsflowError } from '../domain/errors.js';
import { DedupBatchJobData, DedupJobData, parseJobData } from '../queues/payloads.js';
import type { Queues } from '../queues/queues.js';
import { DedupInbox } from '../store/dedup-inbox.js';
import type { WorkerDeps } from './deps.js';

export interface DedupJobResult {
  articleId: string;
  storyId: string;
  isNew: boolean;
}

/** What dedup reads from a stored record. */
export function dedupInputOf(record: ArticleRecord): DedupInput {
  const a = record.article;
  return {
    id: record.id,
    url: record.url,
    canonicalUrl: a.canonicalUrl,
    siteName: a.siteName,
    title: a.title,
    text: a.text,
    publishedAt: a.publishedAt,
    syndication: a.syndication,
  };
}

/** The dedup entry of a stored record (for the inbox): its id and its fingerprint (computed here, where the text is). */
export function dedupJobData(record: ArticleRecord): DedupJobData {
  return { articleId: record.id, fp: dedupFingerprint(dedupInputOf(record)) };
}

export interface DedupBatchResult {
  /** Articles the batch took (or took again, when `resumed`). */
  articles: number;
  /** Of those, the ones that started a story of their own. */
  newStories: number;
  resumed: boolean;
}

/** The job name of a dedup batch. */
export const DEDUP_BATCH_JOB = 'batch';

/** Add a batch job that takes the dedup inbox in `delayMs` (articles stored meanwhile join the batch). */
export async function scheduleDedupBatch(queues: Queues, delayMs: number): Promise<void> {
  const jobId = `batch-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  await queues.dedup.add(DEDUP_BATCH_JOB, { kind: 'batch' } satisfies DedupBatchJobData, { jobId, delay: delayMs });
}

/**
 * Deduplicate a batch of inbox entries. Entries that fail stay with the job (the inbox's batch list) and the job
 * fails naming them: BullMQ retries it (when any failure may pass) and `newsflow retry dedup <job>` runs them again.
 */
export async function processDedupBatch(job: Job, deps: WorkerDeps): Promise<DedupBatchResult> {
  parseJobData(DedupBatchJobData, job.data, 'dedup');
  const inbox = new DedupInbox(deps.redis, deps.config.prefix);
  const { entries, resumed, more } = await inbox.claim(job.id!);
  // why at once: the rest of a backlog need not wait for this batch to finish
  if (more) await scheduleDedupBatch(deps.queues, 0);
  const failed: Array<{ entry: string; err: unknown }> = [];
  let newStories = 0;
  // why all at once: the assignments are independent atomic scripts; sent together they share round trips
  await Promise.all(
    entries.map(async (entry) => {
      try {
        const r = await assignEntry(entry, deps);
        if (r.isNew) newStories++;
      } catch (err) {
        failed.push({ entry, err });
      }
    }),
  );
  await inbox.settle(
    job.id!,
    failed.map((f) => f.entry),
  );
  if (failed.length) throw batchError(failed, entries.length);
  return { articles: entries.length, newStories, resumed };
}

async function assignEntry(entry: string, deps: WorkerDeps): Promise<DedupJobResult> {
  let data: unknown;
  try {
    data = JSON.parse(entry);
  } catch {
    throw new JobDataError(`dedup inbox entry is not JSON: ${entry.slice(0, 80)}`);
  }
  return dedupOne(parseJobData(DedupJobData, data, 'dedup'), deps);
}

function batchError(failed: Array<{ entry: string; err: unknown }>, total: number): NewsflowError {
  const idOf = (entry: string) => /"articleId":"([^"]*)"/u.exec(entry)?.[1] ?? '?';
  const shown = failed.slice(0, 3).map((f) => `${idOf(f.entry)}: ${(f.err as Error).message}`);
  const more = failed.length > shown.length ? `; and ${failed.length - shown.length} more` : '';
  // why retryable when any failure is: the entries that cannot pass fail again and stay with the job, visible
  return new NewsflowError(
    'DEDUP_BATCH',
    `dedup of ${failed.length} of ${total} articles failed (kept with this job; newsflow retry dedup <job> runs them again): ${shown.join('; ')}${more}`,
    {
      retryable: failed.some((f) => isRetryable(f.err)),
      details: { failedArticleIds: failed.map((f) => idOf(f.entry)) },
    },
  );
}

async function dedupOne({ articleId, fp }: DedupJobData, deps: WorkerDeps): Promise<DedupJobResult> {
  const { redis, store, config } = deps;
  // why the story keys in the script: the assignment, the article's story id and the re-labelling of every copy a
  // merge moves are one round trip and one atomic step
  const assignment = await assignFingerprint(redis, config.prefix, articleId, fp, { storyKeys: store.keys.articleStoryParts });
  return { articleId, storyId: assignment.storyId, isNew: assignment.isNew };
}
