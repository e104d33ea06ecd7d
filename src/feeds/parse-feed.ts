/**
 * Feed document → items. RSS 0.9x / 1.0 (RDF) / 2.0 and Atom through rss-parser; JSON Feed 1.x in
 * json-feed.ts (rss-parser lacks it). Item links are resolved against the feed URL and canonicalized; full
 * content (content:encoded, Atom content), media enclosures, authors and categories are kept.
 */
import Parser from 'rss-parser';
import { FeedParseError } from '../domain/errors.js';
import { canonicalizeUrl } from '../url/canonical.js';
import type { Enclosure, FeedDocument, FeedEntry, FeedFormat } from './feed-types.js';
import { parseJsonFeed } from './json-feed.js';
import { dedupeEntries, isoOrNull, str } from './values.js';

export type { Enclosure, FeedDocument, FeedEntry, FeedFormat } from './feed-types.js';

type Raw = Record<string, unknown>;

// why a new parser per document: rss-parser reuses one xml2js parser, whose state after a malformed document leaks
// into the next parse (a later, also malformed feed then never settled: a feed job that hangs)
const rssParser = (): Parser<Raw, Raw> =>
  new Parser({
    customFields: {
      item: [
        ['media:content', 'mediaContent', { keepArray: true }],
        ['media:thumbnail', 'mediaThumbnail', { keepArray: true }],
        ['dc:creator', 'dcCreator'],
        // why: RSS has no updated date of its own; feeds that carry one borrow it from Atom or Dublin Core
        ['updated', 'updated'],
        ['atom:updated', 'atomUpdated'],
        ['dc:modified', 'dcModified'],
        // why: rss-parser keeps only the first Atom link and drops category terms; the raw lists hold them
        ['link', 'allLinks', { keepArray: true }],
        ['category', 'allCategories', { keepArray: true }],
      ],
    },
  });

const attrs = (v: unknown): Raw => (v && typeof v === 'object' && '$' in v ? ((v as { $: Raw }).$ ?? {}) : {});

function toEnclosure(url: unknown, type: unknown, length: unknown, medium: unknown, feedUrl: string): Enclosure | null {
  const u = str(url) ? canonicalizeUrl(str(url)!, feedUrl) : null;
  if (!u) return null;
  const t = str(type);
  const n = Number(length);
  return { url: u, type: t, length: Number.isFinite(n) && n > 0 ? n : null, medium: str(medium) ?? t?.split('/')[0] ?? null };
}

function enclosuresOf(it: Raw, feedUrl: string): Enclosure[] {
  const out: Array<Enclosure | null> = [];
  const enc = it.enclosure as Raw | undefined;
  if (enc) out.push(toEnclosure(enc.url, enc.type, enc.length, null, feedUrl));
  for (const m of (it.mediaContent as unknown[]) ?? []) {
    const a = attrs(m);
    out.push(toEnclosure(a.url, a.type, a.fileSize, a.medium, feedUrl));
  }
  for (const m of (it.mediaThumbnail as unknown[]) ?? []) out.push(toEnclosure(attrs(m).url, null, null, 'image', feedUrl));
  for (const l of (it.allLinks as unknown[]) ?? []) {
    const a = attrs(l);
    if (a.rel === 'enclosure') out.push(toEnclosure(a.href, a.type, a.length, null, feedUrl));
  }
  const seen = new Set<string>();
  return out.filter((e): e is Enclosure => {
    if (e === null || seen.has(e.url)) return false;
    seen.add(e.url);
    return true;
  });
}

function categoriesOf(it: Raw): string[] {
  const raw = [...((it.categories as unknown[]) ?? []), ...((it.allCategories as unknown[]) ?? [])];
  const names = raw.map((c) => str(c) ?? str((c as Raw | null)?._) ?? str(attrs(c).term)).filter((c): c is string => c !== null);
  return [...new Set(names)];
}

function formatOf(body: string): FeedFormat {
  const head = body.slice(0, 2000);
  if (/<rdf:RDF\b/u.test(head)) return 'rss-1.0';
  if (/<feed\b[^>]*xmlns\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom/u.test(head) || /<feed\b/u.test(head)) return 'atom';
  const v = /<rss\b[^>]*version\s*=\s*["']([\d.]+)/u.exec(head)?.[1];
  return v?.startsWith('0.9') ? 'rss-0.9x' : 'rss-2.0';
}

function entryOf(it: Raw, feedUrl: string, format: FeedFormat): FeedEntry | null {
  const link = str(it.link) ?? (typeof it.guid === 'string' && /^https?:/u.test(it.guid) ? it.guid : null);
  const url = link ? canonicalizeUrl(link, feedUrl) : null;
  if (!url) return null;
  return {
    url,
    title: str(it.title),
    publishedAt: isoOrNull(it.isoDate ?? it.pubDate),
    updatedAt: isoOrNull(str(it.updated) ?? str(it.atomUpdated) ?? str(it.dcModified)),
    guid: str(it.guid) ?? str(it.id),
    summary: str(it.summary) ?? str(it.contentSnippet),
    // why not RSS `content`: rss-parser puts <description> there, which is a summary, not the article
    contentHtml: str(it['content:encoded']) ?? (format === 'atom' ? str(it.content) : null),
    author: str(it.creator) ?? str(it.dcCreator) ?? str(it.author),
    categories: categoriesOf(it),
    enclosures: enclosuresOf(it, feedUrl),
  };
}

/** Parse a feed body fetched from `feedUrl`. Throws FeedParseError (not retryable) on a broken feed. */
export async function parseFeed(body: string, feedUrl: string): Promise<FeedDocument> {
  const text = body.replace(/^\uFEFF/u, '');
  const head = text.trimStart().slice(0, 1);
  if (head === '{') return parseJsonFeed(text, feedUrl);
  if (head !== '<') throw new FeedParseError('not a feed: the body is neither XML nor JSON');
  let feed: Parser.Output<Raw>;
  try {
    feed = await rssParser().parseString(text.trimStart());
  } catch (err) {
    throw new FeedParseError(`feed XML cannot be parsed: ${(err as Error).message}`, err);
  }
  const format = formatOf(text);
  const items = (feed.items ?? []).map((it) => entryOf(it as Raw, feedUrl, format)).filter((e): e is FeedEntry => e !== null);
  const ttl = Number((feed as unknown as Raw).ttl);
  return {
    format,
    title: str(feed.title),
    siteUrl: str(feed.link),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: dedupeEntries(items),
  };
}
