/**
 * The feed worker's enqueueing against a local feed server and a real Redis/BullMQ: new items become article jobs
 * (one per item), stored ones only join the feed's index, pages found not to be articles are not
 * fetched again.
 */
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { articleId } from '../../src/queues/job-ids.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { processFeedJob } from '../../src/workers/feed-worker.js';
import { startServer, type MisbehavingServer } from '../fetch/_server.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';
import { testArticle } from '../helpers/article.js';

const prefix = uniquePrefix('feedjob');
const redis = testRedis();
const queues = openQueues(redis, `${prefix}:`);
const store = new ArticleStore(redis, `${prefix}:`);
const clock = new Date('2026-01-01T12:00:00Z');
let srv: MisbehavingServer;
const url = (i: number) => `https://news.example.com/s/${i}`;
const rss =
  `<?xml version="1.0"?><rss ` +
  `version="2.0"><channel><title>T</title>${[0, 1, 2].map((i) => `<item><title>I${i}</title><link>${url(i)}</link></item>`).join('')}</channel></rss>`;

beforeAll(async () => {
  srv = await startServer();
  srv.routes.set('/feed.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss));
});
afterAll(async () => {
  await closeQueues(queues);
  await dropPrefix(redis, prefix);
  await redis.quit();
  await srv.close();
});

describe('feed job', () => {
  it('enqueues new items once, adds stored ones to the feed index, leaves out pages that are not articles', async () => {
    const config = { ...loadConfig({ NEWSFLOW_PREFIX: prefix }), allowHosts: [srv.host], fetchTimeoutMs: 2000 };
    const deps = { redis, config, queues, store, log: createLogger('silent'), now: () => clock };
    const stored = { id: articleId(url(0)) };
    await store.save({
      id: stored.id,
      url: url(0),
      sourceUrl: url(0),
      feedId: 'other',
      feedUrl: null,
      fetchedAt: clock.toISOString(),
      storedAt: clock.toISOString(),
      storyId: null,
      article: testArticle({ title: 'A', siteName: null, text: 'Body.' }),
      entities: { people: [], organizations: [], dates: [], quotes: [] },
    });
    await store.markNotArticle(articleId(url(2)), clock.getTime() - 3600_000);
    const job = {
      id: 'j',
      data: { feedId: 'f1', url: `${srv.base}/feed.xml`, trigger: 'manual' },
      attemptsStarted: 1,
      attemptsMade: 0,
      log: async () => 0,
    } as unknown as Job;
    expect(await processFeedJob(job, deps)).toEqual({ items: 3, enqueued: 1, alreadyStored: 1, notArticles: 1 });
    const waiting = await queues.articles.getJobs(['waiting', 'prioritized']);
    expect(waiting.map((j) => j.id)).toEqual([articleId(url(1))]);
    expect((await store.list({ feedId: 'f1' })).map((r) => r.id)).toEqual([stored.id]);
  });

  it('re-fetches a stored item whose updatedAt is later than what its stored version covers, once per change', async () => {
    const config = { ...loadConfig({ NEWSFLOW_PREFIX: prefix }), allowHosts: [srv.host], fetchTimeoutMs: 2000 };
    const deps = { redis, config, queues, store, log: createLogger('silent'), now: () => clock };
    const entry = (i: number, u: string) => `<entry><title>E${i}</title><link href="${url(10 + i)}"/><updated>${u}</updated></entry>`;
    const atom = (updated: string[]) => `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${updated.map((u, i) => entry(i, u)).join('')}</feed>`;
    let body = '';
    srv.routes.set('/atom.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(body));
    const ids = [10, 11, 12].map((i) => articleId(url(i)));
    // stored at the clock's time; the third was checked against a later source time already
    for (const id of ids) await redis.zadd(`${prefix}:idx:stored`, clock.getTime(), id).then(() => redis.set(`${prefix}:article:${id}`, 'x'));
    await store.markUpdated(ids[2]!, clock.getTime() + 7200_000);
    const job = {
      id: 'a',
      data: { feedId: 'f2', url: `${srv.base}/atom.xml`, trigger: 'manual' },
      attemptsStarted: 1,
      attemptsMade: 0,
      log: async () => 0,
    } as unknown as Job;
    const later = new Date(clock.getTime() + 3600_000).toISOString();
    body = atom(['2025-12-31T00:00:00Z', later, later]);
    expect(await processFeedJob(job, deps)).toEqual({ items: 3, enqueued: 0, alreadyStored: 3, refetch: 1 });
    expect(await processFeedJob(job, deps)).toEqual({ items: 3, enqueued: 0, alreadyStored: 3, refetch: 1 });
    const refetches = (await queues.articles.getJobs(['waiting', 'prioritized'])).filter((j) => j.name === 'refetch');
    expect(refetches.map((j) => [j.id, j.data])).toEqual([[`${ids[1]}-u${Date.parse(later)}`, { articleId: ids[1], reason: 'updated', updatedAt: later }]]);
  });
});
