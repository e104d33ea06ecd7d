/**
 * More generated hostile input: feed nasties (50,000-deep XML and JSON, external entities, 5 MB attributes,
 * 20,000 items, unclosed CDATA, bad link schemes, prototype pollution) and random tag-soup pages from a grammar.
 * Every input returns in bounded time with a result or a FeedParseError, never crashes, never reads a file.
 */
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/domain/errors.js';
import { extractArticle, extractEntities } from '../../src/extractors/index.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import type { FeedDocument } from '../../src/feeds/feed-types.js';
import { feedNasties, rng, tagSoup } from './generators.js';

/** RELIABILITY.md reports these. */
const MORE_FUZZ_COUNTS = { feedNasties: Object.keys(feedNasties).length, tagSoupPages: 300 };

describe('hostile feeds (generated)', () => {
  it.each(Object.entries(feedNasties))(
    '%s: sane items or FeedParseError, in bounded time',
    async (_name, make) => {
      const body = make();
      const t = performance.now();
      const result: FeedDocument | Error = await parseFeed(body, 'https://example.test/feed').catch((e: unknown) => e as Error);
      expect(performance.now() - t).toBeLessThan(5_000);
      if (result instanceof Error) {
        expect(result).toBeInstanceOf(FeedParseError);
        return;
      }
      expect(JSON.stringify(result)).not.toMatch(/root:x:0:0/u); // no external entity was read
      expect(JSON.stringify(result).length).toBeLessThan(30_000_000);
      for (const item of result.items) expect(item.url).toMatch(/^https?:\/\//u);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
    30_000,
  );
});

// Regression: a null item once threw a bare TypeError and failed the whole feed poll.
it('a null entry among JSON Feed items is skipped (or a FeedParseError), not a TypeError', async () => {
  const body = '{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[null,{"id":"2","url":"https://example.test/ok"}]}';
  const result: FeedDocument | Error = await parseFeed(body, 'https://example.test/feed').catch((e: unknown) => e as Error);
  if (result instanceof Error) expect(result).toBeInstanceOf(FeedParseError);
  else expect(result.items.map((i) => i.url)).toEqual(['https://example.test/ok']);
});

describe('random tag soup', () => {
  it(`${MORE_FUZZ_COUNTS.tagSoupPages} generated documents: extractArticle and extractEntities return, each in bounded time`, () => {
    const r = rng(31);
    let worst = 0;
    let withText = 0;
    for (let i = 0; i < MORE_FUZZ_COUNTS.tagSoupPages; i++) {
      const page = tagSoup(r);
      const t = performance.now();
      const a = extractArticle(page, { url: 'https://example.test/soup' });
      const e = extractEntities(a.text.slice(0, 5000), { publishedAt: '2021-03-04T10:00:00Z' });
      worst = Math.max(worst, performance.now() - t);
      expect(typeof a.text).toBe('string');
      for (const q of e.quotes) expect(q.end).toBeLessThanOrEqual(Math.min(a.text.length, 5000));
      if (a.text) withText++;
    }
    expect(worst).toBeLessThan(3_000);
    expect(withText).toBeGreaterThan(0);
  }, 120_000);
});
