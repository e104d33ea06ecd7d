/** How the CLI shows a BullMQ job: a one-line summary for `jobs`, the full picture for `job`. */
import type { Job } from 'bullmq';
import { isoOf } from './format.js';

/** The stable `jobs --json` shape of one job. */
export interface JobSummary {
  id: string;
  name: string;
  state: string;
  /** What the job is about: the article or feed URL, or "dedup inbox" for a dedup batch. */
  subject: string | null;
  attemptsMade: number;
  maxAttempts: number;
  createdAt: string | null;
  processedAt: string | null;
  finishedAt: string | null;
  /** When a delayed job becomes due. */
  dueAt: string | null;
  failedReason: string | null;
}

/** The stable `job --json` shape. */
export interface JobDetail extends JobSummary {
  queue: string;
  data: unknown;
  opts: unknown;
  progress: unknown;
  returnValue: unknown;
  stacktrace: string[];
  logs: string[];
  processedBy: string | null;
  schedulerId: string | null;
}

/** The URL or id a job works on, from its data. */
export function jobSubject(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  for (const k of ['url', 'feedId']) if (typeof d[k] === 'string') return d[k] as string;
  // a dedup batch: its articles come from the inbox (a failed one names them in its failure reason)
  if (d.kind === 'batch') return 'dedup inbox';
  // a re-fetch of a stored article: its URL is in the record
  if (typeof d.articleId === 'string') return `re-fetch ${d.articleId} (${String(d.reason)})`;
  return null;
}

export function jobSummary(job: Job, state: string): JobSummary {
  return {
    id: job.id ?? '?',
    name: job.name,
    state,
    subject: jobSubject(job.data),
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    createdAt: isoOf(job.timestamp),
    processedAt: isoOf(job.processedOn),
    finishedAt: isoOf(job.finishedOn),
    dueAt: state === 'delayed' ? isoOf(job.timestamp + (job.delay ?? 0)) : null,
    failedReason: job.failedReason || null,
  };
}

export function jobDetail(queue: string, job: Job, state: string, logs: string[]): JobDetail {
  return {
    ...jobSummary(job, state),
    queue,
    data: job.data,
    opts: job.opts,
    progress: job.progress,
    returnValue: job.returnvalue ?? null,
    stacktrace: job.stacktrace ?? [],
    logs,
    processedBy: job.processedBy ?? null,
    schedulerId: job.repeatJobKey ?? null,
  };
}

/** The time a job last changed (for sorting a mixed-state listing, newest first). */
export function lastActivity(job: Job): number {
  return job.finishedOn ?? job.processedOn ?? job.timestamp ?? 0;
}
