import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/domain/errors.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';

const FEED_URL = 'https://news.example.org/feeds/main.xml';

const RSS2 =
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/" ` +
  `xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://news.example.org/</link><ttl>30</ttl>
<item><title>Harbour plan approved</title><link>/2026/01/harbour?utm_source=rss&amp;id=7#top</link>
<guid isPermaLink="false">item-1</guid><dc:creator>Jane Roe</dc:creator><category>Local</category><category domain="x">Politics</category>
<pubDate>Thu, 01 Jan 2026 09:30:00 +0100</pubDate><description>Short &lt;b&gt;summary&lt;/b&gt;</description>
<content:encoded><![CDATA[<p>The <b>full</b> story.</p>]]></content:encoded>
<enclosure url="https://cdn.example.org/a.mp3" length="12345" type="audio/mpeg"/>
<media:content url="https://cdn.example.org/a.jpg" medium="image" type="image/jpeg"/><media:thumbnail url="https://cdn.example.org/a-small.jpg"/></item>
<item><title>Same story via tracking link</title><link>https://NEWS.example.org:443/2026/01/harbour?id=7&amp;fbclid=abc</link></item>
<item><title>Link only in guid</title><guid>https://news.example.org/2026/01/guid-only</guid></item>
</channel></rss>`;

const RSS091 = `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old School</title><link>https://old.example.net/</link><description>d</description>
<item><title>Vintage item</title><link>https://old.example.net/v1</link><description>An old-style item.</description></item></channel></rss>`;

const RDF =
  `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" ` +
  `xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example.com/"><title>RDF Site</title><link>https://rdf.example.com/</link><description>d</description></channel>
<item ` +
  `rdf:about="https://rdf.example.com/one"><title>One</title><link>https://rdf.example.com/one</link><dc:date>2026-01-02T08:00:00Z</dc:date><dc:creator>Ann ` +
  `Lee</dc:creator></item>
</rdf:RDF>`;

const ATOM =
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title><link ` +
  `href="https://atom.example.com/" rel="alternate"/>
<entry><title>Atom entry</title><link rel="enclosure" href="https://atom.example.com/e.mp4" type="video/mp4" length="999"/><link rel="alternate" ` +
  `href="https://atom.example.com/e1"/>
<id>tag:atom.example.com,2026:e1</id><updated>2026-01-03T10:00:00Z</updated><author><name>Bob Stone</name></author>
<summary>Entry summary</summary><content type="html">&lt;p&gt;Entry body&lt;/p&gt;</content><category term="Tech"/></entry></feed>`;

const JSONFEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Daily',
  home_page_url: 'https://json.example.com/',
  items: [
    {
      id: '1',
      url: 'https://json.example.com/a?utm_medium=feed',
      title: 'A',
      date_published: '2026-01-04T00:00:00Z',
      content_html: '<p>A body</p>',
      summary: 'A sum',
      tags: ['x'],
      authors: [{ name: 'Cy Dee' }],
      attachments: [{ url: 'https://json.example.com/a.m4a', mime_type: 'audio/x-m4a', size_in_bytes: 42 }],
    },
    { id: 'https://json.example.com/b', title: 'B', content_text: 'B text' },
    { id: 'no-link', title: 'dropped' },
  ],
});

describe('parseFeed', () => {
  it('RSS 2.0: content:encoded, enclosures, media, author, categories, ttl, canonical links, dedup', async () => {
    const f = await parseFeed(RSS2, FEED_URL);
    expect([f.format, f.title, f.ttlMinutes]).toEqual(['rss-2.0', 'Example News', 30]);
    expect(f.items.map((i) => i.url)).toEqual(['https://news.example.org/2026/01/harbour?id=7', 'https://news.example.org/2026/01/guid-only']);
    const [a] = f.items;
    expect(a).toMatchObject({
      title: 'Harbour plan approved',
      guid: 'item-1',
      author: 'Jane Roe',
      publishedAt: '2026-01-01T08:30:00.000Z',
      summary: 'Short summary',
      contentHtml: '<p>The <b>full</b> story.</p>',
      categories: ['Local', 'Politics'],
    });
    expect(a!.enclosures).toEqual([
      { url: 'https://cdn.example.org/a.mp3', type: 'audio/mpeg', length: 12345, medium: 'audio' },
      { url: 'https://cdn.example.org/a.jpg', type: 'image/jpeg', length: null, medium: 'image' },
      { url: 'https://cdn.example.org/a-small.jpg', type: null, length: null, medium: 'image' },
    ]);
  });

  it('RSS 0.91', async () => {
    const f = await parseFeed(RSS091, 'https://old.example.net/rss');
    expect([f.format, f.items[0]?.url, f.items[0]?.summary, f.items[0]?.contentHtml]).toEqual([
      'rss-0.9x',
      'https://old.example.net/v1',
      'An old-style item.',
      null,
    ]);
  });

  it('RSS 1.0 (RDF) with Dublin Core', async () => {
    const f = await parseFeed(RDF, 'https://rdf.example.com/index.rdf');
    expect(f.format).toBe('rss-1.0');
    expect(f.items[0]).toMatchObject({ url: 'https://rdf.example.com/one', publishedAt: '2026-01-02T08:00:00.000Z', author: 'Ann Lee' });
  });

  it('Atom: alternate link, enclosure link, author, content, category term', async () => {
    const f = await parseFeed(ATOM, 'https://atom.example.com/atom.xml');
    expect(f.format).toBe('atom');
    expect(f.items[0]).toMatchObject({
      url: 'https://atom.example.com/e1',
      guid: 'tag:atom.example.com,2026:e1',
      author: 'Bob Stone',
      summary: 'Entry summary',
      contentHtml: '<p>Entry body</p>',
      categories: ['Tech'],
      enclosures: [{ url: 'https://atom.example.com/e.mp4', type: 'video/mp4', length: 999, medium: 'video' }],
    });
  });

  it('JSON Feed 1.1: attachments, authors, tags, id as link, items without links dropped', async () => {
    const f = await parseFeed(JSONFEED, 'https://json.example.com/feed.json');
    expect(f.format).toBe('json-feed');
    expect(f.items.map((i) => i.url)).toEqual(['https://json.example.com/a', 'https://json.example.com/b']);
    expect(f.items[0]).toMatchObject({
      author: 'Cy Dee',
      contentHtml: '<p>A body</p>',
      categories: ['x'],
      enclosures: [{ url: 'https://json.example.com/a.m4a', type: 'audio/x-m4a', length: 42, medium: 'audio' }],
    });
    expect(f.items[1]?.contentHtml).toBe('B text');
  });

  it('accepts a BOM and leading whitespace', async () => {
    expect((await parseFeed(`\uFEFF\n  ${RSS091}`, 'https://old.example.net/rss')).items).toHaveLength(1);
  });

  it.each([
    ['<html><body>not a feed</body></html>'],
    ['{"version":"1.0","items":[]}'],
    ['{broken json'],
    ['plain text'],
    ['<rss><channel><item><title>unclosed'],
  ])('rejects %s with FeedParseError', async (body) => {
    await expect(parseFeed(body, FEED_URL)).rejects.toBeInstanceOf(FeedParseError);
  });

  const UPDATED_RSS = (el: string) =>
    '<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/terms/">' +
    `<channel><title>T</title><item><title>a</title><link>https://u.example.com/a</link>${el}</item></channel></rss>`;
  it.each([
    [
      'Atom <updated>',
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>a</title><link href="https://u.example.com/a"/>' +
        '<published>2026-01-01T08:00:00Z</published><updated>2026-01-02T09:30:00+01:00</updated></entry></feed>',
      '2026-01-02T08:30:00.000Z',
    ],
    ['RSS atom:updated', UPDATED_RSS('<atom:updated>2026-01-03T00:00:00Z</atom:updated>'), '2026-01-03T00:00:00.000Z'],
    ['RSS dc:modified', UPDATED_RSS('<dc:modified>2026-01-04T00:00:00Z</dc:modified>'), '2026-01-04T00:00:00.000Z'],
    ['RSS without one', UPDATED_RSS('<pubDate>Thu, 01 Jan 2026 09:30:00 +0100</pubDate>'), null],
    [
      'JSON Feed date_modified',
      '{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"https://u.example.com/a","date_modified":"2026-01-05T10:00:00-07:00"}]}',
      '2026-01-05T17:00:00.000Z',
    ],
    ['JSON Feed without one', '{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"https://u.example.com/a"}]}', null],
  ])('updatedAt from %s', async (_name, body, want) => {
    expect((await parseFeed(body, FEED_URL)).items[0]?.updatedAt).toBe(want);
  });

  // Regression: one shared xml2js parser leaked its state from a malformed feed into the next parse; in the
  // mutated-feed fuzz run (test/fuzz/hostile-input.test.ts) one later feed never settled, which hangs a feed job.
  it('a malformed feed leaves nothing behind for the next parse', async () => {
    const bad = '<rss version="2.0"><channel><title><![CDATA[never closed</title></channel></rss>';
    for (let i = 0; i < 2; i++) await expect(parseFeed(bad, FEED_URL)).rejects.toThrow(/cannot be parsed: Unclosed root tag/u);
  });

  it('reads every bundled fixture feed', async () => {
    // why not the sitemaps beside them: test/feeds/sitemap.test.ts reads those
    for (const file of readdirSync('fixtures/feeds').filter((f) => !f.includes('sitemap'))) {
      const body = readFileSync(`fixtures/feeds/${file}`, 'utf8').replaceAll('{{BASE}}', 'http://127.0.0.1:1');
      const f = await parseFeed(body, `http://127.0.0.1:1/feeds/${file}`);
      expect(f.items.length, file).toBeGreaterThan(0);
    }
  });
});
