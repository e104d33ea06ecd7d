import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/domain/errors.js';
import { guardedLookup } from '../../src/fetch/address-guard.js';
import { httpGet, retryAfterSeconds, type FetchOptions } from '../../src/fetch/http.js';
import { startServer, type MisbehavingServer } from './_server.js';

let srv: MisbehavingServer;
let opts: FetchOptions;

beforeAll(async () => {
  srv = await startServer();
  opts = { userAgent: 'newsflow-test/1.0', timeoutMs: 1500, maxBytes: 64 * 1024, maxRedirects: 3, allowHosts: [srv.host] };
});
afterAll(() => srv.close());

async function failure(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('httpGet against a misbehaving server', () => {
  it('sends the configured User-Agent', async () => {
    srv.routes.set('/ua', (_q, res) => res.end('ok'));
    await httpGet(`${srv.base}/ua`, opts);
    expect(srv.lastHeaders.get('/ua')?.['user-agent']).toBe('newsflow-test/1.0');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['br', brotliCompressSync],
  ] as const)('decodes Content-Encoding %s', async (enc, compress) => {
    const path = `/enc-${enc}-${compress.name}`;
    srv.routes.set(path, (_q, res) => res.writeHead(200, { 'content-encoding': enc }).end(compress(Buffer.from('<rss>héllo</rss>'))));
    const r = await httpGet(`${srv.base}${path}`, opts);
    expect(r.body.toString('utf8')).toBe('<rss>héllo</rss>');
  });

  it('returns 304 without a body when If-None-Match matches', async () => {
    srv.routes.set('/etag', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      res.writeHead(200, { etag: '"v1"' }).end('<rss/>');
    });
    const first = await httpGet(`${srv.base}/etag`, opts);
    expect(first.status).toBe(200);
    const second = await httpGet(`${srv.base}/etag`, { ...opts, headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(second.status).toBe(304);
    expect(second.body.length).toBe(0);
  });

  it('reports 429 as retryable with the Retry-After seconds', async () => {
    srv.routes.set('/429', (_q, res) => res.writeHead(429, { 'retry-after': '7' }).end('slow down'));
    const err = await failure(httpGet(`${srv.base}/429`, opts));
    expect([err.retryable, err.status, err.retryAfterSeconds]).toEqual([true, 429, 7]);
  });

  it('reads Retry-After as an HTTP date', () => {
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(30);
    expect(retryAfterSeconds('soon')).toBeNull();
  });

  it('reports 404 as not retryable', async () => {
    const err = await failure(httpGet(`${srv.base}/missing`, opts));
    expect([err.retryable, err.status]).toEqual([false, 404]);
  });

  it('times out a slow body (headers sent, body trickles)', async () => {
    srv.routes.set('/slow', (_q, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html>');
      const t = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(t));
    });
    const started = Date.now();
    const err = await failure(httpGet(`${srv.base}/slow`, { ...opts, timeoutMs: 400 }));
    expect(err.code).toBe('FETCH_TIMEOUT');
    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('times out a server that never answers', async () => {
    srv.routes.set('/hang', () => {});
    const err = await failure(httpGet(`${srv.base}/hang`, { ...opts, timeoutMs: 300 }));
    expect(err.code).toBe('FETCH_TIMEOUT');
  });

  it('detects a truncated body (connection closed before Content-Length bytes)', async () => {
    srv.routes.set('/truncated', (req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(100));
      setTimeout(() => req.socket.destroy(), 20);
    });
    const err = await failure(httpGet(`${srv.base}/truncated`, opts));
    expect(err.code).toBe('FETCH_NETWORK');
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/cut off/u);
  });

  it.each([
    [
      'declared by Content-Length',
      (_q: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-length': String(200_000) }).end('x'.repeat(200_000)),
    ],
    [
      'streamed without length',
      (_q: unknown, res: import('node:http').ServerResponse) => {
        res.writeHead(200);
        for (let i = 0; i < 20; i++) res.write('y'.repeat(10_000));
        res.end();
      },
    ],
    [
      'a gzip bomb',
      (_q: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(5_000_000))),
    ],
  ])('refuses an oversized body %s', async (label, route) => {
    const path = `/big-${label.replace(/\W+/gu, '-')}`;
    srv.routes.set(path, route);
    const err = await failure(httpGet(`${srv.base}${path}`, opts));
    expect(err.code).toBe('FETCH_TOO_LARGE');
    expect(err.retryable).toBe(false);
  });

  it('stops a redirect loop', async () => {
    srv.routes.set('/loop-a', (_q, res) => res.writeHead(302, { location: '/loop-b' }).end());
    srv.routes.set('/loop-b', (_q, res) => res.writeHead(301, { location: '/loop-a' }).end());
    const err = await failure(httpGet(`${srv.base}/loop-a`, opts));
    expect(err.message).toMatch(/redirect loop/u);
    expect(srv.hits.get('/loop-a')).toBe(1);
  });

  it('stops after maxRedirects', async () => {
    for (let i = 0; i < 6; i++) srv.routes.set(`/hop${i}`, (_q, res) => res.writeHead(302, { location: `/hop${i + 1}` }).end());
    const err = await failure(httpGet(`${srv.base}/hop0`, opts));
    expect(err.message).toMatch(/too many redirects/u);
  });

  it('follows a redirect and reports the final URL', async () => {
    srv.routes.set('/old', (_q, res) => res.writeHead(301, { location: '/new' }).end());
    srv.routes.set('/new', (_q, res) => res.end('moved'));
    const r = await httpGet(`${srv.base}/old`, opts);
    expect([r.url, r.body.toString()]).toEqual([`${srv.base}/new`, 'moved']);
  });
});

describe('address guard', () => {
  it('refuses a redirect to a loopback address that is not allowed', async () => {
    srv.routes.set('/to-loopback', (_q, res) => res.writeHead(302, { location: 'http://127.0.0.2:9/secret' }).end());
    const err = await failure(httpGet(`${srv.base}/to-loopback`, opts));
    expect(err.code).toBe('FETCH_FORBIDDEN');
    expect(err.retryable).toBe(false);
  });

  it('refuses loopback when the host is not allowed', async () => {
    const err = await failure(httpGet(`${srv.base}/ua`, { ...opts, allowHosts: [] }));
    expect(err.code).toBe('FETCH_FORBIDDEN');
  });

  it('refuses a name that resolves to loopback, at connect time too', async () => {
    const port = srv.host.split(':')[1];
    const err = await failure(httpGet(`http://localhost:${port}/ua`, { ...opts, allowHosts: [] }));
    expect(err.code).toBe('FETCH_FORBIDDEN');
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/x', 'not a url'])('refuses %s', async (url) => {
    const err = await failure(httpGet(url, opts));
    expect(err.code).toBe('FETCH_FORBIDDEN');
  });

  it('checks the address actually connected to (the DNS-rebinding gap): the lookup itself refuses private answers', async () => {
    const look = (allowed: boolean, all: boolean) =>
      new Promise<{ err: Error | null; address: unknown }>((resolve) => {
        guardedLookup('http://localhost/x', allowed)('localhost', { all }, (err, address) => resolve({ err, address }));
      });
    const refused = await look(false, true);
    expect(refused.err).toBeInstanceOf(FetchError);
    expect((refused.err as FetchError).code).toBe('FETCH_FORBIDDEN');
    const allowed = await look(true, false);
    expect(allowed.err).toBeNull();
    expect(String(allowed.address)).toMatch(/^(127\.0\.0\.1|::1)$/u);
  });
});
