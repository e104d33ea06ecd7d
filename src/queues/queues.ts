/**
 * BullMQ queues with newsflow's defaults: retries with exponential backoff, and retention so completed jobs
 * do not grow Redis without bound (stored results live in the store, not in job return values).
 */
import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { bullPrefix, QUEUE_NAMES, type QueueName } from './names.js';

const DAY = 24 * 3600;

/** Per-queue job defaults. Failed jobs stay for 30 days so they can be inspected and retried. */
export const JOB_DEFAULTS: Record<QueueName, DefaultJobOptions> = {
  feeds: {
    attempts: 4,
    backoff: { type: 'exponential', delay: 30_000, jitter: 0.5 },
    removeOnComplete: { age: DAY, count: 1000 },
    removeOnFail: { age: 30 * DAY, count: 10_000 },
  },
  articles: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 },
    // why few: a stored article lives in the store, and a page that is not an article is remembered there too
    // (idx:not-article), so feeds listing it again do not refetch it; completed jobs are kept to be looked at
    removeOnComplete: { age: DAY, count: 1000 },
    removeOnFail: { age: 30 * DAY, count: 50_000 },
  },
  dedup: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 },
    // why few: a dedup result lives in the store (article:<id>:story) and the stage is idempotent; a completed
    // dedup job is only there to be looked at
    removeOnComplete: { age: DAY, count: 1000 },
    removeOnFail: { age: 30 * DAY, count: 50_000 },
  },
};

/**
 * Entries kept in each queue's event stream (BullMQ's default is 10,000, ~100 B each).
 * why: nothing in newsflow reads the stream (no QueueEvents); it only serves a live `QueueEvents` listener, which
 * reads new entries as they come
 */
export const EVENTS_MAX_LEN = 1000;

export type Queues = Record<QueueName, Queue>;

/** Job defaults with the first retry delay scaled to `retryBaseMs` (articles keep the ratios of JOB_DEFAULTS). */
export function jobDefaults(name: QueueName, retryBaseMs?: number): DefaultJobOptions {
  const d = JOB_DEFAULTS[name];
  if (retryBaseMs === undefined || typeof d.backoff !== 'object') return d;
  const scale = { feeds: 3, articles: 1, dedup: 0.5 }[name];
  return { ...d, backoff: { ...d.backoff, delay: Math.round(retryBaseMs * scale) } };
}

/** Open the three queues on one shared connection. Close them with `closeQueues`. */
export function openQueues(redis: Redis, prefix: string, opts: { retryBaseMs?: number } = {}): Queues {
  const make = (name: QueueName) =>
    new Queue(name, {
      connection: redis,
      prefix: bullPrefix(prefix),
      defaultJobOptions: jobDefaults(name, opts.retryBaseMs),
      streams: { events: { maxLen: EVENTS_MAX_LEN } },
    });
  return Object.fromEntries(QUEUE_NAMES.map((n) => [n, make(n)])) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
