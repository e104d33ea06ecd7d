/**
 * URL canonicalization before an article id is made: the same story reached through two feeds or two
 * tracking links must hash to one id.
 */

/** Query parameters that only track the click, never select content. */
const TRACKING_PARAMS = [
  /^utm_/iu, /^mc_(cid|eid)$/iu, /^fbclid$/iu, /^gclid$/iu, /^dclid$/iu, /^msclkid$/iu, /^yclid$/iu,
  /^igshid$/iu, /^_hs(enc|mi)$/iu, /^mkt_tok$/iu, /^cmpid$/iu, /^ocid$/iu, /^smid$/iu, /^ref_?src$/iu,
  /^share$/iu, /^__twitter_impression$/iu, /^rss$/iu, /^feed(id)?$/iu, /^ito$/iu, /^s_cid$/iu, /^CMP$/u,
];

/**
 * Canonical form: http(s) only, lower-case scheme and host, no default port, no fragment, tracking
 * parameters dropped, remaining parameters sorted, `/index.html`-style paths kept (servers differ).
 * Returns null for URLs that are not http(s).
 */
export function canonicalizeUrl(raw: string, base?: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  u.hostname = u.hostname.toLowerCase().replace(/\.$/u, '');
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) u.port = '';
  const kept = [...u.searchParams.entries()].filter(([k]) => !TRACKING_PARAMS.some((re) => re.test(k)));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  if (u.pathname === '') u.pathname = '/';
  return u.toString();
}
