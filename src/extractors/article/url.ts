/**
 * URLs: resolve against the page, the canonical URL (rel=canonical, og:url), and registrable-domain comparison.
 */
import type { CheerioAPI } from 'cheerio';
import { pageTags } from './dom.js';
import type { MetaMap } from './meta.js';

/** Resolve `href` against `base`; null when it is not an http(s) URL. */
export function resolveUrl(href: string | null | undefined, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = base ? new URL(href.trim(), base) : new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** The canonical URL and the rule that found it. */
export function findCanonical($: CheerioAPI, meta: MetaMap, url: string | null): { value: string; rule: string } | null {
  const link = pageTags($.root()[0]!).link.find((el) => /(?:^|\s)canonical(?:\s|$)/iu.test(el.attribs.rel ?? ''));
  const fromLink = resolveUrl(link?.attribs.href, url);
  if (fromLink) return { value: fromLink, rule: 'link-canonical' };
  const og = resolveUrl(meta.get('og:url')?.[0], url);
  if (og) return { value: og, rule: 'og' };
  return null;
}

const TWO_PART_TLDS = /\.(?:co|com|org|net|gov|ac|edu|ne|or|go)\.[a-z]{2}$/u;

/** The registrable domain of a host (last two labels, three under second-level country domains). */
export function siteOf(url: string): string | null {
  try {
    const host = new URL(url).hostname.toLowerCase();
    const parts = host.split('.');
    return parts.slice(TWO_PART_TLDS.test(host) ? -3 : -2).join('.');
  } catch {
    return null;
  }
}
