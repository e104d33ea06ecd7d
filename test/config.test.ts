/** The environment → Config edge: defaults, values and errors that name the bad variable. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/domain/errors.js';

describe('loadConfig', () => {
  it('defaults', () => {
    const c = loadConfig({}, '/srv');
    expect(c).toMatchObject({
      redisUrl: null,
      dataDir: '/srv/.newsflow',
      prefix: 'nf:',
      articleConcurrency: 4,
      lockDurationMs: 60_000,
      retryBaseMs: 10_000,
      dedupBatchDelayMs: 1000,
      sitemapWindowMs: 48 * 3_600_000,
    });
  });

  it.each([
    ['NEWSFLOW_PREFIX', 'bench', 'prefix', 'bench:'],
    ['NEWSFLOW_CONCURRENCY', '8', 'articleConcurrency', 8],
    ['NEWSFLOW_DEDUP_DELAY_MS', '0', 'dedupBatchDelayMs', 0],
    ['NEWSFLOW_DEDUP_DELAY_MS', '250', 'dedupBatchDelayMs', 250],
    ['NEWSFLOW_SITEMAP_WINDOW_HOURS', '6', 'sitemapWindowMs', 6 * 3_600_000],
    ['NEWSFLOW_SITEMAP_WINDOW_HOURS', 'off', 'sitemapWindowMs', null],
  ])('%s=%s → %s %j', (name, value, key, want) => expect(loadConfig({ [name]: value })[key as keyof ReturnType<typeof loadConfig>]).toEqual(want));

  it.each([
    ['NEWSFLOW_DEDUP_DELAY_MS', '60000'],
    ['NEWSFLOW_DEDUP_DELAY_MS', 'soon'],
    ['NEWSFLOW_CONCURRENCY', '0'],
    ['NEWSFLOW_SITEMAP_WINDOW_HOURS', '2d'],
    ['REDIS_URL', 'not a url'],
  ])('%s=%s is a ConfigError naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});

describe('NEWSFLOW_RECHECK', () => {
  const H = 3_600_000;
  it.each([
    [undefined, [H, 6 * H, 24 * H]],
    ['off', []],
    ['OFF', []],
    ['30m, 2h', [30 * 60_000, 2 * H]],
    ['2d,1h,1h', [H, 48 * H]],
  ])('%s', (value, want) => {
    expect(loadConfig(value === undefined ? {} : { NEWSFLOW_RECHECK: value }).recheckMs).toEqual(want);
  });
  it.each([['1x'], ['0h'], ['1h,,2h'], ['soon']])('refuses %s naming the part', (value) => {
    expect(() => loadConfig({ NEWSFLOW_RECHECK: value })).toThrow(ConfigError);
    expect(() => loadConfig({ NEWSFLOW_RECHECK: value })).toThrow(/NEWSFLOW_RECHECK/u);
  });
});
