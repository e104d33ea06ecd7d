/**
 * kill -9 a worker process in the middle of a batch: a second worker takes over the jobs the dead one held
 * (after their lock expires) and every article ends up stored exactly once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { cleanAudit, settledAudit, faultServer, generatedUrls, idsOf, spawnWorker, waitFor, workerEnv } from './_harness.js';

/** RELIABILITY.md reports these. */
const KILL_COUNTS = { articles: 40, kills: 1 };

const redis = testRedis();
const prefix = `${uniquePrefix('kill')}:`;
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('kill -9 in the middle of a batch', () => {
  it('a second worker completes the batch: every article stored exactly once, none failed', async () => {
    const server = await faultServer({ delayMs: 400 });
    const urls = generatedUrls(server.base, KILL_COUNTS.articles);
    server.feeds.set('batch', urls);
    const env = workerEnv(prefix, server.port, { NEWSFLOW_CONCURRENCY: '4' });
    const queues = openQueues(redis, prefix);
    const store = new ArticleStore(redis, prefix);

    const first = spawnWorker(testRedisUrl(), env);
    await queues.feeds.add('poll', { feedId: 'gen-batch', url: `${server.base}/gen/batch.rss.xml`, trigger: 'manual' });
    const midway = await waitFor(async () => (await store.count()) >= 6, 60_000);
    expect(midway, first.log().slice(-3000)).toBe(true);
    const activeAtKill = await queues.articles.getActiveCount();
    first.child.kill('SIGKILL');
    const dead = await first.exited;
    expect(dead.signal).toBe('SIGKILL');
    const storedAtKill = await store.count();
    expect(storedAtKill).toBeLessThan(KILL_COUNTS.articles);
    expect(activeAtKill).toBeGreaterThan(0); // the batch really was in flight

    const killedAt = Date.now();
    const second = spawnWorker(testRedisUrl(), env);
    const ids = idsOf(urls);
    const { settled: done, result } = await settledAudit(redis, prefix, queues, ids, 90_000);
    const takeoverMs = Date.now() - killedAt;
    expect(done, second.log().slice(-3000)).toBe(true);
    expect(result).toEqual(cleanAudit(KILL_COUNTS.articles));
    // why a bound: the lock is NEWSFLOW_LOCK_MS (3 s); a worker ignoring it (60 s lock) would take > 60 s
    expect(takeoverMs).toBeLessThan(45_000);
    // the jobs the dead worker held were moved back by the stalled-job check, not failed
    expect(second.log() + first.log()).not.toMatch(/stalled more than allowable limit/u);

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    console.log(
      `kill -9: ${storedAtKill} stored and ${activeAtKill} active at the kill; ${result.stored}/${KILL_COUNTS.articles} stored after takeover, ` +
        `${(takeoverMs / 1000).toFixed(1)} s after the kill`,
    );
    await closeQueues(queues);
    await server.close();
  }, 180_000);
});
