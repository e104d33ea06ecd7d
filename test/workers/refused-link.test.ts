/**
 * Issue 24, item 8: an item link to a refused target (a loopback port NEWSFLOW_ALLOW_HOSTS does not allow) fails its
 * article job at once with FETCH_FORBIDDEN. Its robots.txt fetch is the first request refused; that refusal is not
 * cached as "robots.txt unreachable" and the job is not delayed (it was delayed 10 minutes at a time, six times).
 * Real workers (in-process), the test redis-server, two real loopback HTTP servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/domain/errors.js';
import { DEFAULT_POLITENESS, PoliteFetcher } from '../../src/fetch/polite-fetch.js';
import { silentLogger } from '../../src/log.js';
import { articleId } from '../../src/queues/job-ids.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { startWorkers } from '../../src/workers/run-workers.js';
import { startServer, type MisbehavingServer } from '../fetch/_server.js';
import { testConfig } from '../helpers/pipeline.js';
import { dropPrefix, testRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';

const redis = testRedis();
let allowed: MisbehavingServer;
let refused: MisbehavingServer;
const prefixes: string[] = [];

beforeAll(async () => {
  [allowed, refused] = await Promise.all([startServer(), startServer()]);
  refused.routes.set('/robots.txt', (_q, res) => res.end('User-agent: *\nAllow: /\n'));
  refused.routes.set('/story.html', (_q, res) => res.end('<html><body><p>never fetched</p></body></html>'));
});
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(redis, p);
  await redis.quit();
  await Promise.all([allowed.close(), refused.close()]);
});

describe('a refused item link', () => {
  it('fails its robots.txt check with FETCH_FORBIDDEN naming the page, and caches nothing', async () => {
    const config = testConfig('refrobots');
    prefixes.push(config.prefix);
    const f = new PoliteFetcher({
      redis,
      prefix: config.prefix,
      http: { userAgent: 'newsflow/0.1 test', timeoutMs: 2000, maxBytes: 1 << 20, maxRedirects: 3, allowHosts: [allowed.host] },
      politeness: { ...DEFAULT_POLITENESS, minIntervalMs: 0 },
    });
    const page = `${refused.base}/story.html`;
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      const err = (await f.get(page, { robots: true }).catch((e: unknown) => e)) as FetchError;
      expect(err).toBeInstanceOf(FetchError);
      expect([err.code, err.retryable, err.retryAfterSeconds]).toEqual(['FETCH_FORBIDDEN', false, null]);
      expect(err.message).toMatch(
        new RegExp(`^${page.replaceAll('.', '\\.')}: refused 127\\.0\\.0\\.1:\\d+: it resolves to the private or loopback address`, 'u'),
      );
      expect(Date.now() - started).toBeLessThan(1500);
    }
    expect(await redis.exists(`${config.prefix}robots:${refused.base}`, `${config.prefix}robots:${refused.base}:fetching`)).toBe(0);
    expect(refused.hits.size).toBe(0);
  });

  it("a page that redirects to a refused host fails the same way (that host's robots.txt is checked first)", async () => {
    const config = testConfig('refredirect');
    prefixes.push(config.prefix);
    allowed.routes.set('/robots.txt', (_q, res) => res.end('User-agent: *\nAllow: /\n'));
    // why localhost: another host name than the allowed 127.0.0.1, so the redirect is checked against its robots.txt
    const target = `http://localhost:${new URL(refused.base).port}/story.html`;
    allowed.routes.set('/moved.html', (_q, res) => res.writeHead(302, { location: target }).end());
    const f = new PoliteFetcher({
      redis,
      prefix: config.prefix,
      http: { userAgent: 'newsflow/0.1 test', timeoutMs: 2000, maxBytes: 1 << 20, maxRedirects: 3, allowHosts: [allowed.host] },
      politeness: { ...DEFAULT_POLITENESS, minIntervalMs: 0, unthrottledHosts: [allowed.host] },
    });
    const err = (await f.get(`${allowed.base}/moved.html`, { robots: true }).catch((e: unknown) => e)) as FetchError;
    expect([err.code, err.retryable]).toEqual(['FETCH_FORBIDDEN', false]);
    expect(err.message).toMatch(new RegExp(`^${target.replaceAll('.', '\\.')}: refused localhost`, 'u'));
    expect(await redis.exists(`${config.prefix}robots:${new URL(target).origin}`)).toBe(0);
    expect(refused.hits.size).toBe(0);
  });

  it('fails the article job at its first attempt, never delayed', async () => {
    const config = { ...testConfig('reflink', { NEWSFLOW_RETRY_BASE_MS: '50' }), allowHosts: [allowed.host], fetchTimeoutMs: 2000 };
    prefixes.push(config.prefix);
    const page = `${refused.base}/story.html`;
    allowed.routes.set('/feed.xml', (_q, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Refused</title><link>${page}</link></item></channel></rss>`),
    );
    const queues = openQueues(redis, config.prefix, { retryBaseMs: 50 });
    const store = new ArticleStore(redis, config.prefix);
    const running = startWorkers(
      { redis, config, queues, store, log: silentLogger(), now: () => new Date() },
      { queues: ['feeds', 'articles'], extractThreads: 0 },
    );
    try {
      const started = Date.now();
      await queues.feeds.add('poll', { feedId: 'reflink', url: `${allowed.base}/feed.xml`, trigger: 'manual' });
      expect(await waitFor(async () => (await queues.articles.getFailedCount()) === 1, 15_000)).toBe(true);
      const [job] = await queues.articles.getFailed();
      expect(job?.id).toBe(articleId(page));
      expect(job?.attemptsMade).toBe(1);
      expect(job?.failedReason).toMatch(/^FETCH_FORBIDDEN: http:\/\/127\.0\.0\.1:\d+\/story\.html: refused 127\.0\.0\.1:\d+/u);
      expect(await queues.articles.getDelayedCount()).toBe(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(refused.hits.size).toBe(0);
      expect(await redis.exists(`${config.prefix}robots:${refused.base}`)).toBe(0);
    } finally {
      await running.close();
      await closeQueues(queues);
    }
  });
});
