/**
 * Stored record encoding: records are brotli-compressed with span texts left out where the body gives them back,
 * and read back exactly (key order included); a record in any other format is refused by name.
 * Entity memberships are one string per article, diffed when the record is written again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runExtraction } from '../../src/workers/extract-task.js';
import { CorruptRecordError } from '../../src/domain/errors.js';
import type { ArticleRecord } from '../../src/domain/types.js';
import { ArticleStore, decodeRecord, encodeRecord } from '../../src/store/article-store.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';
import { testArticle } from '../helpers/article.js';

const redis = testRedis();
const prefix = uniquePrefix('enc');
const titlePrefix = uniquePrefix('enc-title');
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await dropPrefix(redis, titlePrefix);
  await redis.quit();
});

const text = 'The council voted on Tuesday. “We will rebuild,” said Mayor Ana Ruiz. '.repeat(40);
const rec: ArticleRecord = {
  id: 'bbbb0001',
  url: 'https://example.test/a',
  sourceUrl: 'https://example.test/a',
  feedId: 'f1',
  feedUrl: null,
  fetchedAt: '2020-09-20T00:00:00.000Z',
  storedAt: '2020-09-20T00:00:00.000Z',
  article: testArticle({ title: 'Rebuild', authors: ['Jo Li'], publishedAt: '2020-09-19T08:00:00Z', text, provenance: { title: 'og' } }),
  entities: {
    people: [{ name: 'Ana Ruiz', kind: 'person', mentions: [{ start: 52, end: 60, text: 'Ana Ruiz' }], aliases: [] }],
    organizations: [],
    dates: [],
    quotes: [],
  },
  storyId: null,
};

/** Records of the fixture pages as the pipeline extracts them. */
function fixtureRecords(): ArticleRecord[] {
  const out: ArticleRecord[] = [];
  for (const outlet of readdirSync('fixtures/pages')) {
    for (const f of readdirSync(join('fixtures/pages', outlet)).filter((x) => x.endsWith('.html'))) {
      const url = `https://example.test/${outlet}/${f}`;
      const o = runExtraction({ body: readFileSync(join('fixtures/pages', outlet, f)), url, contentType: 'text/html', feedTitle: null, feedPublishedAt: null });
      if (o.entities) out.push({ ...rec, id: f, url, sourceUrl: url, article: o.article, entities: o.entities });
    }
  }
  return out;
}

describe('record encoding', () => {
  it('round-trips and is smaller than the JSON', () => {
    const enc = encodeRecord(rec);
    expect(enc[0]).toBe(2);
    expect(decodeRecord(enc)).toEqual(rec);
    expect(enc.length).toBeLessThan(JSON.stringify(rec).length / 3);
  });

  it('gives back every fixture record exactly, key order included', () => {
    const records = fixtureRecords();
    expect(records.length).toBeGreaterThan(5);
    expect(records.some((r) => r.entities.quotes.some((q) => q.speaker && q.cue))).toBe(true);
    expect(records.some((r) => r.entities.people.some((p) => p.mentions.some((m) => m.titleStart !== undefined)))).toBe(true);
    for (const r of records) expect(JSON.stringify(decodeRecord(encodeRecord(r)))).toBe(JSON.stringify(r));
  });

  it('keeps a span text the body does not give back', () => {
    const odd: ArticleRecord = {
      ...rec,
      entities: {
        ...rec.entities,
        people: [
          {
            name: 'Ana Ruiz',
            kind: 'person',
            mentions: [
              { start: 52, end: 60, text: 'A. Ruiz' },
              { start: 0, end: 3, text: 'The' },
            ],
            aliases: [],
          },
        ],
      },
    };
    expect(decodeRecord(encodeRecord(odd))).toEqual(odd);
  });

  it.each([
    ['0x01 + raw deflate (a format of unreleased versions)', Buffer.of(1, 0x4b, 0x04, 0x00)],
    ['plain JSON (a format of unreleased versions)', Buffer.from(JSON.stringify({ id: 'x' }))],
    ['empty', Buffer.alloc(0)],
  ])('refuses a record in another format: %s', (_name, raw) => {
    const err = (() => {
      try {
        return decodeRecord(raw);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CorruptRecordError);
    expect((err as CorruptRecordError).code).toBe('CORRUPT_RECORD');
    expect((err as CorruptRecordError).retryable).toBe(false);
  });

  it("keeps where a person's title begins through Redis (the mention's span stays the name)", async () => {
    // why a prefix of its own: the next test counts the articles that name Ana Ruiz
    const store = new ArticleStore(redis, titlePrefix);
    const id = 'bbbb0003';
    const at = text.indexOf('Mayor Ana Ruiz');
    const mention = { start: at + 6, end: at + 14, text: 'Ana Ruiz', titleStart: at };
    const people = [{ name: 'Ana Ruiz', kind: 'person' as const, title: 'Mayor', mentions: [mention], aliases: [] }];
    await store.save({ ...rec, id, entities: { ...rec.entities, people } });
    const back = await store.get(id);
    expect(back?.entities.people[0]?.mentions).toEqual([mention]);
    expect(text.slice(mention.titleStart, mention.end)).toBe('Mayor Ana Ruiz');
  });

  it('diffs the memberships of a record written again, and drops its names key when none are left', async () => {
    const store = new ArticleStore(redis, prefix);
    const id = 'bbbb0002';
    const person = (name: string) => ({ name, kind: 'person' as const, mentions: [], aliases: [] });
    await store.save({ ...rec, id, entities: { ...rec.entities, people: [person('Old Name'), person('Ana Ruiz')] } });
    expect(await redis.type(store.keys.articleNames(id))).toBe('string');
    await store.save({ ...rec, id });
    expect(await redis.get(store.keys.articleNames(id))).toBe('person:ana ruiz');
    expect(await redis.smembers(store.keys.entity('person', 'old name'))).toEqual([]);
    expect(await redis.smembers(store.keys.entity('person', 'ana ruiz'))).toEqual([id]);
    expect(await store.top('person')).toEqual([{ name: 'Ana Ruiz', articles: 1 }]);
    await store.save({ ...rec, id, entities: { ...rec.entities, people: [] } });
    expect(await redis.exists(store.keys.articleNames(id))).toBe(0);
    expect(await store.top('person')).toEqual([]);
  });
});

const brotli = (json: string) => Buffer.concat([Buffer.of(0x02), brotliCompressSync(json)]);

describe('a record that does not read back (issue 24, item 5)', () => {
  it.each([
    ['garbage after the brotli byte', Buffer.concat([Buffer.of(0x02), Buffer.from('not brotli')]), /^its 11 bytes do not decompress as brotli \(/u],
    ['an unknown format byte', Buffer.concat([Buffer.of(0x01), Buffer.from([0xff, 0xff, 0xff])]), /^unknown format byte 0x01$/u],
    ['plain text', Buffer.from('hello'), /^unknown format byte 0x68$/u],
    ['brotli of text', brotli('hello'), /^its content is not JSON \(/u],
    ['a JSON array', brotli('[1]'), /^not a record \(JSON array\)$/u],
    ['JSON null', brotli('null'), /^not a record \(JSON null\)$/u],
    ['an id and no article', brotli('{"id":"x"}'), /^no article$/u],
    ['an article without text', brotli('{"id":"x","article":{"authors":[]}}'), /^article has no text$/u],
    ['no entities', brotli('{"id":"x","url":"u","article":{"text":"t","authors":[]}}'), /^no entities$/u],
    [
      'entities without quotes',
      brotli('{"id":"x","url":"u","article":{"text":"t","authors":[]},"entities":{"people":[],"organizations":[],"dates":[]}}'),
      /^entities have no quotes list$/u,
    ],
  ])('%s: CorruptRecordError saying why', (_name, raw, reason) => {
    const err = (() => {
      try {
        decodeRecord(raw, 'abcd');
        return null;
      } catch (e) {
        return e as CorruptRecordError;
      }
    })();
    expect(err).toBeInstanceOf(CorruptRecordError);
    expect(err!.reason).toMatch(reason);
    expect(err!.message).toMatch(/^stored record abcd is corrupt: /u);
    expect(err!.retryable).toBe(false);
  });
});
