/**
 * Start the three BullMQ workers in this process. Errors that a retry cannot fix become UnrecoverableError
 * (failed at once, kept for inspection and `newsflow retry`); one bad job never takes the worker down.
 * Article extraction runs in a pool of worker threads (extract-pool.ts), so CPU-bound parsing never blocks
 * the event loop that renews job locks, and one process can use several cores.
 */
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { isRetryable } from '../domain/errors.js';
import { bullPrefix, type QueueName } from '../queues/names.js';
import { processArticleJob } from './article-worker.js';
import { DedupInbox } from '../store/dedup-inbox.js';
import { processDedupBatch, scheduleDedupBatch } from './dedup-worker.js';
import type { WorkerDeps } from './deps.js';
import { createExtractPool, defaultExtractThreads, inlineExtractor, type ExtractPool } from './extract-pool.js';
import { processFeedJob } from './feed-worker.js';
import { Intake } from './intake.js';
import { RECHECK_SWEEP_MS, sweepRechecks } from './recheck-sweep.js';
import { startMemoryGate, type MemoryGate } from './memory-gate.js';
import { WriteBackoff } from './write-backoff.js';

export interface RunningWorkers {
  workers: Worker[];
  /** The extraction threads (null when extraction runs inline or no article worker runs here). */
  pool: ExtractPool | null;
  /** Back-pressure on Redis memory (null when no article worker runs here). */
  memoryGate: MemoryGate | null;
  /** Stop taking jobs, let in-flight ones finish (up to `timeoutMs`), then close. */
  close(timeoutMs?: number): Promise<void>;
}

/** A job processor with its dependencies. */
export type Processor = (job: Job, deps: WorkerDeps) => Promise<unknown>;

export interface StartOptions {
  queues?: QueueName[];
  concurrency?: Partial<Record<QueueName, number>>;
  /** Extraction threads; 0 runs extraction on the event loop (tests, debugging). Default: cores − 1, at least 1. */
  extractThreads?: number;
  /** Replace processors (the benchmark's no-op floor runs the same queues with empty ones). */
  processors?: Partial<Record<QueueName, Processor>>;
  /** How often a dedup worker checks for inbox entries no batch job is due for (default INBOX_SWEEP_MS). */
  inboxSweepMs?: number;
  /** How often the article workers' process reads Redis memory for back-pressure (default 1 s). */
  memoryCheckMs?: number;
  /** How often a process running article workers sweeps the re-check schedule (default RECHECK_SWEEP_MS; 0: never). */
  recheckSweepMs?: number;
}

/**
 * How often a process running the dedup worker sweeps the dedup inbox.
 * why: a worker that died between saving an article and adding its batch job leaves entries no job is due for
 */
export const INBOX_SWEEP_MS = 5_000;

/** How long a job that met a write refusal waits before it runs again (its attempt is not counted). */
const REFUSED_JOB_DELAY_MS = 30_000;

/**
 * Run `processor`, turning permanent failures into UnrecoverableError so BullMQ does not retry them. A write
 * refusal from Redis (OOM, READONLY…) goes to the backoff, which pauses the workers, and the job waits without
 * spending an attempt, as after a Retry-After, when Redis still lets it move to the delayed set.
 */
function guarded(name: QueueName, processor: Processor, deps: WorkerDeps, backoff: { report(err: unknown): boolean }) {
  return async (job: Job) => {
    try {
      return await processor(job, deps);
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      if (backoff.report(err)) {
        const moved = job.token
          ? await job.moveToDelayed(Date.now() + REFUSED_JOB_DELAY_MS, job.token).then(
              () => true,
              () => false,
            )
          : false;
        if (moved) throw new DelayedError(`Redis refused a write (${(err as Error).message.slice(0, 80)}); job waits ${REFUSED_JOB_DELAY_MS / 1000} s`);
        throw err;
      }
      const e = err as Error;
      deps.log.warn({ queue: name, jobId: job.id, attempt: job.attemptsMade + 1, err: e.message, code: (e as { code?: string }).code }, 'job failed');
      if (!isRetryable(err)) throw new UnrecoverableError(`${(e as { code?: string }).code ?? 'ERROR'}: ${e.message}`);
      throw err;
    }
  };
}

export function startWorkers(deps: WorkerDeps, opts: StartOptions = {}): RunningWorkers {
  const names = opts.queues ?? (['feeds', 'articles', 'dedup'] as QueueName[]);
  const threads = opts.extractThreads ?? defaultExtractThreads();
  const pool = names.includes('articles') && threads > 0 && !opts.processors?.articles ? createExtractPool({ threads, moveBody: true }) : null;
  const extract = pool?.extract ?? inlineExtractor;
  const processors: Record<QueueName, Processor> = {
    feeds: processFeedJob,
    articles: (job, d) => processArticleJob(job, d, extract),
    dedup: processDedupBatch,
    ...opts.processors,
  };
  const concurrency: Record<QueueName, number> = {
    feeds: 2,
    articles: deps.config.articleConcurrency,
    dedup: 4,
    ...opts.concurrency,
  };
  // why a late binding: the backoff pauses the workers, and the workers' processors report to the backoff
  let backoff: WriteBackoff | null = null;
  const intake = new Intake();
  const report = { report: (err: unknown) => backoff?.report(err) ?? false };
  const logError = onceAMinute();
  const workers = names.map((name) => {
    const w = new Worker(name, guarded(name, processors[name], deps, report), {
      connection: deps.redis,
      prefix: bullPrefix(deps.config.prefix),
      concurrency: concurrency[name],
      // why: with inline extraction (extractThreads 0) a long page can hold the event loop past a 30 s lock (default 60 s)
      lockDuration: deps.config.lockDurationMs,
      // why: a dead worker's jobs come back one check after its lock expires; BullMQ checks every 30 s by default
      stalledInterval: Math.min(30_000, deps.config.lockDurationMs),
      // why: per-minute counts of finished jobs (a day of them, ~10 KiB a queue) keep `newsflow queues`' last-hour
      // throughput exact although only the last 1,000 completed jobs are kept (src/queues/queues.ts)
      metrics: { maxDataPoints: 24 * 60 },
    });
    w.on('error', (err) => {
      if (report.report(err)) return;
      const suppressed = logError(err.message);
      if (suppressed !== null) deps.log.error({ queue: name, err: err.message, ...(suppressed ? { suppressed } : {}) }, 'worker error');
    });
    return w;
  });
  backoff = new WriteBackoff(workers, deps.log, {}, intake);
  const articleWorkers = workers.filter((w) => w.name === 'articles');
  const gate: MemoryGate | null = articleWorkers.length
    ? startMemoryGate({
        redis: deps.redis,
        prefix: deps.config.prefix,
        budgetMb: deps.config.redisMaxMb,
        workers: articleWorkers,
        intake,
        log: deps.log,
        checkEveryMs: opts.memoryCheckMs,
      })
    : null;
  const sweep = names.includes('dedup') ? startInboxSweep(deps, opts.inboxSweepMs ?? INBOX_SWEEP_MS, report) : null;
  const recheckEvery = opts.recheckSweepMs ?? RECHECK_SWEEP_MS;
  const recheck = names.includes('articles') && deps.config.recheckMs.length && recheckEvery > 0 ? startRecheckSweep(deps, recheckEvery, report) : null;
  return {
    workers,
    pool,
    memoryGate: gate,
    async close(timeoutMs = 30_000) {
      backoff?.stop();
      await gate?.stop();
      if (sweep) clearInterval(sweep);
      if (recheck) clearInterval(recheck);
      const graceful = Promise.all(workers.map((w) => w.close()));
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
      if ((await Promise.race([graceful, timer])) === 'timeout') {
        deps.log.warn({ timeoutMs }, 'in-flight jobs did not finish in time: closing workers forcibly; their jobs return to the queue when their locks expire');
        // why not `await w.close(true)`: BullMQ answers it with the graceful close already under way, which waits
        // for the same jobs; we stop waiting instead, and their locks expire (stalled → waiting, not failed)
        graceful.catch(() => {});
      }
      await pool?.close();
    },
  };
}

/** Sweep now and every `everyMs`: add a batch job when inbox entries wait and none is due. */
function startInboxSweep(deps: WorkerDeps, everyMs: number, backoff: { report(err: unknown): boolean }): NodeJS.Timeout {
  const inbox = new DedupInbox(deps.redis, deps.config.prefix);
  const sweep = () => {
    inbox
      .wake()
      .then((due) => (due ? scheduleDedupBatch(deps.queues, 0) : undefined))
      .catch((err: Error) => {
        if (!backoff.report(err)) deps.log.warn({ err: err.message }, 'dedup inbox sweep failed; next sweep in a moment');
      });
  };
  sweep();
  return setInterval(sweep, everyMs).unref();
}

/** Sweep the re-check schedule every `everyMs` (not at once: a process starting is not when re-checks fall due). */
function startRecheckSweep(deps: WorkerDeps, everyMs: number, backoff: { report(err: unknown): boolean }): NodeJS.Timeout {
  let running = false;
  return setInterval(() => {
    if (running) return;
    running = true;
    sweepRechecks(deps, deps.now().getTime())
      .catch((err: Error) => {
        if (!backoff.report(err)) deps.log.warn({ err: err.message }, 're-check sweep failed; next sweep in a moment');
      })
      .finally(() => {
        running = false;
      });
  }, everyMs).unref();
}

/**
 * A limiter for repeated log lines: returns null when `message` was logged less than a minute ago, else how many
 * times it was suppressed since. why: a worker whose Redis is unreachable sees the same error many times a second.
 */
function onceAMinute(everyMs = 60_000): (message: string) => number | null {
  const seen = new Map<string, { at: number; suppressed: number }>();
  return (message) => {
    const key = message.replace(/\d+/gu, '#');
    const now = Date.now();
    const last = seen.get(key);
    if (last && now - last.at < everyMs) {
      last.suppressed++;
      return null;
    }
    if (seen.size > 100) seen.clear();
    seen.set(key, { at: now, suppressed: 0 });
    return last?.suppressed ?? 0;
  };
}
