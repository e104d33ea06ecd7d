/**
 * `dedup` queue: the queue-backed store of results waiting for deduplication. Assigns each stored article
 * to a story (src/dedup) and records the story id on the article.
 */
import type { Job } from 'bullmq';
import { assignFingerprint, assignStory, dedupFingerprint, type Assignment, type DedupInput } from '../dedup/index.js';
import type { ArticleRecord } from '../domain/types.js';
import { NotFoundError } from '../domain/errors.js';
import { DedupJobData, parseJobData } from '../queues/payloads.js';
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
    id: record.id, url: record.url, canonicalUrl: a.canonicalUrl, siteName: a.siteName, title: a.title, text: a.text,
    publishedAt: a.publishedAt, syndication: a.syndication,
  };
}

/** The dedup job of a stored record: its id and its fingerprint (computed here, where the text is). */
export function dedupJobData(record: ArticleRecord): DedupJobData {
  return { articleId: record.id, fp: dedupFingerprint(dedupInputOf(record)) };
}

export async function processDedupJob(job: Job, deps: WorkerDeps): Promise<DedupJobResult> {
  const { articleId, fp } = parseJobData(DedupJobData, job.data, 'dedup');
  const { redis, store, config } = deps;
  // why the story keys in the script: the assignment, the article's story id and the re-labelling of every copy a
  // merge moves are one round trip and one atomic step
  const opts = { storyKeys: store.keys.articleStoryParts };
  let assignment: Assignment;
  if (fp) {
    assignment = await assignFingerprint(redis, config.prefix, articleId, fp, opts);
  } else {
    const record = await store.get(articleId);
    if (!record) throw new NotFoundError(`article ${articleId} is not in the store`);
    assignment = await assignStory(redis, config.prefix, dedupInputOf(record), opts);
  }
  return { articleId, storyId: assignment.storyId, isNew: assignment.isNew };
}
