/**
 * Back-pressure before out-of-memory: a run bigger than Redis's maxmemory. The worker holds article jobs back
 * above 90% of the limit (they wait, none fails with OOM); once the limit is raised it finishes by itself, every
 * article stored exactly once.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { readHolding, readRedisMemory } from '../../src/store/redis-memory.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { cleanAudit, faultServer, generatedUrls, idsOf, ownRedis, settledAudit, sleep, spawnWorker, waitFor, workerEnv, type OwnRedis } from './_harness.js';

/** RELIABILITY.md reports these. */
const MEMORY_COUNTS = { articles: 60, headroomKiB: 250 };

let own: OwnRedis | null = null;
afterAll(async () => {
  await own?.stop();
});

describe('Redis memory fills up during a run', () => {
  it('workers hold back instead of failing with OOM, and finish once the limit is raised', async () => {
    own = await ownRedis();
    const redis = new Redis(own.url, { maxRetriesPerRequest: null });
    const prefix = 'nff:mem:';
    const server = await faultServer({ delayMs: 500 });
    const urls = generatedUrls(server.base, MEMORY_COUNTS.articles, 'mem');
    server.feeds.set('batch', urls);
    const queues = openQueues(redis, prefix);
    const store = new ArticleStore(redis, prefix);

    const worker = spawnWorker(own.url, workerEnv(prefix, server.port, { NEWSFLOW_CONCURRENCY: '4' }));
    expect(await waitFor(async () => /workers started/u.test(worker.log()), 60_000), worker.log()).toBe(true);
    // a warm-up feed first, with no limit: BullMQ loads its Lua scripts (~0.5 MB or more) on their first use
    const warm = generatedUrls(server.base, 2, 'warm');
    server.feeds.set('warm', warm);
    await queues.feeds.add('poll', { feedId: 'gen-warm', url: `${server.base}/gen/warm.rss.xml`, trigger: 'manual' });
    expect((await settledAudit(redis, prefix, queues, idsOf(warm), 60_000)).settled, worker.log().slice(-3000)).toBe(true);
    await sleep(1000);
    // the limit: the high-water mark a little above what Redis holds now, well below what 40 articles need
    const used = (await readRedisMemory(redis, null)).usedBytes;
    const limit = Math.round((used + MEMORY_COUNTS.headroomKiB * 1024) / 0.9);
    await redis.config('SET', 'maxmemory', String(limit));
    await queues.feeds.add('poll', { feedId: 'gen-batch', url: `${server.base}/gen/batch.rss.xml`, trigger: 'manual' });

    expect(await waitFor(async () => (await readHolding(redis, prefix)) !== null, 60_000), worker.log().slice(-3000)).toBe(true);
    await sleep(3000);
    const stored = await store.count();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(MEMORY_COUNTS.articles + 2);
    expect(await queues.articles.getWaitingCount()).toBeGreaterThan(0); // jobs wait…
    expect(await queues.articles.getFailedCount()).toBe(0); // …and none failed
    expect(worker.log()).toMatch(/above 90%: article jobs wait/u);
    expect(worker.log()).not.toMatch(/OOM command not allowed/u);

    // the operator raises the limit: the worker goes on by itself
    await redis.config('SET', 'maxmemory', String(limit * 20));
    const { settled, result } = await settledAudit(redis, prefix, queues, idsOf([...warm, ...urls]), 120_000);
    expect(settled, worker.log().slice(-3000)).toBe(true);
    expect(result).toEqual(cleanAudit(MEMORY_COUNTS.articles + 2));
    expect(await readHolding(redis, prefix)).toBeNull();

    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    await closeQueues(queues);
    await server.close();
    await redis.quit();
  }, 240_000);
});
