/**
 * Delete every key under a prefix (SCAN + UNLINK in batches): test clean-up, scratch benchmark data.
 * Never call it with the live prefix of a running pipeline.
 */
import type { Redis } from 'ioredis';

/** Remove all keys matching `<prefix>*`; returns how many were removed. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  if (!prefix) throw new Error('deletePrefix needs a non-empty prefix');
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
    cursor = next;
    if (keys.length) removed += await redis.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}
