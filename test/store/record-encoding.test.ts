/**
 * Stored record encoding: records are deflated, and plain-JSON records written by older versions still read;
 * entity memberships are one string per article, and an older SET of memberships is diffed and replaced.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../src/domain/types.js';
import { ArticleStore, decodeRecord, encodeRecord } from '../../src/store/article-store.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';

const redis = testRedis();
const prefix = uniquePrefix('enc');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const text = 'The council voted on Tuesday. “We will rebuild,” said Mayor Ana Ruiz. '.repeat(40);
const rec: ArticleRecord = {
  id: 'bbbb0001', url: 'https://example.test/a', sourceUrl: 'https://example.test/a', feedId: 'f1', feedUrl: null,
  fetchedAt: '2020-09-20T00:00:00.000Z', storedAt: '2020-09-20T00:00:00.000Z',
  article: {
    title: 'Rebuild', authors: ['Jo Li'], publishedAt: '2020-09-19T08:00:00Z', modifiedAt: null, canonicalUrl: null, url: null, lang: 'en',
    siteName: 'Example', description: null, image: null, section: null, tags: [], text, syndication: null, provenance: { title: 'og' },
    isArticle: true, warnings: [],
  },
  entities: { people: [{ name: 'Ana Ruiz', kind: 'person', mentions: [{ start: 52, end: 60, text: 'Ana Ruiz' }], aliases: [] }], organizations: [], dates: [], quotes: [] },
  storyId: null,
};

describe('record encoding', () => {
  it('round-trips and is smaller than the JSON', () => {
    const enc = encodeRecord(rec);
    expect(decodeRecord(enc)).toEqual(rec);
    expect(enc.length).toBeLessThan(JSON.stringify(rec).length / 3);
  });

  it('reads plain-JSON records written before compression', async () => {
    const store = new ArticleStore(redis, prefix);
    await redis.set(store.keys.article(rec.id), JSON.stringify(rec));
    expect(await store.get(rec.id)).toEqual(rec);
    await store.save(rec);
    expect((await redis.getBuffer(store.keys.article(rec.id)))![0]).toBe(1);
    expect(await store.getMany([rec.id])).toEqual([rec]);
  });

  it('diffs and replaces an older SET of memberships', async () => {
    const store = new ArticleStore(redis, prefix);
    const id = 'bbbb0002';
    await redis.sadd(store.keys.articleNames(id), 'person:old name', 'person:ana ruiz');
    await redis.sadd(store.keys.entity('person', 'old name'), id);
    await redis.zadd(store.keys.rank('person'), 1, 'old name');
    await store.save({ ...rec, id });
    expect(await redis.type(store.keys.articleNames(id))).toBe('string');
    expect(await redis.get(store.keys.articleNames(id))).toBe('person:ana ruiz');
    expect(await redis.smembers(store.keys.entity('person', 'old name'))).toEqual([]);
    expect(await store.top('person')).toEqual([{ name: 'Ana Ruiz', articles: 1 }]);
    await store.save({ ...rec, id, entities: { ...rec.entities, people: [] } });
    expect(await redis.exists(store.keys.articleNames(id))).toBe(0);
  });
});
