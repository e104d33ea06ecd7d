/** `newsflow worker`: long-running workers for the pipeline queues, with graceful shutdown. */
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { MAINTENANCE_QUEUE, WORKER_QUEUE_NAMES, type QueueName } from '../../queues/names.js';
import { closeQueues, openQueues } from '../../queues/queues.js';
import { ArticleStore } from '../../store/article-store.js';
import type { Logger } from '../../log.js';
import { watchConnection } from '../../store/connection-watch.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { processIo, type Io } from '../output.js';

export function registerWorker(program: Command, io: Io = processIo): void {
  program
    .command('worker')
    .description('run workers for the feeds, articles, dedup and maintenance queues until SIGTERM/SIGINT')
    .option('--queues <list>', 'comma-separated queues to work on (maintenance: the daily archive run)', WORKER_QUEUE_NAMES.join(','))
    .option('--concurrency <n>', 'parallel article jobs (default NEWSFLOW_CONCURRENCY or 4)')
    .option('--shutdown-timeout <s>', 'seconds in-flight jobs get to finish on SIGTERM', '30')
    .addHelpText('after', '\nExamples:\n  $ newsflow worker\n  $ newsflow worker --queues articles --concurrency 8\n  $ REDIS_URL=redis://127.0.0.1:6379 newsflow worker\n')
    .action(async (opts: { queues: string; concurrency?: string; shutdownTimeout: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const names = opts.queues.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = names.filter((n) => !(WORKER_QUEUE_NAMES as readonly string[]).includes(n));
      if (bad.length || !names.length) throw new UsageError(`--queues takes ${WORKER_QUEUE_NAMES.join(', ')}; got "${opts.queues}"`);
      const ctx = makeContext(io, global, process.env, 'info');
      if (opts.concurrency) ctx.config.articleConcurrency = Number(opts.concurrency);
      // why lazy: the pipeline (extractors, NLP model) takes seconds to load; read-only commands never need it
      const { startWorkers } = await import('../../workers/run-workers.js');
      const { startMaintenance } = await import('../../workers/maintenance-worker.js');
      await withRedis(ctx, async (redis, handle) => {
        const queues = openQueues(redis, ctx.config.prefix, { retryBaseMs: ctx.config.retryBaseMs });
        const store = new ArticleStore(redis, ctx.config.prefix);
        const pipeline = names.filter((n) => n !== MAINTENANCE_QUEUE) as QueueName[];
        const running = startWorkers({ redis, config: ctx.config, queues, store, log: ctx.log, now: () => new Date() }, { queues: pipeline });
        const maintenance = names.includes(MAINTENANCE_QUEUE) ? startMaintenance({ redis, config: ctx.config, log: ctx.log }) : null;
        ctx.log.info({ queues: names, redis: handle.embedded ? 'embedded' : 'external' }, 'workers started');
        const shutdownMs = Number(opts.shutdownTimeout) * 1000;
        const reason = await new Promise<{ signal: NodeJS.Signals } | { lost: string }>((resolve) => {
          const unwatch = watchConnection({
            redis,
            url: handle.url,
            embeddedDir: handle.embedded ? ctx.config.dataDir : null,
            warn: (m) => ctx.log.warn(m),
            info: (m) => ctx.log.info(m),
            onLost: (lost) => {
              unwatch();
              resolve({ lost });
            },
          });
          onShutdownSignal(shutdownMs, ctx.log, (signal) => {
            unwatch();
            resolve({ signal });
          });
        });
        if ('lost' in reason) {
          ctx.log.error(reason.lost);
          process.exitCode = 1;
        } else ctx.log.info({ signal: reason.signal }, 'shutting down: finishing in-flight jobs');
        // why shorter when Redis is lost: in-flight jobs cannot be saved, and they return to the queue anyway
        const closeMs = 'lost' in reason ? Math.min(shutdownMs, 5000) : shutdownMs;
        await Promise.all([running.close(closeMs), maintenance && bounded(maintenance.close(), closeMs)]);
        await bounded(closeQueues(queues), 5000);
        ctx.log.info('workers stopped');
      });
    });
}

/**
 * SIGTERM and SIGINT alike: the first starts the graceful shutdown, a second ends the process at once, and a
 * shutdown still running after its deadline (plus a margin for closing connections) ends it too, Redis or not.
 */
function onShutdownSignal(shutdownMs: number, log: Logger, start: (signal: NodeJS.Signals) => void): void {
  let first: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    if (first) {
      log.warn({ signal }, 'second signal: exiting now; in-flight jobs return to the queue when their locks expire');
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    first = signal;
    setTimeout(() => {
      log.error({ deadlineMs: shutdownMs + 10_000 }, 'shutdown did not finish by its deadline: exiting; in-flight jobs return to the queue when their locks expire');
      process.exit(1);
    }, shutdownMs + 10_000).unref();
    start(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Wait for `p`, but no longer than `ms` (closing a connection to a Redis that is gone may never settle). */
async function bounded(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => {}), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
