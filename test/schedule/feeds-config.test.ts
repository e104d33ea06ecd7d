import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/domain/errors.js';
import { feedIdFromUrl, formatDuration, parseDuration, parseFeedsConfig } from '../../src/schedule/feeds-config.js';
import { addFeedToFile, loadFeedsFile, removeFeedFromFile } from '../../src/schedule/feeds-file.js';
import { rx } from '../../src/extractors/rx.js';

describe('parseFeedsConfig', () => {
  it('applies defaults, canonicalizes URLs, derives stable ids', () => {
    const c = parseFeedsConfig(
      `defaults:\n  every: 20m\n  tags: [news]\nfeeds:\n  - url: HTTPS://Example.com/rss.xml?utm_source=x\n    tags: [world]\n  - url: ` +
        `https://b.example.org/feed\n    id: b\n    cron: "0 * * * *"\n    type: sitemap\n`,
    );
    expect(c.feeds).toEqual([
      {
        id: feedIdFromUrl('https://example.com/rss.xml'),
        url: 'https://example.com/rss.xml',
        everyMs: 20 * 60_000,
        cron: null,
        tz: null,
        tags: ['news', 'world'],
        type: null,
      },
      { id: 'b', url: 'https://b.example.org/feed', everyMs: null, cron: '0 * * * *', tz: null, tags: ['news'], type: 'sitemap' },
    ]);
    expect(feedIdFromUrl('https://www.example.com/rss.xml')).toMatch(/^example-com-rss-xml-[0-9a-f]{6}$/u);
  });

  it('reads JSON too', () => {
    expect(parseFeedsConfig('{\n\t"feeds": [\n\t\t{"id": "j", "url": "https://j.example/rss", "every": 600}\n\t]\n}', 'feeds.json').feeds[0]?.everyMs).toBe(
      600_000,
    );
  });

  it.each([
    ['feeds:\n  - url: https://a.example/rss\n    every: 5 parsecs\n', /^feeds\.yaml:3:12: "5 parsecs" is not a duration/u],
    ['feeds:\n  - url: https://a.example/rss\n    every: 10s\n', /^feeds\.yaml:3:12: interval 10s is outside/u],
    ['feeds:\n  - url: ftp://a.example/rss\n', /^feeds\.yaml:2:10: url must be an absolute http\(s\) URL/u],
    ['feeds:\n  - url: https://a.example/rss\n    cron: "every day"\n', /^feeds\.yaml:3:11: a cron pattern/u],
    ['feeds:\n  - url: https://a.example/rss\n    every: 1h\n    cron: "0 * * * *"\n', /^feeds\.yaml:4:11: give either every or cron/u],
    ['feeds:\n  - url: https://a.example/rss\n    evry: 1h\n', /^feeds\.yaml:2:5: .*evry/u],
    ['feeds:\n  - url: https://a.example/rss\n    type: atom\n', /^feeds\.yaml:3:11: type is feed or sitemap/u],
    ['feeds:\n  - id: Bad Id\n    url: https://a.example/rss\n', /^feeds\.yaml:2:9: id:/u],
    ['feeds:\n  - id: a\n    url: https://a.example/rss\n  - id: a\n    url: https://b.example/rss\n', /^feeds\.yaml:4:5: duplicate feed id "a"/u],
    ['feeds:\n  - url: https://a.example/rss\n  - url: https://a.example/rss?utm_source=t\n', /^feeds\.yaml:3:5: duplicate feed url/u],
    ['feeds:\n  - url: [\n', /^feeds\.yaml:3:1: /u],
    ['feeds:\n  - https://a.example/rss\n', /^feeds\.yaml:2:5: /u],
    // YAML reads 1e400 as Infinity; the message says why it is not a duration
    ['feeds:\n  - url: https://a.example/rss\n    every: 1e400\n', /^feeds\.yaml:3:12: an infinite number is not a duration/u],
    ['defaults:\n  every: -1e400\nfeeds: []\n', /^feeds\.yaml:2:10: a non-finite number is not a duration/u],
    ['feeds:\n  - url: https://a.example/rss\n    every: [1]\n', /^feeds\.yaml:3:12: a duration is a string like 90s/u],
    // a seconds field that fires more than once a minute is refused, and the message says so
    [
      'feeds:\n  - url: https://a.example/rss\n    cron: "* * * * * *"\n',
      rx('u')`
          ^feeds\.yaml:3:11: cron "\* \* \* \* \* \*" has a seconds field \("\*"\) that fires more than once a minute: refused .*
          use 5 fields, e\.g\. "\* \* \* \* \*"`,
    ],
    ['feeds:\n  - url: https://a.example/rss\n    cron: "*/10 * * * * *"\n', /seconds field \("\*\/10"\).*refused/u],
    ['feeds:\n  - url: https://a.example/rss\n    cron: "0,30 */5 * * * *"\n', /seconds field \("0,30"\).*refused/u],
    ['feeds:\n  - url: https://a.example/rss\n    cron: "0 * * * * * *"\n', /a cron pattern has 5 fields/u],
  ])('points at the line: %j', (text, message) => {
    expect(() => parseFeedsConfig(text, 'feeds.yaml')).toThrow(ConfigError);
    expect(() => parseFeedsConfig(text, 'feeds.yaml')).toThrow(message);
  });

  it('allows a 6-field cron whose seconds field is one second (at most one poll a minute)', () => {
    expect(parseFeedsConfig('feeds:\n  - url: https://a.example/rss\n    cron: "0 */5 * * * *"\n').feeds[0]?.cron).toBe('0 */5 * * * *');
    expect(parseFeedsConfig('feeds:\n  - url: https://a.example/rss\n    cron: "59 * * * * *"\n').feeds[0]?.cron).toBe('59 * * * * *');
  });

  it('refuses a YAML alias bomb with the file and the line of the first alias (issue 24, item 9)', () => {
    const rows = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (const [i, n] of ['b', 'c', 'd', 'e', 'f', 'g'].entries()) rows.push(`${n}: &${n} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`);
    const started = Date.now();
    expect(() => parseFeedsConfig(`${rows.join('\n')}\nfeeds: []\n`, 'feeds.yaml')).toThrow(
      /^feeds\.yaml:2:8: Excessive alias count .*YAML aliases expand to too many nodes/u,
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    [600, 600_000],
    ['600', 600_000],
    ['soon', null],
  ] as const)('parseDuration(%j) = %s', (v, ms) => {
    expect(parseDuration(v)).toBe(ms);
  });

  it('formats durations compactly', () => {
    expect([formatDuration(5_400_000), formatDuration(45_000)]).toEqual(['1h30m', '45s']);
  });
});

describe('feeds file edits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsflow-feeds-'));

  it('adds to a YAML file keeping comments, refuses duplicates, removes by id or URL', async () => {
    const path = join(dir, 'feeds.yaml');
    writeFileSync(path, '# our feeds\ndefaults:\n  every: 30m # gentle\nfeeds:\n  - id: one\n    url: https://one.example/rss\n    tags: [world]\n');
    const added = await addFeedToFile(path, { url: 'https://two.example/atom.xml', id: 'two', every: '1h', tags: ['tech'] });
    expect(added).toMatchObject({ id: 'two', everyMs: 3_600_000, tags: ['tech'] });
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('# our feeds');
    expect(text).toContain('# gentle');
    expect(text).toContain('tags: [world]');
    await expect(addFeedToFile(path, { url: 'https://two.example/atom.xml?utm_source=x' })).rejects.toThrow(/duplicate feed url/u);
    expect((await loadFeedsFile(path)).feeds.map((f) => f.id)).toEqual(['one', 'two']);
    expect(await removeFeedFromFile(path, 'https://one.example/rss')).toBe('one');
    expect((await loadFeedsFile(path)).feeds.map((f) => f.id)).toEqual(['two']);
    await expect(removeFeedFromFile(path, 'nope')).rejects.toThrow(/no feed "nope"/u);
  });

  it('creates a missing file, and edits JSON as JSON', async () => {
    const yaml = join(dir, 'new.yaml');
    await addFeedToFile(yaml, { url: 'https://n.example/rss' });
    expect((await loadFeedsFile(yaml)).feeds).toHaveLength(1);
    const json = join(dir, 'feeds.json');
    writeFileSync(json, '{"feeds": []}');
    await addFeedToFile(json, { url: 'https://j.example/rss', id: 'j' });
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual({ feeds: [{ id: 'j', url: 'https://j.example/rss' }] });
  });

  it('refuses to add to a truncated feeds.json with its file:line, and leaves the file as it was (issue 24, item 9)', async () => {
    const json = join(dir, 'truncated.json');
    const text = '{\n  "feeds": [\n    { "id": "a", "url": "https://a.example/rss" },\n    { "id": "b", "url": "htt';
    writeFileSync(json, text);
    await expect(addFeedToFile(json, { url: 'https://c.example/rss' })).rejects.toThrow(/truncated\.json:4:\d+: Missing closing "quote$/u);
    await expect(addFeedToFile(json, { url: 'https://c.example/rss' })).rejects.toBeInstanceOf(ConfigError);
    expect(readFileSync(json, 'utf8')).toBe(text);
    expect(existsSync(`${json}.lock`)).toBe(false);
    writeFileSync(json, '[1, 2]');
    await expect(addFeedToFile(json, { url: 'https://c.example/rss' })).rejects.toThrow(/truncated\.json/u);
  });
});

describe('feeds.example.yaml', () => {
  it('is a valid config (never fetched by tests)', async () => {
    const c = await loadFeedsFile('feeds.example.yaml');
    expect(c.feeds.length).toBeGreaterThanOrEqual(4);
    expect(c.feeds.every((f) => f.url.startsWith('https://'))).toBe(true);
  });
});
