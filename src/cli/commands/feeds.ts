/**
 * `newsflow feeds add|list|remove`: edit the feeds config file and keep the schedulers in step; `list` shows
 * each feed's health (last fetch, status, next run, backoff, items seen).
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { NewsflowError, UsageError } from '../../domain/errors.js';
import { loadFeedsFile, addFeedToFile, removeFeedFromFile } from '../../schedule/feeds-file.js';
import { scheduleProblem } from '../../schedule/feeds-config.js';
import { feedHealth, type FeedHealth } from '../../schedule/health.js';
import { dropFeedState } from '../../store/feed-state.js';
import { makeContext, withQueues, withRedis, type GlobalOptions } from '../context.js';
import { relTime } from '../format.js';
import { redisRefusal } from '../redis-refusal.js';
import { colors, printJson, processIo, table, truncate, type Io } from '../output.js';
import { DEFAULT_FEEDS_FILE, describeReport, syncFromFile } from './schedule.js';

const CONFIG_HELP = 'feeds config file (YAML or JSON)';

function statusCell(io: Io, f: FeedHealth): string {
  const c = colors(io);
  const code = f.httpStatus ? ` ${f.httpStatus}` : '';
  if (f.status === 'ok' || f.status === 'not-modified') return c.green(`${f.status}${code}`);
  if (f.status === 'never-polled') return c.dim('never polled');
  return c.red(`${f.status}${code} ×${f.consecutiveFailures}`);
}

function listRows(io: Io, feeds: FeedHealth[], now: number): string {
  return table(
    ['feed', 'status', 'last fetch', 'next run', 'backoff until', 'items', 'schedule', 'url'],
    feeds.map((f) => [
      f.id + (f.inConfig ? '' : ' (not in config)') + (f.scheduled ? '' : ' (unscheduled)'),
      statusCell(io, f),
      relTime(f.lastFetchAt ? Date.parse(f.lastFetchAt) : null, now),
      relTime(f.nextRunAt ? Date.parse(f.nextRunAt) : null, now),
      f.backoffUntil ? relTime(Date.parse(f.backoffUntil), now) : '—',
      f.itemsSeen,
      f.schedule ?? '—',
      truncate(f.url ?? '', 60),
    ]),
  );
}

/** Run the sync after a file edit; when it fails, the error says the edit itself was made (it stays in the file). */
async function syncAfterEdit<T>(done: string, sync: () => Promise<T>): Promise<T> {
  try {
    return await sync();
  } catch (err) {
    const why = err instanceof NewsflowError ? err : redisRefusal(err);
    if (!why) throw err;
    throw new NewsflowError(why.code, `${done}, but the schedules were not synced: ${why.message} (run \`newsflow schedule sync\` once that is fixed)`, {
      cause: err,
    });
  }
}

export function registerFeeds(program: Command, io: Io = processIo): void {
  const feeds = program
    .command('feeds')
    .description('the feeds to poll: add, list (with health), remove')
    .addHelpText(
      'after',
      '\nExamples:\n  $ newsflow feeds add https://example.com/rss.xml --every 15m\n  $ newsflow feeds list\n  $ newsflow feeds list --json\n' +
        '  $ newsflow feeds remove https://example.com/rss.xml\n',
    );

  feeds
    .command('list')
    .description("each feed's health: status, last fetch, next run, backoff, items seen")
    .option('--config <path>', CONFIG_HELP, DEFAULT_FEEDS_FILE)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow feeds list',
        '  $ newsflow feeds list --config feeds.yaml --json',
        '',
        'status: ok | not-modified (304) | error | backing-off (scheduled polls skipped until "backoff until";',
        'the feed is never dropped, the backoff grows to at most a day) | never-polled.',
        'JSON shape (--json): { "feeds": [ { "id", "url", "schedule", "tags", "status", "lastFetchAt", "lastOkAt", "httpStatus",',
        '  "lastError", "nextRunAt", "backoffUntil", "consecutiveFailures", "freshUntil", "itemsSeen", "polls", "movedTo", "inConfig",',
        '  "scheduled" } ] }',
        '',
      ].join('\n'),
    )
    .action(async (opts: { config: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = makeContext(io, global);
      // why optional: feeds scheduled by another host's config still have health worth showing
      const specs = existsSync(opts.config) ? (await loadFeedsFile(opts.config)).feeds : [];
      const health = await withQueues(ctx, (queues, redis) => feedHealth(redis, ctx.config.prefix, queues.feeds, specs));
      if (global.json) return printJson(io, { feeds: health });
      if (!health.length) return void io.out(`no feeds yet: newsflow feeds add <url> --config ${opts.config}\n`);
      io.out(listRows(io, health, Date.now()));
      const errors = health.filter((f) => f.lastError && f.status !== 'ok');
      for (const f of errors) io.out(`${f.id}: ${truncate(f.lastError ?? '', 160)}\n`);
      for (const f of health.filter((h) => h.movedTo)) io.out(`${f.id}: moved permanently to ${f.movedTo} (update its url in ${opts.config})\n`);
    });

  feeds
    .command('add')
    .description('add a feed to the config file (checked, comments kept) and schedule it')
    .argument('<url>', 'feed URL, or a site URL with --discover')
    .option('--config <path>', CONFIG_HELP, DEFAULT_FEEDS_FILE)
    .option('--id <id>', 'feed id (default: derived from the URL)')
    .option('--every <duration>', "poll interval, e.g. 15m, 1h (default: the file's defaults, else 15m)")
    .option(
      '--cron <pattern>',
      'cron pattern instead of an interval, e.g. "*/20 6-23 * * *" (5 fields; a leading seconds field only as one second: at most a poll a minute)',
    )
    .option('--tag <tag...>', 'tags')
    .option('--discover', 'treat <url> as a web page and add the feed it declares')
    .option('--no-sync', 'only edit the file')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow feeds add https://example.org/rss.xml --every 30m --tag world',
        '  $ newsflow feeds add https://example.org/ --discover',
        '',
        'The edit holds a lock on the file (<file>.lock), so several adds and removes at once never lose one; the sync',
        'that follows reads the file under its Redis lock, so it never removes a feed another process just added.',
        '',
      ].join('\n'),
    )
    .action(
      async (
        url: string,
        opts: { config: string; id?: string; every?: string; cron?: string; tag?: string[]; discover?: boolean; sync: boolean },
        cmd: Command,
      ) => {
        const global = cmd.optsWithGlobals<GlobalOptions>();
        if (opts.every && opts.cron) throw new UsageError('give --every or --cron, not both');
        // why here: checked in the file they would point at a line of the new entry the operator never wrote
        const badSchedule = scheduleProblem(opts);
        if (badSchedule) throw new UsageError(badSchedule);
        const ctx = makeContext(io, global);
        let feedUrl = url;
        if (opts.discover) {
          // why lazy: loading the fetch stack (cheerio, iconv) would slow every command's start-up; only --discover needs it
          const [{ decodeBody }, { fetchOptionsFrom, PoliteFetcher, politenessFor }, { discoverFeeds }] = await Promise.all([
            import('../../fetch/decode.js'),
            import('../../fetch/polite-fetch.js'),
            import('../../feeds/discover.js'),
          ]);
          const found = await withRedis(ctx, async (redis) => {
            const fetcher = new PoliteFetcher({ redis, prefix: ctx.config.prefix, http: fetchOptionsFrom(ctx.config), politeness: politenessFor(ctx.config) });
            return discoverFeeds(url, async (u) => {
              const r = await fetcher.get(u, { accept: 'text/html, application/rss+xml, application/atom+xml, application/feed+json;q=0.9, */*;q=0.5' });
              return { url: r.url, body: decodeBody(r.body, r.contentType) };
            });
          });
          if (!found.length) throw new UsageError(`no feed found at ${url} (no <link rel="alternate">, no feed links, none of the usual paths)`);
          feedUrl = found[0]!.url;
          io.err(
            `discovered ${found.length} feed(s); adding ${feedUrl}${
              found.length > 1
                ? ` (others: ${found
                    .slice(1)
                    .map((f) => f.url)
                    .join(', ')})`
                : ''
            }\n`,
          );
        }
        const spec = await addFeedToFile(opts.config, { url: feedUrl, id: opts.id, every: opts.every, cron: opts.cron, tags: opts.tag });
        const report = opts.sync
          ? await syncAfterEdit(`added ${spec.id} to ${opts.config}`, () => withQueues(ctx, (queues, redis) => syncFromFile(ctx, queues, redis, opts.config)))
          : null;
        if (global.json) return printJson(io, { feed: spec, sync: report });
        io.out(`added ${spec.id} (${spec.url}) to ${opts.config}${report ? `; schedules: ${describeReport(report)}` : ''}\n`);
      },
    );

  feeds
    .command('remove')
    .description('remove a feed (by id or URL) from the config file and its scheduler')
    .argument('<id-or-url>')
    .option('--config <path>', CONFIG_HELP, DEFAULT_FEEDS_FILE)
    .option('--no-sync', 'only edit the file')
    .option('--forget', "also delete the feed's health state")
    .addHelpText('after', '\nExamples:\n  $ newsflow feeds remove example-org-rss-xml-1a2b3c\n  $ newsflow feeds remove https://example.org/rss.xml --forget\n')
    .action(async (idOrUrl: string, opts: { config: string; sync: boolean; forget?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = makeContext(io, global);
      const id = await removeFeedFromFile(opts.config, idOrUrl);
      const report =
        opts.sync || opts.forget
          ? await syncAfterEdit(`removed ${id} from ${opts.config}`, () =>
              withQueues(ctx, async (queues, redis) => {
                if (opts.forget) await dropFeedState(redis, ctx.config.prefix, id);
                return opts.sync ? syncFromFile(ctx, queues, redis, opts.config) : null;
              }),
            )
          : null;
      if (global.json) return printJson(io, { removed: id, sync: report });
      io.out(`removed ${id} from ${opts.config}${report ? `; schedules: ${describeReport(report)}` : ''}\n`);
    });
}
