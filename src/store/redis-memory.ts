/**
 * How full Redis is: used memory against `maxmemory`, or against newsflow's own budget (NEWSFLOW_REDIS_MAX_MB)
 * when the server sets no limit. Workers read it to hold back before Redis answers OOM; `queues` shows it.
 */
import type { Redis } from 'ioredis';
import { storeKeys } from './keys.js';

export interface RedisMemory {
  usedBytes: number;
  /** The limit that applies, null when there is none. */
  limitBytes: number | null;
  /** Where the limit comes from. */
  limitSource: 'maxmemory' | 'NEWSFLOW_REDIS_MAX_MB' | null;
}

/** Bytes as MiB with one decimal, for messages. */
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Read `INFO memory`. `budgetMb` applies only when the server's maxmemory is 0 (no limit). */
export async function readRedisMemory(redis: Redis, budgetMb: number | null): Promise<RedisMemory> {
  const info = await redis.info('memory');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'mu').exec(info)?.[1] ?? 0);
  const usedBytes = field('used_memory');
  const maxmemory = field('maxmemory');
  if (maxmemory > 0) return { usedBytes, limitBytes: maxmemory, limitSource: 'maxmemory' };
  if (budgetMb) return { usedBytes, limitBytes: budgetMb * 1024 * 1024, limitSource: 'NEWSFLOW_REDIS_MAX_MB' };
  return { usedBytes, limitBytes: null, limitSource: null };
}

/** What a worker holding back publishes (under `<p>holding`, refreshed while it holds, expiring after). */
export interface HoldingState {
  since: string;
  usedBytes: number;
  limitBytes: number;
  /** Process that wrote it (host:pid). */
  by: string;
}

export async function publishHolding(redis: Redis, prefix: string, state: HoldingState | null, ttlSeconds: number): Promise<void> {
  const key = storeKeys(prefix).holding;
  if (state) await redis.set(key, JSON.stringify(state), 'EX', ttlSeconds);
  else await redis.del(key);
}

export async function readHolding(redis: Redis, prefix: string): Promise<HoldingState | null> {
  const raw = await redis.get(storeKeys(prefix).holding);
  try {
    return raw ? (JSON.parse(raw) as HoldingState) : null;
  } catch {
    return null;
  }
}
