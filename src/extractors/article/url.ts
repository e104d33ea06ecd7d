/**
 * URLs: resolve against the page, and the canonical URL (rel=canonical, og:url) in src/url's canonical form.
 */
import type { CheerioAPI } from 'cheerio';
import { canonicalizeUrl } from '../../url/canonical.js';
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
  // why canonical form: feed links (article ids) and dedup keys are compared in it; a tracking parameter in a
  // page's rel=canonical must not make the same story look like another URL
  const fromLink = canonicalOf(link?.attribs.href, url);
  if (fromLink) return { value: fromLink, rule: 'link-canonical' };
  const og = canonicalOf(meta.get('og:url')?.[0], url);
  if (og) return { value: og, rule: 'og' };
  return null;
}

function canonicalOf(href: string | null | undefined, base: string | null): string | null {
  return href ? canonicalizeUrl(href, base) : null;
}
