/**
 * Which targets newsflow may fetch: http(s) only, and never private, loopback or link-local addresses
 * unless the host is explicitly allowed (the fixture server on 127.0.0.1 is, in replays and tests).
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { FetchError } from '../domain/errors.js';

/** True for loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified and similar special addresses. */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return (
      a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 192 && b === 0) || a >= 224
    );
  }
  if (v === 6) {
    const s = ip.toLowerCase();
    if (s === '::1' || s === '::') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/u.exec(s);
    if (mapped?.[1]) return isPrivateAddress(mapped[1]);
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/u.test(s);
  }
  return true;
}

function allowed(url: URL, allowHosts: readonly string[]): boolean {
  return allowHosts.includes(url.host) || allowHosts.includes(url.hostname);
}

/** Throw a non-retryable FetchError when `url` may not be fetched. Resolves names to check where they point. */
export async function assertFetchable(url: URL, allowHosts: readonly string[]): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('FETCH_FORBIDDEN', `refused ${url.protocol} URL: only http and https are fetched`, { retryable: false, url: url.href });
  }
  if (allowed(url, allowHosts)) return;
  const host = url.hostname.replace(/^\[|\]$/gu, '');
  const addresses = isIP(host) ? [host] : await lookup(host, { all: true }).then(
    (r) => r.map((a) => a.address),
    (err: Error) => {
      throw new FetchError('FETCH_NETWORK', `cannot resolve ${host}: ${err.message}`, { retryable: true, url: url.href, cause: err });
    },
  );
  const bad = addresses.find(isPrivateAddress);
  if (bad) {
    throw new FetchError('FETCH_FORBIDDEN', `refused ${url.host}: it resolves to the private or loopback address ${bad} (allow it with NEWSFLOW_ALLOW_HOSTS)`, {
      retryable: false,
      url: url.href,
    });
  }
}
