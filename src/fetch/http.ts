/**
 * The HTTP edge: one GET with limits on time (whole request, body included), size (after decompression) and
 * redirects, the address guard on every hop and on every resolved address (closing the DNS-rebinding gap),
 * gzip/deflate/br, truncated-body detection, and errors that say whether a retry helps.
 * Bodies come back as bytes: charset decoding belongs to the parsers (see decode.ts).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { FetchError } from '../domain/errors.js';
import { assertFetchable, guardedLookup, isAllowedHost } from './address-guard.js';

export interface FetchOptions {
  userAgent: string;
  /** Deadline for the whole request: connect, redirects, headers and body. */
  timeoutMs: number;
  /** Limit on the (decompressed) body. */
  maxBytes: number;
  maxRedirects: number;
  allowHosts: readonly string[];
  accept?: string;
  /** Extra request headers (If-None-Match, If-Modified-Since…). */
  headers?: Record<string, string>;
  /** Called before each redirect hop is requested (robots.txt of a new origin); throw to refuse it. */
  beforeRedirect?: (url: URL) => Promise<void>;
}

export interface FetchResult {
  /** Final URL after redirects. */
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
  contentType: string | null;
  /** The redirects followed, in order (empty when none). */
  redirects?: Array<{ status: number; url: string }>;
}

/** The address a resource moved to for good: the final URL when every redirect followed was permanent (301/308). */
export function permanentlyMovedTo(res: FetchResult): string | null {
  const hops = res.redirects ?? [];
  return hops.length > 0 && hops.every((h) => h.status === 301 || h.status === 308) ? res.url : null;
}

/** Seconds asked for by a Retry-After header (delta-seconds or HTTP date), null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const n = Number(value.trim());
  if (Number.isFinite(n)) return Math.max(0, n);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - now) / 1000));
}

function toHeaders(res: IncomingMessage): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) h.append(k, one);
  }
  return h;
}

interface RawResponse {
  status: number;
  headers: Headers;
  /** Compressed bytes as received (read only when `wantBody`). */
  raw: Buffer;
}

function tooLarge(url: string, status: number, detail: string, maxBytes: number): FetchError {
  return new FetchError('FETCH_TOO_LARGE', `body of ${url} ${detail} the ${maxBytes}-byte limit`, { retryable: false, url, status });
}

/** One request, no redirect handling. Rejects on network errors, timeouts, oversized and truncated bodies. */
function requestOnce(url: URL, opts: FetchOptions, signal: AbortSignal, wantBody: (status: number) => boolean): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const allowed = isAllowedHost(url, opts.allowHosts);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'GET',
      signal,
      // why: the name is resolved here and every address checked, so a name cannot pass the guard and then resolve elsewhere
      lookup: guardedLookup(url.href, allowed),
      headers: {
        'user-agent': opts.userAgent,
        accept: opts.accept ?? '*/*',
        'accept-encoding': 'gzip, deflate, br',
        ...opts.headers,
      },
    });
    req.on('error', (err: Error & { code?: string }) => {
      if (err instanceof FetchError) return reject(err);
      if (err.name === 'AbortError' || signal.aborted) {
        return reject(
          new FetchError('FETCH_TIMEOUT', `${url.href} did not answer within ${opts.timeoutMs} ms`, { retryable: true, url: url.href, cause: err }),
        );
      }
      reject(new FetchError('FETCH_NETWORK', `cannot fetch ${url.href}: ${err.code ?? err.message}`, { retryable: true, url: url.href, cause: err }));
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const headers = toHeaders(res);
      if (!wantBody(status)) {
        res.resume();
        res.destroy();
        return resolve({ status, headers, raw: Buffer.alloc(0) });
      }
      const declared = Number(headers.get('content-length') ?? Number.NaN);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        reject(tooLarge(url.href, status, `is ${declared} bytes, over`, opts.maxBytes));
        return void res.destroy();
      }
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > opts.maxBytes) {
          // why reject first: destroying the stream fires 'aborted', which would report a truncation instead
          reject(tooLarge(url.href, status, 'exceeds', opts.maxBytes));
          return void res.destroy();
        }
        chunks.push(chunk);
      });
      const cutOff = (err?: Error) =>
        reject(
          signal.aborted
            ? new FetchError('FETCH_TIMEOUT', `reading ${url.href} did not finish within ${opts.timeoutMs} ms`, {
                retryable: true,
                url: url.href,
                status,
                cause: err,
              })
            : truncated(url.href, status, total, declared),
        );
      res.on('aborted', () => cutOff());
      res.on('error', cutOff);
      res.on('end', () => {
        if (!res.complete || (Number.isFinite(declared) && total < declared)) return reject(truncated(url.href, status, total, declared));
        resolve({ status, headers, raw: Buffer.concat(chunks) });
      });
    });
    req.end();
  });
}

function truncated(url: string, status: number, got: number, declared: number): FetchError {
  const of = Number.isFinite(declared) ? ` of ${declared}` : '';
  return new FetchError('FETCH_NETWORK', `body of ${url} was cut off after ${got}${of} bytes`, { retryable: true, url, status });
}

/** Undo Content-Encoding, keeping the decompressed size under `maxBytes` (decompression bombs fail early). */
export function decompress(raw: Buffer, encoding: string | null, maxBytes: number, url: string, status = 200): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (!enc || enc === 'identity' || raw.length === 0) return raw;
  const limit = { maxOutputLength: maxBytes };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipSync(raw, limit);
    if (enc === 'br') return brotliDecompressSync(raw, limit);
    if (enc === 'deflate') {
      // why: many servers send raw DEFLATE under "deflate" instead of the zlib wrapping the RFC asks for
      try {
        return inflateSync(raw, limit);
      } catch (err) {
        if ((err as Error).name === 'RangeError') throw err;
        return inflateRawSync(raw, limit);
      }
    }
  } catch (err) {
    if ((err as Error).name === 'RangeError' || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(url, status, 'decompresses past', maxBytes);
    }
    throw new FetchError('FETCH_NETWORK', `body of ${url} is not valid ${enc}: ${(err as Error).message}`, { retryable: true, url, status, cause: err });
  }
  return raw; // an unknown coding: hand back the bytes, the parser will say whether it can read them
}

/** GET `url`, following at most `maxRedirects` redirects, each hop checked by the address guard. */
export async function httpGet(rawUrl: string, opts: FetchOptions): Promise<FetchResult> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new FetchError('FETCH_FORBIDDEN', `not a URL: ${rawUrl}`, { retryable: false, url: rawUrl });
  }
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const seen = new Set<string>();
  const redirects: Array<{ status: number; url: string }> = [];
  for (let hop = 0; ; hop++) {
    await assertFetchable(url, opts.allowHosts);
    seen.add(url.href);
    const res = await requestOnce(url, opts, signal, (s) => s >= 200 && s < 300);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw new FetchError('FETCH_HTTP', `${url.href} redirects to an unparsable Location: ${location.slice(0, 200)}`, {
          retryable: false,
          url: url.href,
          status: res.status,
        });
      }
      if (seen.has(next.href)) {
        throw new FetchError('FETCH_HTTP', `redirect loop: ${url.href} leads back to ${next.href}`, { retryable: false, url: url.href, status: res.status });
      }
      if (hop >= opts.maxRedirects) {
        throw new FetchError('FETCH_HTTP', `too many redirects (over ${opts.maxRedirects}) from ${rawUrl}`, {
          retryable: false,
          url: url.href,
          status: res.status,
        });
      }
      await opts.beforeRedirect?.(next);
      redirects.push({ status: res.status, url: next.href });
      url = next;
      continue;
    }
    if (res.status === 304)
      return { url: url.href, status: 304, headers: res.headers, body: Buffer.alloc(0), contentType: res.headers.get('content-type'), redirects };
    if (res.status < 200 || res.status >= 300) {
      const retryable = res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500;
      throw new FetchError('FETCH_HTTP', `${url.href} answered HTTP ${res.status}`, {
        retryable,
        url: url.href,
        status: res.status,
        retryAfterSeconds: retryAfterSeconds(res.headers.get('retry-after')),
      });
    }
    const body = decompress(res.raw, res.headers.get('content-encoding'), opts.maxBytes, url.href, res.status);
    return { url: url.href, status: res.status, headers: res.headers, body, contentType: res.headers.get('content-type'), redirects };
  }
}
