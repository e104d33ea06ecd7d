/**
 * The `newsflow` command line. Exit codes: 0 ok, 1 failure, 2 usage.
 */
import { Command, CommanderError } from 'commander';
import { NewsflowError, UsageError } from '../domain/errors.js';
import { registerDoctor } from './commands/doctor.js';
import { registerArchive } from './commands/archive.js';
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
import { redisRefusal } from './redis-refusal.js';

const MAIN_EXAMPLES = `
Examples (after \`npm start\`, which replays the bundled fixtures):
  $ newsflow queues                        # counts, throughput, workers
  $ newsflow jobs articles --state failed  # what failed, and why
  $ newsflow results --company Oracle
  $ newsflow show 0da85b9949               # an article, its entities and its story
  $ newsflow dupes
  $ newsflow export --out articles.csv
  $ newsflow watch                         # live view, Ctrl-C to quit
  $ newsflow doctor --dry-run              # stored records that cannot be read back
  $ newsflow feeds add https://example.com/rss.xml --every 15m
  $ newsflow worker                        # long-running workers

Every read command takes --json (shapes in its --help). Exit codes: 0 ok, 1 failure, 2 usage.
Redis: --redis-url or REDIS_URL, else a private redis-server over .newsflow/ (started on demand, shared by every
newsflow process using that directory, stopped when the last one exits).
Full reference: docs/cli.md
`;

/** The commander program with every command registered (output goes to `io`). */
export function buildProgram(io: Io = processIo): Command {
  const program = new Command('newsflow')
    .description('news ingestion and entity extraction: feeds → articles → entities, dates, quotes → Redis store → dedup')
    .version('0.1.0')
    .option('--redis-url <url>', 'Redis to use (default: REDIS_URL, else a private redis-server over .newsflow/)')
    .option('--json', "machine-readable output (stable shapes, documented in each command's --help)")
    // why: --json and --redis-url belong to the program but are used with every command; list them in each --help
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(add --help for usage and examples)')
    .exitOverride()
    .addHelpText('after', MAIN_EXAMPLES);
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
  registerDoctor(program, io);
  registerArchive(program, io);
  return program;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  // why: commands report a soft failure through process.exitCode; isolate it so in-process runs (tests) do not leak it
  const outer = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    const code = process.exitCode as number | string | undefined;
    return typeof code === 'number' ? code : 0;
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
    const refusal = redisRefusal(err);
    if (refusal) {
      io.err(`newsflow: ${refusal.message}\n`);
      return 1;
    }
    io.err(`newsflow: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  } finally {
    process.exitCode = outer;
  }
}
