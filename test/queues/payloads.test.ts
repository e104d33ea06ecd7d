import { describe, expect, it } from 'vitest';
import { JobDataError } from '../../src/domain/errors.js';
import { articleId } from '../../src/queues/job-ids.js';
import { ArticleJobData, DedupJobData, FeedJobData, parseJobData } from '../../src/queues/payloads.js';

describe('job payloads', () => {
  it.each([
    [FeedJobData, { feedId: 'f', url: 'https://example.test/feed.xml' }, true],
    [FeedJobData, { feedId: '', url: 'https://example.test/feed.xml' }, false],
    [FeedJobData, { feedId: 'f', url: 'not a url' }, false],
    [ArticleJobData, { url: 'https://example.test/a', feedId: null, feedUrl: null }, true],
    [ArticleJobData, { url: 'https://example.test/a' }, false],
    [DedupJobData, { articleId: 'c9ee5cac5bc2005ac563' }, false], // the fingerprint is required
    [DedupJobData, { articleId: 'bad id' }, false],
    [DedupJobData, { articleId: 'c9ee5cac5bc2005ac563', fp: { copy: 'c9ee\n[]', sketch: 'AAEC', exact: 'u1a 123', bands: '1 2 3 4' } }, true],
    [DedupJobData, { articleId: 'c9ee5cac5bc2005ac563', fp: { copy: 'c9ee\n[]', sketch: null, exact: '', bands: '' } }, true],
    [DedupJobData, { articleId: 'c9ee5cac5bc2005ac563', fp: { copy: 'c9ee\n[]', sketch: 'not base64!', exact: '', bands: '' } }, false],
    [DedupJobData, { articleId: 'c9ee5cac5bc2005ac563', fp: { copy: 'c9ee\n[]', sketch: null, exact: 'a\nb', bands: '' } }, false],
  ] as const)('%#: validates at the boundary', (schema, data, ok) => {
    const run = () => parseJobData(schema as never, data, 'q');
    if (ok) expect(run).not.toThrow();
    else expect(run).toThrow(JobDataError);
  });

  it('names the bad field and is never retried', () => {
    try {
      parseJobData(FeedJobData, { feedId: 'f', url: 3 }, 'feeds');
      expect.unreachable();
    } catch (err) {
      expect((err as JobDataError).message).toMatch(/feeds job data invalid at url/u);
      expect((err as JobDataError).retryable).toBe(false);
    }
  });
});

describe('article ids', () => {
  it('are stable 20-hex hashes of the canonical URL', () => {
    const id = articleId('https://example.test/a');
    expect(id).toMatch(/^[0-9a-f]{20}$/u);
    expect(articleId('https://example.test/a')).toBe(id);
    expect(articleId('https://example.test/b')).not.toBe(id);
  });
});
