/** The three pipeline queues, in flow order. */
export const QUEUE_NAMES = ['feeds', 'articles', 'dedup'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** BullMQ's key prefix under the newsflow prefix: `nf:bull:<queue>:…`. */
export function bullPrefix(prefix: string): string {
  return `${prefix}bull`;
}

/**
 * The queue of housekeeping jobs (the daily archive run). Not a pipeline stage: replays and benchmarks do not wait
 * for it, and its scheduler always holds a delayed job.
 */
export const MAINTENANCE_QUEUE = 'maintenance' as const;

/** Queues a `newsflow worker` can work on. */
export const WORKER_QUEUE_NAMES = [...QUEUE_NAMES, MAINTENANCE_QUEUE] as const;
export type WorkerQueueName = (typeof WORKER_QUEUE_NAMES)[number];
