/**
 * Sitemap parsing (index, urlset, Google News), gzip by magic bytes, the lastmod window, the limits, and the crawl of
 * an index with an in-memory `fetchChild` (the HTTP path is in test/workers/sitemap-poll.test.ts).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FeedLimitError, FeedParseError } from '../../src/domain/errors.js';
import { crawlSitemap } from '../../src/feeds/sitemap-crawl.js';
import { gunzipIfGzip, parseSitemap, recentEntries, SITEMAP_LIMITS, type SitemapDocument } from '../../src/feeds/sitemap.js';
import { detectSourceType } from '../../src/feeds/recognize.js';

const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';
const NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"';
const IMG_NS = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"';
const urlset = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${NS} ${NEWS_NS} ${IMG_NS}>${body}</urlset>`;
const index = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex ${NS}>${body}</sitemapindex>`;
const BASE = 'https://news.example/sitemap.xml';

describe('parseSitemap', () => {
  const news = urlset(
    `<url><loc>https://news.example/a?x=1&amp;utm_source=sm</loc><lastmod>2026-01-01T10:00:00+01:00</lastmod>
      <image:image><image:loc>https://cdn.example/i.jpg</image:loc><image:title>not the title</image:title></image:image>
      <news:news><news:publication><news:name>Example News</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-01-01T08:30:00Z</news:publication_date><news:title><![CDATA[Council & mayor agree]]></news:title>
      <news:keywords>budget, city hall ,</news:keywords></news:news></url>`,
  );

  it.each<[string, string, Partial<SitemapDocument>]>([
    [
      'a urlset: loc and lastmod, first entry per canonical URL, relative locs resolved',
      urlset(
        '<url><loc> https://news.example/b </loc><lastmod>2026-01-02</lastmod></url><url><loc>https://news.example/b?utm_medium=x</loc></url>' +
          '<url><loc>/c</loc></url><url><lastmod>2026-01-01</lastmod></url>',
      ),
      {
        kind: 'urlset',
        entries: [
          {
            url: 'https://news.example/b',
            title: null,
            publishedAt: null,
            updatedAt: '2026-01-02T00:00:00.000Z',
            guid: null,
            summary: null,
            news: false,
            keywords: [],
          },
          { url: 'https://news.example/c', title: null, publishedAt: null, updatedAt: null, guid: null, summary: null, news: false, keywords: [] },
        ],
        cut: null,
      },
    ],
    [
      'a Google News sitemap: publication date, title, keywords; image:loc and image:title ignored',
      news,
      {
        kind: 'news-sitemap',
        entries: [
          {
            url: 'https://news.example/a?x=1',
            title: 'Council & mayor agree',
            publishedAt: '2026-01-01T08:30:00.000Z',
            updatedAt: '2026-01-01T09:00:00.000Z',
            guid: null,
            summary: null,
            news: true,
            keywords: ['budget', 'city hall'],
          },
        ],
      },
    ],
    [
      'a sitemap index: children with their lastmod',
      index(
        '<sitemap><loc>https://news.example/s1.xml</loc><lastmod>2026-01-01T00:00:00Z</lastmod></sitemap>' +
          '<sitemap><loc>https://news.example/s2.xml.gz</loc></sitemap>',
      ),
      {
        kind: 'sitemap-index',
        entries: [],
        sitemaps: [
          { url: 'https://news.example/s1.xml', lastmod: '2026-01-01T00:00:00.000Z' },
          { url: 'https://news.example/s2.xml.gz', lastmod: null },
        ],
      },
    ],
    [
      'a prefixed sitemap namespace and a BOM',
      '\uFEFF<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:url><sm:loc>https://news.example/p</sm:loc></sm:url></sm:urlset>',
      { kind: 'urlset', entries: [expect.objectContaining({ url: 'https://news.example/p' })] },
    ],
  ])('%s', (_name, body, expected) => {
    expect(parseSitemap(body, BASE)).toMatchObject(expected);
  });

  it.each([
    ['not XML', 'User-agent: *\nDisallow: /', /not a sitemap: the body is not XML/u],
    ['an RSS feed', '<rss version="2.0"><channel/></rss>', /its root element is <rss>/u],
    ['an HTML page', '<!doctype html><html><body>hi</body></html>', /its root element is <html>/u],
    ['no element at all', '<?xml version="1.0"?><!-- nothing -->', /no XML element/u],
  ])('%s: a FeedParseError saying what it is', (_name, body, message) => {
    expect(() => parseSitemap(body, BASE)).toThrow(FeedParseError);
    expect(() => parseSitemap(body, BASE)).toThrow(message);
  });

  it('stops reading at maxUrls and says so, naming the limit', () => {
    const body = urlset(Array.from({ length: 30 }, (_, i) => `<url><loc>https://news.example/${i}</loc></url>`).join(''));
    const doc = parseSitemap(body, BASE, { maxUrls: 10 });
    expect(doc.entries).toHaveLength(10);
    expect(doc.cut).toMatch(/first 10 URLs .*maxUrls limit/u);
  });
});

it('reads the bundled fixture sitemaps', () => {
  const read = (path: string) =>
    parseSitemap(readFileSync(`fixtures/${path}`, 'utf8').replaceAll('{{BASE}}', 'http://127.0.0.1:1'), `http://127.0.0.1:1/${path}`);
  expect(read('feeds/millbrook-tribune-news-sitemap.xml')).toMatchObject({ kind: 'news-sitemap', entries: [{ news: true }, { news: true }] });
  expect(read('feeds/millbrook-tribune-sitemap-index.xml').sitemaps.map((s) => s.url)).toEqual([
    'http://127.0.0.1:1/sitemaps/millbrook-tribune-pages-1.xml',
    'http://127.0.0.1:1/sitemaps/millbrook-tribune-pages-2.xml.gz',
  ]);
  expect(read('sitemaps/millbrook-tribune-pages-1.xml').entries).toHaveLength(2);
  const gz = gunzipIfGzip(readFileSync('fixtures/sitemaps/millbrook-tribune-pages-2.xml.gz'), 'pages-2.xml.gz');
  expect(parseSitemap(gz.toString('utf8'), 'http://127.0.0.1:1/sitemaps/millbrook-tribune-pages-2.xml.gz').entries).toHaveLength(1);
});

describe('detectSourceType', () => {
  it.each([
    [urlset(''), 'sitemap'],
    [index(''), 'sitemap'],
    ['<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><!-- c --><urlset/>', 'sitemap'],
    ['<?xml version="1.0"?><rss version="2.0"><channel/></rss>', 'feed'],
    ['<feed xmlns="http://www.w3.org/2005/Atom"/>', 'feed'],
    ['<rdf:RDF xmlns:rdf="x"/>', 'feed'],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[]}', 'feed'],
    ['<!doctype html><html></html>', null],
    ['not found', null],
  ])('%s → %s', (body, expected) => {
    expect(detectSourceType(body)).toBe(expected);
  });
});

describe('gunzipIfGzip', () => {
  const xml = Buffer.from(urlset('<url><loc>https://news.example/z</loc></url>'));
  it('inflates gzip by its magic bytes whatever the name, and leaves other bytes alone', () => {
    expect(gunzipIfGzip(gzipSync(xml), 'https://news.example/sitemap.xml').equals(xml)).toBe(true);
    expect(gunzipIfGzip(xml, 'https://news.example/sitemap.xml.gz')).toBe(xml);
  });
  it('a gzip bomb stops at maxBytes: a FeedLimitError naming the limit, not retryable', () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    const err = (() => {
      try {
        gunzipIfGzip(bomb, 'https://news.example/bomb.xml.gz', 1024 * 1024);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FeedLimitError);
    expect(err).toMatchObject({ limit: 'maxBytes', retryable: false, message: expect.stringMatching(/inflates past the 1 MiB limit \(maxBytes\)/u) });
  });
  it('a truncated gzip is a FeedParseError', () => {
    const gz = gzipSync(xml);
    expect(() => gunzipIfGzip(gz.subarray(0, gz.length - 12), 'https://news.example/t.xml.gz')).toThrow(/truncated or corrupt/u);
  });
});

describe('recentEntries: the lastmod window', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  const doc = parseSitemap(
    urlset(
      [
        '<url><loc>https://news.example/new</loc><lastmod>2026-01-10T06:00:00Z</lastmod></url>',
        '<url><loc>https://news.example/edge</loc><lastmod>2026-01-08T12:00:00Z</lastmod></url>',
        '<url><loc>https://news.example/old</loc><lastmod>2025-06-01</lastmod></url>',
        '<url><loc>https://news.example/undated</loc></url>',
        '<url><loc>https://news.example/news-old</loc><lastmod>2020-01-01</lastmod><news:news><news:title>N</news:title></news:news></url>',
      ].join(''),
    ),
    BASE,
  );
  it.each<[string, number | null, string[], number, number]>([
    ['two days: recent and news entries', 48 * 3_600_000, ['new', 'edge', 'news-old'], 1, 1],
    ['one hour: news entries only', 3_600_000, ['news-old'], 3, 1],
    ['off: every entry', null, ['new', 'edge', 'old', 'undated', 'news-old'], 0, 0],
  ])('%s', (_name, windowMs, kept, old, undated) => {
    const r = recentEntries(doc.entries, now, windowMs);
    expect(r.entries.map((e) => e.url.replace('https://news.example/', ''))).toEqual(kept);
    expect([r.old, r.undated]).toEqual([old, undated]);
  });
});

describe('crawlSitemap', () => {
  const now = new Date('2026-01-10T12:00:00Z');
  const docs = new Map<string, string>();
  const fetched: string[] = [];
  const fetchChild = async (url: string) => {
    fetched.push(url);
    const body = docs.get(url);
    if (body === undefined) throw new FeedParseError(`${url} answered HTTP 404`);
    return parseSitemap(body, url);
  };
  const u = (path: string) => `https://news.example/${path}`;
  const sm = (path: string, lastmod?: string) => `<sitemap><loc>${u(path)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</sitemap>`;
  const page = (path: string, lastmod = '2026-01-10T00:00:00Z') => `<url><loc>${u(path)}</loc><lastmod>${lastmod}</lastmod></url>`;
  const crawl = async (root: string, limits = SITEMAP_LIMITS) => {
    fetched.length = 0;
    return crawlSitemap(parseSitemap(docs.get(u(root))!, u(root)), fetchChild, { now, windowMs: 48 * 3_600_000, limits });
  };

  it('follows an index newest child first, skips children older than the window, survives a missing child', async () => {
    docs.set(u('index.xml'), index(sm('old.xml', '2025-01-01') + sm('a.xml', '2026-01-09') + sm('b.xml', '2026-01-10') + sm('gone.xml')));
    docs.set(u('a.xml'), urlset(page('a1') + page('shared')));
    docs.set(u('b.xml'), urlset(page('b1') + page('shared') + page('b-old', '2024-01-01')));
    const r = await crawl('index.xml');
    expect(fetched).toEqual([u('b.xml'), u('a.xml'), u('gone.xml')]);
    expect(r.entries.map((e) => e.url)).toEqual([u('b1'), u('shared'), u('a1')]);
    expect([r.kind, r.childrenFetched, r.old]).toEqual(['sitemap-index', 3, 1]);
    expect(r.warnings).toEqual([`${u('gone.xml')}: ${u('gone.xml')} answered HTTP 404`]);
  });

  it('an index cycle and an endless chain end at a visited sitemap and at maxDepth', async () => {
    docs.set(u('cycle-a.xml'), index(sm('cycle-b.xml')));
    docs.set(u('cycle-b.xml'), index(sm('cycle-a.xml') + sm('leaf.xml')));
    docs.set(u('leaf.xml'), urlset(page('leaf1')));
    const cyc = await crawl('cycle-a.xml');
    expect(fetched).toEqual([u('cycle-b.xml'), u('leaf.xml')]);
    expect(cyc.entries.map((e) => e.url)).toEqual([u('leaf1')]);
    expect(cyc.warnings.join('\n')).toMatch(/already read in this poll \(a cycle\)/u);
    for (let i = 0; i < 10; i++) docs.set(u(`chain-${i}.xml`), index(sm(`chain-${i + 1}.xml`)));
    const chain = await crawl('chain-0.xml');
    expect(fetched).toEqual([u('chain-1.xml'), u('chain-2.xml')]);
    expect(chain.warnings.join('\n')).toMatch(/nested 2 deep: its 1 children not followed \(the maxDepth limit, 2\)/u);
  });

  it('fetches at most maxChildren per poll and takes at most maxUrls entries, naming each limit', async () => {
    docs.set(u('wide.xml'), index(Array.from({ length: 8 }, (_, i) => sm(`w${i}.xml`, `2026-01-10T0${i}:00:00Z`)).join('')));
    for (let i = 0; i < 8; i++) docs.set(u(`w${i}.xml`), urlset(page(`w${i}-1`) + page(`w${i}-2`)));
    const r = await crawl('wide.xml', { ...SITEMAP_LIMITS, maxChildren: 3, maxUrls: 5 });
    expect(fetched).toEqual([u('w7.xml'), u('w6.xml'), u('w5.xml')]);
    expect(r.entries).toHaveLength(5);
    expect(r.warnings.join('\n')).toMatch(/5 child sitemap\(s\) not fetched in this poll \(the maxChildren limit, 3 per poll\)/u);
    expect(r.warnings.join('\n')).toMatch(/maxUrls limit \(5 per poll\)/u);
  });

  it('throws the first error when every child failed (the poll is a failure, with backoff)', async () => {
    docs.set(u('all-gone.xml'), index(sm('x1.xml') + sm('x2.xml')));
    await expect(crawl('all-gone.xml')).rejects.toThrow(/x1\.xml answered HTTP 404/u);
  });
});
