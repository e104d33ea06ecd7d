/** `newsflow retry | remove | promote`: act on single jobs (by id) or on all jobs of a state. */
import type { Job } from 'bullmq';
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import type { QueueName } from '../../queues/names.js';
import type { Queues } from '../../queues/queues.js';
import { parseQueue } from '../args.js';
import { makeContext, withQueues, type GlobalOptions } from '../context.js';
import { printJson, processIo, type Io } from '../output.js';

/** The stable --json shape of retry, remove and promote. */
export interface ActionResult {
  queue: QueueName;
  action: 'retry' | 'remove' | 'promote';
  /** Ids acted on (for --all: the count only, ids are not listed). */
  done: string[];
  count: number;
  /** Ids that were not found or not in a state the action applies to, with why. */
  skipped: Array<{ id: string; reason: string }>;
}

const ACTION_JSON = [
  'JSON shape (--json): { "queue": s, "action": "retry"|"remove"|"promote", "done": [id], "count": n, "skipped": [ { "id": s, "reason": s } ] }',
  'Exit code 1 when any named job was skipped.',
].join('\n');

type PerJob = (job: Job, state: string) => Promise<string | null>;

async function perJob(queues: Queues, queue: QueueName, ids: string[], act: PerJob): Promise<Pick<ActionResult, 'done' | 'skipped'>> {
  const done: string[] = [];
  const skipped: ActionResult['skipped'] = [];
  for (const id of ids) {
    const job = await queues[queue].getJob(id);
    if (!job) {
      skipped.push({ id, reason: 'no such job' });
      continue;
    }
    const why = await act(job, await job.getState());
    if (why) skipped.push({ id, reason: why });
    else done.push(id);
  }
  return { done, skipped };
}

function report(io: Io, json: boolean | undefined, r: ActionResult, verb: string): void {
  if (r.skipped.length) process.exitCode = 1;
  if (json) {
    printJson(io, r);
    return;
  }
  io.out(`${r.count} job(s) of ${r.queue} ${verb}.\n`);
  for (const s of r.skipped) io.err(`skipped ${s.id}: ${s.reason}\n`);
}

export function registerJobActions(program: Command, io: Io = processIo): void {
  program
    .command('retry')
    .description('move failed (or completed) jobs back to waiting: named ids, or every failed job with --all')
    .argument('<queue>', 'feeds | articles | dedup')
    .argument('[jobIds...]', 'job ids (see: newsflow jobs <queue> --state failed)')
    .option('--all', 'retry every failed job of the queue')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow retry articles c9ee5cac5bc2005ac563      # the dead fixture link (fails again)',
        '  $ newsflow retry articles --all',
        '  $ newsflow retry articles --all --json',
        '',
        `A running \`newsflow worker\` (or the next replay) picks retried jobs up.`,
        `${ACTION_JSON}`,
        '',
      ].join('\n'),
    )
    .action(async (queueArg: string, ids: string[], opts: { all?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const queue = parseQueue(queueArg);
      if (!opts.all && !ids.length) throw new UsageError('name the job ids to retry, or pass --all for every failed job');
      if (opts.all && ids.length) throw new UsageError('pass either job ids or --all, not both');
      const ctx = makeContext(io, global);
      const r = await withQueues(ctx, async (queues): Promise<ActionResult> => {
        if (opts.all) {
          const count = await queues[queue].getJobCountByTypes('failed');
          await queues[queue].retryJobs({ state: 'failed', count: 1000 });
          return { queue, action: 'retry', done: [], count, skipped: [] };
        }
        const res = await perJob(queues, queue, ids, async (job, state) => {
          if (state !== 'failed' && state !== 'completed') return `it is ${state}; only failed or completed jobs can be retried`;
          await job.retry(state);
          return null;
        });
        return { queue, action: 'retry', ...res, count: res.done.length };
      });
      report(io, global.json, r, 'moved back to waiting');
    });

  program
    .command('remove')
    .description('delete jobs by id (not active ones: a worker holds their lock)')
    .argument('<queue>', 'feeds | articles | dedup')
    .argument('<jobIds...>', 'job ids')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow jobs articles --state failed      # find the id',
        '  $ newsflow remove articles c9ee5cac5bc2005ac563',
        '',
        'To delete many jobs by state and age, see: newsflow clean --help',
        `${ACTION_JSON}`,
        '',
      ].join('\n'),
    )
    .action(async (queueArg: string, ids: string[], _opts: unknown, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const queue = parseQueue(queueArg);
      const ctx = makeContext(io, global);
      const r = await withQueues(ctx, async (queues): Promise<ActionResult> => {
        const res = await perJob(queues, queue, ids, async (job, state) => {
          if (state === 'active') return 'it is active (a worker holds it); wait for it to finish or fail';
          return (await queues[queue].remove(job.id!)) === 1 ? null : 'it is locked by a worker';
        });
        return { queue, action: 'remove', ...res, count: res.done.length };
      });
      report(io, global.json, r, 'removed');
    });

  program
    .command('promote')
    .description('run delayed jobs now (e.g. a retry waiting out its backoff): named ids, or all with --all')
    .argument('<queue>', 'feeds | articles | dedup')
    .argument('[jobIds...]', 'ids of delayed jobs (see: newsflow jobs <queue> --state delayed)')
    .option('--all', 'promote every delayed job of the queue')
    .addHelpText('after', `\nExamples:\n  $ newsflow promote feeds --all\n  $ newsflow promote articles --all --json\n${ACTION_JSON}\n`)
    .action(async (queueArg: string, ids: string[], opts: { all?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const queue = parseQueue(queueArg);
      if (!opts.all && !ids.length) throw new UsageError('name the delayed job ids to promote, or pass --all');
      if (opts.all && ids.length) throw new UsageError('pass either job ids or --all, not both');
      const ctx = makeContext(io, global);
      const r = await withQueues(ctx, async (queues): Promise<ActionResult> => {
        if (opts.all) {
          const count = await queues[queue].getDelayedCount();
          await queues[queue].promoteJobs({ count: 1000 });
          return { queue, action: 'promote', done: [], count, skipped: [] };
        }
        const res = await perJob(queues, queue, ids, async (job, state) => {
          if (state !== 'delayed') return `it is ${state}; only delayed jobs can be promoted`;
          await job.promote();
          return null;
        });
        return { queue, action: 'promote', ...res, count: res.done.length };
      });
      report(io, global.json, r, 'promoted to waiting');
    });
}
