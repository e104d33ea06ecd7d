/**
 * Feed autodiscovery: from a site's home page to its feeds. `<link rel="alternate">` with a feed type first
 * (what the site declares), then links whose text or address says feed/RSS/Atom, then the usual paths, each
 * of those checked by fetching it.
 */
import * as cheerio from 'cheerio';
import { canonicalizeUrl } from '../url/canonical.js';

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
