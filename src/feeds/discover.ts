/**
 * Source autodiscovery: from a site's home page to its feeds and sitemaps. Feeds: `<link rel="alternate">` with a
 * feed type first (what the site declares), then links whose text or address says feed/RSS/Atom, then the usual
 * paths, each of those checked by fetching it. Sitemaps: robots.txt `Sitemap:` lines, else the usual paths.
 */
import * as cheerio from 'cheerio';
import { canonicalizeUrl } from '../url/canonical.js';
import { recognizeSource } from './recognize.js';
import type { SourceType } from './source-type.js';

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: string | null;
  /** How it was found: declared in <head>, a link in the page, or a common path that answered with a feed. */
  source: 'link-alternate' | 'anchor' | 'common-path' | 'self';
}

// why not application/json or text/xml: sites declare oEmbed, sitemaps and APIs with those
const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json']);

// why these: the paths the common CMSs (WordPress, Ghost, Hugo, Jekyll, Drupal) publish their main feed at
const COMMON_PATHS = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/feed.json'];

/** True when `body` is a feed document rather than a web page. */
export function looksLikeFeed(body: string): boolean {
  const head = body
    .replace(/^\uFEFF/u, '')
    .trimStart()
    .slice(0, 1000);
  if (head.startsWith('{')) return /"version"\s*:\s*"https:\/\/jsonfeed\.org\/version\//u.test(head);
  return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<\?xml-stylesheet[^>]*>\s*)*<(rss|rdf:RDF|feed)\b/u.test(head);
}

/** Feeds a page declares or links to, best first (pure: no fetching). */
export function discoverFeedLinks(html: string, pageUrl: string): DiscoveredFeed[] {
  const $ = cheerio.load(html);
  const base = $('base[href]').attr('href');
  const baseUrl = base ? (canonicalizeUrl(base, pageUrl) ?? pageUrl) : pageUrl;
  const found: DiscoveredFeed[] = [];
  const add = (href: string | undefined, f: Omit<DiscoveredFeed, 'url'>) => {
    const url = href ? canonicalizeUrl(href, baseUrl) : null;
    if (url && !found.some((x) => x.url === url)) found.push({ url, ...f });
  };
  $('link[href]').each((_, el) => {
    const rel = ($(el).attr('rel') ?? '').toLowerCase().split(/\s+/u);
    const type = ($(el).attr('type') ?? '').toLowerCase().split(';')[0]!.trim();
    // why rel alternate only: rel="stylesheet" or "preload" with an XML type is not a feed
    if (rel.includes('alternate') && FEED_TYPES.has(type)) {
      add($(el).attr('href'), { title: $(el).attr('title')?.trim() || null, type, source: 'link-alternate' });
    }
  });
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href') ?? '';
    const text = $(el).text().trim();
    if (/(^|[/.?=_-])(rss|atom|feed)([/.?_-]|\.xml|$)/iu.test(href) || /^(rss|atom)( feed)?$/iu.test(text)) {
      add(href, { title: text || null, type: null, source: 'anchor' });
    }
  });
  return found;
}

export interface FetchedText {
  url: string;
  body: string;
}

/**
 * Discover the feeds of `pageUrl`, fetching through `fetchText` (the polite fetcher, decoded). A feed URL is
 * returned as itself; anchors and common paths are kept only when they answer with a feed.
 */
export async function discoverFeeds(pageUrl: string, fetchText: (url: string) => Promise<FetchedText>): Promise<DiscoveredFeed[]> {
  const page = await fetchText(pageUrl);
  if (looksLikeFeed(page.body)) return [{ url: page.url, title: null, type: null, source: 'self' }];
  const links = discoverFeedLinks(page.body, page.url);
  const declared = links.filter((l) => l.source === 'link-alternate');
  if (declared.length) return declared;
  const isFeed = async (url: string) =>
    fetchText(url).then(
      (r) => looksLikeFeed(r.body),
      () => false,
    );
  const out: DiscoveredFeed[] = [];
  for (const l of links) if (await isFeed(l.url)) out.push(l);
  if (out.length) return out;
  const origin = new URL(page.url).origin;
  for (const path of COMMON_PATHS) {
    if (await isFeed(origin + path)) return [{ url: origin + path, title: null, type: null, source: 'common-path' }];
  }
  return [];
}

/** One source `feeds discover` found: a feed or a sitemap, and how. */
export interface DiscoveredSource {
  type: SourceType;
  url: string;
  /** How it was found: the feed ways above, `robots.txt` (a Sitemap: line) or a usual sitemap path that answered. */
  found: DiscoveredFeed['source'] | 'robots.txt';
  /** rss-2.0, atom… or sitemap-index, urlset, news-sitemap when the document was fetched; null otherwise. */
  format: string | null;
  title: string | null;
}

// why these: where WordPress (Yoast, core), Drupal and the news plugins put their sitemaps when robots.txt does not say
export const SITEMAP_PATHS = ['/sitemap.xml', '/sitemap_index.xml', '/news-sitemap.xml', '/sitemap-news.xml', '/sitemap_news.xml', '/wp-sitemap.xml'];

/** Sitemaps robots.txt declares (`Sitemap:` lines, any case), resolved and canonicalized, in order (pure). */
export function sitemapsInRobots(text: string, robotsUrl: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/u)) {
    const m = /^\s*sitemap\s*:\s*(\S+)/iu.exec(line);
    const url = m?.[1] ? canonicalizeUrl(m[1], robotsUrl) : null;
    if (url && !out.includes(url)) out.push(url);
  }
  return out;
}

/** At most this many declared sitemaps are fetched to be told apart (a robots.txt may list hundreds). */
const MAX_SITEMAPS_CHECKED = 10;

/**
 * Feeds and sitemaps of a site: its feeds as `discoverFeeds` finds them, then the sitemaps robots.txt declares, or
 * when it declares none, the usual sitemap paths that answer with a sitemap. Each fetch goes through `fetchText`
 * (polite, gzip inflated, decoded); a failed fetch only drops its candidate.
 */
export async function discoverSources(siteUrl: string, fetchText: (url: string) => Promise<FetchedText>): Promise<DiscoveredSource[]> {
  const cache = new Map<string, Promise<FetchedText>>();
  const get = (url: string) => {
    if (!cache.has(url)) cache.set(url, fetchText(url));
    return cache.get(url)!;
  };
  const page = await get(siteUrl);
  const self = await recognizeSource(page.body, page.url);
  if (self) return [{ type: self.type, url: page.url, found: 'self', format: self.format, title: null }];
  const out: DiscoveredSource[] = (await discoverFeeds(siteUrl, get)).map((f) => ({ type: 'feed', url: f.url, found: f.source, format: null, title: f.title }));
  const origin = new URL(page.url).origin;
  const sitemapAt = async (url: string) =>
    get(url).then(
      async (r) => {
        const what = await recognizeSource(r.body, r.url);
        return what?.type === 'sitemap' ? { url: r.url, format: what.format } : null;
      },
      () => null,
    );
  const declared = await get(`${origin}/robots.txt`).then(
    (r) => sitemapsInRobots(r.body, r.url),
    () => [],
  );
  for (const url of declared.slice(0, MAX_SITEMAPS_CHECKED)) {
    const s = await sitemapAt(url);
    out.push({ type: 'sitemap', url: s?.url ?? url, found: 'robots.txt', format: s?.format ?? null, title: null });
  }
  for (const url of declared.slice(MAX_SITEMAPS_CHECKED)) out.push({ type: 'sitemap', url, found: 'robots.txt', format: null, title: null });
  if (declared.length === 0) {
    for (const path of SITEMAP_PATHS) {
      const s = await sitemapAt(origin + path);
      if (s && !out.some((o) => o.url === s.url)) out.push({ type: 'sitemap', url: s.url, found: 'common-path', format: s.format, title: null });
    }
  }
  return out;
}
