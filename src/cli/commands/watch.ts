/** `newsflow watch`: a live view of the queues (counts, rates, workers), redrawn until Ctrl-C. */
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { parseCount, parseDuration } from '../args.js';
import { makeContext, withQueues, type GlobalOptions } from '../context.js';
import { colors, processIo, type Io } from '../output.js';
import { overviewTable, queueOverview, ratesTable, recentRates, workersText } from '../queue-overview.js';

const RATE_WINDOW_MS = 10_000;

/** Resolves on the first SIGINT/SIGTERM (or `stop()`), leaving no handlers behind. */
function untilInterrupted(): { stopped: Promise<void>; stop: () => void } {
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    stop = done;
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  return { stopped, stop };
}

export function registerWatch(program: Command, io: Io = processIo): void {
  program
    .command('watch')
    .description('live view of queue counts, rates and workers, refreshed every second until Ctrl-C')
    .option('--interval <t>', 'refresh period (1s, 500ms, 5s)', '1s')
    .option('--once', 'draw one frame and exit (scripts, tests)')
    .option('--count <n>', 'exit after this many frames')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow watch',
        '  $ newsflow watch --interval 5s',
        '  $ newsflow watch --once --json',
        '',
        'On a terminal the screen is redrawn in place; otherwise frames follow each other.',
        'JSON (--json): one line per frame (NDJSON): { "at": iso, "queues": <the newsflow queues --json shape>,',
        '  "rates": { "<queue>": { "completedPerSecond": n, "failedPerSecond": n, "pending": n, "etaSeconds": n|null } } }',
        `  (rates over the last ${RATE_WINDOW_MS / 1000} s, from job finish times)`,
        '',
      ].join('\n'),
    )
    .action(async (opts: { interval: string; once?: boolean; count?: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const every = Math.max(100, parseDuration('--interval', opts.interval));
      // why a bound: the value becomes a timer, and timers past 2^31-1 ms fire at once
      if (every > 86_400_000) throw new UsageError(`--interval takes a duration up to 1d, got "${opts.interval}"`);
      const frames = opts.once ? 1 : opts.count !== undefined ? parseCount('--count', opts.count) : Infinity;
      const ctx = makeContext(io, global);
      const c = colors(io);
      const live = io.isTTY && !global.json && frames > 1;
      const { stopped, stop } = untilInterrupted();
      let interrupted = false;
      void stopped.then(() => {
        interrupted = true;
      });
      // why: a blinking cursor jumping around the redrawn frame is noise; it is shown again on exit
      if (live) io.out('\x1b[?25l');
      try {
        await withQueues(ctx, async (queues, redis) => {
          for (let i = 0; i < frames && !interrupted; i++) {
            const now = Date.now();
            const overview = await queueOverview(queues, redis, ctx.config.prefix, now);
            const rates = await recentRates(queues, redis, overview, RATE_WINDOW_MS, now);
            if (global.json) io.out(`${JSON.stringify({ at: new Date(now).toISOString(), queues: overview, rates })}\n`);
            else {
              const every = frames > 1 ? `every ${opts.interval} · Ctrl-C to quit` : '';
              const head = `${c.bold('newsflow watch')}  ${new Date(now).toISOString().slice(0, 19)}Z  ${c.dim(every)}\n\n`;
              const frame = `${head}${overviewTable(overview)}\n${ratesTable(rates, RATE_WINDOW_MS)}\n${workersText(overview)}`;
              io.out(live ? `\x1b[H\x1b[2J${frame}` : `${frame}${i + 1 < frames ? '\n' : ''}`);
            }
            if (i + 1 < frames) await Promise.race([new Promise((r) => setTimeout(r, every)), stopped]);
          }
        });
      } finally {
        stop();
        if (live) io.out('\x1b[?25h');
      }
    });
}
