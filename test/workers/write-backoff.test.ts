/**
 * A worker on a Redis that refuses writes (a read-only replica, as after a failover) pauses with a backoff
 * instead of fetching the next job at once, logs one line naming the cause and the remedy, and resumes by itself
 * once writes are accepted again. Real redis-servers (a master and its replica), real BullMQ.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WriteBackoff, writeRefusal } from '../../src/workers/write-backoff.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { type ScratchRedis, scratchReplica } from '../helpers/redis-server.js';
import { sleep, waitFor } from '../helpers/wait.js';

let replica: ScratchRedis;
let replicaUrl: string;
const master = testRedis();
const prefix = uniquePrefix('ro');

beforeAll(async () => {
  replica = await scratchReplica(Number(new URL(testRedisUrl()).port));
  replicaUrl = replica.url;
});

afterAll(async () => {
  replica.child.kill('SIGKILL');
  await dropPrefix(master, prefix);
  await master.quit();
});

function capture() {
  const lines: { level: number; msg: string }[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => lines.push(JSON.parse(s) as { level: number; msg: string }) });
  return { log, lines };
}

describe('write refusals', () => {
  it.each([
    ["READONLY You can't write against a read only replica.", 'READONLY'],
    ["NOPERM User app has no permissions to run the 'evalsha' command", 'NOPERM'],
    ['MISCONF Redis is configured to save RDB snapshots, but it is currently unable to persist to disk.', 'MISCONF'],
    ["OOM command not allowed when used memory > 'maxmemory'.", 'OOM'],
    ['connect ECONNREFUSED 127.0.0.1:6379', null],
    ['Missing lock for job 12. moveToFinished', null],
  ])('%s → %s', (message, kind) => {
    expect(writeRefusal(new Error(message))).toBe(kind);
  });

  it('a worker on a read-only replica backs off, logs once, and resumes when writes are accepted again', async () => {
    const queueName = 'ro-jobs';
    const queue = new Queue(queueName, { connection: master, prefix });
    await queue.add('job', { n: 1 });
    const replicaClient = new Redis(replicaUrl, { maxRetriesPerRequest: null });
    await waitFor(async () => (await replicaClient.exists(`${prefix}:${queueName}:meta`)) === 1 || (await replicaClient.dbsize()) > 0, 5000);

    // without the backoff BullMQ fetches again at once: hundreds of refusals a second
    let unguarded = 0;
    const control = new Worker(queueName, async () => 'done', { connection: replicaClient.duplicate(), prefix, autorun: false });
    control.on('error', () => unguarded++);
    void control.run();
    await sleep(1000);
    await control.close(true);
    expect(unguarded).toBeGreaterThan(50);

    let processed = 0;
    let refusals = 0;
    const { log, lines } = capture();
    const worker = new Worker(
      queueName,
      async () => {
        processed++;
      },
      { connection: replicaClient.duplicate(), prefix, autorun: false },
    );
    const backoff = new WriteBackoff([worker], log, { baseMs: 200, maxMs: 1600 });
    worker.on('error', (err) => {
      if (backoff.report(err)) refusals++;
    });
    void worker.run();
    await sleep(3000);
    // 200 + 400 + 800 + 1600 ms of pauses fit in 3 s: a handful of refusals, not thousands
    expect(refusals).toBeGreaterThan(0);
    expect(refusals).toBeLessThan(12);
    expect(processed).toBe(0);
    const warned = lines.filter((l) => l.level === 40);
    expect(warned).toHaveLength(1);
    expect(warned[0]!.msg).toMatch(/Redis refuses writes \(READONLY\).*Remedy: this Redis is a read-only replica: point REDIS_URL at the master/u);

    // a failover promotes the replica: the worker resumes by itself and runs the job
    await replicaClient.replicaof('NO', 'ONE');
    expect(await waitFor(async () => processed === 1, 10_000)).toBe(true);
    backoff.stop();
    await worker.close();
    await queue.close();
    replicaClient.disconnect();
  }, 30_000);
});
