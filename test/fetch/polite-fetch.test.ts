import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchError } from '../../src/domain/errors.js';
import { DEFAULT_POLITENESS, PoliteFetcher, type Politeness } from '../../src/fetch/polite-fetch.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';
import { startServer, type MisbehavingServer } from './_server.js';

let srv: MisbehavingServer;
let redis: Redis;
let redis2: Redis;
const prefixes: string[] = [];

beforeAll(async () => {
  srv = await startServer();
  redis = testRedis();
  redis2 = testRedis();
});
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(redis, p);
  await srv.close();
  await redis.quit();
  await redis2.quit();
});

const fast: Politeness = {
  ...DEFAULT_POLITENESS,
  minIntervalMs: 0,
  maxConcurrentPerHost: 8,
  retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 200, jitter: 0.5, maxInlineWaitMs: 2000 },
};

function fetcher(politeness: Partial<Politeness> = {}, opts: { client?: Redis; prefix?: string } = {}) {
  const prefix = opts.prefix ?? uniquePrefix('polite');
  prefixes.push(prefix);
  const retries: number[] = [];
  const f = new PoliteFetcher({
    redis: opts.client ?? redis,
    prefix,
    http: { userAgent: 'newsflow/0.1 test', timeoutMs: 2000, maxBytes: 1 << 20, maxRedirects: 3, allowHosts: [srv.host] },
    politeness: { ...fast, ...politeness },
    onRetry: (_e, _n, ms) => retries.push(ms),
  });
  return { f, retries, prefix };
}

describe('retries', () => {
  it('rides out a burst of 503s with jittered exponential backoff', async () => {
    srv.routes.set('/burst', (_q, res, hit) => (hit <= 3 ? res.writeHead(503).end('busy') : res.end('<rss/>')));
    const { f, retries } = fetcher();
    const r = await f.get(`${srv.base}/burst`);
    expect(r.body.toString()).toBe('<rss/>');
    expect(srv.hits.get('/burst')).toBe(4);
    expect(retries).toHaveLength(3);
    // 20·2^(n-1) with half of it random: [10,20], [20,40], [40,80]
    // why a block: `expect(a) && expect(b)` never ran the second (expect returns nothing)
    retries.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(10 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(20 * 2 ** i);
    });
  });

  it('gives up after the attempts and says a later retry may help', async () => {
    srv.routes.set('/down', (_q, res) => res.writeHead(502).end());
    const { f } = fetcher();
    const err = (await f.get(`${srv.base}/down`).catch((e: unknown) => e)) as FetchError;
    expect([err.retryable, err.status, srv.hits.get('/down')]).toEqual([true, 502, 4]);
  });

  it('does not retry a 404', async () => {
    const { f, retries } = fetcher();
    await expect(f.get(`${srv.base}/nope`)).rejects.toThrow(/404/u);
    expect(retries).toEqual([]);
  });

  it('waits at least Retry-After before retrying a 429', async () => {
    srv.routes.set('/429-short', (_q, res, hit) => (hit === 1 ? res.writeHead(429, { 'retry-after': '1' }).end() : res.end('ok')));
    const { f, retries } = fetcher();
    const started = Date.now();
    await f.get(`${srv.base}/429-short`);
    expect(retries[0]).toBeGreaterThanOrEqual(1000);
    const [t1, t2] = srv.times.get('/429-short')!;
    expect(t2! - t1!).toBeGreaterThanOrEqual(990);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('hands a long Retry-After up to the job queue instead of sleeping', async () => {
    srv.routes.set('/429-long', (_q, res) => res.writeHead(429, { 'retry-after': '3600' }).end());
    const { f } = fetcher();
    const started = Date.now();
    const err = (await f.get(`${srv.base}/429-long`).catch((e: unknown) => e)) as FetchError;
    expect([err.status, err.retryAfterSeconds, srv.hits.get('/429-long')]).toEqual([429, 3600, 1]);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('robots.txt', () => {
  it('refuses a disallowed article page without requesting it, and reads robots.txt once', async () => {
    srv.routes.set('/robots.txt', (_q, res) => res.end('User-agent: *\nDisallow: /private/\n'));
    srv.routes.set('/private/story.html', (_q, res) => res.end('<html/>'));
    srv.routes.set('/public/story.html', (_q, res) => res.end('<html/>'));
    const { f, prefix } = fetcher();
    const err = (await f.get(`${srv.base}/private/story.html`, { robots: true }).catch((e: unknown) => e)) as FetchError;
    expect([err.code, err.retryable]).toEqual(['FETCH_FORBIDDEN', false]);
    expect(srv.hits.get('/private/story.html')).toBeUndefined();
    await f.get(`${srv.base}/public/story.html`, { robots: true });
    // a second worker process on another connection shares the cached rules
    await fetcher({}, { client: redis2, prefix }).f.get(`${srv.base}/public/story.html`, { robots: true });
    expect(srv.hits.get('/robots.txt')).toBe(1);
    expect(srv.hits.get('/public/story.html')).toBe(2);
  });
});

describe('per-host limits shared through Redis', () => {
  it('spaces requests to one host across two worker connections', async () => {
    srv.routes.set('/spaced', (_q, res) => res.end('ok'));
    const a = fetcher({ minIntervalMs: 150 });
    const b = fetcher({ minIntervalMs: 150 }, { client: redis2, prefix: a.prefix });
    await Promise.all([a.f.get(`${srv.base}/spaced`), b.f.get(`${srv.base}/spaced`), a.f.get(`${srv.base}/spaced`), b.f.get(`${srv.base}/spaced`)]);
    const t = srv.times.get('/spaced')!.sort((x, y) => x - y);
    // why not 150 each: a slot is kept from the time it is granted, but the request reaches the server a little
    // later on a loaded machine (22 ms seen at load average 11); unlimited, all four arrive within a few ms
    for (let i = 1; i < t.length; i++) expect(t[i]! - t[i - 1]!).toBeGreaterThanOrEqual(100);
    expect(t[t.length - 1]! - t[0]!).toBeGreaterThanOrEqual(3 * 150 - 30);
  });

  it('keeps at most maxConcurrentPerHost requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    srv.routes.set('/busy', (_q, res) => {
      peak = Math.max(peak, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 80);
    });
    const a = fetcher({ maxConcurrentPerHost: 1 });
    const b = fetcher({ maxConcurrentPerHost: 1 }, { client: redis2, prefix: a.prefix });
    await Promise.all([a.f.get(`${srv.base}/busy`), b.f.get(`${srv.base}/busy`), a.f.get(`${srv.base}/busy`)]);
    expect(peak).toBe(1);
  });

  it('honours Crawl-delay for article pages', async () => {
    srv.routes.set('/robots.txt', (_q, res) => res.end('User-agent: *\nCrawl-delay: 0.3\n'));
    srv.routes.set('/delayed', (_q, res) => res.end('ok'));
    const { f } = fetcher();
    await Promise.all([f.get(`${srv.base}/delayed`, { robots: true }), f.get(`${srv.base}/delayed`, { robots: true })]);
    const [t1, t2] = srv.times.get('/delayed')!.sort((x, y) => x - y);
    expect(t2! - t1!).toBeGreaterThanOrEqual(280);
  });

  it('leaves unthrottled hosts alone', async () => {
    srv.routes.set('/free', (_q, res) => res.end('ok'));
    const { f } = fetcher({ minIntervalMs: 5000, unthrottledHosts: [srv.host] });
    const started = Date.now();
    await Promise.all([f.get(`${srv.base}/free`), f.get(`${srv.base}/free`)]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('robots.txt under concurrency', () => {
  it('is read once when several workers start on a host together', async () => {
    const s2 = await startServer();
    s2.routes.set('/robots.txt', (_q, res) => setTimeout(() => res.end('User-agent: *\nDisallow: /x\n'), 100));
    s2.routes.set('/page', (_q, res) => res.end('ok'));
    const prefix = uniquePrefix('robots');
    prefixes.push(prefix);
    const make = (client: Redis) =>
      new PoliteFetcher({
        redis: client,
        prefix,
        politeness: { ...fast, unthrottledHosts: [s2.host] },
        http: { userAgent: 'newsflow/0.1 test', timeoutMs: 2000, maxBytes: 1 << 20, maxRedirects: 3, allowHosts: [s2.host] },
      });
    await Promise.all([make(redis), make(redis2), make(redis), make(redis2)].map((f) => f.get(`${s2.base}/page`, { robots: true })));
    expect([s2.hits.get('/robots.txt'), s2.hits.get('/page')]).toEqual([1, 4]);
    await s2.close();
  });
});

describe('robots.txt after a redirect', () => {
  it('a page redirecting to another host is refused when that host disallows it', async () => {
    const other = await startServer();
    other.routes.set('/robots.txt', (_q, res) => res.end('User-agent: *\nDisallow: /members/\n'));
    other.routes.set('/members/story', (_q, res) => res.end('secret'));
    srv.routes.set('/robots.txt', (_q, res) => res.end('User-agent: *\nAllow: /\n'));
    srv.routes.set('/go', (_q, res) => res.writeHead(302, { location: `http://localhost:${other.host.split(':')[1]}/members/story` }).end());
    const prefix = uniquePrefix('redir');
    prefixes.push(prefix);
    const f = new PoliteFetcher({
      redis,
      prefix,
      politeness: fast,
      http: {
        userAgent: 'newsflow/0.1 test',
        timeoutMs: 2000,
        maxBytes: 1 << 20,
        maxRedirects: 3,
        allowHosts: [srv.host, `localhost:${other.host.split(':')[1]}`],
      },
    });
    const err = (await f.get(`${srv.base}/go`, { robots: true }).catch((e: unknown) => e)) as FetchError;
    expect([err.code, err.message]).toEqual(['FETCH_FORBIDDEN', expect.stringMatching(/robots\.txt of http:\/\/localhost:\d+ disallows \/members\/story/u)]);
    expect(other.hits.get('/members/story')).toBeUndefined();
    await other.close();
  });
});
