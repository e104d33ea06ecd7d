/**
 * Which targets newsflow may fetch: http(s) only, and never private, loopback or link-local addresses
 * unless the host is explicitly allowed (the fixture server on 127.0.0.1 is, in replays and tests).
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { FetchError } from '../domain/errors.js';

/** True for loopback, private (RFC 1918, ULA), link-local, CGNAT, unspecified and similar special addresses. */
export function isPrivateAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (v === 6) {
    const s = ip.toLowerCase();
    if (s === '::1' || s === '::') return true;
    const words = expandIpv6(s);
    if (!words) return true;
    // why: IPv4-mapped (::ffff:a.b.c.d, which URL parsing rewrites to ::ffff:7f00:1), IPv4-compatible and NAT64
    // addresses carry an IPv4 address in their last 32 bits: judge that one
    const embeds =
      (words.slice(0, 5).every((w) => w === 0) && (words[5] === 0xffff || words[5] === 0)) ||
      (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0));
    if (embeds) return isPrivateAddress(ipv4Of(words[6] ?? 0, words[7] ?? 0));
    // why: a 6to4 address (2002:AABB:CCDD::/48) routes to the IPv4 address in words 1–2, and a Teredo address
    // (2001:0::/32) to the server in words 2–3 and the client in words 6–7 stored inverted: judge each of them
    if (words[0] === 0x2002) return isPrivateAddress(ipv4Of(words[1] ?? 0, words[2] ?? 0));
    if (words[0] === 0x2001 && words[1] === 0) {
      return isPrivateAddress(ipv4Of(words[2] ?? 0, words[3] ?? 0)) || isPrivateAddress(ipv4Of(~(words[6] ?? 0) & 0xffff, ~(words[7] ?? 0) & 0xffff));
    }
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/u.test(s);
  }
  return true;
}

/** Dotted IPv4 from two 16-bit words. */
function ipv4Of(hi: number, lo: number): string {
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** The eight 16-bit words of an IPv6 address (dotted IPv4 tail allowed), or null when it does not parse. */
function expandIpv6(ip: string): number[] | null {
  let s = ip.replace(/%.*$/u, '');
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/u.exec(s);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const part = (h: string | undefined) => (h ? h.split(':').map((w) => Number.parseInt(w, 16)) : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const words = [...head, ...new Array<number>(Math.max(0, fill)).fill(0), ...tail];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** True when `url`'s host (or host:port) is listed in `allowHosts`. */
export function isAllowedHost(url: URL, allowHosts: readonly string[]): boolean {
  return allowHosts.includes(url.host) || allowHosts.includes(url.hostname);
}

function forbidden(host: string, address: string, url: string): FetchError {
  return new FetchError('FETCH_FORBIDDEN', `refused ${host}: it resolves to the private or loopback address ${address} (allow it with NEWSFLOW_ALLOW_HOSTS)`, {
    retryable: false,
    url,
  });
}

/**
 * A `lookup` for node:http that refuses private addresses at connect time: the address checked is the
 * address connected to, so a name that resolves differently on a second lookup (DNS rebinding) gains nothing.
 */
export function guardedLookup(url: string, allowed: boolean): LookupFunction {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = allowed ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(forbidden(hostname, bad.address, url) as unknown as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

/** Throw a non-retryable FetchError when `url` may not be fetched. Resolves names to check where they point. */
export async function assertFetchable(url: URL, allowHosts: readonly string[]): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('FETCH_FORBIDDEN', `refused ${url.protocol} URL: only http and https are fetched`, { retryable: false, url: url.href });
  }
  if (isAllowedHost(url, allowHosts)) return;
  const host = url.hostname.replace(/^\[|\]$/gu, '');
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (r) => r.map((a) => a.address),
        (err: Error) => {
          throw new FetchError('FETCH_NETWORK', `cannot resolve ${host}: ${err.message}`, { retryable: true, url: url.href, cause: err });
        },
      );
  const bad = addresses.find(isPrivateAddress);
  if (bad) throw forbidden(url.host, bad, url.href);
}
