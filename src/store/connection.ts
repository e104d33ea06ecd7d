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
  /** True when the embedded server was started by this process. */
  ownsServer: boolean;
  /** Close the client, and stop the embedded server when this process started it (unless keepServer). */
  close(opts?: { keepServer?: boolean }): Promise<void>;
}

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
    await embedded?.stop();
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
    ownsServer: embedded?.owned ?? false,
    async close(opts = {}) {
      await redis.quit().catch(() => redis.disconnect());
      if (embedded?.owned && !opts.keepServer) await embedded.stop();
    },
  };
}

/** Warn when maxmemory-policy is not noeviction: under memory pressure Redis would delete queued jobs. */
export async function warnOnEviction(redis: Redis, warn: (msg: string) => void): Promise<string | null> {
  try {
    const res = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = res[1] ?? null;
    if (policy && policy !== 'noeviction') {
      warn(`Redis maxmemory-policy is "${policy}": under memory pressure it can evict queued jobs and stored results. Set it to noeviction (CONFIG SET maxmemory-policy noeviction).`);
    }
    return policy;
  } catch {
    return null; // CONFIG is disabled on some managed servers: nothing to check
  }
}
