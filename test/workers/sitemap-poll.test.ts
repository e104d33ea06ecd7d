/**
 * A sitemap source polled by the feed job over real HTTP on 127.0.0.1 and a real Redis/BullMQ: an index whose
 * members are a plain urlset and a gzipped one (gzip known by its bytes, not its name), the lastmod window, news
 * entries with their title and date, the same enqueue path as feeds, health and conditional GET.
 */
import { gzipSync } from 'node:zlib';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { articleId } from '../../src/queues/job-ids.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { readFeedState } from '../../src/store/feed-state.js';
import { processFeedJob } from '../../src/workers/feed-worker.js';
import { startServer, type MisbehavingServer } from '../fetch/_server.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('sitemapjob');
const redis = testRedis();
const queues = openQueues(redis, `${prefix}:`);
const store = new ArticleStore(redis, `${prefix}:`);
const clock = new Date('2026-01-10T12:00:00Z');
let srv: MisbehavingServer;

const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"';
const page = (path: string, lastmod?: string) => `<url><loc>https://news.example.com/${path}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;

function job(feedId: string, path: string, type?: 'feed' | 'sitemap'): Job {
  const logs: string[] = [];
  return {
    id: `j-${feedId}`,
    data: { feedId, url: `${srv.base}${path}`, trigger: 'manual', ...(type ? { type } : {}) },
    attemptsStarted: 1,
    attemptsMade: 0,
    logs,
    log: async (line: string) => logs.push(line),
  } as unknown as Job;
}

beforeAll(async () => {
  srv = await startServer();
  const xml = (body: string, etag?: string) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    if (etag && req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/xml', ...(etag ? { etag } : {}) }).end(body);
  };
  srv.routes.set(
    '/sitemap_index.xml',
    xml(
      `<sitemapindex ${NS.split(' ')[0]}>` +
        `<sitemap><loc>${srv.base}/sm/pages-1.xml</loc><lastmod>2026-01-10T06:00:00Z</lastmod></sitemap>` +
        `<sitemap><loc>${srv.base}/sm/pages-2</loc><lastmod>2026-01-09T06:00:00Z</lastmod></sitemap>` +
        `<sitemap><loc>${srv.base}/sm/archive-2019.xml</loc><lastmod>2019-12-31T00:00:00Z</lastmod></sitemap>` +
        '</sitemapindex>',
      '"idx-1"',
    ),
  );
  srv.routes.set(
    '/sm/pages-1.xml',
    xml(`<urlset ${NS}>${page('a', '2026-01-10T08:00:00Z')}${page('b', '2026-01-09T20:00:00Z')}${page('old', '2025-11-01')}${page('undated')}</urlset>`),
  );
  // why no .gz in the name and no Content-Encoding: the worker must know gzip by its magic bytes
  srv.routes.set('/sm/pages-2', (_q, res) =>
    res
      .writeHead(200, { 'content-type': 'application/octet-stream' })
      .end(gzipSync(`<urlset ${NS}>${page('c', '2026-01-09T07:00:00Z')}${page('a', '2026-01-10T08:00:00Z')}</urlset>`)),
  );
  srv.routes.set(
    '/news-sitemap.xml',
    xml(
      `<urlset ${NS}><url><loc>https://news.example.com/n1?utm_source=gn</loc><news:news>` +
        '<news:publication><news:name>Ex</news:name><news:language>en</news:language></news:publication>' +
        '<news:publication_date>2026-01-10T09:30:00Z</news:publication_date><news:title>Harbor bridge reopens</news:title>' +
        '<news:keywords>bridge, traffic</news:keywords></news:news></url></urlset>',
    ),
  );
  srv.routes.set(
    '/partial_index.xml',
    xml(
      `<sitemapindex ${NS.split(' ')[0]}>` +
        `<sitemap><loc>${srv.base}/sm/pages-1.xml</loc><lastmod>2026-01-10T06:00:00Z</lastmod></sitemap>` +
        `<sitemap><loc>${srv.base}/sm/gone.xml</loc><lastmod>2026-01-10T05:00:00Z</lastmod></sitemap>` +
        '</sitemapindex>',
    ),
  );
  srv.routes.set('/rss-declared-sitemap.xml', xml('<rss version="2.0"><channel><title>T</title></channel></rss>'));
});
afterAll(async () => {
  await closeQueues(queues);
  await dropPrefix(redis, prefix);
  await redis.quit();
  await srv.close();
});

describe('sitemap source, polled by the feed job', () => {
  const deps = () => ({
    redis,
    config: { ...loadConfig({ NEWSFLOW_PREFIX: prefix }), allowHosts: [srv.host], fetchTimeoutMs: 2000 },
    queues,
    store,
    log: createLogger('silent'),
    now: () => clock,
  });

  it('follows the index (a plain and a gzipped member, not the archive), enqueues recent entries once each', async () => {
    const j = job('idx', '/sitemap_index.xml');
    const r = await processFeedJob(j, deps());
    expect(r).toMatchObject({
      items: 3,
      enqueued: 3,
      alreadyStored: 0,
      sitemap: { format: 'sitemap-index', childrenFetched: 2, old: 1, undated: 1, warnings: [] },
    });
    expect(srv.hits.get('/sm/archive-2019.xml')).toBeUndefined();
    const waiting = await queues.articles.getJobs(['waiting', 'prioritized']);
    const ids = ['a', 'b', 'c'].map((p) => articleId(`https://news.example.com/${p}`));
    expect(waiting.map((w) => w.id).sort()).toEqual([...ids].sort());
    expect(waiting.find((w) => w.id === ids[0])?.data).toMatchObject({
      url: 'https://news.example.com/a',
      feedId: 'idx',
      feedUrl: `${srv.base}/sitemap_index.xml`,
    });
    expect((j as unknown as { logs: string[] }).logs.join('\n')).toMatch(
      /sitemap-index: 2 child sitemaps fetched; left out by the lastmod window: 1 older, 1 undated/u,
    );
    const state = await readFeedState(redis, `${prefix}:`, 'idx');
    expect([state.lastStatus, state.format, state.etag]).toEqual(['ok', 'sitemap-index', '"idx-1"']);
  });

  it('a second poll sends the validators: a 304 fetches no member and enqueues nothing', async () => {
    const before = srv.hits.get('/sm/pages-1.xml');
    expect(await processFeedJob(job('idx', '/sitemap_index.xml'), deps())).toEqual({ items: 0, enqueued: 0, alreadyStored: 0, notModified: true });
    expect(srv.hits.get('/sm/pages-1.xml')).toBe(before);
  });

  it('a news sitemap: every entry, with its title and publication date on the article job', async () => {
    const r = await processFeedJob(job('news', '/news-sitemap.xml'), deps());
    expect(r).toMatchObject({ items: 1, enqueued: 1, sitemap: { format: 'news-sitemap' } });
    const j = await queues.articles.getJob(articleId('https://news.example.com/n1'));
    expect(j?.data).toMatchObject({ title: 'Harbor bridge reopens', publishedAt: '2026-01-10T09:30:00.000Z', feedId: 'news' });
  });

  it('a child that fails leaves the poll ok and its warning in the feed state (feeds list), until a poll leaves nothing out', async () => {
    const r = await processFeedJob(job('partial', '/partial_index.xml'), deps());
    expect(r.sitemap?.warnings).toHaveLength(1);
    const warned = await readFeedState(redis, `${prefix}:`, 'partial');
    expect(warned.lastStatus).toBe('ok');
    expect(warned.lastWarning).toMatch(/gone\.xml/u);
    srv.routes.set('/sm/gone.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset ${NS}></urlset>`));
    await processFeedJob(job('partial', '/partial_index.xml'), deps());
    expect((await readFeedState(redis, `${prefix}:`, 'partial')).lastWarning).toBeNull();
  });

  it('a declared type wins over the content: a feed declared a sitemap fails, naming what it is, not retryable', async () => {
    const err = await processFeedJob(job('decl', '/rss-declared-sitemap.xml', 'sitemap'), deps()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FEED_PARSE', retryable: false, message: expect.stringMatching(/root element is <rss>/u) });
    expect((await readFeedState(redis, `${prefix}:`, 'decl')).consecutiveFailures).toBe(1);
  });
});
