/** `newsflow replay [dir]`: serve a fixture directory on 127.0.0.1 and run it through the whole pipeline. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import { replay, type ReplaySummary } from '../../replay/replay.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { colors, printJson, processIo, table, truncate, type Io } from '../output.js';

export const DEFAULT_REPLAY_PORT = 4780;

export function printSummary(io: Io, dir: string, s: ReplaySummary): void {
  const c = colors(io);
  io.out(`${c.bold('newsflow replay')} ${dir} ${c.dim(`(served at ${s.base}, ${(s.elapsedMs / 1000).toFixed(1)} s)`)}\n\n`);
  const rows: Array<[string, string | number]> = [
    ['feeds polled', s.feeds],
    ['feed items', s.items],
    ['pages fetched', s.pagesFetched],
    ['already stored (not fetched again)', s.alreadyStored],
    ['new records', s.storedNew],
    ['not articles (skipped)', s.skipped],
    ['stored articles (total)', s.storedArticles],
    ['failed jobs', s.failures.length],
  ];
  for (const [k, v] of rows) io.out(`  ${k.padEnd(36)}${v}\n`);
  const list = (xs: { name: string; articles: number }[]) => xs.map((x) => `${x.name} (${x.articles})`).join(', ') || '—';
  io.out(`\n${c.bold('Top companies')}: ${list(s.topCompanies)}\n`);
  io.out(`${c.bold('Top people')}:    ${list(s.topPeople)}\n`);
  if (s.failures.length) {
    io.out(`\n${c.red('Failures')} (inspect: newsflow queues; retry: newsflow retry <queue> <jobId>)\n`);
    io.out(table(['queue', 'job', 'url', 'reason'], s.failures.map((f) => [f.queue, f.jobId, truncate(f.url ?? '', 60), truncate(f.reason, 70)])));
  }
  if (s.timedOut) io.out(`\n${c.yellow('warning')}: the replay timed out with jobs still pending (see newsflow queues)\n`);
}

export function registerReplay(program: Command, io: Io = processIo): void {
  program
    .command('replay')
    .description('serve a fixture directory over HTTP on 127.0.0.1 and run it through feeds → articles → store → dedup')
    .argument('[dir]', 'directory with feeds/ and pages/', 'fixtures')
    .option('--port <n>', 'fixture server port (fixed, so replays reuse article ids)', String(DEFAULT_REPLAY_PORT))
    .option('--timeout <s>', 'give up waiting after this many seconds', '300')
    .addHelpText('after', '\nExamples:\n  $ newsflow replay                 # the bundled fixtures\n  $ newsflow replay fixtures --json\n  $ newsflow replay ./my-fixtures --port 4800\n')
    .action(async (dir: string, opts: { port: string; timeout: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const port = Number(opts.port);
      const timeout = Number(opts.timeout);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got "${opts.port}"`);
      if (!(timeout > 0)) throw new UsageError(`--timeout must be a positive number of seconds, got "${opts.timeout}"`);
      // why 'error': failures are listed in the summary; per-job warnings would interleave with it
      const ctx = makeContext(io, global, process.env, 'error');
      const showProgress = !global.json && Boolean(process.stderr.isTTY);
      const summary = await withRedis(ctx, (redis) =>
        replay(redis, ctx.config, ctx.log, {
          dir: resolve(dir),
          port,
          timeoutMs: timeout * 1000,
          onProgress: showProgress
            ? (p) => process.stderr.write(`\r  feeds ${p.feedsDone}/${p.feeds} · pages ${p.articlesDone}/${p.articlesSeen}   `)
            : undefined,
        }),
      );
      if (showProgress) process.stderr.write('\r\x1b[K');
      if (global.json) printJson(io, summary);
      else printSummary(io, dir, summary);
      if (summary.timedOut) process.exitCode = 1;
    });
}
