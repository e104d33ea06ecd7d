/**
 * What the last archive run did, for `newsflow queues`:
 *
 *   <p>archive:last   STRING  JSON LastArchiveRun
 */
import type { Redis } from 'ioredis';

export interface LastArchiveRun {
  /** 'schedule' (the daily maintenance job) or 'manual' (`newsflow archive`). */
  trigger: 'schedule' | 'manual';
  startedAt: string;
  finishedAt: string;
  /** Records first stored before this time were moved. */
  before: string;
  /** Records written to the archive and removed from Redis. */
  moved: number;
  /** Records found already archived (a run that died before deleting them) and only removed from Redis. */
  alreadyArchived: number;
  /** Day files written to. */
  files: string[];
  /** The run's error message when it failed (what it moved before is kept). */
  error: string | null;
}

export const lastRunKey = (prefix: string) => `${prefix}archive:last`;

export async function saveLastRun(redis: Redis, prefix: string, run: LastArchiveRun): Promise<void> {
  await redis.set(lastRunKey(prefix), JSON.stringify(run));
}

export async function readLastRun(redis: Redis, prefix: string): Promise<LastArchiveRun | null> {
  const raw = await redis.get(lastRunKey(prefix));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as LastArchiveRun;
  } catch {
    return null;
  }
}
