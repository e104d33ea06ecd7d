/** `newsflow show <id>`: one stored article with its metadata, entities, dates, quotes and story. */
import type { Command } from 'commander';
import { CorruptRecordError, NewsflowError, NotFoundError, UsageError } from '../../domain/errors.js';
import { getStory, storyOfArticle, type Story } from '../../dedup/index.js';
import type { ArticleRecord, ArticleRevision } from '../../domain/types.js';
import { revisionViews, type RevisionView } from '../../revisions/versions.js';
import { ArticleStore } from '../../store/article-store.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { storyLines } from '../format-story.js';
import { colors, printJson, processIo, truncate, type Io } from '../output.js';

const SHOW_JSON = `JSON shape (--json): the stored ArticleRecord (see README: "Stored records"), plus
  "story": { "id": s, "originalId": s, "originalReason": s,
             "copies": [ { "articleId": s, "url": s, "siteName": s|null, "title": s|null, "publishedAt": s|null,
                           "relation": "original"|"exact"|"near" } ] } | null   (null until the dedup stage ran),
  "revisions": [ { "version": n (1 = first stored), "fetchedAt": s, "modifiedAt": s|null, "title": s|null,
                   "next": n (the version it changed into; the current one is revisions.length + 1),
                   "headline": { "from": s|null, "to": s|null } | null, "added": [s], "removed": [s] (sentences),
                   "text": s (with --text: that version's body) } ]   (earlier versions, oldest first; [] when none)`;

function renderRevisions(io: Io, r: ArticleRecord, revisions: readonly RevisionView[], withText: boolean): void {
  const c = colors(io);
  const n = revisions.length + 1;
  io.out(`\n${c.bold('Versions')}   ${n}${n === 1 ? ' (never changed since first stored)' : ''}\n`);
  const line = (version: number, fetchedAt: string, modifiedAt: string | null, title: string | null, current: boolean) =>
    io.out(
      `${c.bold(`v${version}`)}  fetched ${fetchedAt}  ${c.dim(`modified ${modifiedAt ?? '—'}`)}${current ? c.green('  (current)') : ''}\n` +
        `    ${c.dim('“')}${title ?? '(no title)'}${c.dim('”')}\n`,
    );
  for (const v of revisions) {
    line(v.version, v.fetchedAt, v.modifiedAt, v.title, false);
    if (withText && v.text !== undefined) io.out(`\n${v.text}\n\n`);
    io.out(`  ${c.dim(`v${v.version} → v${v.next}:`)}\n`);
    if (v.headline) io.out(`    ${c.yellow(`headline: "${v.headline.from ?? ''}" → "${v.headline.to ?? ''}"`)}\n`);
    for (const s of v.removed) io.out(`    ${c.red(`- ${s}`)}\n`);
    for (const s of v.added) io.out(`    ${c.green(`+ ${s}`)}\n`);
    if (!v.headline && !v.removed.length && !v.added.length) io.out(`    ${c.dim('(whitespace only)')}\n`);
  }
  line(n, r.fetchedAt, r.article.modifiedAt, r.article.title, true);
}

function render(io: Io, r: ArticleRecord, story: Story | null, withText: boolean, revisions: readonly RevisionView[]): void {
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
  if (revisions.length) {
    const first = revisions[0]!;
    const headline = first.title !== a.title ? `; first headline: "${first.title ?? ''}"` : '';
    kv('versions', `${revisions.length + 1}, first fetched ${first.fetchedAt}${headline} (diffs: --revisions)`);
  }
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
    .option('--text', "print the body text too (with --revisions: every version's)")
    .option('--revisions', 'list the versions stored: times, titles, the sentences added and removed, headline changes')
    .addHelpText(
      'after',
      [
        '',
        `Examples (ids from the data \`npm start\` leaves):`,
        '  $ newsflow show 0da85b9949             # the TikTok/Oracle seed article and its syndicated copy',
        '  $ newsflow show 0da85b9949 --text',
        '  $ newsflow show 0da85b9949 --json',
        '  $ newsflow results --revised          # articles with earlier versions, then:',
        '  $ newsflow show <id> --revisions',
        '',
        `${SHOW_JSON}`,
        '',
      ].join('\n'),
    )
    .action(async (id: string, opts: { text?: boolean; revisions?: boolean }, cmd: Command) => {
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
        let earlier: ArticleRevision[];
        try {
          earlier = await store.revisions(record.id);
        } catch (err) {
          if (!(err instanceof CorruptRecordError)) throw err;
          io.err(`warning: article ${record.id}: ${err.reason}; \`newsflow doctor\` removes them (the current version is shown)\n`);
          earlier = [];
        }
        const current = { text: record.article.text, title: record.article.title, fetchedAt: record.fetchedAt, modifiedAt: record.article.modifiedAt };
        const revisions = revisionViews(current, earlier, Boolean(opts.text));
        return { record, story: storyId ? await getStory(redis, ctx.config.prefix, storyId) : null, revisions };
      });
      if (!found) throw new NotFoundError(`no stored article with id "${id}" (list ids with: newsflow results; a prefix of 4+ characters works if unique)`);
      if (global.json) return printJson(io, { ...found.record, story: found.story, revisions: found.revisions });
      if (opts.revisions) {
        io.out(`${colors(io).bold(found.record.article.title ?? '(no title)')}\n${found.record.id}  ${found.record.url}\n`);
        return renderRevisions(io, found.record, found.revisions, Boolean(opts.text));
      }
      render(io, found.record, found.story, Boolean(opts.text), found.revisions);
    });
}
