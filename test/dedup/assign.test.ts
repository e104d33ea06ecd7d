import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobDataError } from '../../src/domain/errors.js';
import {
  assignFingerprint,
  assignStory,
  decodeCopy,
  dedupFingerprint,
  encodeCopy,
  getStory,
  listStories,
  storyOfArticle,
  type DedupInput,
} from '../../src/dedup/index.js';
import { DedupJobData } from '../../src/queues/payloads.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';

const seed = (name: string) =>
  readFileSync(`fixtures/syndication/seeds/${name}.txt`, 'utf8')
    .split(/\n\s*\n/u)
    .slice(1)
    .join('\n\n');
const landfall = seed('storm-landfall');
const power = seed('storm-power');

const article = (id: string, over: Partial<DedupInput> = {}): DedupInput => ({
  id,
  url: `https://${id}.example/news/2024/hurricane-story`,
  canonicalUrl: null,
  siteName: `Outlet ${id}`,
  title: `Headline ${id}`,
  text: landfall,
  publishedAt: null,
  syndication: null,
  ...over,
});

let redis: Redis;
const prefixes: string[] = [];
const fresh = () => {
  const p = `${uniquePrefix('dedup')}:`;
  prefixes.push(p);
  return p;
};
beforeAll(() => {
  redis = testRedis();
});
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(redis, p);
  await redis.quit();
});

describe('assignStory', () => {
  it('starts a story, then folds an exact copy (same text, other outlet) into it', async () => {
    const p = fresh();
    const a = await assignStory(redis, p, article('b1'));
    expect(a).toEqual({ storyId: 's-b1', isNew: true, matchedIds: [], similarity: null, mergedStoryIds: [] });
    const b = await assignStory(redis, p, article('c2', { title: 'Another headline entirely' }));
    expect(b).toMatchObject({ storyId: 's-b1', isNew: false, matchedIds: ['b1'], similarity: 1 });
  });

  it('links a cross-domain canonical copy by URL even when its text is short', async () => {
    const p = fresh();
    await assignStory(redis, p, article('a1'));
    const b = await assignStory(redis, p, article('a2', { text: 'Teaser only.', canonicalUrl: 'https://a1.example/news/2024/hurricane-story' }));
    expect(b.storyId).toBe('s-a1');
  });

  it('links a near copy (wrapper, editor’s note, trimmed ending)', async () => {
    const p = fresh();
    await assignStory(redis, p, article('n1'));
    const trimmed = landfall.split('\n\n').slice(0, 4).join('\n\n');
    const text = ['Advertisement', 'Editor’s note: This story has been updated.', trimmed, 'This article originally appeared on Coastal Observer.'].join(
      '\n\n',
    );
    const b = await assignStory(redis, p, article('n2', { text }));
    expect(b.storyId).toBe('s-n1');
    expect(b.similarity).toBeGreaterThan(0.3);
    expect(b.similarity).toBeLessThan(1);
  });

  it('keeps another story on the same subject apart', async () => {
    const p = fresh();
    await assignStory(redis, p, article('h1'));
    const b = await assignStory(redis, p, article('h2', { text: power }));
    expect(b).toMatchObject({ storyId: 's-h2', isNew: true });
  });

  it('is idempotent: a second assignment changes nothing', async () => {
    const p = fresh();
    await assignStory(redis, p, article('i1'));
    await assignStory(redis, p, article('i2'));
    const keys = async () => {
      const ks = (await redis.keys(`${p}*`)).sort();
      return Promise.all(ks.map(async (k) => [k, await redis.dump(k)]));
    };
    const before = await keys();
    const again = await assignStory(redis, p, article('i2'));
    expect(again).toEqual({ storyId: 's-i1', isNew: false, matchedIds: [], similarity: null, mergedStoryIds: [] });
    expect(await keys()).toEqual(before);
  });

  it('assigns from a precomputed fingerprint as from the text, and keeps story labels in the same step', async () => {
    const p = fresh();
    const q = fresh();
    // f2 and f4 start two stories; f1 joins f2's and becomes its root (smaller id); f3 bridges the two stories
    const seq = [
      article('f2'),
      article('f4', { text: power }),
      article('f1', { title: 'Other' }),
      article('f3', { text: `${landfall}\n\n${power}`, url: 'https://f4.example/news/2024/hurricane-story' }),
    ];
    const direct = [];
    for (const a of seq) direct.push(await assignStory(redis, p, a));
    const viaFp = [];
    const storyKeys = { prefix: `${q}a:`, suffix: ':story' };
    for (const a of seq) {
      const fp = dedupFingerprint(a);
      expect(DedupJobData.parse({ articleId: 'abcdef0123456789', fp }).fp).toEqual(fp); // travels in the dedup job
      viaFp.push(await assignFingerprint(redis, q, a.id, fp, { storyKeys }));
    }
    expect(viaFp).toEqual(direct);
    const labels = async () => redis.mget(...['f1', 'f2', 'f3', 'f4'].map((id) => `${q}a:${id}:story`));
    const story = (await getStory(redis, q, viaFp.at(-1)!.storyId))!;
    expect(await labels()).toEqual(['f1', 'f2', 'f3', 'f4'].map(() => story.id)); // every copy follows merges
    expect(story.copies.map((c) => c.articleId).sort()).toEqual(['f1', 'f2', 'f3', 'f4']);
    // a repeated assignment (a retried job) sets the article's label again
    await redis.del(`${q}a:f1:story`);
    await assignFingerprint(redis, q, 'f1', dedupFingerprint(seq[2]!), { storyKeys });
    expect(await labels()).toEqual(['f1', 'f2', 'f3', 'f4'].map(() => story.id));
  });

  it('rejects an id the index cannot hold (empty, whitespace)', async () => {
    await expect(assignStory(redis, fresh(), article(''))).rejects.toBeInstanceOf(JobDataError);
    await expect(assignStory(redis, fresh(), article('a\nb'))).rejects.toBeInstanceOf(JobDataError);
  });

  it('re-labels on merge: the story id follows the smallest article id', async () => {
    const p = fresh();
    await assignStory(redis, p, article('m5'));
    await assignStory(redis, p, article('m3', { text: power }));
    // m1 carries both texts (a round-up page quoting both in full) and links the two stories
    const bridge = await assignStory(redis, p, article('m1', { text: `${landfall}\n\n${power}`, url: 'https://m5.example/news/2024/hurricane-story/amp' }));
    expect(bridge.storyId).toBe('s-m1');
    expect(bridge.mergedStoryIds.sort()).toEqual(['s-m3', 's-m5']);
    expect(await storyOfArticle(redis, p, 'm5')).toBe('s-m1');
    expect(await storyOfArticle(redis, p, 'm3')).toBe('s-m1');
    expect(await getStory(redis, p, 's-m5')).toBeNull();
  });
});

describe('copy records', () => {
  it('round-trip', () => {
    const m = {
      articleId: 'x1',
      url: 'https://a.example/news/1',
      canonicalUrl: 'https://b.example/news/1',
      siteName: 'A “quoted” outlet',
      title: 'Line\nbreak',
      publishedAt: null,
      textHash: 'abc',
      syndication: { source: 'B', url: null, rule: 'originally-appeared' },
    };
    expect(decodeCopy(encodeCopy(m))).toEqual(m);
    expect(decodeCopy(encodeCopy({ ...m, canonicalUrl: m.url, syndication: null }))).toEqual({ ...m, canonicalUrl: m.url, syndication: null });
  });
});

describe('getStory, storyOfArticle, listStories', () => {
  it('records copies, the original and what differs per copy', async () => {
    const p = fresh();
    const orig = article('o2', { siteName: 'Coastal Observer', publishedAt: '2024-09-03T06:20:00-04:00' });
    await assignStory(
      redis,
      p,
      article('o1', {
        publishedAt: '2024-09-03T09:00:00Z',
        text: `${landfall}\n\nThis article originally appeared on Coastal Observer.`,
        syndication: { source: 'Coastal Observer', url: null, rule: 'originally-appeared', evidence: 'This article originally appeared on Coastal Observer.' },
      }),
    );
    await assignStory(redis, p, orig);
    await assignStory(redis, p, article('o3', { publishedAt: '2024-09-03T12:00:00Z' }));
    const story = await getStory(redis, p, 's-o1');
    expect(story).toMatchObject({ id: 's-o1', originalId: 'o2' });
    expect(story!.originalReason).toMatch(/^syndication-source/u);
    expect(story!.copies.map((c) => [c.articleId, c.relation, c.siteName])).toEqual([
      ['o2', 'original', 'Coastal Observer'],
      ['o1', 'near', 'Outlet o1'],
      ['o3', 'exact', 'Outlet o3'],
    ]);
    expect(story!.copies[1]).toMatchObject({ url: 'https://o1.example/news/2024/hurricane-story', title: 'Headline o1' });
    expect(await storyOfArticle(redis, p, 'o3')).toBe('s-o1');
    expect(await storyOfArticle(redis, p, 'nope')).toBeNull();
    expect(await getStory(redis, p, 's-nope')).toBeNull();
  });

  it('lists stories with more than one copy, largest first', async () => {
    const p = fresh();
    for (const id of ['l1', 'l2', 'l3']) await assignStory(redis, p, article(id));
    for (const id of ['l4', 'l5']) await assignStory(redis, p, article(id, { text: power }));
    await assignStory(redis, p, article('l6', { text: seed('football-match') }));
    expect((await listStories(redis, p, {})).map((s) => [s.id, s.copies.length])).toEqual([
      ['s-l1', 3],
      ['s-l4', 2],
    ]);
    expect((await listStories(redis, p, { minCopies: 3 })).map((s) => s.id)).toEqual(['s-l1']);
    expect((await listStories(redis, p, { minCopies: 1 })).map((s) => s.id)).toEqual(['s-l1', 's-l4', 's-l6']);
    expect((await listStories(redis, p, { minCopies: 1, limit: 1 })).map((s) => s.id)).toEqual(['s-l1']);
  });
});
