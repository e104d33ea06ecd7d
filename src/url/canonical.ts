/**
 * The one URL canonicalizer: feeds (article ids), dedup (URL keys) and the article extractor (a page's canonical
 * URL) all use it, so a tracking parameter dropped in one place is dropped in all. Imports nothing from src/.
 */

/** Query parameters that only track the click or the channel, never select content. */
const TRACKING_PARAMS = [
  /^utm_/iu,
  /^mc_(cid|eid)$/iu,
  /^fbclid$/iu,
  /^gclid$/iu,
  /^dclid$/iu,
  /^msclkid$/iu,
  /^yclid$/iu,
  /^igshid$/iu,
  /^_hs(enc|mi)$/iu,
  /^mkt_tok$/iu,
  /^cmpid$/iu,
  /^ocid$/iu,
  /^smid$/iu,
  /^ref(_?src)?$/iu,
  /^share$/iu,
  /^__twitter_impression$/iu,
  /^rss$/iu,
  /^feed(id)?$/iu,
  /^ito$/iu,
  /^s_cid$/iu,
  /^CMP$/u,
  /^partner$/iu,
  /^amp$/iu,
];

/** True when the query parameter named `name` only tracks (utm_*, fbclid, …). */
export function isTrackingParam(name: string): boolean {
  return TRACKING_PARAMS.some((re) => re.test(name));
}

/** The decoded name of one `name=value` query piece (`+` is a space, bad escapes are kept as written). */
function paramName(piece: string): string {
  const eq = piece.indexOf('=');
  const raw = (eq < 0 ? piece : piece.slice(0, eq)).replace(/\+/gu, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * A query without its tracking parameters, the rest sorted by name (then as written), each piece kept exactly as
 * the URL parser left it. '' when nothing is left.
 * why pieces as written: re-serializing through URLSearchParams turns `?123` into `?123=` and `%20` into `+`,
 * which some servers read as another page.
 */
export function canonicalQuery(search: string): string {
  const kept = search
    .replace(/^\?/u, '')
    .split('&')
    .filter((piece) => piece !== '')
    .map((piece) => ({ piece, name: paramName(piece) }))
    .filter((p) => !isTrackingParam(p.name));
  kept.sort((a, b) => cmp(a.name, b.name) || cmp(a.piece, b.piece));
  return kept.length ? `?${kept.map((p) => p.piece).join('&')}` : '';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical form: http(s) only, lower-case scheme and host, no trailing dot, no default port, no credentials, no
 * fragment, tracking parameters dropped, remaining parameters sorted (canonicalQuery), `/index.html`-style paths
 * kept (servers differ). Relative URLs resolve against `base`. Null for URLs that are not http(s).
 */
export function canonicalizeUrl(raw: string, base?: string | null): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim(), base ?? undefined);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  u.hostname = u.hostname.toLowerCase().replace(/\.$/u, '');
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) u.port = '';
  if (u.pathname === '') u.pathname = '/';
  const query = canonicalQuery(u.search);
  u.search = '';
  return `${u.toString()}${query}`;
}
