/**
 * Real Redis for tests: a client on the run's redis-server and a unique key prefix per test.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, inject } from 'vitest';
import { deletePrefix } from '../../src/store/delete-prefix.js';

/** The URL of the redis-server started by test/setup/global-redis.ts (or REDIS_URL). */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A fresh prefix, so tests never see each other's keys or queues. */
export function uniquePrefix(label = 't'): string {
  return `nft:${label}:${randomBytes(4).toString('hex')}`;
}

/** A new ioredis client on the test server; close it with `quit()`. */
export function testRedis(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
}

/** Delete every key under `prefix` (call in afterEach/afterAll). */
export { deletePrefix as dropPrefix } from '../../src/store/delete-prefix.js';

/**
 * A test file's scratch space on the test server: a client, fresh key prefixes and temporary directories, all
 * dropped (and the client closed) after the file's tests.
 */
export function scratchSpace(): { redis: Redis; prefix(label: string): string; dir(label: string): string } {
  const redis = testRedis();
  const prefixes: string[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    for (const p of prefixes) await deletePrefix(redis, p);
    await redis.quit();
  });
  return {
    redis,
    prefix: (label) => {
      const p = `${uniquePrefix(label)}:`;
      prefixes.push(p);
      return p;
    },
    dir: (label) => {
      const d = mkdtempSync(join(tmpdir(), `nf-${label}-`));
      dirs.push(d);
      return d;
    },
  };
}
