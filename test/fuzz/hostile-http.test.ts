/**
 * Hostile HTTP responses through the fixture server and httpGet: compression bombs (gzip, deflate, raw deflate,
 * brotli), endless and oversized bodies, lying Content-Length, garbage status lines and headers, header floods,
 * broken encodings, bad redirects. Each must end in a clear FetchError (code + message) within the time limit,
 * with memory bounded by the body limit, never a crash or a hang.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/domain/errors.js';
import { extractArticle } from '../../src/extractors/index.js';
import { httpGet, type FetchOptions } from '../../src/fetch/http.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { startFixtureServer, type FixtureServer } from '../../src/replay/fixture-server.js';
import { randomBytes, rng } from './generators.js';

const MAX = 2 * 1024 * 1024;
const BOMB = 128 * 1024 * 1024; // 128 MiB of zeros: 64 × the body limit, ~130 KiB (gzip) to ~10 KiB (br) on the wire
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
let server: FixtureServer;
let opts: FetchOptions;

/** Compressed bombs, built once (zeros compress ~1000:1; brotli far better). */
const zeros = () => Buffer.alloc(BOMB);
let bombs: Record<string, Buffer> = {};

beforeAll(async () => {
  const z = zeros();
  bombs = {
    gzip: gzipSync(z, { level: 1 }),
    deflate: deflateSync(z, { level: 1 }),
    'deflate(raw)': deflateRawSync(z, { level: 1 }),
    br: brotliCompressSync(z, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
  };
  server = await startFixtureServer(resolve(import.meta.dirname, '..', '..', 'fixtures'), 0, {
    intercept: (path, req, res) => {
      const h = routes.get(path);
      if (!h) return false;
      h(req, res);
      return true;
    },
  });
  opts = { userAgent: 'newsflow-fuzz', timeoutMs: 2000, maxBytes: MAX, maxRedirects: 3, allowHosts: [`127.0.0.1:${server.port}`] };
}, 60_000);
afterAll(async () => server.close());

async function failure(path: string, o: Partial<FetchOptions> = {}): Promise<{ err: FetchError; ms: number }> {
  const t = performance.now();
  const err = await httpGet(`${server.base}${path}`, { ...opts, ...o }).then(
    () => null,
    (e: unknown) => e,
  );
  const ms = performance.now() - t;
  expect(err, `${path} should fail`).toBeInstanceOf(FetchError);
  return { err: err as FetchError, ms };
}

/** RELIABILITY.md reports these. */
const HTTP_FUZZ_COUNTS = { bombs: 4, hostileResponses: 14, randomResponses: 150 };

describe('compression bombs', () => {
  it.each(['gzip', 'deflate', 'deflate(raw)', 'br'])(
    '%s: 128 MiB of zeros is cut off at the body limit, memory stays bounded',
    async (enc) => {
      const body = bombs[enc]!;
      routes.set(`/bomb-${enc}`, (_q, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html', 'content-encoding': enc === 'deflate(raw)' ? 'deflate' : enc, 'content-length': body.length })
          .end(body),
      );
      global.gc?.();
      const before = process.memoryUsage().rss;
      const { err, ms } = await failure(`/bomb-${enc}`);
      const grown = process.memoryUsage().rss - before;
      expect(err.code).toBe('FETCH_TOO_LARGE');
      expect(err.message).toMatch(/decompresses past/u);
      expect(err.retryable).toBe(false);
      expect(ms).toBeLessThan(5000);
      expect(grown).toBeLessThan(64 * 1024 * 1024); // the limit is 2 MiB; the bomb would be 128 MiB
    },
    30_000,
  );

  it('a bomb inside a bomb (gzip of a gzip bomb) is not unpacked twice', async () => {
    const inner = gzipSync(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    routes.set('/bomb-nested', (_q, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(inner));
    const res = await httpGet(`${server.base}/bomb-nested`, opts);
    expect(res.body.length).toBeLessThanOrEqual(MAX); // one layer undone: still compressed bytes, parsers see binary
    const a = extractArticle(res.body, { url: res.url, contentType: 'text/html' });
    expect(typeof a.text).toBe('string');
  });
});

const HOSTILE: Array<[string, Handler, RegExp]> = [
  [
    'endless chunked body',
    (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (res.write(chunk)) {
          /* fill */
        }
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    },
    /FETCH_TOO_LARGE/u,
  ],
  ['declared 20 GB', (_q, res) => res.writeHead(200, { 'content-length': String(20 * 1024 ** 3) }).end(), /FETCH_TOO_LARGE/u],
  [
    'Content-Length longer than the body',
    (_q, res) => {
      res.writeHead(200, { 'content-length': '5000' });
      res.write('short');
      res.socket?.end();
    },
    /FETCH_NETWORK/u,
  ],
  [
    'connection reset mid-body',
    (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body>');
      setTimeout(() => res.socket?.destroy(), 50);
    },
    /FETCH_NETWORK/u,
  ],
  [
    'garbage status line',
    (q) => {
      q.socket.end('HTTP/1.1 ??? WHAT\r\n\r\n');
    },
    /FETCH_NETWORK/u,
  ],
  [
    'binary instead of HTTP',
    (q) => {
      q.socket.end(randomBytes(rng(9), 4096));
    },
    /FETCH_NETWORK/u,
  ],
  [
    'header flood (100 KB of headers)',
    (q) => {
      q.socket.end(`HTTP/1.1 200 OK\r\n${'X-Junk: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(1700)}\r\nbody`);
    },
    /FETCH_NETWORK/u,
  ],
  [
    'gzip header on plain bytes',
    (_q, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('<html>not gzip</html>'),
    /FETCH_NETWORK.*not valid gzip|not valid gzip/u,
  ],
  [
    'truncated gzip',
    (_q, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(10_000, 0x61)).subarray(0, 30)),
    /not valid gzip/u,
  ],
  [
    'never answers',
    () => {
      /* silence */
    },
    /FETCH_TIMEOUT/u,
  ],
  [
    'headers, then a trickle',
    (_q, res) => {
      res.writeHead(200);
      const t = setInterval(() => res.write('a'), 300);
      res.on('close', () => clearInterval(t));
    },
    /FETCH_TIMEOUT/u,
  ],
  ['redirect to itself', (_q, res) => res.writeHead(302, { location: '/h/redirect-to-itself' }).end(), /redirect loop/u],
  ['endless redirect chain', (q, res) => res.writeHead(301, { location: `${q.url ?? ''}x` }).end(), /too many redirects/u],
  ['500 with a huge error page', (_q, res) => res.writeHead(500, { 'content-type': 'text/html' }).end('x'.repeat(5 * 1024 * 1024)), /HTTP 500/u],
];

describe('hostile responses', () => {
  it.each(HOSTILE)(
    '%s: a clear FetchError in bounded time',
    async (name, handler, reason) => {
      const path = `/h/${name.replace(/\W+/gu, '-')}`;
      routes.set(path, handler);
      for (let i = 0; i < 4; i++) routes.set(`${path}${'x'.repeat(i + 1)}`, handler);
      const { err, ms } = await failure(path);
      expect(`${err.code}: ${err.message}`).toMatch(reason);
      expect(ms).toBeLessThan(opts.timeoutMs + 1500);
    },
    15_000,
  );

  // Regression: an unparsable Location header once rejected with a bare TypeError ("Invalid URL").
  it('an unparsable Location header is a FetchError', async () => {
    routes.set('/h/bad-location', (_q, res) => res.writeHead(302, { location: 'http://[not-an-ip' }).end());
    const { err } = await failure('/h/bad-location');
    expect(err.code).toBe('FETCH_HTTP');
  });
});

describe('random responses', () => {
  it(`${HTTP_FUZZ_COUNTS.randomResponses} random status/encoding/body combinations end in a body or a FetchError`, async () => {
    const r = rng(21);
    const statuses = [200, 200, 200, 203, 204, 206, 301, 302, 304, 400, 404, 410, 429, 500, 502, 503];
    const encodings = [null, 'gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, br'];
    let bodies = 0;
    let errors = 0;
    for (let i = 0; i < HTTP_FUZZ_COUNTS.randomResponses; i++) {
      const status = statuses[Math.floor(r() * statuses.length)]!;
      const enc = encodings[Math.floor(r() * encodings.length)]!;
      const raw = randomBytes(r, Math.floor(r() * 20_000));
      const body = r() < 0.5 && enc === 'gzip' ? gzipSync(raw) : raw;
      const headers: Record<string, string> = { 'content-type': r() < 0.5 ? 'text/html; charset=utf-8' : 'application/rss+xml; charset=x-bogus' };
      if (enc) headers['content-encoding'] = enc;
      if (status >= 300 && status < 400 && status !== 304) headers.location = r() < 0.5 ? '/r/elsewhere' : 'http://10.0.0.1/';
      routes.set(`/r/${i}`, (_q, res) => res.writeHead(status, headers).end(status === 204 || status === 304 ? undefined : body));
      try {
        const res = await httpGet(`${server.base}/r/${i}`, opts);
        bodies++;
        expect(res.body.length).toBeLessThanOrEqual(MAX);
        expect(typeof extractArticle(res.body, { url: res.url, contentType: res.contentType }).text).toBe('string');
        await parseFeed(res.body.toString('latin1'), res.url).catch((e: unknown) => expect((e as Error).name).toMatch(/Error/u));
      } catch (err) {
        errors++;
        expect(err).toBeInstanceOf(FetchError);
        expect((err as FetchError).code).toMatch(/^FETCH_/u);
      }
    }
    expect(bodies + errors).toBe(HTTP_FUZZ_COUNTS.randomResponses);
    expect(bodies).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
  }, 60_000);
});
