/** `newsflow replay [dir]`: serve a fixture directory on 127.0.0.1 and run it through the whole pipeline. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { ReplaySummary } from '../../replay/replay.js';
import { parseCount, parseSeconds } from '../args.js';
import { assertWritable } from '../redis-refusal.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { colors, errSink, printJson, processIo, table, truncate, type Io } from '../output.js';
import { progressBar } from '../progress.js';

export const DEFAULT_REPLAY_PORT = 4780;

const REPLAY_JSON = `JSON shape (--json): { "base": url, "feeds": n, "items": n, "pagesFetched": n, "alreadyStored": n, "storedNew": n,
  "skipped": n, "refetched": { "revised": n, "unchanged": n, "notModified": n }, "storedArticles": n,
  "topCompanies": [ { "name": s, "articles": n } ], "topPeople": [ same ],
  "failures": [ { "queue": s, "jobId": s, "url": s|null, "reason": s, "attempts": n } ], "timedOut": bool, "elapsedMs": n }`;

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
    ['re-fetched: new version stored', s.refetched.revised],
    ['re-fetched: unchanged (200 / 304)', `${s.refetched.unchanged} / ${s.refetched.notModified}`],
    ['stored articles (total)', s.storedArticles],
    ['failed jobs', s.failures.length],
  ];
  for (const [k, v] of rows) io.out(`  ${k.padEnd(36)}${v}\n`);
  const list = (xs: { name: string; articles: number }[]) => xs.map((x) => `${x.name} (${x.articles})`).join(', ') || '—';
  io.out(`\n${c.bold('Top companies')}: ${list(s.topCompanies)}\n`);
  io.out(`${c.bold('Top people')}:    ${list(s.topPeople)}\n`);
  if (s.failures.length) {
    io.out(`\n${c.red('Failures')} (inspect: newsflow job <queue> <jobId>; retry: newsflow retry <queue> <jobId>)\n`);
    io.out(
      table(
        ['queue', 'job', 'url', 'reason'],
        s.failures.map((f) => [f.queue, f.jobId, truncate(f.url ?? '', 60), truncate(f.reason, 70)]),
      ),
    );
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
    .option('--overlay <dir>', "serve this directory's files in place of dir's (later versions of pages and feeds)")
    .option('--recheck', 'fetch every stored article again now (conditional GET): changed pages become new versions')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        `  $ newsflow replay                          # the bundled fixtures (what \`npm start\` runs)`,
        '  $ newsflow replay fixtures --json',
        '  $ newsflow replay fixtures --timeout 60',
        '  $ newsflow replay fixtures --overlay fixtures/versions/v2 --recheck   # one page changed: one revision, a 304 for the rest',
        '',
        'Replaying again fetches nothing new: article ids hash the URLs, so keep the default --port to reuse them.',
        'A progress bar is drawn on stderr when it is a terminal. Re-checks that are due (NEWSFLOW_RECHECK) are',
        'fetched too, with conditional GET. Exit code 1 when the replay timed out.',
        `${REPLAY_JSON}`,
        '',
      ].join('\n'),
    )
    .action(async (dir: string, opts: { port: string; timeout: string; overlay?: string; recheck?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const port = parseCount('--port', opts.port, 0, 65535);
      const timeout = parseSeconds('--timeout', opts.timeout);
      // why 'error': failures are listed in the summary; per-job warnings would interleave with it
      const ctx = makeContext(io, global, process.env, 'error');
      const bar = progressBar('replay', errSink(io), { enabled: !global.json });
      // why lazy: the pipeline (extractors, NLP model) takes seconds to load; read-only commands never need it
      const { replay } = await import('../../replay/replay.js');
      const summary = await withRedis(ctx, async (redis) => {
        // why first: against a read-only replica the in-process workers would only log the refusal, job after job
        await assertWritable(redis, ctx.config.prefix);
        return replay(redis, ctx.config, ctx.log, {
          dir: resolve(dir),
          overlay: opts.overlay ? resolve(opts.overlay) : undefined,
          recheckAll: Boolean(opts.recheck),
          port,
          timeoutMs: timeout * 1000,
          // why feeds + pages: the page total is only known as feeds are read, so the bar can move back a little
          onProgress: (p) =>
            bar.update(p.feedsDone + p.articlesDone, p.feeds + p.articlesSeen, `feeds ${p.feedsDone}/${p.feeds} · pages ${p.articlesDone}/${p.articlesSeen}`),
        });
      }).finally(() => bar.stop());
      if (global.json) printJson(io, summary);
      else printSummary(io, dir, summary);
      if (summary.timedOut) process.exitCode = 1;
    });
}
