/**
 * `newsflow feeds add|list|remove|discover` and `newsflow schedule sync [--watch]`, in-process and as a real process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import { bullPrefix } from '../../src/queues/names.js';
import { recordPoll } from '../../src/store/feed-state.js';
import { startServer } from '../fetch/_server.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';

const root = resolve(import.meta.dirname, '..', '..');
const redis = testRedis();
const prefix = `${uniquePrefix('cli')}:`;
const dir = mkdtempSync(join(tmpdir(), 'newsflow-cli-'));
let queue: Queue;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    isTTY: false,
  };
  const code = await run(['--redis-url', testRedisUrl(), ...argv], io);
  return { code, out, err };
}

const schedulerIds = async () => (await queue.getJobSchedulers(0, -1)).map((s) => s.id ?? s.key).sort();

beforeAll(() => {
  process.env.NEWSFLOW_PREFIX = prefix;
  queue = new Queue('feeds', { connection: redis, prefix: bullPrefix(prefix) });
});
afterAll(async () => {
  delete process.env.NEWSFLOW_PREFIX;
  await queue.close();
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('newsflow feeds', () => {
  const config = join(dir, 'feeds.yaml');

  it('add writes the file and schedules the feed; list shows health; remove unschedules', async () => {
    let r = await cli('feeds', 'add', 'https://one.example.com/rss.xml', '--id', 'one', '--every', '30m', '--tag', 'world', '--config', config);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/added one .*added 1 \(one\)/u);
    r = await cli('feeds', 'add', 'https://two.example.com/atom.xml', '--id', 'two', '--config', config);
    expect(await schedulerIds()).toEqual(['feed:one', 'feed:two']);

    await recordPoll(redis, prefix, 'one', { url: 'https://one.example.com/rss.xml', at: new Date().toISOString(), ok: true, newItems: 7, httpStatus: 200 });
    await recordPoll(redis, prefix, 'two', {
      url: 'https://two.example.com/atom.xml',
      at: new Date().toISOString(),
      ok: false,
      error: 'HTTP 503',
      httpStatus: 503,
      consecutiveFailures: 3,
      backoffUntil: new Date(Date.now() + 3_600_000).toISOString(),
    });
    r = await cli('--json', 'feeds', 'list', '--config', config);
    const { feeds } = JSON.parse(r.out) as { feeds: Array<Record<string, unknown>> };
    expect(feeds.map((f) => [f.id, f.status, f.itemsSeen, f.consecutiveFailures, f.scheduled, f.inConfig])).toEqual([
      ['one', 'ok', 7, 0, true, true],
      ['two', 'backing-off', 0, 3, true, true],
    ]);
    expect(feeds[0]).toMatchObject({ schedule: 'every 30m', tags: ['world'], httpStatus: 200 });
    expect(typeof feeds[1]?.nextRunAt).toBe('string');
    expect(typeof feeds[1]?.backoffUntil).toBe('string');

    r = await cli('feeds', 'list', '--config', config);
    expect(r.out).toMatch(/^feed\s+type\s+status\s+last fetch\s+next run\s+backoff until\s+items/mu);
    expect(r.out).toMatch(/two\s+—\s+backing-off 503 ×3/u);
    expect(r.out).toMatch(/two: HTTP 503/u);

    r = await cli('feeds', 'remove', 'https://one.example.com/rss.xml', '--config', config);
    expect(r.out).toMatch(/removed one .*removed 1 \(one\)/u);
    expect(await schedulerIds()).toEqual(['feed:two']);
  });

  it('sitemaps: add says what the URL is, list shows the type, discover finds feeds and sitemaps (local HTTP server)', async () => {
    const srv = await startServer();
    process.env.NEWSFLOW_ALLOW_HOSTS = srv.host;
    try {
      const news =
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' +
        `<url><loc>${srv.base}/a</loc><news:news><news:title>A</news:title></news:news></url></urlset>`;
      const xml = (body: string) => (_q: unknown, res: import('node:http').ServerResponse) =>
        res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
      srv.routes.set('/news-sitemap.xml', xml(news));
      srv.routes.set('/sitemap.xml.gz', (_q, res) => res.writeHead(200, { 'content-type': 'application/gzip' }).end(gzipSync(news)));
      srv.routes.set('/', (_q, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head></html>'),
      );
      srv.routes.set('/robots.txt', (_q, res) =>
        res.end(`User-agent: *\nDisallow: /private\nSitemap: ${srv.base}/sitemap.xml.gz\nsitemap: /news-sitemap.xml\n`),
      );
      const sitemaps = join(dir, 'sitemaps.yaml');

      let r = await cli('--json', 'feeds', 'add', `${srv.base}/news-sitemap.xml`, '--id', 'news', '--config', sitemaps, '--no-sync');
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ feed: { id: 'news', type: null }, recognized: { type: 'sitemap', format: 'news-sitemap' }, checkError: null });
      r = await cli('feeds', 'add', `${srv.base}/sitemap.xml.gz`, '--id', 'gz', '--type', 'sitemap', '--config', sitemaps, '--no-sync');
      expect(r.out).toMatch(/added gz \(sitemap\)/u);
      expect(readFileSync(sitemaps, 'utf8')).toMatch(/id: gz\n\s+url: .*\n\s+type: sitemap/u);
      r = await cli('feeds', 'add', `${srv.base}/`, '--id', 'home', '--config', sitemaps, '--no-sync');
      expect(r.err).toMatch(/neither a feed nor a sitemap .*feeds discover/u);
      r = await cli('feeds', 'add', 'https://x.example/rss', '--type', 'atom', '--config', sitemaps, '--no-sync');
      expect([r.code, r.err]).toEqual([2, expect.stringMatching(/--type is feed or sitemap/u)]);

      await recordPoll(redis, prefix, 'news', {
        url: `${srv.base}/news-sitemap.xml`,
        at: new Date().toISOString(),
        ok: true,
        httpStatus: 200,
        format: 'news-sitemap',
      });
      r = await cli('--json', 'feeds', 'list', '--config', sitemaps);
      const listed = (JSON.parse(r.out) as { feeds: Array<Record<string, unknown>> }).feeds.filter((f) => f.inConfig);
      expect(listed.map((f) => [f.id, f.type, f.format])).toEqual([
        ['news', 'sitemap', 'news-sitemap'],
        ['gz', 'sitemap', null],
        ['home', null, null],
      ]);
      r = await cli('feeds', 'list', '--config', sitemaps);
      expect(r.out).toMatch(/news \(unscheduled\)\s+news-sitemap\s+ok 200/u);

      r = await cli('--json', 'feeds', 'discover', `${srv.base}/`);
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out).sources).toEqual([
        { type: 'feed', url: `${srv.base}/rss.xml`, found: 'link-alternate', format: null, title: null },
        { type: 'sitemap', url: `${srv.base}/sitemap.xml.gz`, found: 'robots.txt', format: 'news-sitemap', title: null },
        { type: 'sitemap', url: `${srv.base}/news-sitemap.xml`, found: 'robots.txt', format: 'news-sitemap', title: null },
      ]);
      r = await cli('feeds', 'discover', `${srv.base}/news-sitemap.xml`);
      expect(r.out).toMatch(/sitemap\s+news-sitemap\s+self/u);
    } finally {
      delete process.env.NEWSFLOW_ALLOW_HOSTS;
      await srv.close();
    }
  });

  it('a bad config fails with the line, before touching Redis', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'feeds:\n  - url: https://x.example/rss\n    every: often\n');
    const r = await cli('schedule', 'sync', '--config', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.yaml:3:12: "often" is not a duration/u);
  });
});

describe('newsflow schedule sync --watch (real process)', () => {
  it('syncs at start, re-syncs when the file changes, exits 0 on SIGTERM', async () => {
    const config = join(dir, 'watched.yaml');
    writeFileSync(config, 'feeds:\n  - { id: w1, url: "https://w1.example.com/rss" }\n');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/entry.ts', 'schedule', 'sync', '--config', config, '--watch', '--poll', '1s', '--redis-url', testRedisUrl()],
      {
        cwd: root,
        env: { ...process.env, NEWSFLOW_PREFIX: prefix, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const until = async (want: string[]) => {
      const deadline = Date.now() + 15_000;
      while (JSON.stringify((await schedulerIds()).filter((s) => s.startsWith('feed:w'))) !== JSON.stringify(want) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      return (await schedulerIds()).filter((s) => s.startsWith('feed:w'));
    };
    expect(await until(['feed:w1']), stderr).toEqual(['feed:w1']);
    await new Promise((r) => setTimeout(r, 1100)); // mtime granularity
    writeFileSync(config, 'feeds:\n  - { id: w2, url: "https://w2.example.com/rss" }\n');
    expect(await until(['feed:w2']), stderr).toEqual(['feed:w2']);
    writeFileSync(config, 'feeds:\n  - { id: w3, url: "not a url" }\n'); // a broken edit keeps the last good schedule
    await new Promise((r) => setTimeout(r, 2500));
    expect(await until(['feed:w2'])).toEqual(['feed:w2']);
    expect(stderr).toMatch(/sync failed: keeping the current schedules/u);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 40_000);
});
