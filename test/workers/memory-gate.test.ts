/**
 * Back-pressure on Redis memory, on a real redis-server of its own (its maxmemory is changed) and real BullMQ:
 * above 90% of the limit the article worker stops taking jobs (they wait, none fails), one warning names the
 * remedy, `<p>holding` tells `newsflow queues`; below 80%, or with the limit lifted, it takes them again.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStatus, memoryText } from '../../src/cli/memory-status.js';
import { readRedisMemory } from '../../src/store/redis-memory.js';
import { Intake } from '../../src/workers/intake.js';
import { startMemoryGate } from '../../src/workers/memory-gate.js';
import { type ScratchRedis, scratchRedis } from '../helpers/redis-server.js';
import { sleep, waitFor } from '../helpers/wait.js';

let server: ScratchRedis;
let redis: Redis;
const prefix = 'nft:mem:';

beforeAll(async () => {
  server = await scratchRedis(['--maxmemory-policy', 'noeviction']);
  redis = new Redis(server.url, { maxRetriesPerRequest: null });
});

afterAll(async () => {
  redis.disconnect();
  server.child.kill('SIGKILL');
});

describe('readRedisMemory', () => {
  it('takes maxmemory, else the budget, else no limit', async () => {
    await redis.config('SET', 'maxmemory', '0');
    expect(await readRedisMemory(redis, null)).toMatchObject({ limitBytes: null, limitSource: null });
    expect(await readRedisMemory(redis, 64)).toMatchObject({ limitBytes: 64 * 1024 * 1024, limitSource: 'NEWSFLOW_REDIS_MAX_MB' });
    await redis.config('SET', 'maxmemory', String(100 * 1024 * 1024));
    const m = await readRedisMemory(redis, 64);
    expect(m).toMatchObject({ limitBytes: 100 * 1024 * 1024, limitSource: 'maxmemory' });
    expect(m.usedBytes).toBeGreaterThan(100_000);
    await redis.config('SET', 'maxmemory', '0');
  });
});

describe('the memory gate', () => {
  it('holds the article worker above 90%, publishes it, and lets go below 80% or when the limit is lifted', async () => {
    const queue = new Queue('articles', { connection: redis, prefix: `${prefix}bull` });
    let processed = 0;
    const worker = new Worker(
      'articles',
      async () => {
        processed++;
      },
      { connection: redis.duplicate(), prefix: `${prefix}bull`, autorun: false },
    );
    const errors: string[] = [];
    worker.on('error', (e) => errors.push(e.message));
    void worker.run();
    const lines: { level: number; msg: string }[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => lines.push(JSON.parse(s) as { level: number; msg: string }) });
    const gate = startMemoryGate({ redis, prefix, budgetMb: null, workers: [worker], intake: new Intake(), log, checkEveryMs: 100 });

    // a 64 MiB limit, and data filling it past 90%
    const MiB = 1024 * 1024;
    await redis.config('SET', 'maxmemory', String(64 * MiB));
    // why small values: a command's own bytes count against maxmemory while Redis reads it
    const chunk = 'x'.repeat(MiB / 2);
    // fill until used memory reaches `ratio` of the limit (allocator size classes make bytes per value vary)
    const fill = async (name: string, ratio: number) => {
      for (let i = 0; (await readRedisMemory(redis, null)).usedBytes < ratio * 64 * MiB; i++) await redis.set(`${prefix}${name}:${i}`, chunk);
    };
    const shrink = async (name: string, ratio: number) => {
      for (const key of await redis.keys(`${prefix}${name}:*`)) {
        if ((await readRedisMemory(redis, null)).usedBytes < ratio * 64 * MiB) return;
        await redis.del(key);
      }
    };
    const drop = async (name: string) => {
      const keys = await redis.keys(`${prefix}${name}:*`);
      if (keys.length) await redis.del(...keys);
    };
    await fill('filler', 0.93);
    expect(await waitFor(async () => gate.holding, 5000)).toBe(true);
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'page', data: { n } })));
    await sleep(500);
    // why at most one: a worker idle in BullMQ's blocking wait when the hold came takes the first job that arrives
    expect(processed).toBeLessThanOrEqual(1);
    const slipped = processed;
    expect(await queue.getWaitingCount()).toBe(3 - slipped); // the rest wait
    expect(await queue.getFailedCount()).toBe(0);
    const status = await memoryStatus(redis, prefix, null);
    expect(status.holdingBack).toMatchObject({ limitBytes: 64 * MiB });
    expect(status.usedRatio).toBeGreaterThan(0.9);
    expect(memoryText(status)).toMatch(/workers HOLD BACK article jobs since/u);
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1); // one a minute, although it checked every 100 ms
    expect(warnings[0]!.msg).toMatch(/above 90%: article jobs wait until it is below 80%\. Remedy: archive old records \(newsflow archive\), raise maxmemory/u);

    // between the marks: still holding
    await shrink('filler', 0.85);
    await sleep(400);
    expect(gate.holding).toBe(true);

    // the limit lifted: the job runs
    await redis.config('SET', 'maxmemory', '0');
    expect(await waitFor(async () => processed === 3, 5000)).toBe(true);
    expect(gate.holding).toBe(false);
    expect((await memoryStatus(redis, prefix, null)).holdingBack).toBeNull();

    // and again with the limit back: above 90%, then below 80% once data is removed
    await redis.config('SET', 'maxmemory', String(64 * MiB));
    await fill('filler2', 0.93);
    expect(await waitFor(async () => gate.holding, 5000)).toBe(true);
    await drop('filler');
    await drop('filler2');
    expect(await waitFor(async () => !gate.holding, 5000)).toBe(true);
    await queue.add('page', { n: 4 });
    expect(await waitFor(async () => processed === 4, 5000)).toBe(true);
    expect(errors).toEqual([]);

    await gate.stop();
    await worker.close();
    await queue.close();
    await redis.config('SET', 'maxmemory', '0');
  }, 30_000);
});
