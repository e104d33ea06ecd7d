/** An archive run that leaves its summary in `<p>archive:last` (for `newsflow queues`), failed or not. */
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { retentionCutoff, runArchive, type ArchiveOptions, type ArchiveReport } from './archiver.js';
import { saveLastRun } from './last-run.js';

export interface RecordedRunOptions extends Partial<Omit<ArchiveOptions, 'dir' | 'beforeMs'>> {
  trigger: 'schedule' | 'manual';
  /** Default: the retention cutoff (config.retainDays before the start of today, UTC). */
  beforeMs?: number;
}

/** Run the archive with the config's directory and retention, and record what it did (dry runs are not recorded). */
export async function recordedArchiveRun(
  redis: Redis,
  config: Pick<Config, 'prefix' | 'archiveDir' | 'retainDays'>,
  opts: RecordedRunOptions,
): Promise<ArchiveReport> {
  const now = opts.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const beforeMs = opts.beforeMs ?? retentionCutoff(now(), config.retainDays);
  const { trigger, ...rest } = opts;
  try {
    const report = await runArchive(redis, config.prefix, { ...rest, dir: config.archiveDir, beforeMs });
    if (!report.dryRun) {
      await saveLastRun(redis, config.prefix, {
        trigger,
        startedAt,
        finishedAt: new Date(now()).toISOString(),
        before: report.before,
        moved: report.moved,
        alreadyArchived: report.alreadyArchived,
        files: report.files.map((f) => f.day),
        error: null,
      });
    }
    return report;
  } catch (err) {
    // why not when busy: the summary would replace the one the running run is about to write
    if (!opts.dryRun && (err as { code?: string }).code !== 'ARCHIVE_BUSY') {
      await saveLastRun(redis, config.prefix, {
        trigger,
        startedAt,
        finishedAt: new Date(now()).toISOString(),
        before: new Date(beforeMs).toISOString(),
        moved: 0,
        alreadyArchived: 0,
        files: [],
        error: (err as Error).message,
      }).catch(() => {});
    }
    throw err;
  }
}
