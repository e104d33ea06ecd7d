/**
 * The `newsflow` command line. Exit codes: 0 ok, 1 failure, 2 usage.
 */
import { Command, CommanderError } from 'commander';
import { NewsflowError, UsageError } from '../domain/errors.js';
import { registerDupes } from './commands/dupes.js';
import { registerFeeds } from './commands/feeds.js';
import { registerExport } from './commands/export.js';
import { registerJobActions } from './commands/job-actions.js';
import { registerJobs } from './commands/jobs.js';
import { registerQueueActions } from './commands/queue-actions.js';
import { registerQueues } from './commands/queues.js';
import { registerReplay } from './commands/replay.js';
import { registerResults } from './commands/results.js';
import { registerSchedule } from './commands/schedule.js';
import { registerSchedules } from './commands/schedules.js';
import { registerShow } from './commands/show.js';
import { registerWatch } from './commands/watch.js';
import { registerWorker } from './commands/worker.js';
import { processIo, type Io } from './output.js';

export function buildProgram(io: Io = processIo): Command {
  const program = new Command('newsflow')
    .description('news ingestion and entity extraction: feeds → articles → entities, dates, quotes → Redis store → dedup')
    .version('0.1.0')
    .option('--redis-url <url>', 'Redis to use (default: REDIS_URL, else a private redis-server over .newsflow/)')
    .option('--json', 'machine-readable output (stable shapes, documented in each command\'s --help)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(add --help for usage and examples)')
    .exitOverride()
    .addHelpText('after', '\nExamples:\n  $ newsflow replay            # run the bundled fixtures through the pipeline\n  $ newsflow queues\n  $ newsflow results --company Oracle\n  $ newsflow show <id>\n  $ newsflow worker            # long-running workers\n');
  registerReplay(program, io);
  registerWorker(program, io);
  registerQueues(program, io);
  registerWatch(program, io);
  registerJobs(program, io);
  registerJobActions(program, io);
  registerQueueActions(program, io);
  registerSchedules(program, io);
  registerFeeds(program, io);
  registerSchedule(program, io);
  registerResults(program, io);
  registerShow(program, io);
  registerDupes(program, io);
  registerExport(program, io);
  return program;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      io.err(`newsflow: ${err.message}\n(add --help for usage and examples)\n`);
      return 2;
    }
    if (err instanceof NewsflowError) {
      io.err(`newsflow: ${err.message}\n`);
      return 1;
    }
    io.err(`newsflow: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
