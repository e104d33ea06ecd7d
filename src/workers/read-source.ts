/**
 * A fetched source → the items to poll. Gzip is inflated by its magic bytes; the type comes from the config when
 * declared, else from the content; a feed is parsed, a sitemap crawled, its children fetched within this job by the
 * same polite fetcher (per-host spacing and retries), to the bounds of SITEMAP_LIMITS.
 */
import type { FeedItem } from '../domain/types.js';
import { decodeBody } from '../fetch/decode.js';
import type { FetchResult } from '../fetch/http.js';
import type { PoliteFetcher } from '../fetch/polite-fetch.js';
import { parseFeed } from '../feeds/parse-feed.js';
import { gunzipIfGzip, parseSitemap, SITEMAP_LIMITS, type SitemapLimits } from '../feeds/sitemap.js';
import { crawlSitemap } from '../feeds/sitemap-crawl.js';
import { detectSourceType } from '../feeds/recognize.js';
import type { SourceType } from '../feeds/source-type.js';

export interface SourceRead {
  type: SourceType;
  /** rss-2.0, atom, json-feed…, or sitemap-index, urlset, news-sitemap. */
  format: string;
  items: FeedItem[];
  ttlMinutes: number | null;
  /** What a sitemap poll read and left out (for the job log and result). */
  sitemap: { childrenFetched: number; old: number; undated: number; warnings: string[] } | null;
}

export interface ReadSourceOptions {
  declared?: SourceType;
  fetcher: PoliteFetcher;
  now: Date;
  windowMs: number | null;
  limits?: SitemapLimits;
}

const SITEMAP_ACCEPT = 'application/xml, text/xml;q=0.9, application/gzip;q=0.8, */*;q=0.5';

/** Read a source's answer; throws FeedParseError / FeedLimitError (not retryable) or the fetch errors of its children. */
export async function readSource(res: FetchResult, opts: ReadSourceOptions): Promise<SourceRead> {
  const limits = opts.limits ?? SITEMAP_LIMITS;
  const text = decodeBody(gunzipIfGzip(res.body, res.url, limits.maxBytes), res.contentType);
  const type = opts.declared ?? detectSourceType(text) ?? 'feed';
  if (type === 'feed') {
    const feed = await parseFeed(text, res.url);
    return { type, format: feed.format, items: feed.items, ttlMinutes: feed.ttlMinutes, sitemap: null };
  }
  const root = parseSitemap(text, res.url, limits);
  const crawl = await crawlSitemap(
    root,
    async (url) => {
      const child = await opts.fetcher.get(url, { accept: SITEMAP_ACCEPT });
      return parseSitemap(decodeBody(gunzipIfGzip(child.body, child.url, limits.maxBytes), child.contentType), child.url, limits);
    },
    { now: opts.now, windowMs: opts.windowMs, limits },
  );
  const items = crawl.entries.map(({ news: _n, keywords: _k, ...item }) => item);
  return {
    type,
    format: crawl.kind,
    items,
    ttlMinutes: null,
    sitemap: { childrenFetched: crawl.childrenFetched, old: crawl.old, undated: crawl.undated, warnings: crawl.warnings },
  };
}
