/**
 * The store on a real Redis: one record per id, indexes by time, feed and entity, and a rewrite moves index
 * entries instead of duplicating them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ArticleRecord, Organization, Person } from '../../src/domain/types.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';
import { testArticle } from '../helpers/article.js';

const redis = testRedis();
const prefix = uniquePrefix('store');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const person = (name: string): Person => ({ name, kind: 'person', mentions: [{ start: 0, end: name.length, text: name }], aliases: [] });
const company = (name: string): Organization => ({ name, kind: 'company', mentions: [{ start: 0, end: name.length, text: name }], aliases: [] });

function record(id: string, opts: { published: string; feed: string; people?: string[]; companies?: string[]; title?: string }): ArticleRecord {
  return {
    id,
    url: `https://example.test/${id}`,
    sourceUrl: `https://example.test/${id}`,
    feedId: opts.feed,
    feedUrl: null,
    fetchedAt: '2020-09-20T00:00:00.000Z',
    storedAt: '2020-09-20T00:00:00.000Z',
    article: testArticle({ title: opts.title ?? `Story ${id}`, publishedAt: opts.published, text: `Body of ${id}.` }),
    entities: { people: (opts.people ?? []).map(person), organizations: (opts.companies ?? []).map(company), dates: [], quotes: [] },
    storyId: null,
  };
}

describe('ArticleStore', () => {
  const store = new ArticleStore(redis, prefix);

  it('stores, indexes and lists records newest first', async () => {
    expect(
      (await store.save(record('aaaa0001', { published: '2020-09-10T10:00:00Z', feed: 'f1', companies: ['Oracle'], people: ['Kevin Mayer'] }))).created,
    ).toBe(true);
    await store.save(record('aaaa0002', { published: '2020-09-12T10:00:00Z', feed: 'f2', companies: ['Oracle', 'Walmart'] }));
    await store.save(record('aaaa0003', { published: '2020-09-11T10:00:00Z', feed: 'f1', companies: ['Microsoft'], title: 'Cloud deal' }));
    expect(await store.count()).toBe(3);
    expect((await store.list()).map((r) => r.id)).toEqual(['aaaa0002', 'aaaa0003', 'aaaa0001']);
    expect((await store.list({ company: 'oracle' })).map((r) => r.id)).toEqual(['aaaa0002', 'aaaa0001']);
    expect((await store.list({ person: 'Kevin Mayer' })).map((r) => r.id)).toEqual(['aaaa0001']);
    expect((await store.list({ feedId: 'f1' })).map((r) => r.id)).toEqual(['aaaa0003', 'aaaa0001']);
    expect((await store.list({ since: '2020-09-11', until: '2020-09-12' })).map((r) => r.id)).toEqual(['aaaa0003']);
    expect((await store.list({ text: 'cloud' })).map((r) => r.id)).toEqual(['aaaa0003']);
    expect(await store.top('company', 2)).toEqual([
      { name: 'Oracle', articles: 2 },
      { name: 'Walmart', articles: 1 },
    ]);
  });

  it('rewriting a record keeps one record and moves its index entries', async () => {
    const { created } = await store.save(record('aaaa0001', { published: '2020-09-10T10:00:00Z', feed: 'f1', companies: ['Microsoft'] }));
    expect(created).toBe(false);
    expect(await store.count()).toBe(3);
    expect((await store.list({ company: 'Oracle' })).map((r) => r.id)).toEqual(['aaaa0002']);
    const top = await store.top('company', 5);
    expect(top).toContainEqual({ name: 'Oracle', articles: 1 });
    expect(top).toContainEqual({ name: 'Microsoft', articles: 2 });
    expect(await store.top('person')).toEqual([]);
  });

  it('a rewrite without entities empties its memberships; a new display name replaces the old', async () => {
    await store.save(record('aaaa0004', { published: '2020-09-13T10:00:00Z', feed: 'f1', companies: ['Walmart'], people: ['Ana Ruiz'] }));
    await store.save(record('aaaa0004', { published: '2020-09-13T10:00:00Z', feed: 'f1' }));
    expect(await redis.exists(store.keys.articleNames('aaaa0004'))).toBe(0);
    expect(await store.list({ person: 'Ana Ruiz' })).toEqual([]);
    expect(await store.top('company', 5)).toContainEqual({ name: 'Walmart', articles: 1 });
    await store.save(record('aaaa0004', { published: '2020-09-13T10:00:00Z', feed: 'f1', companies: ['WALMART'] }));
    expect(await store.top('company', 5)).toContainEqual({ name: 'WALMART', articles: 2 });
  });

  it('answers which ids are stored or not articles and adds stored ids to another feed, in one round trip each', async () => {
    const now = Date.parse('2020-09-20T00:00:00Z');
    await store.markNotArticle('skip0001', now - 8 * 24 * 3600 * 1000); // forgotten after a week
    await store.markNotArticle('skip0002', now - 3600 * 1000);
    expect(await store.lookup(['aaaa0002', 'nope0001', 'aaaa0003', 'skip0001', 'skip0002'], now)).toEqual(['stored', null, 'stored', null, 'not-article']);
    expect(await store.lookup([], now)).toEqual([]);
    expect(await redis.zscore(store.keys.notArticles, 'skip0001')).toBeNull(); // trimmed by the later mark
    await store.addManyToFeed('f9', [
      { id: 'aaaa0002', publishedAt: '2020-09-12T10:00:00Z' },
      { id: 'aaaa0003', publishedAt: null },
    ]);
    expect((await store.list({ feedId: 'f9' })).map((r) => r.id).sort()).toEqual(['aaaa0002', 'aaaa0003']);
  });

  it('resolves unique id prefixes and records stories', async () => {
    expect(await store.resolveId('aaaa0003')).toBe('aaaa0003');
    expect(await store.resolveId('aaaa')).toBeNull(); // ambiguous
    await store.setStory('aaaa0003', 's-aaaa0003');
    expect((await store.get('aaaa0003'))?.storyId).toBe('s-aaaa0003');
  });
});
