/** `newsflow clean | pause | resume | drain`: act on whole queues. */
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { parseCount, parseDuration, parseQueue, parseQueueOrAll, parseState } from '../args.js';
import { makeContext, withQueues, type GlobalOptions } from '../context.js';
import { shortDuration } from '../format.js';
import { printJson, processIo, type Io } from '../output.js';

const CLEANABLE = ['completed', 'failed', 'waiting', 'delayed', 'prioritized'] as const;

export function registerQueueActions(program: Command, io: Io = processIo): void {
  program
    .command('clean')
    .description('delete the jobs of one state that finished (or were added) longer ago than --older-than')
    .argument('<queue>', 'feeds | articles | dedup')
    .requiredOption('--state <state>', CLEANABLE.join(' | '))
    .option('--older-than <age>', 'only jobs older than this (30s, 15m, 2h, 7d)', '0s')
    .option('--limit <n>', 'delete at most this many (0 = no limit)', '0')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow clean feeds --state completed --older-than 1h',
        '  $ newsflow clean articles --state failed --older-than 7d --json',
        '',
        'Active jobs are never cleaned. Stored articles are not touched: only queue jobs.',
        'JSON shape (--json): { "queue": s, "state": s, "olderThanMs": n, "removed": n, "ids": [s] }',
        '',
      ].join('\n'),
    )
    .action(async (queueArg: string, opts: { state: string; olderThan: string; limit: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const queue = parseQueue(queueArg);
      const state = parseState(opts.state, CLEANABLE);
      const grace = parseDuration('--older-than', opts.olderThan);
      const limit = parseCount('--limit', opts.limit, 0);
      const ctx = makeContext(io, global);
      const ids = await withQueues(ctx, (queues) => queues[queue].clean(grace, limit, state === 'waiting' ? 'wait' : state));
      if (global.json) return printJson(io, { queue, state, olderThanMs: grace, removed: ids.length, ids });
      io.out(`removed ${ids.length} ${state} job(s) older than ${shortDuration(grace)} from ${queue}\n`);
    });

  for (const pause of [true, false]) {
    const verb = pause ? 'pause' : 'resume';
    program
      .command(verb)
      .description(
        pause ? 'stop workers from taking new jobs of a queue (running jobs finish; new jobs still queue up)' : 'let workers take jobs of a paused queue again',
      )
      .argument('<queue>', 'feeds | articles | dedup | all')
      .addHelpText(
        'after',
        `\nExamples:\n  $ newsflow ${verb} articles\n  $ newsflow ${verb} all --json\n\nJSON shape (--json): { "queues": [s], "paused": bool }\n`,
      )
      .action(async (queueArg: string, _opts: unknown, cmd: Command) => {
        const global = cmd.optsWithGlobals<GlobalOptions>();
        const names = parseQueueOrAll(queueArg);
        const ctx = makeContext(io, global);
        await withQueues(ctx, async (queues) => {
          for (const n of names) await (pause ? queues[n].pause() : queues[n].resume());
        });
        if (global.json) return printJson(io, { queues: names, paused: pause });
        io.out(`${names.join(', ')}: ${pause ? 'paused (newsflow resume to undo)' : 'resumed'}\n`);
      });
  }

  program
    .command('drain')
    .description('delete every waiting job of a queue (and delayed ones with --delayed); needs --yes')
    .argument('<queue>', 'feeds | articles | dedup')
    .option('--delayed', 'delete delayed jobs (retries in backoff) too')
    .option('--yes', 'confirm: the jobs are gone for good')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow drain articles --yes',
        '  $ newsflow drain feeds --delayed --yes --json',
        '',
        'Active, completed and failed jobs stay, and so does the next poll of each feed scheduler (BullMQ keeps it; stop a',
        'feed with: newsflow feeds remove <id>). JSON shape (--json): { "queue": s, "removedWaiting": n, "removedDelayed": n }',
        '',
      ].join('\n'),
    )
    .action(async (queueArg: string, opts: { delayed?: boolean; yes?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const queue = parseQueue(queueArg);
      if (!opts.yes)
        throw new UsageError(
          `drain deletes every waiting${opts.delayed ? ' and delayed' : ''} job of ${queue}; add --yes to confirm ` +
            `(see them first: newsflow jobs ${queue} --state waiting)`,
        );
      const ctx = makeContext(io, global);
      const r = await withQueues(ctx, async (queues) => {
        const q = queues[queue];
        const before = await q.getJobCounts('waiting', 'prioritized', 'delayed');
        await q.drain(Boolean(opts.delayed));
        const after = await q.getJobCounts('waiting', 'prioritized', 'delayed');
        const gone = (s: 'waiting' | 'prioritized' | 'delayed') => Math.max(0, (before[s] ?? 0) - (after[s] ?? 0));
        return { queue, removedWaiting: gone('waiting') + gone('prioritized'), removedDelayed: gone('delayed') };
      });
      if (global.json) return printJson(io, r);
      io.out(`drained ${queue}: ${r.removedWaiting} waiting and ${r.removedDelayed} delayed job(s) removed\n`);
    });
}
