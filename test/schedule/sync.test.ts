import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bullPrefix } from '../../src/queues/names.js';
import { parseFeedsConfig } from '../../src/schedule/feeds-config.js';
import { nextRuns, syncSchedulers } from '../../src/schedule/sync.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';

const CONFIG = `
defaults: { every: 15m }
feeds:
  - { id: alpha, url: "https://alpha.example.com/rss.xml" }
  - { id: beta, url: "https://beta.example.com/atom.xml", every: 1h }
  - { id: gamma, url: "https://gamma.example.com/feed.json", cron: "*/10 * * * *", tz: Europe/Paris }
`;

const open: Array<{ queue: Queue; redis: Redis }> = [];
const prefixes: string[] = [];

function connect(prefix: string) {
  const redis = testRedis();
  const queue = new Queue('feeds', { connection: redis, prefix: bullPrefix(prefix) });
  open.push({ queue, redis });
  return { queue, redis };
}

afterEach(async () => {
  for (const { queue, redis } of open.splice(0)) {
    await queue.close();
    await redis.quit();
  }
});
afterAll(async () => {
  const r = testRedis();
  for (const p of prefixes) await dropPrefix(r, p);
  await r.quit();
});

async function schedulerIds(queue: Queue): Promise<string[]> {
  return (await queue.getJobSchedulers(0, -1)).map((s) => s.id ?? s.key).sort();
}

describe('syncSchedulers', () => {
  it('several processes syncing at once leave exactly one scheduler (and one pending poll) per feed', async () => {
    const prefix = uniquePrefix('sync');
    prefixes.push(prefix);
    const feeds = parseFeedsConfig(CONFIG).feeds;
    const procs = Array.from({ length: 5 }, () => connect(prefix));
    const reports = await Promise.all(procs.map(({ queue, redis }) => syncSchedulers(queue, redis, prefix, feeds)));
    const { queue } = procs[0]!;
    expect(await schedulerIds(queue!)).toEqual(['feed:alpha', 'feed:beta', 'feed:gamma']);
    expect(await queue!.getJobSchedulersCount()).toBe(3);
    // exactly one process added them; the others found them in place
    expect(reports.flatMap((r) => r.added).sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(reports.flatMap((r) => r.unchanged)).toHaveLength(12);
    const pending = await queue!.getJobs(['delayed', 'waiting', 'prioritized']);
    const perFeed = new Map<string, number>();
    for (const j of pending) perFeed.set(String(j.data.feedId), (perFeed.get(String(j.data.feedId)) ?? 0) + 1);
    expect(Object.fromEntries(perFeed)).toEqual({ alpha: 1, beta: 1, gamma: 1 });
    const gamma = await queue!.getJobScheduler('feed:gamma');
    expect([gamma?.pattern, gamma?.tz, gamma?.template?.data]).toEqual([
      '*/10 * * * *',
      'Europe/Paris',
      { feedId: 'gamma', url: 'https://gamma.example.com/feed.json', trigger: 'schedule' },
    ]);
    expect((await nextRuns(queue!)).get('beta')).toBeGreaterThan(0);
  });

  it('removes stale schedulers, updates changed ones, leaves foreign schedulers alone', async () => {
    const prefix = uniquePrefix('sync');
    prefixes.push(prefix);
    const { queue, redis } = connect(prefix);
    await queue.upsertJobScheduler('someone-else', { every: 3_600_000 }, { name: 'other' });
    await syncSchedulers(queue, redis, prefix, parseFeedsConfig(CONFIG).feeds);
    const next = parseFeedsConfig(
      `feeds:\n  - { id: alpha, url: "https://alpha.example.com/rss.xml", every: 30m }\n  - { id: delta, url: "https://delta.example.com/rss" }\n`,
    ).feeds;
    const report = await syncSchedulers(queue, redis, prefix, next);
    expect(report).toEqual({ added: ['delta'], updated: ['alpha'], unchanged: [], removed: ['beta', 'gamma'], failed: [] });
    expect(await schedulerIds(queue)).toEqual(['feed:alpha', 'feed:delta', 'someone-else']);
    expect((await queue.getJobScheduler('feed:alpha'))?.every).toBe(30 * 60_000);
    const again = await syncSchedulers(queue, redis, prefix, next);
    expect(again.unchanged).toEqual(['alpha', 'delta']);
    // a declared source type travels in the poll's data, and declaring one is a change
    const typed = next.map((f) => (f.id === 'delta' ? { ...f, type: 'sitemap' as const } : f));
    expect((await syncSchedulers(queue, redis, prefix, typed)).updated).toEqual(['delta']);
    expect((await queue.getJobScheduler('feed:delta'))?.template?.data).toMatchObject({ feedId: 'delta', type: 'sitemap' });
    expect((await syncSchedulers(queue, redis, prefix, typed)).unchanged).toEqual(['alpha', 'delta']);
  });

  it('reports a feed BullMQ refuses and still syncs the others', async () => {
    const prefix = uniquePrefix('sync');
    prefixes.push(prefix);
    const { queue, redis } = connect(prefix);
    const feeds = parseFeedsConfig(
      `feeds:\n  - { id: ok, url: "https://ok.example.com/rss" }\n  - { id: bad, url: "https://bad.example.com/rss", cron: "61 * * * *" }\n`,
    ).feeds;
    const report = await syncSchedulers(queue, redis, prefix, feeds);
    expect(report.added).toEqual(['ok']);
    expect(report.failed.map((f) => f.id)).toEqual(['bad']);
    expect(await schedulerIds(queue)).toEqual(['feed:ok']);
    const tpl = (await queue.getJobScheduler('feed:ok'))?.template?.opts;
    expect(tpl?.attempts).toBe(2);
  });
});
