/** The maintenance queue (src/queues/names.ts): one job name, `archive`, run daily by a job scheduler. */
import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { EVENTS_MAX_LEN } from './queues.js';
import { bullPrefix, MAINTENANCE_QUEUE } from './names.js';

const DAY = 24 * 3600;

export const MAINTENANCE_JOB_DEFAULTS: DefaultJobOptions = {
  // why a few attempts, far apart: a run that fails (a full disk, another run holding the lock) is finished by the
  // next attempt or the next day's run, and a run resumes where the last one stopped
  attempts: 3,
  backoff: { type: 'exponential', delay: 10 * 60_000 },
  removeOnComplete: { age: 30 * DAY, count: 60 },
  removeOnFail: { age: 30 * DAY, count: 60 },
};

export function openMaintenanceQueue(redis: Redis, prefix: string): Queue {
  return new Queue(MAINTENANCE_QUEUE, {
    connection: redis,
    prefix: bullPrefix(prefix),
    defaultJobOptions: MAINTENANCE_JOB_DEFAULTS,
    streams: { events: { maxLen: EVENTS_MAX_LEN } },
  });
}
