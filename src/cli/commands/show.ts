/** `newsflow show <id>`: one stored article with its metadata, entities, dates, quotes and story. */
import type { Command } from 'commander';
import { CorruptRecordError, NewsflowError, NotFoundError, UsageError } from '../../domain/errors.js';
import { getStory, storyOfArticle, type Story } from '../../dedup/index.js';
import type { ArticleRecord } from '../../domain/types.js';
import { ArticleStore } from '../../store/article-store.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { storyLines } from '../format-story.js';
import { colors, printJson, processIo, truncate, type Io } from '../output.js';

const SHOW_JSON = `JSON shape (--json): the stored ArticleRecord (see README: "Stored records"), plus
  "story": { "id": s, "originalId": s, "originalReason": s,
             "copies": [ { "articleId": s, "url": s, "siteName": s|null, "title": s|null, "publishedAt": s|null,
                           "relation": "original"|"exact"|"near" } ] } | null   (null until the dedup stage ran)`;

function render(io: Io, r: ArticleRecord, story: Story | null, withText: boolean): void {
  const c = colors(io);
  const a = r.article;
  const e = r.entities;
  const kv = (k: string, v: string | null | undefined) => io.out(`${c.dim(k.padEnd(12))} ${v ?? '—'}\n`);
  io.out(`${c.bold(a.title ?? '(no title)')}\n`);
  kv('id', r.id);
  kv('url', r.url);
  kv('canonical', a.canonicalUrl);
  kv('site', a.siteName);
  kv('authors', a.authors.join(', ') || null);
  kv('published', a.publishedAt);
  kv('modified', a.modifiedAt);
  kv('language', a.lang);
  kv('feed', r.feedId);
  kv('syndication', a.syndication ? `${a.syndication.source ?? a.syndication.url ?? '?'} (${a.syndication.rule})` : null);
  kv(
    'story',
    story
      ? `${story.id} (${
          story.copies.length === 1 ? 'no other copies' : `${story.copies.length} copies; original ${story.originalId.slice(0, 10)}: ${story.originalReason}`
        })`
      : (r.storyId ?? 'not assigned yet (the dedup stage has not run)'),
  );
  kv('text', `${a.text.length} characters, ${a.text.split(/\n\n/u).length} blocks`);
  // why: a page date the feed contradicts, repaired markup, a truncated page: what the reader should know
  if (a.warnings.length) kv('warnings', a.warnings.join('; '));
  io.out(
    `\n${c.bold('Companies')}  ${
      e.organizations
        .filter((o) => o.kind === 'company')
        .map((o) => `${o.name} ×${o.mentions.length}`)
        .join(', ') || '—'
    }\n`,
  );
  io.out(
    `${c.bold('Other orgs')} ${
      e.organizations
        .filter((o) => o.kind !== 'company')
        .map((o) => `${o.name} (${o.kind})`)
        .join(', ') || '—'
    }\n`,
  );
  io.out(`${c.bold('People')}     ${e.people.map((p) => `${p.name} ×${p.mentions.length}`).join(', ') || '—'}\n`);
  io.out(`${c.bold('Dates')}      ${e.dates.map((d) => `${d.text} → ${d.value ?? '?'}`).join('; ') || '—'}\n`);
  io.out(`${c.bold('Quotes')}\n`);
  for (const q of e.quotes) io.out(`  [${q.kind}] ${q.speaker?.name ?? '(no speaker)'}: “${truncate(q.text.replace(/\s+/gu, ' '), 100)}”\n`);
  if (!e.quotes.length) io.out('  —\n');
  if (story && story.copies.length > 1) io.out(`\n${c.bold('Story copies')}\n${storyLines(io, story, r.id)}\n`);
  if (withText) io.out(`\n${a.text}\n`);
}

export function registerShow(program: Command, io: Io = processIo): void {
  program
    .command('show')
    .description('one stored article: metadata, entities, dates, quotes, story')
    .argument('<id>', 'article id (or a unique prefix of it, as `newsflow results` prints)')
    .option('--text', 'print the body text too')
    .addHelpText(
      'after',
      [
        '',
        `Examples (ids from the data \`npm start\` leaves):`,
        '  $ newsflow show 0da85b9949             # the TikTok/Oracle seed article and its syndicated copy',
        '  $ newsflow show 0da85b9949 --text',
        '  $ newsflow show 0da85b9949 --json',
        '',
        `${SHOW_JSON}`,
        '',
      ].join('\n'),
    )
    .action(async (id: string, opts: { text?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = makeContext(io, global);
      const found = await withRedis(ctx, async (redis) => {
        const store = new ArticleStore(redis, ctx.config.prefix);
        const full = await store.resolveId(id);
        if (!full) {
          const ids = /^[0-9a-f]+$/u.test(id) ? (await redis.zrange(store.keys.byTime, '0', '-1')).filter((x) => x.startsWith(id)) : [];
          if (ids.length > 1)
            throw new UsageError(
              `"${id}" is the start of ${ids.length} article ids (${ids
                .slice(0, 3)
                .map((x) => x.slice(0, 12))
                .join(', ')}…): give more characters`,
            );
          // why only under 4: resolveId takes a unique prefix of 4 or more, so a longer one reaching here matched nothing
          if (ids.length === 1 && id.length < 4) throw new UsageError(`give at least 4 characters of the id (did you mean ${ids[0]!.slice(0, 10)}?)`);
          return null;
        }
        let record: ArticleRecord | null;
        try {
          record = await store.get(full);
        } catch (err) {
          if (!(err instanceof CorruptRecordError)) throw err;
          throw new NewsflowError(
            'CORRUPT_RECORD',
            `article ${full} is stored, but its record is corrupt: ${err.reason}. \`newsflow doctor\` lists and removes such records`,
            { cause: err },
          );
        }
        if (!record)
          throw new NotFoundError(`article ${full} is listed in the indexes, but no record is stored for it. \`newsflow doctor\` removes such index entries`);
        const storyId = (await storyOfArticle(redis, ctx.config.prefix, record.id)) ?? record.storyId;
        return { record, story: storyId ? await getStory(redis, ctx.config.prefix, storyId) : null };
      });
      if (!found) throw new NotFoundError(`no stored article with id "${id}" (list ids with: newsflow results; a prefix of 4+ characters works if unique)`);
      if (global.json) return printJson(io, { ...found.record, story: found.story });
      render(io, found.record, found.story, Boolean(opts.text));
    });
}
