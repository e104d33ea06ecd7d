import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/decode.js';
import { httpGet } from '../../src/fetch/http.js';
import { discoverFeedLinks, discoverFeeds, discoverSources, looksLikeFeed, sitemapsInRobots } from '../../src/feeds/discover.js';
import { startServer, type MisbehavingServer } from '../fetch/_server.js';

const HOME = `<!doctype html><html><head><title>Home</title>
<link rel="stylesheet" href="/s.css"><link rel="alternate" type="application/json+oembed" href="/oembed">
<link rel="alternate" type="application/rss+xml" title="Top stories" href="/rss/top.xml">
<link rel="alternate" type="application/atom+xml" title="Atom" href="https://example.com/atom?utm_source=x">
<link rel="alternate" type="application/feed+json" href="feed.json">
</head><body><a href="/about">About</a><a href="/rss/top.xml">RSS</a></body></html>`;

describe('discoverFeedLinks', () => {
  it('finds declared feeds in order, canonicalized and resolved, skipping non-feed alternates', () => {
    expect(discoverFeedLinks(HOME, 'https://example.com/').map((f) => [f.url, f.title, f.source])).toEqual([
      ['https://example.com/rss/top.xml', 'Top stories', 'link-alternate'],
      ['https://example.com/atom', 'Atom', 'link-alternate'],
      ['https://example.com/feed.json', null, 'link-alternate'],
    ]);
  });

  it('falls back to links that look like feeds', () => {
    const html = '<html><body><a href="/news/feed/">Subscribe</a><a href="/feedback">Feedback</a><a href="/x.rss">x</a></body></html>';
    expect(discoverFeedLinks(html, 'https://example.com/').map((f) => f.url)).toEqual(['https://example.com/news/feed/', 'https://example.com/x.rss']);
  });

  it.each([
    ['<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', true],
    ['<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><feed xmlns="http://www.w3.org/2005/Atom"/>', true],
    ['<rdf:RDF xmlns:rdf="x"/>', true],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[]}', true],
    ['<!doctype html><html></html>', false],
    ['{"items":[]}', false],
  ])('looksLikeFeed(%s) = %s', (body, expected) => {
    expect(looksLikeFeed(body)).toBe(expected);
  });
});

it('sitemapsInRobots: Sitemap: lines in any case and place, resolved, canonicalized, once each', () => {
  const robots =
    'User-agent: *\nDisallow: /x\nSITEMAP: https://example.com/news.xml?utm_source=a\n# Sitemap: https://example.com/commented.xml\n' +
    '\nUser-agent: b\nsitemap:/s.xml\nSitemap: https://example.com/news.xml\nSitemap: javascript:alert(1)\n';
  expect(sitemapsInRobots(robots, 'https://example.com/robots.txt')).toEqual(['https://example.com/news.xml', 'https://example.com/s.xml']);
});

describe('discoverFeeds over HTTP', () => {
  let srv: MisbehavingServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv.close());
  const fetchText = async (url: string) => {
    const r = await httpGet(url, { userAgent: 't', timeoutMs: 2000, maxBytes: 1 << 20, maxRedirects: 3, allowHosts: [srv.host] });
    return { url: r.url, body: decodeBody(r.body, r.contentType) };
  };

  it('returns a feed URL as itself', async () => {
    srv.routes.set('/direct.xml', (_q, res) => res.end('<rss version="2.0"><channel></channel></rss>'));
    expect((await discoverFeeds(`${srv.base}/direct.xml`, fetchText)).map((f) => f.source)).toEqual(['self']);
  });

  it('checks anchors and then common paths when nothing is declared', async () => {
    srv.routes.set('/plain', (_q, res) => res.end('<html><body><a href="/broken/feed">feed</a></body></html>'));
    srv.routes.set('/feed', (_q, res) => res.end('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>'));
    expect(await discoverFeeds(`${srv.base}/plain`, fetchText)).toEqual([{ url: `${srv.base}/feed`, title: null, type: null, source: 'common-path' }]);
  });

  it('discoverSources: no Sitemap: in robots.txt, so the usual paths; only those answering with a sitemap count', async () => {
    srv.routes.set('/robots.txt', (_q, res) => res.end('User-agent: *\nDisallow:\n'));
    srv.routes.set('/sitemap_index.xml', (_q, res) =>
      res.end(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${srv.base}/s1.xml</loc></sitemap></sitemapindex>`),
    );
    srv.routes.set('/news-sitemap.xml', (_q, res) => res.end('<!doctype html><html><body>Page not found</body></html>'));
    expect(await discoverSources(`${srv.base}/plain`, fetchText)).toEqual([
      { type: 'feed', url: `${srv.base}/feed`, found: 'common-path', format: null, title: null },
      { type: 'sitemap', url: `${srv.base}/sitemap_index.xml`, found: 'common-path', format: 'sitemap-index', title: null },
    ]);
  });
});
