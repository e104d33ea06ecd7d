/**
 * The dedup inbox and its batch jobs on a real Redis (and real BullMQ workers for the sweep): saves hand records
 * to the inbox and raise the due flag once, a batch job takes the inbox in one step, failed entries stay with the
 * job and pass on its retry, and entries no job is due for (a worker died between save and adding the job) are
 * found by the workers' sweep.
 */
import { readFileSync } from 'node:fs';
import type { Job } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/domain/types.js';
import { NewsflowError } from '../../src/domain/errors.js';
import { silentLogger } from '../../src/log.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { DedupInbox } from '../../src/store/dedup-inbox.js';
import { dedupJobData, processDedupBatch, scheduleDedupBatch } from '../../src/workers/dedup-worker.js';
import { startWorkers } from '../../src/workers/run-workers.js';
import { testConfig } from '../helpers/pipeline.js';
import { dropPrefix, testRedis, testRedisUrl } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';
import { cli } from '../cli/harness.js';
import { testArticle } from '../helpers/article.js';

const text = readFileSync('fixtures/syndication/seeds/storm-landfall.txt', 'utf8')
  .split(/\n\s*\n/u)
  .slice(1)
  .join('\n\n');
const redis = testRedis();
const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(redis, p);
  await redis.quit();
});

function setup(label: string, opts: { retryBaseMs?: number } = {}) {
  const config = testConfig(label);
  prefixes.push(config.prefix);
  const queues = openQueues(redis, config.prefix, opts);
  const store = new ArticleStore(redis, config.prefix);
  const deps = { redis, config, queues, store, log: silentLogger(), now: () => new Date() };
  return { config, queues, store, deps, inbox: new DedupInbox(redis, config.prefix) };
}

const record = (id: string, host: string, body = text): ArticleRecord => ({
  id,
  url: `https://${host}/news/storm`,
  sourceUrl: `https://${host}/news/storm`,
  feedId: 'f',
  feedUrl: null,
  fetchedAt: '2024-09-01T00:00:00.000Z',
  storedAt: '2024-09-01T00:00:00.000Z',
  article: testArticle({ title: 'Storm', siteName: host, text: body }),
  entities: { people: [], organizations: [], dates: [], quotes: [] },
  storyId: null,
});
const entry = (r: ArticleRecord) => JSON.stringify(dedupJobData(r));
const batchJob = (id: string) => ({ id, name: 'batch', data: { kind: 'batch' } }) as unknown as Job;

/**
 * Make the dedup index refuse new articles (its sequence key holds the wrong type, as a Redis error would) until
 * the returned function repairs it; articles already assigned still pass.
 */
async function breakDedupIndex(prefix: string): Promise<() => Promise<void>> {
  const seq = `${prefix}dedup:seq`;
  await redis.rename(seq, `${seq}:saved`);
  await redis.hset(seq, 'wrong', 'type');
  return async () => {
    await redis.del(seq);
    await redis.rename(`${seq}:saved`, seq);
  };
}

describe('dedup inbox', () => {
  it('a save hands its record over and raises the due flag once; one batch job takes them all', async () => {
    const { store, deps, inbox, queues } = setup('inbox');
    const a = record('dddd000000000002', 'one.example');
    const b = record('dddd000000000001', 'two.example');
    const c = record('dddd000000000003', 'three.example', 'A different story about a parliament vote on the budget, with nothing in common.');
    expect(await store.save(a, { dedupEntry: entry(a) })).toEqual({ created: true, dedupDue: true });
    expect(await store.save(b, { dedupEntry: entry(b) })).toEqual({ created: true, dedupDue: false });
    expect(await store.save(c, { dedupEntry: entry(c) })).toEqual({ created: true, dedupDue: false });
    // a save without an entry (tools, older callers) leaves the inbox alone
    expect((await store.save(c)).dedupDue).toBe(false);
    expect(await inbox.length()).toBe(3);

    expect(await processDedupBatch(batchJob('batch-1'), deps)).toEqual({ articles: 3, newStories: 2, resumed: false });
    expect(await inbox.length()).toBe(0);
    expect(await redis.exists(inbox.keys.batch('batch-1'), inbox.keys.due)).toBe(0);
    expect((await store.getMany([a.id, b.id, c.id])).map((r) => r.storyId)).toEqual([`s-${b.id}`, `s-${b.id}`, `s-${c.id}`]);
    // the flag came down when the batch took the inbox: the next save raises it again
    expect((await store.save(a, { dedupEntry: entry(a) })).dedupDue).toBe(true);
    // a duplicate entry (a retried article job) lands in the same story
    expect(await processDedupBatch(batchJob('batch-2'), deps)).toEqual({ articles: 1, newStories: 0, resumed: false });
    expect((await store.get(a.id))?.storyId).toBe(`s-${b.id}`);
    await closeQueues(queues);
  });

  it('takes at most the batch size and says when entries are left for the next job', async () => {
    const { inbox, queues } = setup('backlog');
    for (let i = 0; i < 5; i++) await inbox.handOff(`{"articleId":"eeee00000000000${i}"}`);
    const first = await inbox.claim('j1', 2);
    expect(first.entries).toHaveLength(2);
    expect(first.more).toBe(true);
    // the flag is up again (raised by the claim), so a save does not add a second job for the same entries
    expect(await inbox.handOff('{"articleId":"eeee000000000009"}')).toBe(false);
    const again = await inbox.claim('j1', 2);
    expect(again).toEqual({ entries: first.entries, resumed: true, more: false });
    const rest = await inbox.claim('j2', 10);
    expect(rest.entries.map((e) => (JSON.parse(e) as { articleId: string }).articleId)).toEqual([
      'eeee000000000002',
      'eeee000000000003',
      'eeee000000000004',
      'eeee000000000009',
    ]);
    expect(rest.more).toBe(false);
    await closeQueues(queues);
  });

  it('a failed entry stays with the job, named in its error, and passes on the retry', async () => {
    const { config, store, deps, inbox, queues } = setup('fail');
    const a = record('ffff000000000001', 'one.example');
    const b = record('ffff000000000002', 'two.example');
    await store.save(a, { dedupEntry: entry(a) });
    expect(await processDedupBatch(batchJob('batch-a'), deps)).toEqual({ articles: 1, newStories: 1, resumed: false });
    const repair = await breakDedupIndex(config.prefix);
    await store.save(a, { dedupEntry: entry(a) }); // a retried article job: already assigned, its entry passes
    await store.save(b, { dedupEntry: entry(b) });
    await inbox.handOff('not json');
    const err = await processDedupBatch(batchJob('batch-f'), deps).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NewsflowError);
    expect((err as NewsflowError).code).toBe('DEDUP_BATCH');
    // why retryable: a Redis error may pass on a later attempt (the bad JSON entry alone would not)
    expect((err as NewsflowError).retryable).toBe(true);
    expect((err as Error).message).toMatch(/^dedup of 2 of 3 articles failed .*ffff000000000002: .*WRONGTYPE/u);
    expect((err as Error).message).toContain('?: dedup inbox entry is not JSON');
    expect((await store.get(a.id))?.storyId).toBe(`s-${a.id}`);
    expect((await redis.lrange(inbox.keys.batch('batch-f'), 0, -1)).sort()).toEqual([entry(b), 'not json'].sort());
    expect(await redis.pttl(inbox.keys.batch('batch-f'))).toBeGreaterThan(29 * 24 * 3600 * 1000);

    // Redis is repaired and the bad entry dropped by hand; the job's retry takes its own entries again
    await repair();
    await redis.lrem(inbox.keys.batch('batch-f'), 0, 'not json');
    expect(await processDedupBatch(batchJob('batch-f'), deps)).toEqual({ articles: 1, newStories: 0, resumed: true });
    expect((await store.get(b.id))?.storyId).toBe(`s-${a.id}`);
    expect(await redis.exists(inbox.keys.batch('batch-f'))).toBe(0);
    await closeQueues(queues);
  });

  it('workers sweep entries no batch job is due for (a worker died between save and adding the job)', async () => {
    const { store, deps, inbox, queues } = setup('sweep');
    const a = record('aaaa000000000001', 'one.example');
    expect((await store.save(a, { dedupEntry: entry(a) })).dedupDue).toBe(true);
    // nobody adds the job; the flag expires
    await redis.del(inbox.keys.due);
    const running = startWorkers(deps, { queues: ['dedup'], extractThreads: 0, inboxSweepMs: 100 });
    try {
      expect(await waitFor(async () => (await store.get(a.id))?.storyId === `s-${a.id}`, 10_000)).toBe(true);
      expect(await inbox.length()).toBe(0);
    } finally {
      await running.close();
      await closeQueues(queues);
    }
  });

  it('a failed batch shows in `newsflow jobs dedup` with the articles that failed; `newsflow retry` runs them again', async () => {
    // why a short retry delay: the batch fails all its attempts within the test's time
    const { config, store, deps, inbox, queues } = setup('cliretry', { retryBaseMs: 20 });
    const a = record('abab000000000001', 'one.example');
    const b = record('abab000000000002', 'two.example');
    await store.save(a, { dedupEntry: entry(a) });
    await processDedupBatch(batchJob('batch-a'), deps);
    const repair = await breakDedupIndex(config.prefix);
    await store.save(b, { dedupEntry: entry(b) });
    const running = startWorkers(deps, { queues: ['dedup'], extractThreads: 0 });
    const until = (cond: () => Promise<boolean>) => waitFor(cond, 10_000);
    process.env.NEWSFLOW_PREFIX = config.prefix;
    try {
      await scheduleDedupBatch(queues, 0);
      expect(await until(async () => (await queues.dedup.getFailedCount()) === 1)).toBe(true);
      const failed = JSON.parse((await cli(testRedisUrl(), 'jobs', 'dedup', '--state', 'failed', '--json')).out) as {
        jobs: Array<{ id: string; subject: string; failedReason: string; attemptsMade: number }>;
      };
      expect(failed.jobs).toHaveLength(1);
      expect(failed.jobs[0]!.subject).toBe('dedup inbox');
      // retryable (a Redis error): failed after its five attempts
      expect(failed.jobs[0]!.attemptsMade).toBe(5);
      expect(failed.jobs[0]!.failedReason).toMatch(new RegExp(`^dedup of 1 of 1 articles failed .*${b.id}: .*WRONGTYPE`, 'u'));
      expect(await inbox.length()).toBe(0);

      // Redis is repaired; the operator retries the job, which takes its own entry again
      await repair();
      expect((await cli(testRedisUrl(), 'retry', 'dedup', '--all')).code).toBe(0);
      expect(await until(async () => (await store.get(b.id))?.storyId === `s-${a.id}`)).toBe(true);
      expect(await redis.exists(inbox.keys.batch(failed.jobs[0]!.id))).toBe(0);
      expect(await queues.dedup.getFailedCount()).toBe(0);
    } finally {
      delete process.env.NEWSFLOW_PREFIX;
      await running.close();
      await closeQueues(queues);
    }
  });
});
