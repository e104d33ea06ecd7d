/**
 * Text and URL normalization for deduplication: what two copies of one story must have in common.
 * Pure functions: no I/O, no clock, no environment.
 */
import { createHash } from 'node:crypto';

/** Fewer tokens than this: no exact-text key (short captions and teasers repeat across unrelated pages). */
export const MIN_TOKENS_FOR_TEXT_HASH = 20;

/**
 * Word tokens of a body: NFKD, diacritics and case folded, letters and digits only.
 * // why: copies differ in curly vs straight quotes, dashes, accents lost by a CMS, and letter case of headings.
 */
export function tokens(text: string): string[] {
  const folded = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Hash of the normalized token sequence (null when the text is too short to identify a story). */
export function textHash(toks: readonly string[]): string | null {
  if (toks.length < MIN_TOKENS_FOR_TEXT_HASH) return null;
  return createHash('sha256').update(toks.join(' ')).digest('hex').slice(0, 16);
}

/** Query parameters that never change which article a URL points to. */
const TRACKING_PARAM = /^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|ocid|smid|partner|share|amp)$/iu;

/**
 * A URL reduced to what identifies the article: lower-case host without `www.`/`m.`/`amp.`, no scheme, no
 * fragment, no tracking parameters, no trailing slash or `/amp` suffix. Null for site roots and section-like
 * paths with a single short segment: a canonical pointing at a home page must not merge a whole site.
 */
export function normalizeUrl(raw: string | null): string | null {
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname.toLowerCase().replace(/^(www\d?|m|amp|mobile)\./u, '');
  // why: paths stay case-sensitive (most servers are); only the host is folded.
  const path = decodeSafe(u.pathname).replace(/\/(amp|index\.html?)\/?$/u, '/').replace(/\/+$/u, '');
  if (!path) return null;
  // why: "/news" or "/world" is a section front, not an article; real article paths are longer.
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 1 && segments[0]!.length < 12 && !/\d/u.test(segments[0]!)) return null;
  const params = [...u.searchParams.entries()]
    .filter(([k]) => !TRACKING_PARAM.test(k))
    .sort(([a, av], [b, bv]) => (a === b ? cmp(av, bv) : cmp(a, b)));
  const query = params.length ? `?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  return `${host}${path}${query}`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Host of a URL without `www.`, or null. */
export function hostOf(raw: string | null): string | null {
  if (!raw) return null;
  try {
    return new URL(raw).hostname.toLowerCase().replace(/^www\d?\./u, '');
  } catch {
    return null;
  }
}

/** An outlet name reduced for comparison: "The Hollywood Reporter" ~ "hollywoodreporter". */
export function normalizeOutlet(name: string | null): string | null {
  if (!name) return null;
  const t = tokens(name).filter((w) => w !== 'the' && w !== 'com');
  return t.length ? t.join('') : null;
}
