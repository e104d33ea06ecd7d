/**
 * The daily archive run as a BullMQ job scheduler on the maintenance queue, kept by every worker that works on
 * that queue when it starts (under the same lock as the feed schedulers; a repeated sync changes nothing).
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { MAINTENANCE_JOB_DEFAULTS } from '../queues/maintenance.js';
import { withSyncLock, type SyncOptions } from './sync.js';

export const ARCHIVE_SCHEDULER_ID = 'maintenance:archive';
/** Every day at 03:17 UTC. why not midnight: the cutoff moves at 00:00 UTC, and cron jobs everywhere crowd :00. */
export const ARCHIVE_CRON = '17 3 * * *';

interface Existing {
  key: string;
  id?: string | null;
  pattern?: string;
  tz?: string;
  next?: number;
}

/** Make the archive scheduler exist with ARCHIVE_CRON; returns whether it was added or changed. */
export async function syncArchiveScheduler(queue: Queue, redis: Redis, prefix: string, opts: SyncOptions = {}): Promise<'added' | 'updated' | 'unchanged'> {
  return withSyncLock(
    redis,
    prefix,
    async () => {
      const existing = ((await queue.getJobSchedulers(0, -1)) as Existing[]).find((s) => (s.id ?? s.key) === ARCHIVE_SCHEDULER_ID);
      if (existing && existing.pattern === ARCHIVE_CRON && existing.tz === 'UTC') return 'unchanged';
      const { attempts, backoff, removeOnComplete, removeOnFail } = MAINTENANCE_JOB_DEFAULTS;
      await queue.upsertJobScheduler(
        ARCHIVE_SCHEDULER_ID,
        { pattern: ARCHIVE_CRON, tz: 'UTC' },
        {
          name: 'archive',
          data: { trigger: 'schedule' },
          opts: { attempts, backoff, removeOnComplete, removeOnFail },
        },
      );
      return existing ? 'updated' : 'added';
    },
    opts,
  );
}

/** When the archive scheduler runs next (ms since epoch), or null when there is none. */
export async function nextArchiveRun(queue: Queue): Promise<number | null> {
  const s = ((await queue.getJobSchedulers(0, -1)) as Existing[]).find((x) => (x.id ?? x.key) === ARCHIVE_SCHEDULER_ID);
  return s?.next ?? null;
}
