/** `newsflow worker`: long-running workers for the pipeline queues, with graceful shutdown. */
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { QUEUE_NAMES, type QueueName } from '../../queues/names.js';
import { closeQueues, openQueues } from '../../queues/queues.js';
import { ArticleStore } from '../../store/article-store.js';
import { parseCount, parseSeconds } from '../args.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { processIo, type Io } from '../output.js';

/** The same bound as NEWSFLOW_CONCURRENCY (src/config.ts). */
const MAX_CONCURRENCY = 256;

export function registerWorker(program: Command, io: Io = processIo): void {
  program
    .command('worker')
    .description('run workers for the feeds, articles and dedup queues until SIGTERM/SIGINT')
    .option('--queues <list>', 'comma-separated queues to work on', QUEUE_NAMES.join(','))
    .option('--concurrency <n>', `parallel article jobs, an integer from 1 to ${MAX_CONCURRENCY} (default NEWSFLOW_CONCURRENCY or 4)`)
    .option('--shutdown-timeout <s>', 'seconds in-flight jobs get to finish on SIGTERM (more than 0, at most 3600)', '30')
    .addHelpText('after', '\nExamples:\n  $ newsflow worker\n  $ newsflow worker --queues articles --concurrency 8\n  $ REDIS_URL=redis://127.0.0.1:6379 newsflow worker\n')
    .action(async (opts: { queues: string; concurrency?: string; shutdownTimeout: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const names = opts.queues.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = names.filter((n) => !(QUEUE_NAMES as readonly string[]).includes(n));
      if (bad.length || !names.length) throw new UsageError(`--queues takes ${QUEUE_NAMES.join(', ')}; got "${opts.queues}"`);
      // why before anything starts: a bad number is a usage error (exit 2), not a worker that dies after connecting
      const concurrency = opts.concurrency === undefined ? undefined : parseCount('--concurrency', opts.concurrency, 1, MAX_CONCURRENCY);
      const shutdownMs = parseSeconds('--shutdown-timeout', opts.shutdownTimeout, 3600) * 1000;
      const ctx = makeContext(io, global, process.env, 'info');
      if (concurrency !== undefined) ctx.config.articleConcurrency = concurrency;
      // why lazy: the pipeline (extractors, NLP model) takes seconds to load; read-only commands never need it
      const { startWorkers } = await import('../../workers/run-workers.js');
      await withRedis(ctx, async (redis, handle) => {
        const queues = openQueues(redis, ctx.config.prefix, { retryBaseMs: ctx.config.retryBaseMs });
        const store = new ArticleStore(redis, ctx.config.prefix);
        const running = startWorkers({ redis, config: ctx.config, queues, store, log: ctx.log, now: () => new Date() }, { queues: names as QueueName[] });
        ctx.log.info({ queues: names, redis: handle.ownsServer ? 'embedded' : 'external' }, 'workers started');
        await new Promise<void>((resolve) => {
          const stop = (signal: string) => {
            ctx.log.info({ signal }, 'shutting down: finishing in-flight jobs');
            resolve();
          };
          process.once('SIGTERM', () => stop('SIGTERM'));
          process.once('SIGINT', () => stop('SIGINT'));
        });
        await running.close(shutdownMs);
        await closeQueues(queues);
        ctx.log.info('workers stopped');
      });
    });
}
