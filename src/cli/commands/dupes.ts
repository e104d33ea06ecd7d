/** `newsflow dupes`: stories the dedup stage found in more than one copy (syndication, reposts, near copies). */
import type { Command } from 'commander';
import { listStories } from '../../dedup/index.js';
import { parseCount } from '../args.js';
import { makeContext, withRedis, type GlobalOptions } from '../context.js';
import { storyLines } from '../format-story.js';
import { colors, printJson, processIo, truncate, type Io } from '../output.js';

const DUPES_JSON = `JSON shape (--json): { "stories": [ { "id": s, "originalId": s, "originalReason": s,
  "copies": [ { "articleId": s, "url": s, "siteName": s|null, "title": s|null, "publishedAt": s|null,
                "relation": "original"|"exact"|"near" } ] } ] }   (most copies first; the original is copies[0])`;

export function registerDupes(program: Command, io: Io = processIo): void {
  program
    .command('dupes')
    .description('stories stored in more than one copy, the original first')
    .option('--min-copies <n>', 'only stories with at least this many copies', '2')
    .option('--limit <n>', 'at most this many stories', '50')
    .addHelpText('after', `\nExamples:\n  $ newsflow dupes\n  $ newsflow dupes --min-copies 3\n  $ newsflow dupes --json\n\n${DUPES_JSON}\n`)
    .action(async (opts: { minCopies: string; limit: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const minCopies = parseCount('--min-copies', opts.minCopies, 2);
      const limit = parseCount('--limit', opts.limit);
      const ctx = makeContext(io, global);
      const stories = await withRedis(ctx, (redis) => listStories(redis, ctx.config.prefix, { minCopies, limit }));
      if (global.json) return printJson(io, { stories });
      if (!stories.length) {
        io.out(`no story has ${minCopies} or more copies (the store may be empty: npm start fills it)\n`);
        return;
      }
      const c = colors(io);
      for (const s of stories) {
        const orig = s.copies[0];
        io.out(
          `${c.bold(truncate(orig?.title ?? s.id, 90))}\n` +
            `${c.dim(`${s.id} · ${s.copies.length} copies · original chosen by ${s.originalReason}`)}\n${storyLines(io, s)}\n\n`,
        );
      }
      io.out(`${stories.length} stor${stories.length === 1 ? 'y' : 'ies'}; an article and its story: newsflow show <articleId>\n`);
    });
}
