/**
 * One poll of a sitemap source: the fetched document, and when it is an index, its children, fetched through the
 * caller's `fetchChild` (the polite fetcher in the feed worker) to a bounded depth and number, newest lastmod
 * first, never the same sitemap twice (a cycle ends there). Entries are kept by the lastmod window (news entries
 * always) and capped at maxUrls per poll.
 */
import { recentEntries, SITEMAP_LIMITS, type SitemapDocument, type SitemapEntry, type SitemapLimits, type SitemapRef } from './sitemap.js';

export interface CrawlOptions {
  now: Date;
  /** Non-news entries older than this (by lastmod) are left out; null takes every entry. */
  windowMs: number | null;
  limits?: SitemapLimits;
}

export interface SitemapCrawl {
  /** The source's own kind ('sitemap-index', 'urlset', 'news-sitemap'). */
  kind: SitemapDocument['kind'];
  /** Entries to poll, first per URL. */
  entries: SitemapEntry[];
  /** Child sitemaps fetched (the source itself not counted). */
  childrenFetched: number;
  /** Entries left out by the window: older than it, or without a lastmod. */
  old: number;
  undated: number;
  /** What was cut or skipped and why, each naming its limit; a failed child is one line too. */
  warnings: string[];
}

const byNewest = (a: SitemapRef, b: SitemapRef) => (b.lastmod ?? '').localeCompare(a.lastmod ?? '');

/** Crawl `root` (already fetched and parsed). Throws only when every child of an index failed (the first error). */
export async function crawlSitemap(root: SitemapDocument, fetchChild: (url: string) => Promise<SitemapDocument>, opts: CrawlOptions): Promise<SitemapCrawl> {
  const limits = opts.limits ?? SITEMAP_LIMITS;
  const since = opts.windowMs === null ? null : opts.now.getTime() - opts.windowMs;
  const out: SitemapCrawl = { kind: root.kind, entries: [], childrenFetched: 0, old: 0, undated: 0, warnings: [] };
  const seenUrls = new Set<string>();
  const visited = new Set<string>([root.url]);
  let capped = false;

  const take = (doc: SitemapDocument) => {
    if (doc.cut) out.warnings.push(`${doc.url}: ${doc.cut}`);
    const recent = recentEntries(doc.entries, opts.now, opts.windowMs);
    out.old += recent.old;
    out.undated += recent.undated;
    for (const e of recent.entries) {
      if (seenUrls.has(e.url)) continue;
      if (out.entries.length >= limits.maxUrls) {
        capped = true;
        break;
      }
      seenUrls.add(e.url);
      out.entries.push(e);
    }
  };

  // breadth first: an index's own children before its grandchildren, each level newest first
  let level: Array<{ doc: SitemapDocument; depth: number }> = [{ doc: root, depth: 0 }];
  while (level.length) {
    const next: typeof level = [];
    for (const { doc, depth } of level) {
      if (doc.kind !== 'sitemap-index') {
        take(doc);
        continue;
      }
      if (doc.cut) out.warnings.push(`${doc.url}: ${doc.cut}`);
      if (depth >= limits.maxDepth) {
        out.warnings.push(
          `${doc.url} is an index nested ${depth} deep: its ${doc.sitemaps.length} children not followed (the maxDepth limit, ${limits.maxDepth})`,
        );
        continue;
      }
      // why the window applies to children too: an archive index lists one sitemap per month, most of them old
      const recent = doc.sitemaps.filter((s) => since === null || s.lastmod === null || Date.parse(s.lastmod) >= since).sort(byNewest);
      const fresh = recent.filter((s) => !visited.has(s.url));
      if (fresh.length < recent.length)
        out.warnings.push(`${doc.url} lists ${recent.length - fresh.length} sitemap(s) already read in this poll (a cycle): not fetched again`);
      const failures: unknown[] = [];
      let fetched = 0;
      for (const ref of fresh) {
        if (out.childrenFetched >= limits.maxChildren || capped) {
          out.warnings.push(
            `${doc.url}: ${fresh.length - fetched} child sitemap(s) not fetched in this poll (${
              capped ? `the maxUrls limit, ${limits.maxUrls} entries per poll, was reached` : `the maxChildren limit, ${limits.maxChildren} per poll`
            })`,
          );
          break;
        }
        visited.add(ref.url);
        out.childrenFetched++;
        fetched++;
        try {
          next.push({ doc: await fetchChild(ref.url), depth: depth + 1 });
        } catch (err) {
          // why kept going: one hostile or broken child must not cost the source its other children
          failures.push(err);
          out.warnings.push(`${ref.url}: ${(err as Error).message}`);
        }
      }
      if (fetched > 0 && failures.length === fetched) throw failures[0];
    }
    level = next;
  }
  if (capped) out.warnings.push(`entries past the maxUrls limit (${limits.maxUrls} per poll) left for a later poll`);
  return out;
}
