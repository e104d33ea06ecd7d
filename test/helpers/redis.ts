/**
 * Real Redis for tests: a client on the run's redis-server and a unique key prefix per test.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

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
