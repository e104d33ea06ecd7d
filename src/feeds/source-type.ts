/**
 * The two kinds of source the feed job polls: a feed (RSS, Atom, JSON Feed) or a sitemap (index, urlset, news
 * sitemap). Types only and no parser here, so the config and `feeds list` load nothing heavy (recognize.ts tells them apart).
 */

export type SourceType = 'feed' | 'sitemap';

export const SOURCE_TYPES: readonly SourceType[] = ['feed', 'sitemap'];

/** The source type of a recorded format ('rss-2.0', 'atom', 'news-sitemap', …), null when unknown. */
export function sourceTypeOfFormat(format: string | null): SourceType | null {
  if (!format) return null;
  return format === 'sitemap-index' || format === 'urlset' || format === 'news-sitemap' ? 'sitemap' : 'feed';
}
