/** How the CLI prints a dedup story: the original first, then each copy and how it relates. */
import type { Story } from '../dedup/index.js';
import { colors, truncate, type Io } from './output.js';

/** Lines describing a story's copies; `mark` flags the article being shown. */
export function storyLines(io: Io, story: Story, mark: string | null = null): string {
  const c = colors(io);
  return story.copies
    .map((cp) => {
      const here = cp.articleId === mark ? c.cyan(' ← this article') : '';
      const rel = cp.relation === 'original' ? c.green('original') : cp.relation;
      const day = (cp.publishedAt ?? '').slice(0, 10).padEnd(10);
      const site = truncate(cp.siteName ?? new URL(cp.url).host, 22).padEnd(22);
      return `  ${cp.articleId.slice(0, 10)}  ${rel.padEnd(8)}  ${day}  ${site}  ${truncate(cp.title ?? '', 60)}${here}`;
    })
    .join('\n');
}
