/**
 * Redis dies (SIGKILL, AOF with fsync always) in the middle of a run and comes back on the same port: the
 * worker process reconnects on its own (ioredis/BullMQ), no job is lost and every article is stored once.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { cleanAudit, settledAudit, faultServer, generatedUrls, idsOf, ownRedis, sleep, spawnWorker, waitFor, workerEnv, type OwnRedis } from './_harness.js';

/** RELIABILITY.md reports these. */
const RESTART_COUNTS = { articles: 40, restarts: 2, downMs: 2000 };

let own: OwnRedis | null = null;
afterAll(async () => {
  await own?.stop();
});

describe('Redis restart in the middle of a run', () => {
  it('the worker reconnects without a restart of its own; nothing lost, nothing stored twice', async () => {
    own = await ownRedis();
    const redis = new Redis(own.url, { maxRetriesPerRequest: null });
    redis.on('error', () => {}); // down on purpose
    const prefix = 'nff:restart:';
    const server = await faultServer({ delayMs: 300 });
    const urls = generatedUrls(server.base, RESTART_COUNTS.articles, 'restart');
    server.feeds.set('batch', urls);
    const queues = openQueues(redis, prefix);
    for (const q of Object.values(queues)) q.on('error', () => {});
    const store = new ArticleStore(redis, prefix);

    const worker = spawnWorker(own.url, workerEnv(prefix, server.port, { NEWSFLOW_CONCURRENCY: '4' }));
    await queues.feeds.add('poll', { feedId: 'gen-batch', url: `${server.base}/gen/batch.rss.xml`, trigger: 'manual' });

    const storedAt: number[] = [];
    for (let r = 0; r < RESTART_COUNTS.restarts; r++) {
      const target = 6 + r * 12;
      expect(await waitFor(async () => (await store.count()) >= target, 60_000), worker.log().slice(-3000)).toBe(true);
      storedAt.push(await store.count());
      await own.kill();
      await sleep(RESTART_COUNTS.downMs);
      await own.start();
    }
    expect(storedAt.at(-1)!).toBeLessThan(RESTART_COUNTS.articles);

    const ids = idsOf(urls);
    const { settled: done, result } = await settledAudit(redis, prefix, queues, ids, 120_000);
    expect(done, worker.log().slice(-4000)).toBe(true);
    expect(result).toEqual(cleanAudit(RESTART_COUNTS.articles));
    expect(worker.child.exitCode).toBeNull(); // the same process, never restarted

    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    console.log(`redis restart: killed at ${storedAt.join(', ')} stored; ${result.stored}/${RESTART_COUNTS.articles} stored, 0 failed, same worker process`);
    await closeQueues(queues);
    await redis.quit();
    await server.close();
  }, 240_000);
});
