/**
 * JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1) → FeedDocument; rss-parser does not read it.
 */
import { FeedParseError } from '../domain/errors.js';
import { canonicalizeUrl } from '../url/canonical.js';
import type { Enclosure, FeedDocument, FeedEntry } from './feed-types.js';
import { dedupeEntries, isoOrNull, str } from './values.js';

interface JsonAuthor {
  name?: unknown;
}

interface JsonAttachment {
  url?: unknown;
  mime_type?: unknown;
  size_in_bytes?: unknown;
}

interface JsonFeedItem {
  url?: unknown;
  external_url?: unknown;
  id?: unknown;
  title?: unknown;
  date_published?: unknown;
  date_modified?: unknown;
  summary?: unknown;
  content_html?: unknown;
  content_text?: unknown;
  image?: unknown;
  tags?: unknown;
  author?: JsonAuthor;
  authors?: unknown;
  attachments?: unknown;
}

function authorOf(item: JsonFeedItem): string | null {
  const list = Array.isArray(item.authors) ? (item.authors as JsonAuthor[]) : item.author ? [item.author] : [];
  const names = list.map((a) => str(a?.name)).filter((n): n is string => n !== null);
  return names.length ? names.join(', ') : null;
}

function enclosuresOf(item: JsonFeedItem, feedUrl: string): Enclosure[] {
  const out: Enclosure[] = [];
  for (const a of Array.isArray(item.attachments) ? (item.attachments as JsonAttachment[]) : []) {
    const url = str(a?.url) ? canonicalizeUrl(str(a.url)!, feedUrl) : null;
    if (!url) continue;
    const type = str(a.mime_type);
    out.push({ url, type, length: typeof a.size_in_bytes === 'number' ? a.size_in_bytes : null, medium: type?.split('/')[0] ?? null });
  }
  const image = str(item.image) ? canonicalizeUrl(str(item.image)!, feedUrl) : null;
  if (image) out.push({ url: image, type: null, length: null, medium: 'image' });
  return out;
}

/** Parse a JSON Feed body. Throws FeedParseError when it is not JSON or not a JSON Feed. */
export function parseJsonFeed(body: string, feedUrl: string): FeedDocument {
  let doc: { version?: unknown; title?: unknown; home_page_url?: unknown; items?: unknown };
  try {
    doc = JSON.parse(body) as typeof doc;
  } catch (err) {
    throw new FeedParseError(`JSON Feed is not valid JSON: ${(err as Error).message}`, err);
  }
  if (typeof doc.version !== 'string' || !doc.version.startsWith('https://jsonfeed.org/version/') || !Array.isArray(doc.items)) {
    throw new FeedParseError('JSON document is not a JSON Feed (no jsonfeed.org version or no items array)');
  }
  const items: FeedEntry[] = [];
  for (const raw of doc.items as Array<JsonFeedItem | null>) {
    if (raw === null || typeof raw !== 'object') continue; // why: one broken item must not fail the whole feed
    const link = str(raw.url) ?? str(raw.external_url) ?? (typeof raw.id === 'string' && /^https?:/u.test(raw.id) ? raw.id : null);
    const url = link ? canonicalizeUrl(link, feedUrl) : null;
    if (!url) continue;
    items.push({
      url,
      title: str(raw.title),
      publishedAt: isoOrNull(raw.date_published),
      updatedAt: isoOrNull(raw.date_modified),
      guid: str(raw.id) ?? (typeof raw.id === 'number' ? String(raw.id) : null),
      summary: str(raw.summary),
      contentHtml: str(raw.content_html) ?? str(raw.content_text),
      author: authorOf(raw),
      categories: Array.isArray(raw.tags) ? raw.tags.map(str).filter((t): t is string => t !== null) : [],
      enclosures: enclosuresOf(raw, feedUrl),
    });
  }
  return { format: 'json-feed', title: str(doc.title), siteUrl: str(doc.home_page_url), ttlMinutes: null, items: dedupeEntries(items) };
}
