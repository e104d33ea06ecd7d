/** `newsflow show <id>`: one stored article with its metadata, entities, dates, quotes and story. */
import type { Command } from 'commander';
import { NotFoundError } from '../../domain/errors.js';
import type { ArticleRecord } from '../../domain/types.js';
import { ArticleStore } from '../../store/article-store.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { colors, printJson, processIo, truncate, type Io } from '../output.js';

function render(io: Io, r: ArticleRecord, withText: boolean): void {
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
  kv('story', r.storyId);
  kv('text', `${a.text.length} characters, ${a.text.split(/\n\n/u).length} blocks`);
  io.out(`\n${c.bold('Companies')}  ${e.organizations.filter((o) => o.kind === 'company').map((o) => `${o.name} ×${o.mentions.length}`).join(', ') || '—'}\n`);
  io.out(`${c.bold('Other orgs')} ${e.organizations.filter((o) => o.kind !== 'company').map((o) => `${o.name} (${o.kind})`).join(', ') || '—'}\n`);
  io.out(`${c.bold('People')}     ${e.people.map((p) => `${p.name} ×${p.mentions.length}`).join(', ') || '—'}\n`);
  io.out(`${c.bold('Dates')}      ${e.dates.map((d) => `${d.text} → ${d.value ?? '?'}`).join('; ') || '—'}\n`);
  io.out(`${c.bold('Quotes')}\n`);
  for (const q of e.quotes) io.out(`  [${q.kind}] ${q.speaker?.name ?? '(no speaker)'}: “${truncate(q.text.replace(/\s+/gu, ' '), 100)}”\n`);
  if (!e.quotes.length) io.out('  —\n');
  if (withText) io.out(`\n${a.text}\n`);
}

export function registerShow(program: Command, io: Io = processIo): void {
  program
    .command('show')
    .description('one stored article: metadata, entities, dates, quotes, story')
    .argument('<id>', 'article id (or a unique prefix of it, as `newsflow results` prints)')
    .option('--text', 'print the body text too')
    .addHelpText('after', '\nExamples:\n  $ newsflow show 3f9a1c0b2d\n  $ newsflow show 3f9a1c0b2d --text\n  $ newsflow show 3f9a1c0b2d --json\n\nJSON shape: the stored ArticleRecord (see README: "Stored records").\n')
    .action(async (id: string, opts: { text?: boolean }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const ctx = makeContext(io, global);
      const record = await withRedis(ctx, async (redis) => {
        const store = new ArticleStore(redis, ctx.config.prefix);
        const full = await store.resolveId(id);
        return full ? store.get(full) : null;
      });
      if (!record) throw new NotFoundError(`no stored article with id "${id}" (list them with: newsflow results)`);
      if (global.json) return printJson(io, record);
      render(io, record, Boolean(opts.text));
    });
}
