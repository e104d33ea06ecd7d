/**
 * When Redis refuses writes (a read-only replica after a failover, a missing ACL permission, a full disk, maxmemory
 * reached), retrying at once only spins: BullMQ fetches the next job, the write fails, and it fetches again. The
 * backoff pauses every worker of the process, resumes after a delay that doubles up to a minute, and logs one line
 * a minute that names the cause and the remedy.
 */
import type { Worker } from 'bullmq';
import type { Logger } from '../log.js';
import { Intake } from './intake.js';

export type WriteRefusal = 'READONLY' | 'NOPERM' | 'MISCONF' | 'OOM';

const REMEDY: Record<WriteRefusal, string> = {
  READONLY: 'this Redis is a read-only replica: point REDIS_URL at the master (after a failover, at the new one)',
  NOPERM: 'the Redis user lacks a permission newsflow needs: grant it (ACL SETUSER … +@all ~<prefix>*) or use another user',
  MISCONF: 'Redis cannot persist to disk: free disk space or fix its dir/permissions (see the Redis log)',
  OOM: 'Redis reached maxmemory: raise maxmemory, remove old records, or add memory',
};

/** The kind of write refusal `err` is, or null for any other error. */
export function writeRefusal(err: unknown): WriteRefusal | null {
  const message = err instanceof Error ? err.message : String(err);
  const m = /\b(READONLY|NOPERM|MISCONF|OOM)\b/u.exec(message);
  return m ? (m[1] as WriteRefusal) : null;
}

export interface WriteBackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** At most one log line per this interval (default a minute). */
  logEveryMs?: number;
  now?: () => number;
}

export class WriteBackoff {
  private delayMs: number;
  private resumeTimer: NodeJS.Timeout | null = null;
  private lastLogAt = Number.NEGATIVE_INFINITY;
  private lastRefusalAt = Number.NEGATIVE_INFINITY;
  private suppressed = 0;
  private stopped = false;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly logEveryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly workers: Worker[],
    private readonly log: Logger,
    opts: WriteBackoffOptions = {},
    private readonly intake: Intake = new Intake(),
  ) {
    this.baseMs = opts.baseMs ?? 1000;
    this.maxMs = opts.maxMs ?? 60_000;
    this.logEveryMs = opts.logEveryMs ?? 60_000;
    this.now = opts.now ?? Date.now;
    this.delayMs = this.baseMs;
  }

  /** True while the workers are paused by a refusal. */
  get paused(): boolean {
    return this.resumeTimer !== null;
  }

  /** Feed an error seen by a worker or a job; returns true when it was a write refusal (and is handled here). */
  report(err: unknown): boolean {
    const kind = writeRefusal(err);
    if (!kind) return false;
    if (this.stopped) return true;
    const at = this.now();
    // why reset: a refusal long after the last one is a new incident, not the same one still going on
    if (at - this.lastRefusalAt > 2 * this.maxMs) this.delayMs = this.baseMs;
    this.lastRefusalAt = at;
    if (this.resumeTimer) return true;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.maxMs, this.delayMs * 2);
    if (at - this.lastLogAt >= this.logEveryMs) {
      this.log.warn(
        { code: kind, pauseMs: delay, suppressed: this.suppressed, err: (err as Error).message },
        `Redis refuses writes (${kind}); workers pause and retry with backoff (up to ${this.maxMs / 1000} s). Remedy: ${REMEDY[kind]}`,
      );
      this.lastLogAt = at;
      this.suppressed = 0;
    } else this.suppressed++;
    this.intake.hold(this.workers, 'write-refused');
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      if (!this.stopped) this.intake.release(this.workers, 'write-refused');
    }, delay);
    this.resumeTimer.unref();
    return true;
  }

  /** Stop resuming (the workers are closing). */
  stop(): void {
    this.stopped = true;
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
  }
}
