/**
 * The feed worker's fetch policy end to end against a misbehaving local server and a real Redis/BullMQ:
 * conditional GET, Retry-After delaying the job without spending an attempt, failure backoff, ttl freshness.
 */
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { bullPrefix } from '../../src/queues/names.js';
import { closeQueues, openQueues, type Queues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { readFeedState } from '../../src/store/feed-state.js';
import type { WorkerDeps } from '../../src/workers/deps.js';
import { processFeedJob } from '../../src/workers/feed-worker.js';
import { startServer, type MisbehavingServer } from '../fetch/_server.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';

let srv: MisbehavingServer;
let redis: Redis;
let queues: Queues;
let deps: WorkerDeps;
const prefix = uniquePrefix('poll');
let clock = new Date('2026-01-01T12:00:00Z');

const item = (i: number) => `<item><title>I${i}</title><link>https://news.example.com/s/${i}</link></item>`;
const rss = (n: number, ttl = '') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${ttl}${Array.from({ length: n }, (_, i) => item(i)).join('')}</channel></rss>`;

function fakeJob(data: Record<string, unknown>): Job {
  return { id: 'j', data, attemptsStarted: 1, attemptsMade: 0, token: undefined, log: async () => 0 } as unknown as Job;
}

beforeAll(async () => {
  srv = await startServer();
  redis = testRedis();
  queues = openQueues(redis, prefix);
  const config = { ...loadConfig({ NEWSFLOW_PREFIX: prefix }), allowHosts: [srv.host], fetchTimeoutMs: 2000 };
  deps = { redis, config, queues, store: new ArticleStore(redis, config.prefix), log: createLogger('silent'), now: () => clock };
});
afterAll(async () => {
  await closeQueues(queues);
  await dropPrefix(redis, prefix);
  await redis.quit();
  await srv.close();
});

describe('feed polls', () => {
  it('sends If-None-Match / If-Modified-Since and handles 304 without enqueuing', async () => {
    srv.routes.set('/etag.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Wed, 31 Dec 2025 10:00:00 GMT', 'content-type': 'application/rss+xml' }).end(rss(2));
    });
    const data = { feedId: 'etag', url: `${srv.base}/etag.xml`, trigger: 'manual' };
    expect(await processFeedJob(fakeJob(data), deps)).toMatchObject({ items: 2, enqueued: 2 });
    const second = await processFeedJob(fakeJob(data), deps);
    expect(second).toMatchObject({ items: 0, enqueued: 0, notModified: true });
    expect(srv.lastHeaders.get('/etag.xml')).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Wed, 31 Dec 2025 10:00:00 GMT' });
    const s = await readFeedState(redis, deps.config.prefix, 'etag');
    expect([s.httpStatus, s.etag, s.itemsSeen, s.polls, s.lastStatus]).toEqual([304, '"v1"', 2, 2, 'ok']);
  });

  it('a failing feed backs off (scheduled polls skipped), grows the backoff, and recovers', async () => {
    let up = false;
    // why 404: no in-process retries to wait through; a feed gone missing backs off the same way
    srv.routes.set('/flaky.xml', (_q, res) => (up ? res.end(rss(1)) : res.writeHead(404).end('gone')));
    const sched = { feedId: 'flaky', url: `${srv.base}/flaky.xml`, trigger: 'schedule' };
    await expect(processFeedJob(fakeJob(sched), deps)).rejects.toThrow(/404/u);
    let s = await readFeedState(redis, deps.config.prefix, 'flaky');
    expect([s.consecutiveFailures, s.backoffUntil]).toEqual([1, '2026-01-01T12:05:00.000Z']);
    const hits = srv.hits.get('/flaky.xml');
    expect(await processFeedJob(fakeJob(sched), deps)).toMatchObject({ skipped: expect.stringMatching(/backing off/u) });
    expect(srv.hits.get('/flaky.xml')).toBe(hits); // not fetched while backing off
    clock = new Date('2026-01-01T12:06:00Z');
    await expect(processFeedJob(fakeJob(sched), deps)).rejects.toThrow(/404/u);
    s = await readFeedState(redis, deps.config.prefix, 'flaky');
    expect([s.consecutiveFailures, s.backoffUntil]).toEqual([2, '2026-01-01T12:16:00.000Z']);
    clock = new Date('2026-01-01T12:20:00Z');
    up = true;
    expect(await processFeedJob(fakeJob(sched), deps)).toMatchObject({ items: 1 });
    s = await readFeedState(redis, deps.config.prefix, 'flaky');
    expect([s.consecutiveFailures, s.backoffUntil, s.lastStatus]).toEqual([0, null, 'ok']);
  });

  it('honours RSS <ttl>: scheduled polls inside it do not fetch', async () => {
    clock = new Date('2026-01-01T12:00:00Z');
    srv.routes.set('/ttl.xml', (_q, res) => res.end(rss(1, '<ttl>60</ttl>')));
    const sched = { feedId: 'ttl', url: `${srv.base}/ttl.xml`, trigger: 'schedule' };
    await processFeedJob(fakeJob(sched), deps);
    clock = new Date('2026-01-01T12:30:00Z');
    expect(await processFeedJob(fakeJob(sched), deps)).toMatchObject({ skipped: expect.stringMatching(/fresh/u) });
    clock = new Date('2026-01-01T13:00:00Z');
    expect(await processFeedJob(fakeJob(sched), deps)).toMatchObject({ items: 1 });
    expect(srv.hits.get('/ttl.xml')).toBe(2);
  });

  it('honours Cache-Control max-age the same way', async () => {
    clock = new Date('2026-01-01T12:00:00Z');
    srv.routes.set('/cc.xml', (_q, res) => res.writeHead(200, { 'cache-control': 'public, max-age=1800' }).end(rss(1)));
    const sched = { feedId: 'cc', url: `${srv.base}/cc.xml`, trigger: 'schedule' };
    await processFeedJob(fakeJob(sched), deps);
    clock = new Date('2026-01-01T12:15:00Z');
    expect(await processFeedJob(fakeJob(sched), deps)).toMatchObject({ skipped: expect.stringMatching(/fresh/u) });
    clock = new Date('2026-01-01T12:30:00Z');
    expect(await processFeedJob(fakeJob(sched), deps)).toMatchObject({ items: 1 });
    expect(srv.hits.get('/cc.xml')).toBe(2);
  });

  it('records a permanent redirect of the feed so its health says where it moved', async () => {
    srv.routes.set('/old-feed.xml', (_q, res) => res.writeHead(301, { location: '/new-feed.xml' }).end());
    srv.routes.set('/temp-feed.xml', (_q, res) => res.writeHead(302, { location: '/new-feed.xml' }).end());
    srv.routes.set('/new-feed.xml', (_q, res) => res.end(rss(1)));
    await processFeedJob(fakeJob({ feedId: 'moved', url: `${srv.base}/old-feed.xml`, trigger: 'manual' }), deps);
    expect((await readFeedState(redis, deps.config.prefix, 'moved')).movedTo).toBe(`${srv.base}/new-feed.xml`);
    await processFeedJob(fakeJob({ feedId: 'temp', url: `${srv.base}/temp-feed.xml`, trigger: 'manual' }), deps);
    expect((await readFeedState(redis, deps.config.prefix, 'temp')).movedTo).toBeNull();
  });

  it('on 429 with a long Retry-After the job is delayed, not failed, and keeps its attempts', async () => {
    srv.routes.set('/limited.xml', (_q, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    const worker = new Worker('feeds', (job) => processFeedJob(job, { ...deps, now: () => new Date() }), {
      connection: redis.duplicate(),
      prefix: bullPrefix(prefix),
    });
    const job = await queues.feeds.add('poll', { feedId: 'limited', url: `${srv.base}/limited.xml`, trigger: 'manual' });
    const deadline = Date.now() + 5000;
    while ((await job.getState()) !== 'delayed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await worker.close();
    const fresh = (await queues.feeds.getJob(job.id!))!;
    expect(await fresh.getState()).toBe('delayed');
    expect(fresh.attemptsMade).toBe(0);
    expect(fresh.delay).toBeGreaterThanOrEqual(119_000);
    expect(srv.hits.get('/limited.xml')).toBe(1);
    const s = await readFeedState(redis, deps.config.prefix, 'limited');
    expect([s.httpStatus, s.lastStatus]).toEqual([429, 'error']);
  });
});
