/**
 * The maintenance queue's worker: `archive` jobs move records older than the retention window to the archive
 * (src/archive). It keeps the daily scheduler (src/schedule/maintenance.ts) when it starts.
 */
import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { recordedArchiveRun } from '../archive/recorded-run.js';
import type { Config } from '../config.js';
import { isRetryable } from '../domain/errors.js';
import type { Logger } from '../log.js';
import { openMaintenanceQueue } from '../queues/maintenance.js';
import { bullPrefix, MAINTENANCE_QUEUE } from '../queues/names.js';
import { syncArchiveScheduler } from '../schedule/maintenance.js';
import { WriteBackoff } from './write-backoff.js';

export interface MaintenanceDeps {
  redis: Redis;
  config: Config;
  log: Logger;
}

export interface RunningMaintenance {
  worker: Worker;
  queue: Queue;
  /** Settles when the daily scheduler is synced (or the sync failed and was logged). */
  synced: Promise<void>;
  close(): Promise<void>;
}

/** Process one maintenance job (exported for tests). */
export async function processMaintenanceJob(job: Job, deps: MaintenanceDeps) {
  if (job.name !== 'archive') throw new UnrecoverableError(`unknown maintenance job "${job.name}"`);
  try {
    const report = await recordedArchiveRun(deps.redis, deps.config, { trigger: 'schedule' });
    deps.log.info(
      { moved: report.moved, alreadyArchived: report.alreadyArchived, before: report.before, files: report.files.length, durationMs: report.durationMs },
      'archive run finished',
    );
    const { repaired: _repaired, ...summary } = report;
    return summary;
  } catch (err) {
    deps.log.warn({ err: (err as Error).message, attempt: job.attemptsMade + 1 }, 'archive run failed');
    if (!isRetryable(err)) throw new UnrecoverableError(`${(err as { code?: string }).code ?? 'ERROR'}: ${(err as Error).message}`);
    throw err;
  }
}

/** Work on the maintenance queue (one job at a time) and sync the daily archive scheduler meanwhile. */
export function startMaintenance(deps: MaintenanceDeps): RunningMaintenance {
  const queue = openMaintenanceQueue(deps.redis, deps.config.prefix);
  // why not awaited: the sync may wait up to 30 s for another process's lock, and the other queues' workers are
  // already running; why not fatal: the scheduler outlives this process, another worker (or the next start) syncs it
  const synced = syncArchiveScheduler(queue, deps.redis, deps.config.prefix).then(
    (result) => (result === 'unchanged' ? undefined : deps.log.info({ scheduler: result }, 'daily archive scheduled')),
    (err: Error) => deps.log.warn({ err: err.message }, 'could not sync the daily archive scheduler; it keeps its last schedule'),
  );
  // why a backoff of its own: while Redis refuses writes BullMQ fetches, fails and fetches again at once (a spin);
  // the backoff pauses this worker as run-workers' pauses the pipeline's
  let backoff: WriteBackoff | null = null;
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      try {
        return await processMaintenanceJob(job, deps);
      } catch (err) {
        backoff?.report(err);
        throw err;
      }
    },
    {
      connection: deps.redis,
      prefix: bullPrefix(deps.config.prefix),
      concurrency: 1,
      lockDuration: deps.config.lockDurationMs,
    },
  );
  // why one line a minute: while Redis is unreachable or refuses writes every attempt errors (the pipeline workers'
  // write backoff says why and what to do)
  backoff = new WriteBackoff([worker], deps.log);
  let lastLog = 0;
  let suppressed = 0;
  worker.on('error', (err) => {
    if (backoff?.report(err)) return;
    if (Date.now() - lastLog < 60_000) {
      suppressed++;
      return;
    }
    lastLog = Date.now();
    deps.log.error({ queue: MAINTENANCE_QUEUE, err: err.message, ...(suppressed ? { suppressed } : {}) }, 'worker error');
    suppressed = 0;
  });
  return {
    worker,
    queue,
    synced,
    async close() {
      backoff?.stop();
      await synced;
      await worker.close();
      await queue.close();
    },
  };
}
