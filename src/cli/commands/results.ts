/** `newsflow results`: stored articles, newest first, filtered by company, person, feed, dates or text. */
import type { Command } from 'commander';
import { UsageError } from '../../domain/errors.js';
import type { ArticleRecord } from '../../domain/types.js';
import { ArticleStore } from '../../store/article-store.js';
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

function isoOrThrow(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (Number.isNaN(Date.parse(v))) throw new UsageError(`${flag} takes a date like 2020-09-01, got "${v}"`);
  return v;
}

export function registerResults(program: Command, io: Io = processIo): void {
  program
    .command('results')
    .description('list stored articles, newest first')
    .option('--company <name>', 'only articles naming this company')
    .option('--person <name>', 'only articles naming this person')
    .option('--feed <id>', 'only articles listed by this feed')
    .option('--since <date>', 'published on or after this date')
    .option('--until <date>', 'published before this date')
    .option('--text <words>', 'title or body contains these words')
    .option('--limit <n>', 'at most this many', '20')
    .option('--offset <n>', 'skip this many', '0')
    .addHelpText('after', '\nExamples:\n  $ newsflow results\n  $ newsflow results --company Oracle --since 2020-09-01\n  $ newsflow results --person "Donald Trump" --json\n')
    .action(async (opts: Record<string, string | undefined>, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const limit = Number(opts.limit);
      const offset = Number(opts.offset);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive integer, got "${opts.limit}"`);
      if (!Number.isInteger(offset) || offset < 0) throw new UsageError(`--offset must be a non-negative integer, got "${opts.offset}"`);
      const query = {
        limit,
        offset,
        company: opts.company,
        person: opts.person,
        feedId: opts.feed,
        since: isoOrThrow('--since', opts.since),
        until: isoOrThrow('--until', opts.until),
        text: opts.text,
      };
      const ctx = makeContext(io, global);
      const { rows, total } = await withRedis(ctx, async (redis) => {
        const store = new ArticleStore(redis, ctx.config.prefix);
        return { rows: await store.list(query), total: await store.count() };
      });
      if (global.json) return printJson(io, { total, results: rows.map(resultSummary) });
      if (!rows.length) {
        io.out(`no stored articles match (the store holds ${total}). Run \`npm start\` or \`newsflow replay\` to fill it.\n`);
        return;
      }
      io.out(
        table(
          ['id', 'published', 'site', 'title', 'companies'],
          rows.map((r) => {
            const s = resultSummary(r);
            return [s.id.slice(0, 10), (s.publishedAt ?? '').slice(0, 10), truncate(s.siteName ?? '', 20), truncate(s.title ?? '', 56), truncate(s.companies.join(', '), 40)];
          }),
        ),
      );
      io.out(`${rows.length} of ${total} stored; details: newsflow show <id>\n`);
    });
}
