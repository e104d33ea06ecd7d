/**
 * Hostile sitemaps. The parser: billion laughs, an external entity, 50,000-deep nesting, a million URLs, a
 * 5 MB <loc>, unclosed CDATA, bad schemes, non-XML; each returns sane entries in bounded time or throws a
 * FeedParseError. The feed job over real HTTP and Redis: a gzip bomb, a truncated gzip, an endless index chain, an
 * index cycle, a million-URL gzipped sitemap, a million-child index, non-XML; each fails with a clear,
 * non-retryable error or is cut at a limit it names, never hangs.
 */
import { gzipSync } from 'node:zlib';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { FeedLimitError, FeedParseError, NewsflowError } from '../../src/domain/errors.js';
import { parseSitemap, SITEMAP_LIMITS, type SitemapDocument } from '../../src/feeds/sitemap.js';
import { createLogger } from '../../src/log.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { processFeedJob, type FeedJobResult } from '../../src/workers/feed-worker.js';
import { startServer, type MisbehavingServer } from '../fetch/_server.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';

const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';
const HOSTILE_LOCS = ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'ftp://example.test/x', 'https://example.test/ok'];
const LAUGHS =
  '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join('') +
  ']>';
const millionUrls = () => `<urlset ${NS}>${'<url><loc>https://example.test/u</loc></url>'.repeat(1_000_000)}</urlset>`;

/** RELIABILITY.md reports these. */
const sitemapNasties: Record<string, () => string> = {
  billionLaughs: () => `<?xml version="1.0"?>${LAUGHS}<urlset ${NS}><url><loc>https://example.test/&lol9;</loc></url></urlset>`,
  externalEntity: () =>
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
    `<urlset ${NS}><url><loc>https://example.test/&xxe;</loc><news:news><news:title>&xxe;</news:title></news:news></url></urlset>`,
  deepNesting: () => `<urlset ${NS}><url>${'<x>'.repeat(50_000)}${'</x>'.repeat(50_000)}<loc>https://example.test/deep</loc></url></urlset>`,
  millionUrls,
  millionChildren: () => `<sitemapindex ${NS}>${'<sitemap><loc>https://example.test/s.xml</loc></sitemap>'.repeat(1_000_000)}</sitemapindex>`,
  hugeLoc: () => `<urlset ${NS}><url><loc>https://example.test/${'a'.repeat(5_000_000)}</loc></url></urlset>`,
  unclosedCdata: () => `<urlset ${NS}><url><loc><![CDATA[https://example.test/${'x '.repeat(200_000)}</loc></url></urlset>`,
  badSchemes: () => `<urlset ${NS}>${HOSTILE_LOCS.map((u) => `<url><loc>${u}</loc></url>`).join('')}</urlset>`,
  unclosedEverything: () => `<urlset ${NS}><url><loc>https://example.test/a</loc><url><loc>https://example.test/b`,
  binary: () => Buffer.from([0x00, 0xff, 0x3c, 0x00, 0x89, 0x50, 0x4e, 0x47]).toString('latin1'),
  json: () => '{"urlset":[{"loc":"https://example.test/j"}]}',
  html: () => '<!doctype html><html><body><a href="https://example.test/h">h</a></body></html>',
};
const SITEMAP_FUZZ_COUNTS = { parserNasties: Object.keys(sitemapNasties).length, workerNasties: 7 };

describe('hostile sitemaps: the parser', () => {
  it.each(Object.entries(sitemapNasties))(
    '%s: sane entries or a FeedParseError, in bounded time',
    (_name, make) => {
      const body = make();
      const t = performance.now();
      let result: SitemapDocument | Error;
      try {
        result = parseSitemap(body, 'https://example.test/sitemap.xml');
      } catch (e) {
        result = e as Error;
      }
      expect(performance.now() - t).toBeLessThan(5_000);
      if (result instanceof Error) {
        expect(result).toBeInstanceOf(FeedParseError);
        return;
      }
      const text = JSON.stringify(result);
      expect(text).not.toMatch(/root:x:0:0/u);
      expect(text).not.toMatch(/(lol){50}/u); // no entity was expanded
      expect(result.entries.length + result.sitemaps.length).toBeLessThanOrEqual(SITEMAP_LIMITS.maxUrls);
      for (const e of [...result.entries, ...result.sitemaps]) {
        expect(e.url).toMatch(/^https?:\/\//u);
        expect(e.url.length).toBeLessThan(5_000);
      }
    },
    30_000,
  );

  it('a million URLs are cut at maxUrls, and the cut names the limit', () => {
    const doc = parseSitemap(millionUrls(), 'https://example.test/sitemap.xml');
    expect(doc.cut).toMatch(/first 50000 URLs and stopped: the maxUrls limit/u);
  });
});

describe('hostile sitemaps: the feed job over HTTP', () => {
  const prefix = uniquePrefix('hostile-sm');
  const redis = testRedis();
  const queues = openQueues(redis, `${prefix}:`);
  const store = new ArticleStore(redis, `${prefix}:`);
  let srv: MisbehavingServer;
  const send = (type: string, body: string | Buffer) => (_q: unknown, res: import('node:http').ServerResponse) =>
    res.writeHead(200, { 'content-type': type }).end(body);

  beforeAll(async () => {
    srv = await startServer();
    // why 60 MiB of zeros: past the 50 MiB maxBytes, yet ~60 kB on the wire
    srv.routes.set('/bomb.xml.gz', send('application/gzip', gzipSync(Buffer.alloc(60 * 1024 * 1024))));
    const gz = gzipSync(`<urlset ${NS}>${'<url><loc>https://example.test/t</loc></url>'.repeat(2000)}</urlset>`);
    srv.routes.set('/truncated.xml.gz', send('application/gzip', gz.subarray(0, Math.floor(gz.length / 2))));
    srv.routes.set('/million.xml.gz', send('application/gzip', gzipSync(millionUrls())));
    // why 100,000 and not a million: a million (55 MB) stops sooner, at the HTTP body limit (NEWSFLOW_MAX_BODY_BYTES)
    const children = Array.from({ length: 100_000 }, (_, i) => `<sitemap><loc>${srv.base}/missing/${i}.xml</loc></sitemap>`).join('');
    srv.routes.set('/children.xml', send('application/xml', `<sitemapindex ${NS}>${children}</sitemapindex>`));
    srv.routes.set('/not-xml', send('text/plain', 'Service temporarily unavailable. Please try again.'));
    srv.routes.set('/cycle-a.xml', send('application/xml', `<sitemapindex ${NS}><sitemap><loc>${srv.base}/cycle-b.xml</loc></sitemap></sitemapindex>`));
    srv.routes.set('/cycle-b.xml', send('application/xml', `<sitemapindex ${NS}><sitemap><loc>${srv.base}/cycle-a.xml</loc></sitemap></sitemapindex>`));
    for (let i = 0; i < 100; i++) {
      srv.routes.set(
        `/chain/${i}.xml`,
        send('application/xml', `<sitemapindex ${NS}><sitemap><loc>${srv.base}/chain/${i + 1}.xml</loc></sitemap></sitemapindex>`),
      );
    }
  });
  afterAll(async () => {
    await closeQueues(queues);
    await dropPrefix(redis, prefix);
    await redis.quit();
    await srv.close();
  });

  const poll = async (path: string): Promise<{ result: FeedJobResult | Error; ms: number }> => {
    const config = { ...loadConfig({ NEWSFLOW_PREFIX: prefix }), allowHosts: [srv.host], fetchTimeoutMs: 5000 };
    const deps = { redis, config, queues, store, log: createLogger('silent'), now: () => new Date('2026-01-10T12:00:00Z') };
    const job = { id: path, data: { feedId: path.replace(/\W/gu, ''), url: `${srv.base}${path}` }, attemptsStarted: 1, attemptsMade: 0, log: async () => 0 };
    const t = performance.now();
    const result = await processFeedJob(job as unknown as Job, deps).catch((e: unknown) => e as Error);
    return { result, ms: performance.now() - t };
  };

  it.each<[string, string, RegExp, string | null]>([
    ['a gzip bomb', '/bomb.xml.gz', /inflates past the 50 MiB limit \(maxBytes\)/u, 'maxBytes'],
    ['a truncated gzip', '/truncated.xml.gz', /gzip that cannot be inflated \(truncated or corrupt/u, null],
    ['a 100,000-child index whose children are missing', '/children.xml', /answered HTTP 404/u, null],
    ['non-XML', '/not-xml', /neither XML nor JSON/u, null],
  ])('%s: a clear error, not retryable', async (_name, path, message, limit) => {
    const { result, ms } = await poll(path);
    expect(ms).toBeLessThan(10_000);
    expect(result).toBeInstanceOf(NewsflowError);
    expect((result as Error).message).toMatch(message);
    if (limit) expect(result).toMatchObject({ limit, retryable: false });
    if (limit) expect(result).toBeInstanceOf(FeedLimitError);
  });

  it.each<[string, string, RegExp]>([
    ['an endless index chain', '/chain/0.xml', /nested 2 deep: its 1 children not followed \(the maxDepth limit, 2\)/u],
    ['an index cycle', '/cycle-a.xml', /already read in this poll \(a cycle\)/u],
    ['a million-URL gzipped sitemap', '/million.xml.gz', /first 50000 URLs and stopped: the maxUrls limit/u],
  ])('%s: cut at a named limit, the poll succeeds', async (_name, path, warning) => {
    const { result, ms } = await poll(path);
    expect(ms).toBeLessThan(15_000);
    expect(result).not.toBeInstanceOf(Error);
    expect((result as FeedJobResult).sitemap?.warnings.join('\n')).toMatch(warning);
  });

  it(`covers ${SITEMAP_FUZZ_COUNTS.workerNasties} hostile sources and ${SITEMAP_FUZZ_COUNTS.parserNasties} parser inputs`, () => {
    expect(srv.hits.get('/chain/3.xml')).toBeUndefined(); // the chain stopped at maxDepth
    expect(srv.hits.get('/cycle-a.xml')).toBe(1); // the cycle fetched nothing twice
    expect([...srv.hits.keys()].filter((p) => p.startsWith('/missing/'))).toHaveLength(SITEMAP_LIMITS.maxChildren);
  });
});
