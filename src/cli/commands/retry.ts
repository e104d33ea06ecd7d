/** `newsflow retry <queue> [jobId...]`: move failed jobs back to waiting. */
import type { Command } from 'commander';
import { NotFoundError, UsageError } from '../../domain/errors.js';
import { QUEUE_NAMES, type QueueName } from '../../queues/names.js';
import { closeQueues, openQueues } from '../../queues/queues.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { printJson, processIo, type Io } from '../output.js';

export function registerRetry(program: Command, io: Io = processIo): void {
  program
    .command('retry')
    .description('retry failed jobs of a queue (given ids, or all with --all)')
    .argument('<queue>', QUEUE_NAMES.join(' | '))
    .argument('[jobIds...]', 'ids of failed jobs')
    .option('--all', 'retry every failed job of the queue')
    .addHelpText('after', '\nExamples:\n  $ newsflow retry articles 5c0ffee1234567890abc\n  $ newsflow retry articles --all\n')
    .action(async (queue: string, ids: string[], opts: { all?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      if (!(QUEUE_NAMES as readonly string[]).includes(queue)) throw new UsageError(`unknown queue "${queue}": use one of ${QUEUE_NAMES.join(', ')}`);
      if (!opts.all && !ids.length) throw new UsageError('name the failed job ids to retry, or pass --all');
      const ctx = makeContext(io, global);
      const retried = await withRedis(ctx, async (redis) => {
        const queues = openQueues(redis, ctx.config.prefix);
        try {
          const q = queues[queue as QueueName];
          if (opts.all) {
            const n = await q.getJobCountByTypes('failed');
            await q.retryJobs({ state: 'failed', count: 1000 });
            return n;
          }
          for (const id of ids) {
            const job = await q.getJob(id);
            if (!job) throw new NotFoundError(`no job "${id}" in queue ${queue}`);
            if (!(await job.isFailed())) throw new UsageError(`job "${id}" is not failed (state: ${await job.getState()})`);
            await job.retry('failed');
          }
          return ids.length;
        } finally {
          await closeQueues(queues);
        }
      });
      if (global.json) return printJson(io, { queue, retried });
      io.out(`${retried} job(s) of ${queue} moved back to waiting; a running \`newsflow worker\` picks them up.\n`);
    });
}
