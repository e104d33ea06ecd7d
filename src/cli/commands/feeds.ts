/**
 * `newsflow feeds add|list|remove|discover`: edit the feeds config file and keep the schedulers in step; `list`
 * shows each source's type and health (last fetch, status, next run, backoff, items seen); `discover` finds a
 * site's feeds and sitemaps. A source is a feed or a sitemap (index, urlset, Google News sitemap).
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

type SourceTypeOption = 'feed' | 'sitemap';

function parseType(v: string | undefined): SourceTypeOption | undefined {
  if (v === undefined || v === 'feed' || v === 'sitemap') return v;
  throw new UsageError(`--type is feed or sitemap, got "${v}"`);
}

/** A fetch for discovery: polite (per-host spacing in Redis), gzip inflated by magic bytes, decoded. */
async function discoveryFetcher(ctx: ReturnType<typeof makeContext>, redis: import('ioredis').Redis) {
  // why lazy: loading the fetch stack (cheerio, iconv) would slow every command's start-up; only fetching commands need it
  const [{ decodeBody }, { fetchOptionsFrom, PoliteFetcher, politenessFor }, { gunzipIfGzip }] = await Promise.all([
    import('../../fetch/decode.js'),
    import('../../fetch/polite-fetch.js'),
    import('../../feeds/sitemap.js'),
  ]);
  const fetcher = new PoliteFetcher({ redis, prefix: ctx.config.prefix, http: fetchOptionsFrom(ctx.config), politeness: politenessFor(ctx.config) });
  return async (u: string) => {
    const r = await fetcher.get(u, { accept: 'text/html, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5' });
    return { url: r.url, body: decodeBody(gunzipIfGzip(r.body, r.url), r.contentType) };
  };
}

/**
 * One GET of the URL `feeds add` was given, to say what it is (what the worker will see). Best effort: a failure
 * is reported and the feed added anyway (the worker tells the type at every poll).
 */
async function recognizeUrl(
  ctx: ReturnType<typeof makeContext>,
  url: string,
): Promise<{ type: SourceTypeOption; format: string | null } | { error: string } | null> {
  const [{ decodeBody }, { httpGet }, { fetchOptionsFrom }, { gunzipIfGzip }, { recognizeSource }] = await Promise.all([
    import('../../fetch/decode.js'),
    import('../../fetch/http.js'),
    import('../../fetch/polite-fetch.js'),
    import('../../feeds/sitemap.js'),
    import('../../feeds/recognize.js'),
  ]);
  try {
    // why httpGet and not the polite fetcher: one request a person asked for, and no Redis needed to add a feed
    const r = await httpGet(url, { ...fetchOptionsFrom(ctx.config), timeoutMs: Math.min(ctx.config.fetchTimeoutMs, 10_000) });
    return await recognizeSource(decodeBody(gunzipIfGzip(r.body, r.url), r.contentType), r.url);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function statusCell(io: Io, f: FeedHealth): string {
  const c = colors(io);
  const code = f.httpStatus ? ` ${f.httpStatus}` : '';
  if (f.status === 'ok' || f.status === 'not-modified') return c.green(`${f.status}${code}`);
  if (f.status === 'never-polled') return c.dim('never polled');
  return c.red(`${f.status}${code} ×${f.consecutiveFailures}`);
}

function listRows(io: Io, feeds: FeedHealth[], now: number): string {
  return table(
    ['feed', 'type', 'status', 'last fetch', 'next run', 'backoff until', 'items', 'schedule', 'url'],
    feeds.map((f) => [
      f.id + (f.inConfig ? '' : ' (not in config)') + (f.scheduled ? '' : ' (unscheduled)'),
      f.format ?? f.type ?? '—',
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
    .description('the sources to poll (feeds and sitemaps): add, list (with type and health), discover, remove')
    .addHelpText(
      'after',
      '\nExamples:\n  $ newsflow feeds add https://example.com/rss.xml --every 15m\n  $ newsflow feeds add https://example.com/news-sitemap.xml\n' +
        '  $ newsflow feeds discover https://example.com/\n  $ newsflow feeds list\n  $ newsflow feeds list --json\n' +
        '  $ newsflow feeds remove https://example.com/rss.xml\n',
    );

  feeds
    .command('list')
    .description("each source's type and health: status, last fetch, next run, backoff, items seen")
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
        'type: the format of the last answer (rss-2.0, atom, json-feed, sitemap-index, urlset, news-sitemap), else the declared type.',
        'JSON shape (--json): { "feeds": [ { "id", "url", "schedule", "tags", "type" (feed | sitemap | null), "format", "status",',
        '  "lastFetchAt", "lastOkAt", "httpStatus", "lastError", "lastWarning", "nextRunAt", "backoffUntil", "consecutiveFailures",',
        '  "freshUntil", "itemsSeen", "polls", "movedTo", "inConfig", "scheduled" } ] }',
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
      // why: a sitemap poll that succeeded may still have left children or entries out; say which
      for (const f of health.filter((h) => h.lastWarning && h.status !== 'error' && h.status !== 'backing-off')) {
        io.out(`${f.id}: warning: ${truncate(f.lastWarning ?? '', 150)}\n`);
      }
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
    .option('--type <type>', 'declare the source type: feed or sitemap (default: told from the content at each poll)')
    .option('--discover', 'treat <url> as a web page and add the first source it has (a feed, else a sitemap)')
    .option('--no-check', 'do not fetch <url> once to say what it is')
    .option('--no-sync', 'only edit the file')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ newsflow feeds add https://example.org/rss.xml --every 30m --tag world',
        '  $ newsflow feeds add https://example.org/news-sitemap.xml',
        '  $ newsflow feeds add https://example.org/sitemap_index.xml --type sitemap --every 1h',
        '  $ newsflow feeds add https://example.org/ --discover',
        '',
        '<url> is fetched once to say what it is (rss-2.0, atom, json-feed, sitemap-index, urlset, news-sitemap); a failure',
        'only says so. The edit holds a lock on the file (<file>.lock), so several adds and removes at once never lose one; the sync',
        'that follows reads the file under its Redis lock, so it never removes a feed another process just added.',
        'JSON shape (--json): { "feed": { "id", "url", "everyMs", "cron", "tz", "tags", "type" }, "recognized": { "type", "format" } | null,',
        '  "checkError": string | null, "sync": { "added", "updated", "unchanged", "removed", "failed" } | null }',
        '',
      ].join('\n'),
    )
    .action(
      async (
        url: string,
        opts: { config: string; id?: string; every?: string; cron?: string; tag?: string[]; type?: string; discover?: boolean; check: boolean; sync: boolean },
        cmd: Command,
      ) => {
        const global = cmd.optsWithGlobals<GlobalOptions>();
        const type = parseType(opts.type);
        if (opts.every && opts.cron) throw new UsageError('give --every or --cron, not both');
        // why here: checked in the file they would point at a line of the new entry the operator never wrote
        const badSchedule = scheduleProblem(opts);
        if (badSchedule) throw new UsageError(badSchedule);
        const ctx = makeContext(io, global);
        let feedUrl = url;
        let recognized: { type: SourceTypeOption; format: string | null } | null = null;
        let checkError: string | null = null;
        if (opts.discover) {
          const { discoverSources } = await import('../../feeds/discover.js');
          const found = await withRedis(ctx, async (redis) => discoverSources(url, await discoveryFetcher(ctx, redis)));
          if (!found.length)
            throw new UsageError(
              `no feed or sitemap found at ${url} (no <link rel="alternate">, no feed links, no Sitemap: in robots.txt, none of the usual paths)`,
            );
          feedUrl = found[0]!.url;
          recognized = found[0]!.format ? { type: found[0]!.type, format: found[0]!.format } : null;
          io.err(
            `discovered ${found.length} source(s); adding ${feedUrl}${
              found.length > 1
                ? ` (others: ${found
                    .slice(1)
                    .map((f) => f.url)
                    .join(', ')})`
                : ''
            }\n`,
          );
        } else if (opts.check && !type) {
          const r = await recognizeUrl(ctx, url);
          if (r && 'error' in r) checkError = r.error;
          else recognized = r;
          if (checkError) io.err(`type not checked (${checkError}); the worker tells it at each poll\n`);
          else if (!recognized) io.err(`warning: ${url} is neither a feed nor a sitemap (a web page?): try \`newsflow feeds discover ${url}\`\n`);
        }
        const spec = await addFeedToFile(opts.config, { url: feedUrl, id: opts.id, every: opts.every, cron: opts.cron, tags: opts.tag, type });
        const report = opts.sync
          ? await syncAfterEdit(`added ${spec.id} to ${opts.config}`, () => withQueues(ctx, (queues, redis) => syncFromFile(ctx, queues, redis, opts.config)))
          : null;
        if (global.json) return printJson(io, { feed: spec, recognized, checkError, sync: report });
        const what = recognized ? ` (${recognized.format ?? recognized.type})` : type ? ` (${type})` : '';
        io.out(`added ${spec.id}${what} (${spec.url}) to ${opts.config}${report ? `; schedules: ${describeReport(report)}` : ''}\n`);
      },
    );

  feeds
    .command('discover')
    .description("find a site's feeds and sitemaps: <link rel=alternate>, robots.txt Sitemap: lines, the usual paths")
    .argument('<site>', 'a site or page URL (a feed or sitemap URL is reported as itself)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ newsflow feeds discover https://example.org/\n  $ newsflow feeds discover https://example.org/ --json\n\n' +
        'Fetches politely (per-host spacing): the page, robots.txt, and the usual feed paths when the page declares no\nfeed, the usual sitemap paths ' +
        '(/sitemap.xml, /sitemap_index.xml, /news-sitemap.xml, /sitemap-news.xml, …) when\n' +
        'robots.txt declares no sitemap. Add one with `newsflow feeds add <url>`.\n' +
        'found: link-alternate | anchor | common-path | self | robots.txt.\n' +
        'JSON shape (--json): { "site": string, "sources": [ { "type": "feed" | "sitemap", "url", "found", "format": string | null,\n' +
        '  "title": string | null } ] }\n',
    )
    .action(async (site: string, _opts: unknown, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = makeContext(io, global);
      const { discoverSources } = await import('../../feeds/discover.js');
      const sources = await withRedis(ctx, async (redis) => discoverSources(site, await discoveryFetcher(ctx, redis)));
      if (global.json) return printJson(io, { site, sources });
      if (!sources.length) return void io.out(`no feed or sitemap found at ${site}\n`);
      io.out(
        table(
          ['type', 'format', 'found', 'url', 'title'],
          sources.map((s) => [s.type, s.format ?? '—', s.found, s.url, truncate(s.title ?? '', 40)]),
        ),
      );
    });

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
