import { describe, expect, it } from 'vitest';
import { conditionalHeaders, freshnessSeconds, validatorsOf } from '../../src/fetch/conditional.js';
import { backoffDelay, retryDelayFor } from '../../src/fetch/retry.js';
import { FetchError } from '../../src/domain/errors.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('conditional GET helpers', () => {
  it('replays the validators a response carried', () => {
    const v = validatorsOf(new Headers({ etag: 'W/"abc"', 'last-modified': 'Wed, 31 Dec 2025 10:00:00 GMT' }));
    expect(conditionalHeaders(v)).toEqual({ 'if-none-match': 'W/"abc"', 'if-modified-since': 'Wed, 31 Dec 2025 10:00:00 GMT' });
    expect(conditionalHeaders({ etag: null, lastModified: null })).toEqual({});
  });

  it.each([
    [{ 'cache-control': 'public, max-age=600' }, 600],
    [{ 'cache-control': 'max-age=600, s-maxage=1200' }, 1200],
    [{ 'cache-control': 'no-cache' }, 0],
    [{ expires: 'Thu, 01 Jan 2026 01:00:00 GMT', date: 'Thu, 01 Jan 2026 00:00:00 GMT' }, 3600],
    [{ expires: '0' }, 0],
    [{}, null],
  ] as Array<[Record<string, string>, number | null]>)('freshness of %j is %s s', (h, expected) => {
    expect(freshnessSeconds(new Headers(h), NOW)).toBe(expected);
  });
});

describe('retry policy', () => {
  const policy = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 8000, jitter: 0.5, maxInlineWaitMs: 5000 };
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0, 1000],
    [3, 1, 4000],
    [6, 1, 8000],
    [6, 0, 4000],
  ])('retry %i with random %f waits %i ms', (retry, random, expected) => {
    expect(backoffDelay(retry, policy, () => random)).toBe(expected);
  });

  it('never waits less than Retry-After, and does not retry permanent errors', () => {
    const r429 = new FetchError('FETCH_HTTP', '429', { retryable: true, status: 429, retryAfterSeconds: 30 });
    expect(retryDelayFor(r429, 1, policy, () => 0)).toBe(30_000);
    expect(retryDelayFor(new FetchError('FETCH_HTTP', '404', { retryable: false, status: 404 }), 1, policy)).toBeNull();
  });
});
