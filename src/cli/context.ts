/**
 * What every command gets: the validated config (with --redis-url applied), a Redis connection opened on
 * demand (its lease on the embedded server is released afterwards), a logger and io.
 */
import type { Redis } from 'ioredis';
import { loadConfig, type Config } from '../config.js';
import { closeQueues, openQueues, type Queues } from '../queues/queues.js';
import { createLogger, type Logger } from '../log.js';
import { connectRedis, type RedisHandle } from '../store/connection.js';
import type { Io } from './output.js';

export interface GlobalOptions {
  redisUrl?: string;
  json?: boolean;
}

export interface CommandContext {
  config: Config;
  log: Logger;
  io: Io;
}

export function makeContext(io: Io, global: GlobalOptions, env: NodeJS.ProcessEnv = process.env, defaultLogLevel = 'warn'): CommandContext {
  const config = loadConfig({ ...env, ...(global.redisUrl ? { REDIS_URL: global.redisUrl } : {}) });
  const level = env.LOG_LEVEL ?? defaultLogLevel;
  return { config: { ...config, logLevel: level }, log: createLogger(level), io };
}

/** Open Redis, run `fn`, close (the embedded server stops when no other newsflow process uses it). */
export async function withRedis<T>(ctx: CommandContext, fn: (redis: Redis, handle: RedisHandle) => Promise<T>): Promise<T> {
  const handle = await connectRedis(ctx.config, (m) => ctx.io.err(`warning: ${m}\n`));
  try {
    return await fn(handle.redis, handle);
  } finally {
    await handle.close();
  }
}

/** Open Redis and the three queues, run `fn`, close both. */
export async function withQueues<T>(ctx: CommandContext, fn: (queues: Queues, redis: Redis) => Promise<T>): Promise<T> {
  return withRedis(ctx, async (redis) => {
    const queues = openQueues(redis, ctx.config.prefix);
    try {
      return await fn(queues, redis);
    } finally {
      await closeQueues(queues);
    }
  });
}
