/**
 * The dedup queue holds batch jobs only: a job in another form (the per-article `dedup` job of unreleased
 * versions, `{ articleId }`) fails at once as bad job data instead of being half-processed.
 */
import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { JobDataError } from '../../src/domain/errors.js';
import { silentLogger } from '../../src/log.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { processDedupBatch } from '../../src/workers/dedup-worker.js';
import { testConfig } from '../helpers/pipeline.js';
import { dropPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const config = testConfig('dedupjob');
const queues = openQueues(redis, config.prefix);
const store = new ArticleStore(redis, config.prefix);
const deps = { redis, config, queues, store, log: silentLogger(), now: () => new Date() };
afterAll(async () => {
  await closeQueues(queues);
  await dropPrefix(redis, config.prefix);
  await redis.quit();
});

describe('dedup job', () => {
  it.each([
    ['a per-article job', 'dedup', { articleId: 'bbbb000000000001' }],
    ['a batch job without its kind', 'batch', {}],
  ])('%s is bad job data', async (_name, name, data) => {
    await expect(processDedupBatch({ id: 'x', name, data } as unknown as Job, deps)).rejects.toBeInstanceOf(JobDataError);
  });
});
