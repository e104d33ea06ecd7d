/**
 * What kind of source a fetched document is, told from its content (the root element), never from its URL or
 * Content-Type alone: a feed, a sitemap, or neither (an HTML page, an error message).
 */
import { parseFeed } from './parse-feed.js';
import { parseSitemap, rootElementOf } from './sitemap.js';
import type { SourceType } from './source-type.js';

const FEED_ROOTS = new Set(['rss', 'RDF', 'feed']);

/** The source type of a decoded body, null when it is neither. */
export function detectSourceType(text: string): SourceType | null {
  const body = text.replace(/^\uFEFF/u, '').trimStart();
  if (body.startsWith('{')) return /"version"\s*:\s*"https:\/\/jsonfeed\.org\/version\//u.test(body.slice(0, 2000)) ? 'feed' : null;
  if (!body.startsWith('<')) return null;
  const root = rootElementOf(body);
  if (root === 'urlset' || root === 'sitemapindex') return 'sitemap';
  return root !== null && FEED_ROOTS.has(root) ? 'feed' : null;
}

export interface RecognizedSource {
  type: SourceType;
  /** rss-2.0, atom, json-feed…, or sitemap-index, urlset, news-sitemap; null when the document does not parse. */
  format: string | null;
}

/** What a decoded document fetched from `url` is, as the feed worker will read it; null when neither kind. */
export async function recognizeSource(text: string, url: string): Promise<RecognizedSource | null> {
  const type = detectSourceType(text);
  if (type === null) return null;
  try {
    return { type, format: type === 'sitemap' ? parseSitemap(text, url).kind : (await parseFeed(text, url)).format };
  } catch {
    return { type, format: null };
  }
}
