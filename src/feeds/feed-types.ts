/**
 * What the feed parsers return: the domain's ParsedFeed, with the richer item fields feeds carry
 * (full content, media enclosures, author, categories) and the format that was read.
 */
import type { FeedItem, ParsedFeed } from '../domain/types.js';

/** A media file attached to an item (RSS <enclosure>, Media RSS, Atom rel="enclosure", JSON Feed attachment). */
export interface Enclosure {
  url: string;
  /** MIME type when given ("audio/mpeg", "image/jpeg"). */
  type: string | null;
  /** Size in bytes when given. */
  length: number | null;
  /** Media RSS medium ("image", "video") or the MIME top-level type. */
  medium: string | null;
}

export interface FeedEntry extends FeedItem {
  /** Full HTML content (RSS content:encoded, Atom <content>, JSON Feed content_html), null when the feed gives a summary only. */
  contentHtml: string | null;
  author: string | null;
  categories: string[];
  enclosures: Enclosure[];
}

export type FeedFormat = 'rss-0.9x' | 'rss-1.0' | 'rss-2.0' | 'atom' | 'json-feed';

export interface FeedDocument extends ParsedFeed {
  format: FeedFormat;
  items: FeedEntry[];
}
