/**
 * Replaying the same feeds twice adds nothing, and a stored result rewritten by a retry (every completed
 * article job run again) stays one record: same ids, same indexes, same entity counts, same stories.
 * Quick enough for `npm test` (the slow fault tests are *.faults.ts).
 */
import { resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { replay } from '../../src/replay/replay.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { startWorkers } from '../../src/workers/run-workers.js';
import { freePort, testConfig } from '../helpers/pipeline.js';
import { dropPrefix, testRedis } from '../helpers/redis.js';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures');
const redis = testRedis();
const config = testConfig('twice');
afterAll(async () => {
  await dropPrefix(redis, config.prefix);
  await redis.quit();
});

/** Everything "one record per article" depends on, minus fetch/store timestamps. */
async function snapshot(r: Redis, p: string) {
  const ids = (await r.zrange(`${p}idx:stored`, '0', '-1')).sort();
  const store = new ArticleStore(r, p);
  const records = await store.getMany(ids);
  const zset = async (k: string) => (await r.zrange(k, '0', '-1', 'WITHSCORES')).join(',');
  const entityKeys: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${p}idx:*`, 'COUNT', '1000');
    cursor = next;
    entityKeys.push(...keys.filter((k) => !/idx:(time|stored|feed:|updated|revised)/u.test(k)));
  } while (cursor !== '0');
  const entityIdx: Record<string, string[]> = {};
  for (const k of entityKeys.sort()) entityIdx[k] = (await r.smembers(k)).sort();
  return {
    ids,
    count: await store.count(),
    timeMembers: (await r.zrange(`${p}idx:time`, '0', '-1')).sort(),
    stored: await zset(`${p}idx:stored`),
    ranks: [await zset(`${p}rank:company`), await zset(`${p}rank:org`), await zset(`${p}rank:person`)],
    entityIdx,
    names: await Promise.all(ids.map((id) => r.get(`${p}article:${id}:names`))),
    stories: records.map((x) => x.storyId),
    records: records.map((x) => JSON.stringify({ ...x, fetchedAt: null, storedAt: null })),
  };
}

describe('replaying twice and rewriting by retries', () => {
  it('leaves one record per article with unchanged indexes and stories', async () => {
    const port = await freePort();
    const first = await replay(redis, config, silentLogger(), { dir: FIXTURES, port, timeoutMs: 90_000 });
    expect(first.timedOut).toBe(false);
    const before = await snapshot(redis, config.prefix);
    expect(before.count).toBe(first.storedArticles);
    expect(before.stories.every(Boolean)).toBe(true);

    const second = await replay(redis, config, silentLogger(), { dir: FIXTURES, port, timeoutMs: 90_000 });
    expect(second.storedNew).toBe(0);
    expect(await snapshot(redis, config.prefix)).toEqual(before);

    // a retry of every completed article job rewrites every record (fetch, extract, save again)
    const { startFixtureServer } = await import('../../src/replay/fixture-server.js');
    const server = await startFixtureServer(FIXTURES, port);
    const queues = openQueues(redis, config.prefix);
    const completed = (await queues.articles.getCompleted()).filter((j) => (j.returnvalue as { status?: string } | null)?.status === 'stored');
    expect(completed.length).toBe(first.storedArticles);
    const running = startWorkers(
      {
        redis,
        config: { ...config, allowHosts: [`127.0.0.1:${port}`] },
        queues,
        store: new ArticleStore(redis, config.prefix),
        log: silentLogger(),
        now: () => new Date(),
      },
      { queues: ['articles', 'dedup'], extractThreads: 0 },
    );
    const rewrittenAt = Date.now();
    for (const job of completed) await job.retry('completed');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const jobs = await queues.articles.getCompleted();
      const redone = jobs.filter((j) => (j.finishedOn ?? 0) >= rewrittenAt).length;
      if (redone >= completed.length || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await running.close();
    const after = await snapshot(redis, config.prefix);
    const stored = new ArticleStore(redis, config.prefix);
    const fresh = await stored.getMany(before.ids);
    expect(fresh.every((r) => Date.parse(r.storedAt) >= rewrittenAt)).toBe(true); // really rewritten
    expect(after).toEqual(before);
    expect(await queues.articles.getFailedCount()).toBe(first.failures.filter((f) => f.queue === 'articles').length);
    console.log(`replay twice + retry rewrite: ${before.count} records before, ${after.count} after, ${completed.length} rewritten`);
    await closeQueues(queues);
    await server.close();
  }, 120_000);
});
