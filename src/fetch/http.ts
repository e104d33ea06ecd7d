/**
 * The HTTP edge: one GET with limits on time, size and redirects, the address guard on every hop, and
 * errors that say whether a retry helps. Bodies come back as bytes: charset decoding belongs to the parsers.
 */
import { FetchError } from '../domain/errors.js';
import { assertFetchable } from './address-guard.js';

export interface FetchOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowHosts: readonly string[];
  accept?: string;
  /** Extra request headers (If-None-Match, If-Modified-Since…). */
  headers?: Record<string, string>;
}

export interface FetchResult {
  /** Final URL after redirects. */
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
  contentType: string | null;
}

function retryAfterSeconds(h: Headers): number | null {
  const v = h.get('retry-after');
  if (!v) return null;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, n);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

async function readLimited(res: Response, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new FetchError('FETCH_TOO_LARGE', `body of ${url} is ${declared} bytes, over the ${maxBytes}-byte limit`, { retryable: false, url, status: res.status });
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new FetchError('FETCH_TOO_LARGE', `body of ${url} exceeds the ${maxBytes}-byte limit`, { retryable: false, url, status: res.status });
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** GET `url`, following at most `maxRedirects` redirects, each hop checked by the address guard. */
export async function httpGet(rawUrl: string, opts: FetchOptions): Promise<FetchResult> {
  let url = new URL(rawUrl);
  const deadline = AbortSignal.timeout(opts.timeoutMs);
  for (let hop = 0; ; hop++) {
    await assertFetchable(url, opts.allowHosts);
    let res: Response;
    try {
      res = await fetch(url, {
        redirect: 'manual',
        signal: deadline,
        headers: { 'user-agent': opts.userAgent, accept: opts.accept ?? '*/*', 'accept-encoding': 'gzip, deflate, br', ...opts.headers },
      });
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new FetchError('FETCH_TIMEOUT', `${url.href} did not answer within ${opts.timeoutMs} ms`, { retryable: true, url: url.href, cause: err });
      }
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new FetchError('FETCH_NETWORK', `cannot fetch ${url.href}: ${cause?.code ?? cause?.message ?? e.message}`, { retryable: true, url: url.href, cause: err });
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      await res.body?.cancel();
      if (hop >= opts.maxRedirects) {
        throw new FetchError('FETCH_HTTP', `too many redirects (over ${opts.maxRedirects}) from ${rawUrl}`, { retryable: false, url: url.href, status: res.status });
      }
      url = new URL(res.headers.get('location')!, url);
      continue;
    }
    if (res.status === 304) {
      await res.body?.cancel();
      return { url: url.href, status: 304, headers: res.headers, body: Buffer.alloc(0), contentType: res.headers.get('content-type') };
    }
    if (res.status >= 400) {
      await res.body?.cancel();
      const retryable = res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500;
      throw new FetchError('FETCH_HTTP', `${url.href} answered HTTP ${res.status}`, {
        retryable,
        url: url.href,
        status: res.status,
        retryAfterSeconds: retryAfterSeconds(res.headers),
      });
    }
    let body: Buffer;
    try {
      body = await readLimited(res, opts.maxBytes, url.href);
    } catch (err) {
      if (err instanceof FetchError) throw err;
      const e = err as Error;
      const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
      throw new FetchError(timeout ? 'FETCH_TIMEOUT' : 'FETCH_NETWORK', `reading ${url.href} failed: ${e.message}`, { retryable: true, url: url.href, cause: err });
    }
    return { url: url.href, status: res.status, headers: res.headers, body, contentType: res.headers.get('content-type') };
  }
}
