/** `newsflow worker`: long-running workers for the pipeline queues, with graceful shutdown. */
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { QUEUE_NAMES, type QueueName } from '../../queues/names.js';
import { closeQueues, openQueues } from '../../queues/queues.js';
import { ArticleStore } from '../../store/article-store.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { processIo, type Io } from '../output.js';

export function registerWorker(program: Command, io: Io = processIo): void {
  program
    .command('worker')
    .description('run workers for the feeds, articles and dedup queues until SIGTERM/SIGINT')
    .option('--queues <list>', 'comma-separated queues to work on', QUEUE_NAMES.join(','))
    .option('--concurrency <n>', 'parallel article jobs (default NEWSFLOW_CONCURRENCY or 4)')
    .option('--shutdown-timeout <s>', 'seconds in-flight jobs get to finish on SIGTERM', '30')
    .addHelpText('after', '\nExamples:\n  $ newsflow worker\n  $ newsflow worker --queues articles --concurrency 8\n  $ REDIS_URL=redis://127.0.0.1:6379 newsflow worker\n')
    .action(async (opts: { queues: string; concurrency?: string; shutdownTimeout: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const names = opts.queues.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = names.filter((n) => !(QUEUE_NAMES as readonly string[]).includes(n));
      if (bad.length || !names.length) throw new UsageError(`--queues takes ${QUEUE_NAMES.join(', ')}; got "${opts.queues}"`);
      const ctx = makeContext(io, global, process.env, 'info');
      if (opts.concurrency) ctx.config.articleConcurrency = Number(opts.concurrency);
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
        await running.close(Number(opts.shutdownTimeout) * 1000);
        await closeQueues(queues);
        ctx.log.info('workers stopped');
      });
    });
}
