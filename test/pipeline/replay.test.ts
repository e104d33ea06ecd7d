/**
 * The whole pipeline, for real: the fixture directory served over HTTP on 127.0.0.1, BullMQ workers on a
 * real redis-server, the store. Checks the seed page's stored record and that a second replay adds nothing.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { canonicalizeUrl } from '../../src/url/canonical.js';
import { silentLogger } from '../../src/log.js';
import { articleId } from '../../src/queues/job-ids.js';
import { replay, type ReplaySummary } from '../../src/replay/replay.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { freePort, testConfig } from '../helpers/pipeline.js';
import { dropPrefix, testRedis } from '../helpers/redis.js';
import { undocumentedKeys } from '../helpers/redis-keys-doc.js';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures');

describe('replay of the bundled fixtures', () => {
  const redis = testRedis();
  let config: Config;
  let port: number;
  let first: ReplaySummary;
  let second: ReplaySummary;

  beforeAll(async () => {
    config = testConfig('replay');
    port = await freePort();
    first = await replay(redis, config, silentLogger(), { dir: FIXTURES, port, timeoutMs: 90_000 });
    second = await replay(redis, config, silentLogger(), { dir: FIXTURES, port, timeoutMs: 90_000 });
  }, 180_000);

  afterAll(async () => {
    await dropPrefix(redis, config.prefix);
    await redis.quit();
  });

  const seedId = () => articleId(canonicalizeUrl(`http://127.0.0.1:${port}/pages/daily-ledger/tiktok-oracle.html`)!);

  it('stores every fixture article and records the dead link as a failure', () => {
    expect(first.timedOut).toBe(false);
    expect(first.storedArticles).toBeGreaterThanOrEqual(10);
    expect(first.storedNew).toBe(first.storedArticles);
    const dead = first.failures.filter((f) => f.queue === 'articles');
    expect(dead.length).toBe(1);
    expect(dead[0]!.reason).toMatch(/404/u);
  });

  it('stores the seed page with its metadata and a clean body', async () => {
    const record = await new ArticleStore(redis, config.prefix).get(seedId());
    expect(record).not.toBeNull();
    const a = record!.article;
    expect(a.title).toMatch(/ByteDance/u);
    expect(a.publishedAt).toMatch(/^2020-09-13T21:08/u);
    expect(a.authors).toContain('Dana Whitfield');
    expect(a.text).toContain('ByteDance has rejected Microsoft’s bid for the U.S. operations of TikTok');
    expect(a.text).toContain('Vanessa Pappas, general manager of TikTok');
    expect(a.text).not.toMatch(/Choose your Reaction|Leave a Comment/u);
    expect(a.text.split('\n\n').length).toBeGreaterThanOrEqual(10);
    const companies = record!.entities.organizations.filter((o) => o.kind === 'company').map((o) => o.name);
    expect(companies).toEqual(expect.arrayContaining(['TikTok', 'Oracle', 'Microsoft', 'ByteDance']));
    const people = record!.entities.people.map((p) => p.name);
    expect(people).toEqual(expect.arrayContaining(['Donald Trump', 'Kevin Mayer', 'Vanessa Pappas']));
  });

  it('stores the pages only the sitemaps list: a news sitemap and an index with a gzipped member, each page once', async () => {
    const store = new ArticleStore(redis, config.prefix);
    const id = (slug: string) => articleId(canonicalizeUrl(`http://127.0.0.1:${port}/pages/millbrook-tribune/${slug}.html`)!);
    for (const slug of ['ferry-schedule-cuts', 'library-levy-passes', 'orchard-frost-losses', 'mill-reopens-as-makerspace']) {
      expect((await store.get(id(slug)))?.article.isArticle, slug).toBe(true);
    }
    // the library page is in the news sitemap and in the index's plain member: one record, in both sources' indexes
    const inNews = (await store.list({ feedId: 'millbrook-tribune-news-sitemap' })).map((r) => r.id);
    const inIndex = (await store.list({ feedId: 'millbrook-tribune-sitemap-index' })).map((r) => r.id);
    expect(inNews).toContain(id('library-levy-passes'));
    expect(inIndex).toEqual(expect.arrayContaining([id('library-levy-passes'), id('orchard-frost-losses'), id('mill-reopens-as-makerspace')]));
    const health = await redis.hgetall(`${config.prefix}feed:millbrook-tribune-sitemap-index`);
    expect(health.format).toBe('sitemap-index');
    expect((await redis.hgetall(`${config.prefix}feed:millbrook-tribune-news-sitemap`)).format).toBe('news-sitemap');
  });

  it('puts the syndicated copy in the seed story', async () => {
    const store = new ArticleStore(redis, config.prefix);
    const seed = await store.get(seedId());
    const copyId = articleId(canonicalizeUrl(`http://127.0.0.1:${port}/pages/northfold-courier/bytedance-turns-down-microsoft.html`)!);
    const copy = await store.get(copyId);
    expect(seed?.storyId).toBeTruthy();
    expect(copy?.storyId).toBe(seed?.storyId);
  });

  it('a second replay fetches nothing and adds no duplicates', async () => {
    // pages that were not articles are remembered by the store, not only by kept jobs
    expect(await redis.zcard(`${config.prefix}idx:not-article`)).toBe(first.skipped);
    expect(second.timedOut).toBe(false);
    expect(second.storedArticles).toBe(first.storedArticles);
    expect(second.storedNew).toBe(0);
    expect(second.pagesFetched).toBe(0);
    expect(second.alreadyStored).toBeGreaterThanOrEqual(first.storedArticles);
  });

  it('leaves only keys documented in docs/redis-keys.md', async () => {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${config.prefix}*`, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    expect(keys.length).toBeGreaterThan(100);
    expect(undocumentedKeys(keys, config.prefix)).toEqual([]);
  });
});
