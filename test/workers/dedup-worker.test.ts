/**
 * The dedup job on a real Redis: the fingerprint the article worker puts in the job and the stored record (jobs
 * of older versions carry only the id) give the same story, and the article's story id is set.
 */
import { readFileSync } from 'node:fs';
import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/domain/types.js';
import { NotFoundError } from '../../src/domain/errors.js';
import { silentLogger } from '../../src/log.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { dedupJobData, processDedupJob } from '../../src/workers/dedup-worker.js';
import { testConfig } from '../helpers/pipeline.js';
import { dropPrefix, testRedis } from '../helpers/redis.js';

const text = readFileSync('fixtures/syndication/seeds/storm-landfall.txt', 'utf8').split(/\n\s*\n/u).slice(1).join('\n\n');
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

const record = (id: string, host: string): ArticleRecord => ({
  id, url: `https://${host}/news/storm`, sourceUrl: `https://${host}/news/storm`, feedId: 'f', feedUrl: null,
  fetchedAt: '2024-09-01T00:00:00.000Z', storedAt: '2024-09-01T00:00:00.000Z',
  article: {
    title: 'Storm', authors: [], publishedAt: null, modifiedAt: null, canonicalUrl: null, url: null, lang: 'en', siteName: host,
    description: null, image: null, section: null, tags: [], text, syndication: null, provenance: {}, isArticle: true, warnings: [],
  },
  entities: { people: [], organizations: [], dates: [], quotes: [] },
  storyId: null,
});
const run = (data: unknown) => processDedupJob({ id: 'x', data } as unknown as Job, deps);

describe('dedup job', () => {
  it('assigns from the fingerprint in the job, or from the stored record for an id-only job', async () => {
    const a = record('bbbb000000000002', 'one.example');
    const b = record('bbbb000000000001', 'two.example');
    await store.save(a);
    await store.save(b);
    expect(await run(dedupJobData(a))).toEqual({ articleId: a.id, storyId: `s-${a.id}`, isNew: true });
    // an id-only job (enqueued by an older version) reads the record; the copy has a smaller id: both re-labelled
    expect(await run({ articleId: b.id })).toEqual({ articleId: b.id, storyId: `s-${b.id}`, isNew: false });
    expect((await store.getMany([a.id, b.id])).map((r) => r.storyId)).toEqual([`s-${b.id}`, `s-${b.id}`]);
    await expect(run({ articleId: 'cccc000000000000' })).rejects.toBeInstanceOf(NotFoundError);
  });
});
