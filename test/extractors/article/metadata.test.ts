import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/index.js';

const page = (head: string, body = '') => `<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`;
const ld = (obj: unknown) => `<script type="application/ld+json">${JSON.stringify(obj)}</script>`;

describe('title rules', () => {
  const cases: [string, string, string, string, string?][] = [
    [
      'JSON-LD headline beats og:title',
      page(`${ld({ '@type': 'NewsArticle', headline: 'From JSON-LD' })}<meta property="og:title" content="From OG">`),
      'From JSON-LD',
      'json-ld',
    ],
    ['og:title beats <title>', page('<title>From title tag</title><meta property="og:title" content="From OG">'), 'From OG', 'og'],
    [
      'site name stripped from <title>',
      page('<title>Council Passes Budget | The Gazette</title><meta property="og:site_name" content="The Gazette">'),
      'Council Passes Budget',
      'title-tag',
    ],
    [
      'entities in JSON-LD decoded',
      page(ld({ '@type': 'NewsArticle', headline: 'Mexico to fight &#8216;illogical&#8217; tariffs &amp; more' })),
      'Mexico to fight ‘illogical’ tariffs & more',
      'json-ld',
    ],
    [
      'headline part of a long <title> confirmed by the page',
      page('<title>Port Gazette - Sports - Mariners Stun Cedar Point</title>', '<b class="headline">Mariners Stun Cedar Point</b>'),
      'Mariners Stun Cedar Point',
      'title-tag',
    ],
    ['<h1> when nothing else', page('', '<h1>Only a heading here</h1>'), 'Only a heading here', 'h1'],
    [
      'site name with umlauts matches the host spelled out',
      page('<meta property="og:title" content="Zinsen steigen wieder | Kölner Blatt">'),
      'Zinsen steigen wieder',
      'og',
      'https://www.koelner-blatt.de/wirtschaft/zinsen.html',
    ],
    [
      'short part naming the host label as a word',
      page('<meta property="og:title" content="Harbour fees rise again - The Quayside Herald">'),
      'Harbour fees rise again',
      'og',
      'https://www.quayside.example/news/fees',
    ],
    [
      'section named in the URL path stripped',
      page(ld({ '@type': 'NewsArticle', headline: 'Mariners edge Otters late | Sport' })),
      'Mariners edge Otters late',
      'json-ld',
      'https://example.com/sport/baseball/mariners-edge-otters.html',
    ],
    [
      'JSON-LD headline the page shows beats a `name` that only <title> repeats',
      page(
        `${ld({ '@type': 'NewsArticle', headline: 'Ferry service returns to the isle', name: 'Isle ferry back after two years' })}<title>Isle ferry ` +
          `back after two years</title>`,
        '<h1>Ferry service returns to the isle</h1>',
      ),
      'Ferry service returns to the isle',
      'json-ld',
    ],
    [
      'a kicker before the JSON-LD headline goes when og:title is the headline alone',
      page(
        `${ld({ '@type': 'NewsArticle', headline: 'Harbour strike: Dockers walk out at dawn' })}<meta property="og:title" content="Dockers walk out at dawn">`,
      ),
      'Dockers walk out at dawn',
      'og',
    ],
    [
      'lone <title>: a short tail after a dash is the site',
      page('<title>Notes on tidal power in small harbours – Jane Roe</title>'),
      'Notes on tidal power in small harbours',
      'title-tag',
    ],
    [
      'lone <title>: a long tail is kept',
      page('<title>Tidal power – a primer for harbour engineers</title>'),
      'Tidal power – a primer for harbour engineers',
      'title-tag',
    ],
  ];
  it.each(cases)('%s', (_name, html, title, rule, url) => {
    const a = extractArticle(html, { url: url ?? null });
    expect(a.title).toBe(title);
    expect(a.provenance.title).toBe(rule);
  });
});

describe('author rules', () => {
  const cases: [string, string, string[], string, string?][] = [
    [
      'JSON-LD author beats meta author',
      page(`${ld({ '@type': 'NewsArticle', author: { '@type': 'Person', name: 'Jane Doe' } })}<meta name="author" content="Someone Else">`),
      ['Jane Doe'],
      'json-ld',
    ],
    [
      '@graph author by @id reference',
      page(
        ld({
          '@graph': [
            { '@type': 'NewsArticle', headline: 'H', author: { '@id': '#p1' } },
            { '@type': 'Person', '@id': '#p1', name: 'Carla Jennings' },
          ],
        }),
      ),
      ['Carla Jennings'],
      'json-ld',
    ],
    ['several JSON-LD authors', page(ld({ '@type': 'Article', author: [{ name: 'Ann Lee' }, { name: 'Bo Chan' }] })), ['Ann Lee', 'Bo Chan'], 'json-ld'],
    ['meta author split on "and", "By" dropped', page('<meta name="author" content="By Ann Lee and Bo Chan">'), ['Ann Lee', 'Bo Chan'], 'meta'],
    [
      'author meta that is a URL is skipped',
      page('<meta property="article:author" content="https://example.com/ann">', '<span class="byline">By Ann Lee</span>'),
      ['Ann Lee'],
      'byline',
    ],
    [
      'microdata author name',
      page(
        '',
        '<div itemscope itemtype="https://schema.org/NewsArticle"><span itemprop="author" itemscope><span itemprop="name">Tom Kettering</span></span></div>',
      ),
      ['Tom Kettering'],
      'microdata',
    ],
    ['byline element with a role after the name', page('', '<p class="byline">By Carla Jennings, AP Business Writer</p>'), ['Carla Jennings'], 'byline'],
    [
      'the outlet named in JSON-LD gives way to a person in meta',
      page(
        `${ld({ '@type': 'NewsArticle', author: { '@type': 'Organization', name: 'Harbour Times' } })}<meta property="og:site_name" content="Harbour ` +
          `Times"><meta name="author" content="Lena Abernathy">`,
      ),
      ['Lena Abernathy'],
      'meta',
    ],
    [
      'the company behind the outlet is the outlet too',
      page(
        `${ld({ '@type': 'NewsArticle', author: { name: 'Harbour Times Inc.' } })}<meta property="og:site_name" content="Harbour Times"><meta ` +
          `name="author" content="Lena Abernathy">`,
      ),
      ['Lena Abernathy'],
      'meta',
    ],
    [
      'an outlet domain written in lower case is a name in structured data',
      page('<meta name="author" content="harbourtimes.com">'),
      ['harbourtimes.com'],
      'meta',
    ],
    [
      'the outlet is kept when no person is named',
      page(ld({ '@type': 'NewsArticle', author: { name: 'HARBOURTIMES.com' } }), '<span class="byline">Follow</span>'),
      ['HARBOURTIMES.com'],
      'json-ld',
      'https://www.harbourtimes.com/news/x',
    ],
    [
      'Dublin Core creator property beats name=author; keys are not mixed',
      page('<meta name="author" content="Pat Example"><meta property="dc:creator" content="Morgan Vale">'),
      ['Morgan Vale'],
      'meta',
    ],
    [
      'Twitter "Written by" label and data pair',
      page('<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Mara Quist">'),
      ['Mara Quist'],
      'meta',
    ],
    ['"&" between single words joins one name', page('<meta name="DC.creator" content="Ship &amp; Shore">'), ['Ship & Shore'], 'meta'],
    ['"&" between full names joins two people', page('<meta name="author" content="Ann Lee &amp; Bo Chan">'), ['Ann Lee', 'Bo Chan'], 'meta'],
    ['a name with ß is not split at its letters', page(ld({ '@type': 'NewsArticle', author: { name: 'Tom Eßbach' } })), ['Tom Eßbach'], 'json-ld'],
    [
      'a byline of name spans reads each name',
      page('', '<div class="article-byline"><div><span>Ann Lee</span> <span>Bo van Chan</span> <span>Cy Dorn</span></div></div>'),
      ['Ann Lee', 'Bo van Chan', 'Cy Dorn'],
      'byline',
    ],
    [
      'a quoted person is not the author; the outlet desk and the time are dropped',
      page(
        '',
        '<blockquote><cite class="quoteAuthor">Kim Osei</cite></blockquote><div class="authorBox"><p>von Jana Roe, GAZETTE WEST</p><p>Stand: 05:00 ' +
          'Uhr</p></div>',
      ),
      ['Jana Roe'],
      'byline',
      'https://www.gazette.example/politik/story.html',
    ],
    ['co-authors in parentheses', page('<meta name="author" content="Jane Roe (with Ann Lee and Bo Chan)">'), ['Jane Roe', 'Ann Lee', 'Bo Chan'], 'meta'],
    [
      'bylines of related stories elsewhere on the page are left out',
      page(
        '',
        '<header><div><p class="byline">By <a>Ann Lee</a> and <a>Bo Chan</a></p></div></header><p>Story.</p><aside><ul><li><div><span ' +
          'class="byline"><a>Cy Dorn</a></span></div></li></ul></aside>',
      ),
      ['Ann Lee', 'Bo Chan'],
      'byline',
    ],
    [
      'labelled byline line',
      page('', '<ul><li><strong>Datum</strong> 01.02.2023</li><li><strong>Autorin/Autor</strong> Roman Kessler</li></ul>'),
      ['Roman Kessler'],
      'byline-label',
    ],
    ['labelled byline with a title and a link', page('', '<p class="meta-info"> von <a href="/a/roe">Dr. Max Roe</a> </p>'), ['Dr. Max Roe'], 'byline-label'],
  ];
  it.each(cases)('%s', (_name, html, authors, rule, url) => {
    const a = extractArticle(html, { url: url ?? null });
    expect(a.authors).toEqual(authors);
    expect(a.provenance.authors).toBe(rule);
  });
});

describe('labelled bylines', () => {
  it('different labelled bylines on one page (a front page of cards) give no author', () => {
    const cards = '<article><h2>One</h2><p>By Ann Lee</p></article><article><h2>Two</h2><p>By Bo Chan</p></article>';
    expect(extractArticle(page('', cards)).authors).toEqual([]);
  });
  it('"By Monday the council…" is not a byline', () => {
    expect(extractArticle(page('', '<p>By Monday the council will vote.</p>')).authors).toEqual([]);
  });
  it('"Text" needs a colon to label a name', () => {
    expect(extractArticle(page('', '<p><a href="/t">Text Without Notes</a></p>')).authors).toEqual([]);
    expect(extractArticle(page('', '<p>Text: Ola Nordvik</p>')).authors).toEqual(['Ola Nordvik']);
  });
});

describe('bold name paragraphs', () => {
  const long = (w: string) => `<p>${`${w} said the harbour board would meet again before the end of the season to settle the fees. `.repeat(2)}</p>`;
  it('a bold full name leading the story is its byline', () => {
    const a = extractArticle(page('', `<article><p><strong>Ruth Okafor</strong></p>${long('Mayor')}${long('Clerk')}</article>`));
    expect(a.authors).toEqual(['Ruth Okafor']);
    expect(a.provenance.authors).toBe('byline-bold');
  });
  it('a bold full name closing the story is its byline', () => {
    expect(extractArticle(page('', `<article>${long('Mayor')}${long('Clerk')}<p><b>Lan Pham</b></p></article>`)).authors).toEqual(['Lan Pham']);
  });
  it('a bold line amid the story is a subheading, not an author', () => {
    expect(extractArticle(page('', `<article>${long('Mayor')}<p><strong>Flawed Approach</strong></p>${long('Clerk')}</article>`)).authors).toEqual([]);
  });
});

describe('date rules', () => {
  const cases: [string, string, string | null, string | null, string | null][] = [
    [
      'JSON-LD datePublished keeps its offset',
      page(ld({ '@type': 'NewsArticle', datePublished: '2020-09-13T21:08:00-04:00', dateModified: '2020-09-13T22:41:00-04:00' })),
      '2020-09-13T21:08:00-04:00',
      '2020-09-13T22:41:00-04:00',
      'json-ld',
    ],
    [
      'JSON-LD beats article:published_time',
      page(`${ld({ '@type': 'NewsArticle', datePublished: '2020-09-13' })}<meta property="article:published_time" content="2019-01-01T00:00:00Z">`),
      '2020-09-13',
      null,
      'json-ld',
    ],
    [
      'article:* meta, published and modified apart',
      page('<meta property="article:published_time" content="2024-05-03T15:47:42+0200"><meta property="article:modified_time" content="2024-05-04T08:00:00Z">'),
      '2024-05-03T15:47:42+02:00',
      '2024-05-04T08:00:00Z',
      'meta',
    ],
    ['RFC 2822 date in meta', page('<meta name="date" content="Fri, 03 May 2024 15:47:42 +0200">'), '2024-05-03T15:47:42+02:00', null, 'meta'],
    [
      '<time datetime> of a single article',
      page('', '<article><time datetime="2021-02-03T04:05:06+01:00">Feb 3</time><p>x</p></article>'),
      '2021-02-03T04:05:06+01:00',
      null,
      'time-header',
    ],
    [
      'visible "Posted:" stamp, US month first',
      page('<meta name="description" content="d">', '<font>Posted: 09/05/2020 12:35 AM</font>'),
      '2020-09-05T00:35:00',
      null,
      'visible-text',
    ],
    ['URL date pattern as the last resort', page(''), '2019-11-18', null, 'url'],
    ['no date anywhere: null, never now', `<html><body><p>No date here.</p></body></html>`, null, null, null],
  ];
  it.each(cases)('%s', (name, html, published, modified, rule) => {
    const url = name.startsWith('URL') ? 'https://example.com/2019/11/18/story.html' : 'https://example.com/story';
    const a = extractArticle(html, { url });
    expect(a.publishedAt).toBe(published);
    expect(a.modifiedAt).toBe(modified);
    expect(a.provenance.publishedAt ?? null).toBe(rule);
  });

  it('several <article> cards on a front page give no date', () => {
    const cards = '<article><time datetime="2020-01-01">x</time></article>'.repeat(3);
    expect(extractArticle(page('<meta property="og:type" content="website">', cards)).publishedAt).toBeNull();
  });
});

describe('malformed JSON-LD', () => {
  it('is repaired when it can be (raw newline, trailing comma)', () => {
    const broken =
      `<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Line one\nline two", "author": {"name": "Lena ` + `Abernathy"},}</script>`;
    const a = extractArticle(page(broken));
    expect(a.title).toBe('Line one line two');
    expect(a.authors).toEqual(['Lena Abernathy']);
    expect(a.warnings.some((w) => w.includes('repaired'))).toBe(true);
  });
  it('an unparsable block nulls only JSON-LD; other rules still fill fields', () => {
    const broken = `<script type="application/ld+json">{"@type": "NewsArticle", "headline": "He said "no" loudly" "x": }</script>`;
    const a = extractArticle(
      page(`${broken}<meta property="og:title" content="From OG"><meta property="article:published_time" content="2020-09-18T07:30:00-07:00">`),
    );
    expect(a.publishedAt).toBe('2020-09-18T07:30:00-07:00');
    expect(a.warnings.some((w) => w.includes('JSON-LD'))).toBe(true);
  });
});

describe('other fields', () => {
  it('canonical, lang, site name, description, image, section, tags', () => {
    const a = extractArticle(
      page(
        '<link rel="canonical" href="/a/b"><meta property="og:site_name" content="The Ledger"><meta property="og:description" content="Desc"><meta ' +
          'property="og:image" content="/img.jpg"><meta property="article:section" content="Business"><meta property="article:tag" ' +
          'content="TikTok"><meta property="article:tag" content="Oracle">',
      ),
      { url: 'https://example.com/x' },
    );
    expect(a).toMatchObject({
      canonicalUrl: 'https://example.com/a/b',
      lang: 'en',
      siteName: 'The Ledger',
      description: 'Desc',
      image: 'https://example.com/img.jpg',
      section: 'Business',
      tags: ['TikTok', 'Oracle'],
    });
    expect(a.provenance).toMatchObject({ canonicalUrl: 'link-canonical', lang: 'html-lang', siteName: 'og' });
  });
});
