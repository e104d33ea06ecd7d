/** What `queues` shows of the maintenance queue: its job counts, and the archive's last run, next run and settings. */
import type { Redis } from 'ioredis';
import { readLastRun, type LastArchiveRun } from '../archive/last-run.js';
import type { Config } from '../config.js';
import { openMaintenanceQueue } from '../queues/maintenance.js';
import { nextArchiveRun } from '../schedule/maintenance.js';
import { oneQueueOverview, type QueueOverview } from './queue-overview.js';

export interface ArchiveOverview {
  /** The last archive run, scheduled or manual (null: none yet). */
  lastRun: LastArchiveRun | null;
  /** The daily scheduler's next run (null: no scheduler; a worker on the maintenance queue adds it). */
  nextRunAt: string | null;
  retainDays: number;
  dir: string;
}

export type MaintenanceOverview = QueueOverview & { archive: ArchiveOverview };

export async function maintenanceOverview(
  redis: Redis,
  config: Pick<Config, 'prefix' | 'retainDays' | 'archiveDir'>,
  now = Date.now(),
): Promise<MaintenanceOverview> {
  const queue = openMaintenanceQueue(redis, config.prefix);
  try {
    const [q, lastRun, next] = await Promise.all([oneQueueOverview(queue, redis, now), readLastRun(redis, config.prefix), nextArchiveRun(queue)]);
    return {
      ...q,
      archive: { lastRun, nextRunAt: next === null ? null : new Date(next).toISOString(), retainDays: config.retainDays, dir: config.archiveDir },
    };
  } finally {
    await queue.close();
  }
}

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** The archive line under the queues table. */
export function archiveText(a: ArchiveOverview): string {
  const r = a.lastRun;
  const last = !r
    ? 'no archive run yet'
    : r.error
      ? `last archive run ${when(r.finishedAt)} (${r.trigger}) failed: ${r.error}`
      : `last archive run ${when(r.finishedAt)} (${r.trigger}): moved ${r.moved} record${r.moved === 1 ? '' : 's'} stored before ${r.before.slice(0, 10)}` +
        (r.files.length ? ` to ${r.files.length} day file${r.files.length === 1 ? '' : 's'}` : '') +
        (r.alreadyArchived ? `, ${r.alreadyArchived} already archived` : '');
  const next = a.nextRunAt ? `next ${when(a.nextRunAt)}` : 'not scheduled (a worker on the maintenance queue schedules it daily)';
  return `archive: ${last}; ${next}; retention ${a.retainDays} days → ${a.dir}\n`;
}
