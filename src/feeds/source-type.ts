/**
 * What kind of source a fetched document is: a feed (RSS, Atom, JSON Feed) or a sitemap (index, urlset, news
 * sitemap), told from its content (the root element), never from its URL or Content-Type alone.
 */
import { rootElementOf } from './sitemap.js';

export type SourceType = 'feed' | 'sitemap';

export const SOURCE_TYPES: readonly SourceType[] = ['feed', 'sitemap'];

const FEED_ROOTS = new Set(['rss', 'RDF', 'feed']);

/** The source type of a decoded body, null when it is neither (an HTML page, an error message). */
export function detectSourceType(text: string): SourceType | null {
  const body = text.replace(/^\uFEFF/u, '').trimStart();
  if (body.startsWith('{')) return /"version"\s*:\s*"https:\/\/jsonfeed\.org\/version\//u.test(body.slice(0, 2000)) ? 'feed' : null;
  if (!body.startsWith('<')) return null;
  const root = rootElementOf(body);
  if (root === 'urlset' || root === 'sitemapindex') return 'sitemap';
  return root !== null && FEED_ROOTS.has(root) ? 'feed' : null;
}

/** The source type of a recorded format ('rss-2.0', 'atom', 'news-sitemap', …), null when unknown. */
export function sourceTypeOfFormat(format: string | null): SourceType | null {
  if (!format) return null;
  return format === 'sitemap-index' || format === 'urlset' || format === 'news-sitemap' ? 'sitemap' : 'feed';
}
