/** The three pipeline queues, in flow order. */
export const QUEUE_NAMES = ['feeds', 'articles', 'dedup'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** BullMQ's key prefix under the newsflow prefix: `nf:bull:<queue>:…`. */
export function bullPrefix(prefix: string): string {
  return `${prefix}bull`;
}
