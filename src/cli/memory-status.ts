/** Redis memory and the workers' back-pressure state, for `newsflow queues`. */
import type { Redis } from 'ioredis';
import { type HoldingState, mib, readHolding, readRedisMemory, type RedisMemory } from '../store/redis-memory.js';

export interface MemoryStatus extends RedisMemory {
  /** used / limit, null without a limit. */
  usedRatio: number | null;
  /** Set while workers hold back article jobs because memory is above the high-water mark. */
  holdingBack: HoldingState | null;
}

export async function memoryStatus(redis: Redis, prefix: string, budgetMb: number | null): Promise<MemoryStatus> {
  const [mem, holding] = await Promise.all([readRedisMemory(redis, budgetMb), readHolding(redis, prefix)]);
  const usedRatio = mem.limitBytes ? Math.round((mem.usedBytes / mem.limitBytes) * 1000) / 1000 : null;
  return { ...mem, usedRatio, holdingBack: holding };
}

/** One or two lines under the queue table. */
export function memoryText(m: MemoryStatus): string {
  const limit = m.limitBytes
    ? ` of ${mib(m.limitBytes)} (${m.limitSource}), ${Math.round((m.usedRatio ?? 0) * 100)}%`
    : ' (no maxmemory and no NEWSFLOW_REDIS_MAX_MB: no back-pressure)';
  const hold = m.holdingBack
    ? `workers HOLD BACK article jobs since ${m.holdingBack.since} (memory above 90%): run newsflow archive, or raise maxmemory\n`
    : '';
  return `redis memory: ${mib(m.usedBytes)}${limit}\n${hold}`;
}
