/**
 * The re-check sweep: every process running article workers adds a re-fetch job for each due entry of the re-check
 * schedule, then moves the entry to its next step. Enqueue before advancing: a crash in between re-adds the same
 * job ids (idempotent), never loses a re-check.
 */
import { refetchJobId } from '../queues/job-ids.js';
import { REFETCH_JOB, type RefetchJobData } from '../queues/payloads.js';
import { advanceRechecks, dueRechecks } from '../store/recheck.js';
import type { WorkerDeps } from './deps.js';

/** How often a process running article workers sweeps the re-check schedule. */
export const RECHECK_SWEEP_MS = 15_000;

/** Entries taken per round trip; a sweep takes rounds until none is due. */
const SWEEP_BATCH = 500;

/** Enqueue the re-checks due at `nowMs`; returns how many re-fetch jobs were added (or found already queued). */
export async function sweepRechecks(deps: Pick<WorkerDeps, 'redis' | 'config' | 'queues'>, nowMs: number): Promise<number> {
  const { redis, config, queues } = deps;
  let total = 0;
  for (let round = 0; round < 20; round++) {
    const due = await dueRechecks(redis, config.prefix, nowMs, SWEEP_BATCH);
    if (!due.length) break;
    await queues.articles.addBulk(
      due.map(({ id, dueMs }) => ({
        name: REFETCH_JOB,
        data: { articleId: id, reason: 'recheck', updatedAt: null } satisfies RefetchJobData,
        opts: { jobId: refetchJobId(id, 'r', dueMs) },
      })),
    );
    await advanceRechecks(redis, config.prefix, config.recheckMs, nowMs, due);
    total += due.length;
    if (due.length < SWEEP_BATCH) break;
  }
  return total;
}
