/**
 * Feed document → items. RSS 0.9x / 1.0 (RDF) / 2.0 and Atom through rss-parser; JSON Feed 1.x here
 * (rss-parser lacks it). Item links are resolved against the feed URL and canonicalized.
 */
import Parser from 'rss-parser';
import type { FeedItem, ParsedFeed } from '../domain/types.js';
import { FeedParseError } from '../domain/errors.js';
import { canonicalizeUrl } from './canonical-url.js';

const rss: Parser<Record<string, unknown>, Record<string, unknown>> = new Parser();

function isoOrNull(s: unknown): string | null {
  if (typeof s !== 'string' || !s.trim()) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function dedupeItems(items: FeedItem[]): FeedItem[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.url) ? false : (seen.add(i.url), true)));
}

interface JsonFeedItem {
  url?: unknown;
  external_url?: unknown;
  id?: unknown;
  title?: unknown;
  date_published?: unknown;
  summary?: unknown;
}

function parseJsonFeed(body: string, feedUrl: string): ParsedFeed {
  let doc: { version?: unknown; title?: unknown; home_page_url?: unknown; items?: unknown };
  try {
    doc = JSON.parse(body) as typeof doc;
  } catch (err) {
    throw new FeedParseError(`JSON Feed is not valid JSON: ${(err as Error).message}`, err);
  }
  if (typeof doc.version !== 'string' || !doc.version.startsWith('https://jsonfeed.org/version/') || !Array.isArray(doc.items)) {
    throw new FeedParseError('JSON document is not a JSON Feed (no jsonfeed.org version or no items array)');
  }
  const items: FeedItem[] = [];
  for (const raw of doc.items as JsonFeedItem[]) {
    const link = str(raw.url) ?? str(raw.external_url) ?? (typeof raw.id === 'string' && /^https?:/u.test(raw.id) ? raw.id : null);
    const url = link ? canonicalizeUrl(link, feedUrl) : null;
    if (!url) continue;
    items.push({ url, title: str(raw.title), publishedAt: isoOrNull(raw.date_published), guid: str(raw.id), summary: str(raw.summary) });
  }
  return { title: str(doc.title), siteUrl: str(doc.home_page_url), ttlMinutes: null, items: dedupeItems(items) };
}

/** Parse a feed body fetched from `feedUrl`. Throws FeedParseError (not retryable) on a broken feed. */
export async function parseFeed(body: string, feedUrl: string): Promise<ParsedFeed> {
  const head = body.trimStart().slice(0, 1);
  if (head === '{') return parseJsonFeed(body, feedUrl);
  if (head !== '<') throw new FeedParseError('not a feed: the body is neither XML nor JSON');
  let feed: Parser.Output<Record<string, unknown>>;
  try {
    feed = await rss.parseString(body);
  } catch (err) {
    throw new FeedParseError(`feed XML cannot be parsed: ${(err as Error).message}`, err);
  }
  const items: FeedItem[] = [];
  for (const it of feed.items ?? []) {
    const link = str(it.link) ?? (typeof it.guid === 'string' && /^https?:/u.test(it.guid) ? it.guid : null);
    const url = link ? canonicalizeUrl(link, feedUrl) : null;
    if (!url) continue;
    items.push({
      url,
      title: str(it.title),
      publishedAt: isoOrNull(it.isoDate ?? it.pubDate),
      guid: str(it.guid),
      summary: str(it.contentSnippet),
    });
  }
  const ttl = Number((feed as unknown as { ttl?: unknown }).ttl);
  return {
    title: str(feed.title),
    siteUrl: str(feed.link),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: dedupeItems(items),
  };
}
