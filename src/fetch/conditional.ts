/**
 * Conditional GET and freshness: the validators (ETag, Last-Modified) a response carries, the request headers
 * that replay them, and how long the server says the response stays fresh (Cache-Control, Expires).
 */

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** ETag and Last-Modified of a response. */
export function validatorsOf(headers: Headers): Validators {
  return { etag: headers.get('etag'), lastModified: headers.get('last-modified') };
}

/** If-None-Match / If-Modified-Since for a repeat request (empty when nothing is known yet). */
export function conditionalHeaders(v: Partial<Validators>): Record<string, string> {
  const h: Record<string, string> = {};
  if (v.etag) h['if-none-match'] = v.etag;
  if (v.lastModified) h['if-modified-since'] = v.lastModified;
  return h;
}

/** Seconds the response stays fresh: s-maxage or max-age, else Expires − Date; 0 for no-cache/no-store; null when unsaid. */
export function freshnessSeconds(headers: Headers, now: number = Date.now()): number | null {
  const cc = (headers.get('cache-control') ?? '').toLowerCase();
  if (/\b(no-cache|no-store)\b/u.test(cc)) return 0;
  const age = /\bs-maxage\s*=\s*"?(\d+)/u.exec(cc) ?? /\bmax-age\s*=\s*"?(\d+)/u.exec(cc);
  if (age?.[1]) return Number(age[1]);
  const expires = headers.get('expires');
  if (expires) {
    const at = Date.parse(expires);
    if (Number.isNaN(at)) return 0; // why: RFC 9111 reads an invalid Expires (often "0" or "-1") as already expired
    const date = Date.parse(headers.get('date') ?? '');
    return Math.max(0, Math.round((at - (Number.isNaN(date) ? now : date)) / 1000));
  }
  return null;
}
