/** `newsflow results`: stored articles, newest first, filtered by company, person, org, feed, dates or text. */
import type { Command } from 'commander';
import type { CorruptRecordError } from '../../domain/errors.js';
import type { Redis } from 'ioredis';
import type { ArticleRecord, ArticleRevision } from '../../domain/types.js';
import { ArticleStore } from '../../store/article-store.js';
import { parseCount, parseDate } from '../args.js';
import { corruptWarning, queryArticles, queryWithArchive, similarNames, type ArticleFilter } from '../article-query.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { printJson, processIo, table, truncate, type Io } from '../output.js';

/** The stable --json shape of one result line. */
export function resultSummary(r: ArticleRecord) {
  return {
    id: r.id,
    title: r.article.title,
    url: r.url,
    siteName: r.article.siteName,
    publishedAt: r.article.publishedAt,
    feedId: r.feedId,
    storyId: r.storyId,
    companies: r.entities.organizations.filter((o) => o.kind === 'company').map((o) => o.name),
    people: r.entities.people.map((p) => p.name),
  };
}

const RESULTS_JSON = `JSON shape (--json): { "total": n (records stored), "matched": n (records matching the filters),
  "fromArchive": n (with --include-archive: how many of the matches are archived records),
  "results": [ { "id": s, "title": s|null, "url": s, "siteName": s|null, "publishedAt": s|null, "feedId": s|null,
                 "storyId": s|null, "companies": [s], "people": [s],
                 with --revised also: "versions": n (earlier ones + the current), "revisedAt": s|null (when the current
                 version replaced the one before), "firstTitle": s|null (the title first stored) } ] }`;

export const FILTER_HELP = `Filters combine (AND). Names match case-insensitively as whole names ("oracle", not "orac");
--since/--until take ISO dates (2020-09-01 or 2020-09-01T12:00Z) and bound the publication time.`;

/** Declare the shared filter options on a command. */
export function filterOptions(cmd: Command): Command {
  return cmd
    .option('--company <name>', 'only articles naming this company')
    .option('--org <name>', 'only articles naming this organization (companies included)')
    .option('--person <name>', 'only articles naming this person')
    .option('--feed <id>', 'only articles listed by this feed')
    .option('--since <date>', 'published on or after this date')
    .option('--until <date>', 'published before this date')
    .option('--text <words>', 'title or body contains these words')
    .option('--revised', 'only articles that changed after they were first stored (kept earlier versions)');
}

/** The filter from parsed options (dates validated). */
export function filterFrom(opts: Record<string, string | undefined>): ArticleFilter {
  return {
    company: opts.company,
    org: opts.org,
    person: opts.person,
    feedId: opts.feed,
    since: parseDate('--since', opts.since),
    until: parseDate('--until', opts.until),
    text: opts.text,
    revised: Boolean(opts.revised),
  };
}

/** For --revised rows: how many versions, when the current one came, the title first stored (one round trip each). */
async function revisionSummaries(redis: Redis, store: ArticleStore, rows: readonly ArticleRecord[]) {
  const ids = rows.map((r) => r.id);
  const scores = ids.length ? await redis.zmscore(store.keys.byRevised, ...ids) : [];
  const live = await store.revisionsOf(ids, { onCorrupt: () => {} });
  return rows.map((r, i) => {
    // why the fallback: an archived record carries its versions in its own line
    const earlier = live[i]!.length ? live[i]! : ((r as ArticleRecord & { revisions?: ArticleRevision[] }).revisions ?? []);
    const at = scores[i];
    return { versions: earlier.length + 1, revisedAt: at ? new Date(Number(at)).toISOString() : null, firstTitle: earlier[0]?.title ?? r.article.title };
  });
}

export function registerResults(program: Command, io: Io = processIo): void {
  filterOptions(program.command('results').description('list stored articles, newest first'))
    .option('--limit <n>', 'at most this many', '20')
    .option('--offset <n>', 'skip this many', '0')
    .option('--include-archive', 'search the archive too (NEWSFLOW_ARCHIVE_DIR; reads every day file: slower)')
    .addHelpText(
      'after',
      [
        '',
        `${FILTER_HELP}`,
        '',
        'Examples:',
        '  $ newsflow results',
        '  $ newsflow results --company Oracle --since 2020-09-01',
        '  $ newsflow results --person "Donald Trump" --json',
        '  $ newsflow results --feed daily-ledger --text tiktok',
        '  $ newsflow results --include-archive --person "Ann Lee" --until 2020-01-01',
        '  $ newsflow results --revised          # articles that changed since first stored (diffs: newsflow show <id> --revisions)',
        '',
        `${RESULTS_JSON}`,
        '',
      ].join('\n'),
    )
    .action(async (opts: Record<string, string | undefined>, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const limit = parseCount('--limit', opts.limit ?? '20');
      const offset = parseCount('--offset', opts.offset ?? '0', 0);
      const filter = filterFrom(opts);
      const ctx = makeContext(io, global);
      const { rows, matched, total, hints, fromArchive, revised } = await withRedis(ctx, async (redis) => {
        const store = new ArticleStore(redis, ctx.config.prefix);
        const onCorrupt = (err: CorruptRecordError) => io.err(corruptWarning(err));
        const page = opts.includeArchive
          ? await queryWithArchive(redis, store, ctx.config.archiveDir, filter, offset, limit, onCorrupt)
          : { ...(await queryArticles(redis, store, filter, offset, limit, onCorrupt)), fromArchive: undefined };
        const hints: string[] = [];
        if (!page.matched && !global.json) {
          for (const [kind, name] of [
            ['company', filter.company],
            ['org', filter.org],
            ['person', filter.person],
          ] as const) {
            if (!name) continue;
            const like = await similarNames(redis, store, kind, name);
            if (like.length) hints.push(`${kind} names like "${name}": ${like.join(', ')}`);
          }
          if (filter.feedId && !(await redis.sismember(store.keys.feeds, filter.feedId))) {
            hints.push(`no feed "${filter.feedId}"; feeds with articles: ${(await redis.smembers(store.keys.feeds)).sort().join(', ') || '—'}`);
          }
        }
        const revised = filter.revised ? await revisionSummaries(redis, store, page.rows) : null;
        return { ...page, total: await store.count(), hints, revised };
      });
      const summary = (r: ArticleRecord, i: number) => ({ ...resultSummary(r), ...(revised ? revised[i] : {}) });
      if (global.json) return printJson(io, { total, matched, ...(fromArchive === undefined ? {} : { fromArchive }), results: rows.map(summary) });
      if (!rows.length) {
        io.out(total ? `no stored article matches (the store holds ${total}).\n` : 'the store is empty: run `npm start` (or `newsflow replay`) to fill it.\n');
        for (const h of hints) io.out(`  ${h}\n`);
        return;
      }
      if (revised) {
        io.out(
          table(
            ['id', 'revised', 'versions', 'site', 'title (first stored → now)'],
            rows.map((r, i) => {
              const v = revised[i]!;
              const title =
                v.firstTitle !== r.article.title
                  ? `${truncate(v.firstTitle ?? '', 36)} → ${truncate(r.article.title ?? '', 36)}`
                  : truncate(r.article.title ?? '', 56);
              return [r.id.slice(0, 10), (v.revisedAt ?? '').slice(0, 16).replace('T', ' '), String(v.versions), truncate(r.article.siteName ?? '', 20), title];
            }),
          ),
        );
      } else
        io.out(
          table(
            ['id', 'published', 'site', 'title', 'companies'],
            rows.map((r) => {
              const s = resultSummary(r);
              return [
                s.id.slice(0, 10),
                (s.publishedAt ?? '').slice(0, 10),
                truncate(s.siteName ?? '', 20),
                truncate(s.title ?? '', 56),
                truncate(s.companies.join(', '), 40),
              ];
            }),
          ),
        );
      const more = offset + rows.length < matched ? `; next page: --offset ${offset + rows.length}` : '';
      const archived = fromArchive === undefined ? '' : `, ${fromArchive} of them archived`;
      io.out(`${offset + 1}–${offset + rows.length} of ${matched} matching (${total} stored${archived})${more}; details: newsflow show <id>\n`);
    });
}
