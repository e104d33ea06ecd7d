/** `newsflow queues`: job counts per state for each pipeline queue. */
import type { Command } from 'commander';
import { QUEUE_NAMES } from '../../queues/names.js';
import { closeQueues, openQueues } from '../../queues/queues.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { printJson, processIo, table, type Io } from '../output.js';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

export function registerQueues(program: Command, io: Io = processIo): void {
  program
    .command('queues')
    .description('job counts per state for the feeds, articles and dedup queues')
    .addHelpText('after', '\nExamples:\n  $ newsflow queues\n  $ newsflow queues --json\n\nJSON shape: { "<queue>": { "waiting": n, "active": n, "delayed": n, "prioritized": n, "completed": n, "failed": n, "paused": bool } }\n')
    .action(async (_opts: unknown, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = makeContext(io, global);
      const counts = await withRedis(ctx, async (redis) => {
        const queues = openQueues(redis, ctx.config.prefix);
        try {
          const out: Record<string, Record<string, number | boolean>> = {};
          for (const name of QUEUE_NAMES) {
            out[name] = { ...(await queues[name].getJobCounts(...JOB_STATES)), paused: await queues[name].isPaused() };
          }
          return out;
        } finally {
          await closeQueues(queues);
        }
      });
      if (global.json) return printJson(io, counts);
      io.out(
        table(
          ['queue', ...JOB_STATES, 'paused'],
          QUEUE_NAMES.map((q) => [q, ...JOB_STATES.map((s) => Number(counts[q]?.[s] ?? 0)), counts[q]?.paused ? 'yes' : 'no']),
        ),
      );
    });
}
