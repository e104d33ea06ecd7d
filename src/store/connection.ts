/**
 * Connecting to Redis: REDIS_URL when set, else the embedded server. Warns when the server's eviction
 * policy can drop queued jobs.
 */
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { redactUrl } from '../config.js';
import { RedisUnavailableError } from '../domain/errors.js';
import { ensureEmbeddedRedis } from './embedded-redis.js';

export interface RedisHandle {
  /** Shared client for commands (BullMQ queues and the store use it; workers duplicate it). */
  redis: Redis;
  url: string;
  /** True when this is the embedded server over `dataDir` (REDIS_URL unset). */
  embedded: boolean;
  /** Close the client (giving up after a moment when Redis does not answer) and release the embedded server's lease. */
  close(): Promise<void>;
}

/** How long close() waits for QUIT before it drops the connection. */
const QUIT_TIMEOUT_MS = 2000;

/** Options every newsflow Redis client uses (BullMQ requires maxRetriesPerRequest: null for workers). */
export function redisOptions() {
  return { maxRetriesPerRequest: null, enableReadyCheck: true } as const;
}

/** Connect to Redis, failing fast with a message that says what to do. */
export async function connectRedis(
  config: Pick<Config, 'redisUrl' | 'dataDir'>,
  warn: (msg: string) => void = (m) => process.stderr.write(`warning: ${m}\n`),
): Promise<RedisHandle> {
  const embedded = config.redisUrl ? null : await ensureEmbeddedRedis(config.dataDir);
  const url = config.redisUrl ?? embedded!.url;
  const redis = new Redis(url, { ...redisOptions(), lazyConnect: true });
  let lastError: Error | null = null;
  redis.on('error', (err: Error) => {
    lastError = err;
  });
  try {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      redis.connect().finally(() => clearTimeout(timer)),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out after 5 s')), 5000);
      }),
    ]);
  } catch (err) {
    redis.disconnect();
    await embedded?.release();
    throw new RedisUnavailableError(
      `cannot reach Redis at ${redactUrl(url)} (${(lastError ?? (err as Error)).message}). ` +
        'Start it (`docker compose up -d redis` or `redis-server`), fix REDIS_URL / --redis-url, ' +
        'or unset REDIS_URL to let newsflow start its own redis-server.',
      err,
    );
  }
  await warnOnEviction(redis, warn);
  return {
    redis,
    url,
    embedded: embedded !== null,
    async close() {
      // why a timeout: with Redis gone, QUIT waits in the offline queue for a reconnect that may never come
      let timer: NodeJS.Timeout | undefined;
      const quit = redis.quit().then(
        () => true,
        () => false,
      );
      const timedOut = new Promise<boolean>((r) => {
        timer = setTimeout(() => r(false), QUIT_TIMEOUT_MS);
      });
      if (!(await Promise.race([quit, timedOut]))) redis.disconnect();
      clearTimeout(timer);
      // why not throw: the command's work is done; a lease left behind stops counting when this process exits
      await embedded?.release().catch((err: Error) => warn(`could not release the embedded Redis lease: ${err.message}`));
    },
  };
}

/** Warn when maxmemory-policy is not noeviction: under memory pressure Redis would delete queued jobs. */
export async function warnOnEviction(redis: Redis, warn: (msg: string) => void): Promise<string | null> {
  try {
    const res = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = res[1] ?? null;
    if (policy && policy !== 'noeviction') {
      warn(
        `Redis maxmemory-policy is "${policy}": under memory pressure it can evict queued jobs and stored results. ` +
          'Set it to noeviction (CONFIG SET maxmemory-policy noeviction).',
      );
    }
    return policy;
  } catch {
    return null; // CONFIG is disabled on some managed servers: nothing to check
  }
}
