/**
 * Sitemaps (sitemaps.org 0.9) and Google News sitemaps → entries. A sitemap index lists child sitemaps; a urlset
 * lists pages with their <lastmod>, and in a news sitemap a <news:news> block (publication date, title, keywords).
 * Read by htmlparser2 in XML mode, fed in chunks: no DTD is read and no entity beyond the five XML ones is expanded
 * (an XML bomb stays text), and reading stops at the URL limit. Gzipped bytes (known by their magic bytes, whatever
 * the name) are inflated under a byte limit. Pure: fetching children is sitemap-crawl.ts's caller's job.
 */
import { gunzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';
import { FeedLimitError, FeedParseError } from '../domain/errors.js';
import type { FeedItem } from '../domain/types.js';
import { canonicalizeUrl } from '../url/canonical.js';
import { isoOrNull } from './values.js';

/** Hard limits on what one poll of a sitemap source reads (docs/cli.md lists them by these names). */
export interface SitemapLimits {
  /** Bytes of one document after decompression (the sitemaps.org maximum: 50 MiB). */
  maxBytes: number;
  /** URLs read from one document, and taken per poll; the rest is cut (the sitemaps.org maximum: 50,000). */
  maxUrls: number;
  /** Index levels followed below the source (an index whose children are urlsets is 1). */
  maxDepth: number;
  /** Child sitemaps fetched per poll (newest lastmod first). */
  maxChildren: number;
}

export const SITEMAP_LIMITS: SitemapLimits = { maxBytes: 50 * 1024 * 1024, maxUrls: 50_000, maxDepth: 2, maxChildren: 20 };

/** One <url> of a urlset. */
export interface SitemapEntry extends FeedItem {
  /** The entry has a <news:news> block (Google News sitemap). */
  news: boolean;
  /** <news:keywords>, split at commas. */
  keywords: string[];
}

/** One <sitemap> of an index. */
export interface SitemapRef {
  url: string;
  lastmod: string | null;
}

export type SitemapKind = 'sitemap-index' | 'urlset' | 'news-sitemap';

export interface SitemapDocument {
  kind: SitemapKind;
  /** The URL it was fetched from. */
  url: string;
  /** Pages (urlset), first entry per canonical URL. */
  entries: SitemapEntry[];
  /** Child sitemaps (index). */
  sitemaps: SitemapRef[];
  /** Why the document was not read to its end (the limit it hit), null when it was. */
  cut: string | null;
}

const MiB = 1024 * 1024;
const size = (n: number) => (n >= MiB ? `${Math.round(n / MiB)} MiB` : `${n} bytes`);

/** True when `bytes` start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Inflate gzipped bytes (by magic bytes, not by name), stopping at `maxBytes`; other bytes come back as they are.
 * A gzip bomb is a FeedLimitError naming maxBytes; a truncated or corrupt gzip is a FeedParseError.
 */
export function gunzipIfGzip(bytes: Buffer, url: string, maxBytes: number = SITEMAP_LIMITS.maxBytes): Buffer {
  if (!isGzip(bytes)) {
    if (bytes.length > maxBytes) throw new FeedLimitError('maxBytes', maxBytes, `${url} is over the ${size(maxBytes)} limit (maxBytes)`);
    return bytes;
  }
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as Error).name === 'RangeError' || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FeedLimitError('maxBytes', maxBytes, `${url} is gzip that inflates past the ${size(maxBytes)} limit (maxBytes): not read`);
    }
    throw new FeedParseError(`${url} is gzip that cannot be inflated (truncated or corrupt: ${(err as Error).message})`, err);
  }
}

/** The local name of an XML name ("news:title" → "title"). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Text kept per field: an entry whose <loc> is longer is dropped (a URL cut short would be another URL). */
const MAX_FIELD_CHARS = 4096;
/** Characters handed to the parser at a time, so a cut stops the reading within one chunk. */
const CHUNK = 64 * 1024;

type Field = 'loc' | 'lastmod' | 'publication_date' | 'title' | 'keywords';

interface Draft {
  loc: string;
  lastmod: string;
  publication_date: string;
  title: string;
  keywords: string;
  news: boolean;
  /** A field ran past MAX_FIELD_CHARS: the entry is dropped. */
  overlong: boolean;
}

const draft = (): Draft => ({ loc: '', lastmod: '', publication_date: '', title: '', keywords: '', news: false, overlong: false });

// why by depth and parent: <image:loc> and <video:title> share local names with the fields we read
function fieldOf(depth: number, parent: string, name: string): Field | null {
  if (depth === 3 && (name === 'loc' || name === 'lastmod')) return name;
  if (depth === 4 && parent === 'news' && (name === 'publication_date' || name === 'title' || name === 'keywords')) return name;
  return null;
}

/** The root element's local name of an XML text, null when there is none (pure, reads only up to it). */
export function rootElementOf(text: string): string | null {
  let root: string | null = null;
  const parser = new Parser(
    {
      onopentag(name) {
        root ??= local(name);
      },
    },
    { xmlMode: true },
  );
  for (let i = 0; i < text.length && root === null && i < 4 * CHUNK; i += CHUNK) parser.write(text.slice(i, i + CHUNK));
  return root;
}

/** Parse a sitemap index, urlset or news sitemap fetched from `url`. Throws FeedParseError when it is none of them. */
export function parseSitemap(text: string, url: string, limits: Pick<SitemapLimits, 'maxUrls'> = SITEMAP_LIMITS): SitemapDocument {
  const body = text.replace(/^\uFEFF/u, '');
  if (!body.trimStart().startsWith('<')) throw new FeedParseError(`${url} is not a sitemap: the body is not XML`);
  let root: string | null = null;
  let stop = false;
  let cut: string | null = null;
  let depth = 0;
  const parents: string[] = [];
  let cur: Draft | null = null;
  let field: Field | null = null;
  let fieldDepth = 0;
  let read = 0;
  const raw: Draft[] = [];
  const parser = new Parser(
    {
      onopentag(name) {
        if (stop) return;
        const n = local(name);
        depth++;
        if (depth <= 4) parents[depth] = n;
        if (root === null) {
          root = n;
          if (n !== 'urlset' && n !== 'sitemapindex') stop = true;
          return;
        }
        if (depth === 2 && (n === 'url' || n === 'sitemap')) cur = draft();
        else if (cur && depth === 3 && n === 'news') cur.news = true;
        else if (cur && field === null) {
          field = fieldOf(depth, parents[depth - 1] ?? '', n);
          fieldDepth = depth;
        }
      },
      ontext(t) {
        if (!cur || !field || cur.overlong) return;
        if (cur[field].length + t.length > MAX_FIELD_CHARS) {
          cur.overlong = true;
          cur[field] = '';
        } else cur[field] += t;
      },
      onclosetag() {
        if (field && depth === fieldDepth) field = null;
        if (depth === 2 && cur) {
          if (!cur.overlong) raw.push(cur);
          cur = null;
          if (++read >= limits.maxUrls && !stop) {
            stop = true;
            cut = `read the first ${limits.maxUrls} URLs and stopped: the maxUrls limit (${limits.maxUrls} per sitemap, the sitemaps.org maximum)`;
          }
        }
        depth--;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  for (let i = 0; i < body.length && !stop; i += CHUNK) parser.write(body.slice(i, i + CHUNK));
  if (!stop) parser.end();
  if (root === null) throw new FeedParseError(`${url} is not a sitemap: no XML element in the body`);
  if (root !== 'urlset' && root !== 'sitemapindex')
    throw new FeedParseError(`${url} is not a sitemap: its root element is <${root}>, not <urlset> or <sitemapindex>`);
  if (root === 'sitemapindex') {
    const sitemaps: SitemapRef[] = [];
    for (const [u, d] of uniqueLocs(raw, url)) sitemaps.push({ url: u, lastmod: isoOrNull(d.lastmod) });
    return { kind: 'sitemap-index', url, entries: [], sitemaps, cut };
  }
  const entries: SitemapEntry[] = [];
  for (const [u, d] of uniqueLocs(raw, url)) {
    entries.push({
      url: u,
      title: d.title.trim() || null,
      publishedAt: isoOrNull(d.publication_date),
      updatedAt: isoOrNull(d.lastmod),
      guid: null,
      summary: null,
      news: d.news,
      keywords: d.keywords
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    });
  }
  return { kind: entries.some((e) => e.news) ? 'news-sitemap' : 'urlset', url, entries, sitemaps: [], cut };
}

/** Each draft with its canonical <loc> (resolved against the document's URL), empty and repeated ones left out. */
function* uniqueLocs(raw: readonly Draft[], base: string): Generator<[string, Draft]> {
  const seen = new Set<string>();
  for (const d of raw) {
    const u = d.loc.trim() ? canonicalizeUrl(d.loc.trim(), base) : null;
    if (!u || seen.has(u)) continue;
    seen.add(u);
    yield [u, d];
  }
}

export interface RecentEntries {
  entries: SitemapEntry[];
  /** Entries whose lastmod is older than the window (left out). */
  old: number;
  /** Entries of a non-news sitemap without a lastmod (left out: nothing says they are recent). */
  undated: number;
}

/**
 * The entries worth polling for: every news entry (a news sitemap lists the last two days only), and other entries
 * whose lastmod falls within `windowMs` of `now`, so a 50,000-URL archive sitemap does not flood the queue.
 * `windowMs` null takes every entry.
 */
export function recentEntries(entries: SitemapEntry[], now: Date, windowMs: number | null): RecentEntries {
  if (windowMs === null) return { entries, old: 0, undated: 0 };
  const since = now.getTime() - windowMs;
  const out: RecentEntries = { entries: [], old: 0, undated: 0 };
  for (const e of entries) {
    if (e.news) out.entries.push(e);
    else if (e.updatedAt === null) out.undated++;
    else if (Date.parse(e.updatedAt) >= since) out.entries.push(e);
    else out.old++;
  }
  return out;
}
