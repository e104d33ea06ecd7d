/**
 * `dedup` queue: the queue-backed store of results waiting for deduplication. Assigns each stored article
 * to a story (src/dedup) and records the story id on the article.
 */
import type { Job } from 'bullmq';
import { assignStory, getStory } from '../dedup/index.js';
import { NotFoundError } from '../domain/errors.js';
import { DedupJobData, parseJobData } from '../queues/payloads.js';
import type { WorkerDeps } from './deps.js';

export interface DedupJobResult {
  articleId: string;
  storyId: string;
  isNew: boolean;
}

export async function processDedupJob(job: Job, deps: WorkerDeps): Promise<DedupJobResult> {
  const { articleId } = parseJobData(DedupJobData, job.data, 'dedup');
  const record = await deps.store.get(articleId);
  if (!record) throw new NotFoundError(`article ${articleId} is not in the store`);
  const a = record.article;
  const assignment = await assignStory(deps.redis, deps.config.prefix, {
    id: record.id,
    url: record.url,
    canonicalUrl: a.canonicalUrl,
    siteName: a.siteName,
    title: a.title,
    text: a.text,
    publishedAt: a.publishedAt,
    syndication: a.syndication,
  });
  await deps.store.setStory(articleId, assignment.storyId);
  // why: joining a story can re-label it (a smaller member id, or two stories merged): every copy follows
  if (assignment.matchedIds.length || assignment.mergedStoryIds.length) {
    const story = await getStory(deps.redis, deps.config.prefix, assignment.storyId);
    for (const copy of story?.copies ?? []) await deps.store.setStory(copy.articleId, assignment.storyId);
  }
  return { articleId, storyId: assignment.storyId, isNew: assignment.isNew };
}
