/**
 * Publication dates: which source wins (value and provenance), how sources that disagree are weighed, local days,
 * plausibility, the feed's date, and the date text reader in seven languages.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/index.js';
import { dateFromUrl } from '../../../src/extractors/article/dates.js';
import { findTextDate } from '../../../src/extractors/article/date-text.js';

const page = (head: string, body = '', lang = 'en') => `<!doctype html><html lang="${lang}"><head>${head}</head><body>${body}</body></html>`;
const ld = (obj: unknown) => `<script type="application/ld+json">${JSON.stringify(obj)}</script>`;
const meta = (prop: string, content: string) => `<meta property="${prop}" content="${content}">`;
const story = '<p>The harbour board met on the quay to settle the fees for the coming season, and the vote was close.</p>';

describe('publication date: which source wins', () => {
  // [name, html, url, published, provenance]
  const cases: [string, string, string | null, string | null, string | null][] = [
    [
      'JSON-LD beats every other source',
      page(
        ld({ '@type': 'NewsArticle', datePublished: '2021-03-04T10:00:00+01:00' }) + meta('article:published_time', '2021-03-04T10:00:00+01:00'),
        '<h1>H</h1><time datetime="2021-03-04">4 March</time>',
      ),
      null,
      '2021-03-04T10:00:00+01:00',
      'json-ld',
    ],
    ['CMS meta name (parsely)', page('<meta name="parsely-pub-date" content="2021-05-06T07:08:09Z">'), null, '2021-05-06T07:08:09Z', 'meta'],
    [
      'microdata datePublished',
      page('', '<div itemscope><span itemprop="datePublished" content="2019-02-03">Feb 3</span></div>'),
      null,
      '2019-02-03',
      'microdata',
    ],
    [
      '<time> in the header beats one in a sidebar',
      page(
        '',
        `<aside class="sidebar"><time datetime="2018-01-01">old</time></aside><header><h1>Headline</h1><time datetime="2020-06-07T08:00:00+02:00">7 ` +
          `June</time></header>${story}`,
      ),
      null,
      '2020-06-07T08:00:00+02:00',
      'time-header',
    ],
    [
      'hAtom <abbr class="published" title>',
      page('', `<h1>H</h1><abbr class="published" title="2019-06-27T10:21:40Z">jeudi 27 juin 2019</abbr>${story}`, 'fr'),
      null,
      '2019-06-27T10:21:40Z',
      'time-header',
    ],
    [
      'ISO day in a data-* attribute',
      page('', `<h1>H</h1><span class="meta" data-publish-date="2022-01-17">vor 3 Tagen</span>${story}`),
      null,
      '2022-01-17',
      'time-header',
    ],
    ['date in the canonical URL path', page('<link rel="canonical" href="https://example.com/2020/11/23/story/">'), null, '2020-11-23', 'url'],
    [
      'German byline date',
      page('', `<h1>Überschrift</h1><p class="date-author">Janic Cathomen, 01.12.2021</p>${story}`, 'de'),
      null,
      '2021-12-01',
      'visible-text',
    ],
    ['French month name after a label', page('', `<h1>Titre</h1><p>Publié le 3 février 2020</p>${story}`, 'fr'), null, '2020-02-03', 'visible-text'],
    [
      'Spanish "17 de marzo de 2020"',
      page('', `<h1>Título</h1><p class="published-date">martes 17 de marzo de 2020</p>${story}`, 'es'),
      null,
      '2020-03-17',
      'visible-text',
    ],
    [
      'Italian, Portuguese and Dutch months',
      page('', `<h1>Titolo</h1><span class="data">14 gennaio 2020</span>${story}`, 'it'),
      null,
      '2020-01-14',
      'visible-text',
    ],
    [
      'a dateline opening the story',
      page(
        '',
        `<h1>Titel</h1><p>Von Claudia Linde</p><p>27.1.2022 - Bei der Erinnerung an die Verfolgten des Regimes wurde in der Stadt ein weiterer Stein ` +
          `verlegt, und viele kamen, um der Opfer zu gedenken und zuzuhören.</p>`,
        'de',
      ),
      null,
      '2022-01-27',
      'visible-text',
    ],
    [
      'a written clock time is kept (US month first)',
      page('', `<h1>H</h1><p>Posted: 09/05/2020 12:35 AM</p>${story}`),
      null,
      '2020-09-05T00:35:00',
      'visible-text',
    ],
    [
      'date in an inline script (not JSON-LD)',
      page('<script>window.meta = { pubDate: "2020-03-16T13:07:32+0000" };</script>'),
      null,
      '2020-03-16T13:07:32+00:00',
      'embedded-json',
    ],
    [
      'a date a short inline script writes into the byline',
      page('', `<h2>Topic</h2><table><tr><td class="main-text"><script>showDate("2020/04/17 01:43:09")</script> views 7</td></tr></table>${story}`),
      null,
      '2020-04-17T01:43:09',
      'time-header',
    ],
    ['a day in the title', page('<title>08.11.2021 | Fachtag zum Gedenktag</title>', '', 'de'), null, '2021-11-08', 'title'],
    ['no date anywhere: null, never now', page('', story), null, null, null],
  ];
  it.each(cases)('%s', (_name, html, url, published, rule) => {
    const a = extractArticle(html, { url });
    expect(a.publishedAt).toBe(published);
    expect(a.provenance.publishedAt ?? null).toBe(rule);
  });
});

describe('publication date: weighing sources that disagree', () => {
  it('a date only marked "updated" is not a publication date', () => {
    const a = extractArticle(page('', `<h1>H</h1><p>Updated: 4 May 2021</p>${story}`));
    expect(a.publishedAt).toBeNull();
  });

  it('the URL and the visible date outvote an old <time> in the header', () => {
    const html = page(
      '<link rel="canonical" href="https://example.com/2019/10/22/story/">',
      `<header><h1>H</h1><time class="published" datetime="2009-04-11">Archiv</time></header><p class="date">22.10.2019</p>${story}`,
      'de',
    );
    expect(extractArticle(html).publishedAt).toBe('2019-10-22');
  });

  it('a UTC instant takes the local day the byline names', () => {
    const html = page(
      ld({ '@type': 'NewsArticle', datePublished: '2023-11-09T06:35:29+00:00' }),
      `<h1>H</h1><p class="byline-date">November 8, 2023</p>${story}`,
    );
    const a = extractArticle(html);
    expect(a.publishedAt).toBe('2023-11-08');
    expect(a.provenance.publishedAt).toBe('json-ld');
  });

  it("the same instant written with the publisher's offset keeps its time", () => {
    const html = page(
      ld({ '@type': 'NewsArticle', datePublished: '2023-11-09T06:35:29+00:00' }),
      `<header><h1>H</h1><time datetime="2023-11-08T22:35:29-08:00">Nov 8</time></header>${story}`,
    );
    expect(extractArticle(html).publishedAt).toBe('2023-11-08T22:35:29-08:00');
  });

  it('a UTC instant at midday keeps its own day (no offset puts it on the next one)', () => {
    const html = page(ld({ '@type': 'NewsArticle', datePublished: '2024-08-04T13:23:00Z' }), `<h1>H</h1><p class="date">5 August 2024</p>${story}`);
    expect(extractArticle(html).publishedAt).toBe('2024-08-04T13:23:00Z');
  });

  it('a print issue date the morning after supports the structured timestamp', () => {
    const html = page(
      `${ld({ '@type': 'NewsArticle', datePublished: '2024-04-25T19:30:04+02:00' })}<meta name="date" content="2024-04-26">`,
      `<h1>H</h1><p class="date">26.04.2024</p>${story}`,
      'de',
    );
    expect(extractArticle(html).publishedAt).toBe('2024-04-25T19:30:04+02:00');
  });

  it('an ambiguous numeric meta date takes the reading the visible date confirms', () => {
    const html = page('<meta name="date" content="11/01/2023 12:43:42">', `<h1>Trinkwasser</h1><p>Erstellt am: 01.11.2023</p>${story}`, 'de');
    expect(extractArticle(html).publishedAt?.slice(0, 10)).toBe('2023-11-01');
  });

  it("TYPO3's meta date is the page record's last change: a shown date outweighs it, and it dates a page that shows none", () => {
    const head = '<meta name="generator" content="TYPO3 CMS"><meta name="date" content="2020-02-12">';
    expect(extractArticle(page(head, `<h1>Titel</h1><div class="news-single-timedata">05.02.2020</div>${story}`, 'de')).publishedAt).toBe('2020-02-05');
    expect(extractArticle(page(head, `<h1>Titel</h1>${story}`, 'de')).publishedAt).toBe('2020-02-12');
    // another CMS's meta date still outweighs a shown one
    const other = '<meta name="date" content="2020-02-12">';
    expect(extractArticle(page(other, `<h1>Titel</h1><div class="date">05.02.2020</div>${story}`, 'de')).publishedAt).toBe('2020-02-12');
  });

  it('dated comments and a list of other stories do not date the page', () => {
    const comments = ['2019-09-20', '2019-09-21', '2019-09-22'].map((d) => `<div class="c-item"><span class="when">${d}</span><p>Nice.</p></div>`).join('');
    const html = page('', `<h1>H</h1><p class="date">28 June 2019</p>${story}<div class="comments">${comments}</div>`);
    expect(extractArticle(html).publishedAt).toBe('2019-06-28');
  });

  it("a date inside a sentence (an event) is not the page's; a labelled one is", () => {
    const event = '<p>Der nächste Stammtisch findet am Mi. 5. Feb 2020 um 19:00 Uhr im Gasthaus statt.</p>';
    expect(extractArticle(page('', `<h1>Stammtisch</h1>${event}${story}`, 'de')).publishedAt).toBeNull();
    const labelled = '<p>Dieser Artikel wurde veröffentlicht am 5. Feb 2020 und seither oft gelesen.</p>';
    expect(extractArticle(page('', `<h1>Stammtisch</h1>${labelled}${story}`, 'de')).publishedAt).toBe('2020-02-05');
    const byline = '<p>Max Mustermann, Redakteur der Zeitung 05.03.2020, 10:00 Uhr Lesezeit 3 Minuten</p>';
    expect(extractArticle(page('', `<h1>H</h1>${byline}${story}`, 'de')).publishedAt?.slice(0, 10)).toBe('2020-03-05');
    const kubrick = '<p class="postmetadata">This entry was posted on Monday, March 5th, 2012 at 10:12 am and is filed under News.</p>';
    expect(extractArticle(page('', `<h1>H</h1>${story}${kubrick}`)).publishedAt?.slice(0, 10)).toBe('2012-03-05');
    const german = '<p>Dieser Eintrag wurde am Montag, 5. März 2012 um 10:12 Uhr veröffentlicht und ist unter News abgelegt.</p>';
    expect(extractArticle(page('', `<h1>H</h1>${story}${german}`, 'de')).publishedAt?.slice(0, 10)).toBe('2012-03-05');
  });

  it('a long inline script or a data blob in the body shows no date', () => {
    const blob = `<script>var cfg = { a: "2020/04/17 01:43:09", list: [${'1,'.repeat(200)}0] };</script>`;
    expect(extractArticle(page('', `<h1>H</h1>${blob}${story}`)).publishedAt).toBeNull();
  });

  it("a photo caption's date is not the page's", () => {
    const html = page('', `<h1>H</h1><figure><img src="x.jpg"><figcaption>Rescue work in Uman, 28 April 2023</figcaption></figure>${story}`);
    expect(extractArticle(html).publishedAt).toBeNull();
  });

  it('a date badge split into elements (day, month, year) dates the page', () => {
    const badge = '<div class="postdate"><span class="postday">26</span> Okt 2018</div>';
    expect(extractArticle(page('', `${badge}<header><h1>Titel</h1></header>${story}`, 'de')).publishedAt).toBe('2018-10-26');
    const us = '<div class="date"><span class="month">Apr</span> <span class="day">04</span><span class="year">2013</span></div>';
    expect(extractArticle(page('', `<header><h1>H</h1>${us}</header>${story}`)).publishedAt).toBe('2013-04-04');
  });

  it("a masthead's date of today and the Wayback Machine's toolbar do not date the page", () => {
    const masthead = '<span id="uhr">Donnerstag, 16. Februar 2012</span><div class="today">Wednesday, August 19, 2020</div>';
    const html = page('', `${masthead}<h1>Titel</h1><div class="box"><span>14. Februar 2012</span></div>${story}`, 'de');
    expect(extractArticle(html).publishedAt).toBe('2012-02-14');
    const site = `<div class="usatoday-story"><h1>H</h1><p class="date">March 5, 2020</p>${story}</div>`;
    expect(extractArticle(page('', site)).publishedAt).toBe('2020-03-05');
    const toolbar = '<div id="wm-ipp-base"><div id="wm-ipp"><div class="r">10 Nov 2013</div></div></div>';
    expect(extractArticle(page('', `${toolbar}<h1>H</h1>${story}`)).publishedAt).toBeNull();
  });

  it('class words htmldate also reads mark a date (created, parution); a clock icon is no masthead clock', () => {
    const created = `<div class="node-created">3 mars 2021</div>${story}`;
    expect(extractArticle(page('', created, 'fr')).provenance.publishedAt).toBe('visible-text');
    const icon = `<h1>H</h1><span class="meta fa-clock-wrap"><i class="fa fa-clock-o"></i> 3 March 2021</span>${story}`;
    expect(extractArticle(page('', icon)).publishedAt).toBe('2021-03-03');
  });

  it('a <time itemprop="dateModified"> is a modification date', () => {
    const html = page('', `<h1>H</h1><time itemprop="dateModified" datetime="2021-10-28T13:21:30+01:00">28.10.</time>${story}`, 'de');
    const a = extractArticle(html);
    expect(a.publishedAt).toBeNull();
    expect(a.modifiedAt).toBe('2021-10-28T13:21:30+01:00');
  });

  it('when nothing else dates the page, the one day it shows anywhere does (a sidebar "about this post")', () => {
    const about = '<div id="sidebar"><h2>Über diesen Artikel</h2><p>Gepostet: <nobr>19. Mai 2010</nobr></p></div>';
    const a = extractArticle(page('', `<h1>Blog</h1>${story}${about}`, 'de'));
    expect(a.publishedAt).toBe('2010-05-19');
    expect(a.provenance.publishedAt).toBe('lone-date');
    const two = '<div id="sidebar"><ul><li><span>19. Mai 2010</span></li><li><span>3. Juni 2010</span></li></ul></div>';
    expect(extractArticle(page('', `<h1>Blog</h1>${story}${two}`, 'de')).publishedAt).toBeNull();
  });

  it('several <article> cards on a front page give no date', () => {
    const cards = '<article><h2>Story</h2><time datetime="2020-01-01">x</time></article>'.repeat(3);
    expect(extractArticle(page(meta('og:type', 'website'), cards)).publishedAt).toBeNull();
  });
});

describe('publication date: plausibility and the feed', () => {
  it('no date after the fetch time', () => {
    const html = page(meta('article:published_time', '2031-01-01T00:00:00Z'), `<h1>H</h1><p class="date">3 May 2024</p>${story}`);
    expect(extractArticle(html, { fetchedAt: '2024-05-04T00:00:00Z' }).publishedAt).toBe('2024-05-03');
  });

  it('no shown date before 1995; stated metadata may be older', () => {
    expect(extractArticle(page('', `<h1>H</h1><p class="date">3 May 1989</p>${story}`)).publishedAt).toBeNull();
    expect(extractArticle(page(meta('article:published_time', '1992-02-03'))).publishedAt).toBe('1992-02-03');
  });

  it("a feed date more than a day off the page's: the page keeps it when more sources back it, with a warning", () => {
    const html = page(ld({ '@type': 'NewsArticle', datePublished: '2020-09-13T21:08:00-04:00' }), `<h1>H</h1><p class="date">Sept. 13, 2020</p>${story}`);
    const a = extractArticle(html, { feedPublishedAt: '2020-09-01T00:00:00Z' });
    expect(a.publishedAt).toBe('2020-09-13T21:08:00-04:00');
    expect(a.warnings.join(' ')).toMatch(/publication date: the page says 2020-09-13 \(json-ld\), the feed 2020-09-01; kept the page's/u);
  });

  it("the feed's date wins when the page's sources split and one of them backs the feed", () => {
    const html = page('', `<h1>H</h1><time class="x" datetime="2018-01-01">1 Jan</time>${story}`);
    const a = extractArticle(html, { url: 'https://example.com/2020/09/12/story', feedPublishedAt: '2020-09-12T10:00:00Z' });
    expect(a.provenance.publishedAt).toBe('feed');
    expect(a.publishedAt).toBe('2020-09-12T10:00:00Z');
    expect(a.warnings.join(' ')).toMatch(/the page says 2018-01-01 \(time-header\), the feed 2020-09-12; kept the feed's/u);
  });

  it("the feed's date wins over a lone date the page shows somewhere", () => {
    const html = page('', `<h1>Blog</h1>${story}<div id="sidebar"><p>19. Mai 2010</p></div>`, 'de');
    const a = extractArticle(html, { feedPublishedAt: '2012-03-04T10:00:00Z' });
    expect(a.provenance.publishedAt).toBe('feed');
    expect(a.warnings.join(' ')).toMatch(/the page says 2010-05-19 \(lone-date\), the feed 2012-03-04; kept the feed's/u);
  });

  it("a feed date within a day of the page's: no warning", () => {
    const html = page(ld({ '@type': 'NewsArticle', datePublished: '2020-09-13T21:08:00-04:00' }));
    expect(extractArticle(html, { feedPublishedAt: '2020-09-14T01:08:00Z' }).warnings.filter((w) => w.startsWith('publication date'))).toEqual([]);
  });
});

describe('date text in eighteen languages', () => {
  const cases: [string, string | null][] = [
    ['Artikel veröffentlicht am 16.12.2012', '2012-12-16'],
    ['13. Januar 2014', '2014-01-13'],
    ['jeudi 27 juin 2019, par', '2019-06-27'],
    ['martes 17 de marzo de 2020', '2020-03-17'],
    ['December 29th 2019', '2019-12-29'],
    ['Jan 18, 2019', '2019-01-18'],
    ['Party, 30.10.23', '2023-10-30'],
    ['28. Jan. 2022', '2022-01-28'],
    ['3 de setembro de 2019', '2019-09-03'],
    ['5 maart 2021', '2021-03-05'],
    ['12 dicembre 2018', '2018-12-12'],
    ['2020年7月12日', '2020-07-12'],
    ['15 августа 2016, 13:43', '2016-08-15'],
    ['3 листопада 2021', '2021-11-03'],
    ['12 marca 2021 r.', '2021-03-12'],
    ['3. října 2020', '2020-10-03'],
    ['5 Mart 2021 Cuma', '2021-03-05'],
    ['17 Agustus 2020', '2020-08-17'],
    ['den 4 augusti 2019', '2019-08-04'],
    ['Von DTB 4.\u20092.\u20092022.', '2022-02-04'],
    ['Punkte 4. 2. 20222', null],
    ['تم نشره الجمعة 24 نيسان / أبريل 2020', '2020-04-24'],
    ['5 كانون الثاني 2021', '2021-01-05'],
    ['Written: 2023-11-07 15:03:30', '2023-11-07'],
    ['31.02.2020', null],
    ['it was 1-2-23', null],
    ['version 2.10.2020a', null],
  ];
  it.each(cases)('%s → %s', (text, day) => {
    expect(findTextDate(text)?.day ?? null).toBe(day);
  });

  it('dates in URL paths', () => {
    expect(dateFromUrl('https://x.example/2020/11/23/story')).toBe('2020-11-23');
    expect(dateFromUrl('https://x.example/news/story-20200113')).toBe('2020-01-13');
    expect(dateFromUrl('https://x.example/detail/~02-01-2022-land-zahlte')).toBe('2022-01-02');
    expect(dateFromUrl('https://x.example/2020/11/story')).toBeNull();
  });
});
