/**
 * "Not an article": pages that state they are one article are kept even when their text is a list or CJK;
 * home pages and section fronts are still flagged.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/index.js';

const ld = (obj: unknown) => `<script type="application/ld+json">${JSON.stringify(obj)}</script>`;
const html = (head: string, body: string, lang = 'en') => `<!doctype html><html lang="${lang}"><head>${head}</head><body>${body}</body></html>`;

describe('pages that state they are one article are kept', () => {
  it('a full results list (og:type article, short lines, no paragraphs)', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<li>${i + 1}. Driver Number ${i} – Team ${i % 7} – ${200 - i} points</li>`).join('');
    const a = extractArticle(
      html('<meta property="og:type" content="article"><title>Full standings after round 12</title>', `<h1>Full standings after round 12</h1><ul>${rows}</ul>`),
      { url: 'https://news.example.com/racing/standings-round-12' },
    );
    expect(a.isArticle).toBe(true);
  });

  it("a page that renders its story with scripts: the text from the inline state's HTML", () => {
    const paras = [
      '정부는 29일 새 예산안을 발표했다. 지방 재정 지원이 크게 늘었다.',
      '야당은 재원 마련 방안이 부족하다고 비판했다.',
      '국회는 다음 달 심사에 들어간다.',
    ];
    const state = { queries: [{ data: { title: '새 예산안 발표', contentHtml: paras.map((t) => `<p class="editor-p">${t.repeat(6)}</p>`).join('') } }] };
    const page = html(
      '<meta property="og:type" content="article"><title>새 예산안 발표</title>',
      `<div id="__next"><h1>새 예산안 발표</h1></div><script>window.__RQ = ${JSON.stringify(state).replace(/</gu, '\\u003c')};</script>`,
      'ko',
    );
    const a = extractArticle(page, { url: 'https://news.example.kr/article/A2026012914320005196' });
    expect(a.provenance.text).toBe('inline-state');
    expect(a.text).toContain('야당은 재원 마련 방안이 부족하다고 비판했다.');
    expect(a.isArticle).toBe(true);
  });

  it('a script string without paragraphs is no story', () => {
    const state = { content: 'x'.repeat(900) };
    const a = extractArticle(html('<title>T</title>', `<h1>T</h1><script>var s = ${JSON.stringify(state)};</script>`), { url: 'https://x.example/a/1' });
    expect(a.provenance.text).not.toBe('inline-state');
  });

  it('a Japanese news story (NewsArticle JSON-LD, short CJK paragraphs)', () => {
    const p = '<p>気象庁は13日、日向灘で震度5弱の地震があったと発表した。震源の深さは約30キロと推定される。</p>';
    const a = extractArticle(
      html(
        ld({ '@type': 'NewsArticle', headline: '日向灘で震度5弱', datePublished: '2025-01-13T21:37:00+09:00' }),
        `<h1>日向灘で震度5弱</h1>${p.repeat(4)}`,
        'ja',
      ),
      { url: 'https://news.example.jp/articles/AST1F4445.html' },
    );
    expect(a.isArticle).toBe(true);
    expect(a.publishedAt).toBe('2025-01-13T21:37:00+09:00');
  });

  it('a byline and a date make a short list page an article', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `<li>Category ${i}: winner name number ${i} for the year's best work in the field</li>`).join('');
    const a = extractArticle(
      html(
        '<meta name="author" content="Ann Lee"><meta property="article:published_time" content="2024-03-01T10:00:00Z">',
        `<h1>Award winners</h1><ul>${rows}</ul>`,
      ),
      { url: 'https://news.example.com/culture/award-winners' },
    );
    expect(a.isArticle).toBe(true);
  });
});

describe('fronts are still flagged', () => {
  it('a section front of headline links, even with og:type article', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<li><a href="/s${i}">Headline number ${i} about the news of the day in the city</a></li>`).join('');
    const a = extractArticle(html('<meta property="og:type" content="article">', `<h1>Business</h1><ul>${links}</ul>`), {
      url: 'https://news.example.com/business/',
    });
    expect(a.isArticle).toBe(false);
  });

  it('a home page with a NewsArticle-less site root', () => {
    const p = `<p>${'Short teaser text about a story. '.repeat(10)}</p>`;
    const a = extractArticle(html('<meta property="og:type" content="article">', p.repeat(5)), { url: 'https://news.example.com/' });
    expect(a.isArticle).toBe(false);
  });
});
