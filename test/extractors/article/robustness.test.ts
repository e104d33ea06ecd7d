import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/index.js';

const para = '<p>This is a sentence of a long article, with commas, words and more words to read. </p>\n';

describe('robustness: never throws, empty fields and a reason', () => {
  const cases: [string, () => string | Buffer, RegExp][] = [
    ['empty string', () => '', /empty input/u],
    ['white space only', () => '   \n\t ', /empty input/u],
    ['empty Buffer', () => Buffer.alloc(0), /empty input/u],
    ['binary bytes', () => Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919 + 13) % 256)), /binary/u],
    ['a PNG header and noise', () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 0)]), /binary/u],
  ];
  it.each(cases)('%s', (_name, input, reason) => {
    const a = extractArticle(input());
    expect(a.text).toBe('');
    expect(a.title).toBeNull();
    expect(a.isArticle).toBe(false);
    expect(a.warnings.join(' ')).toMatch(reason);
  });

  it('input that is not a string or Buffer', () => {
    const a = extractArticle(42 as unknown as string);
    expect(a.text).toBe('');
    expect(a.warnings.length).toBeGreaterThan(0);
  });

  it('malformed markup still gives the text', () => {
    const a = extractArticle('<html><body><div><p>Unclosed <b>bold <i>italic<p>Next para</div></span></td>&&&<<<>>> <script>var x="</p>"</script>');
    expect(a.text).toContain('Unclosed bold italic');
    expect(a.text).not.toContain('var x');
  });

  it('50,000-deep nesting: bounded time, a warning, the text kept', () => {
    const html = '<div>'.repeat(50_000) + 'hello world text '.repeat(40) + '</div>'.repeat(50_000);
    const t = performance.now();
    const a = extractArticle(html);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(a.warnings.join(' ')).toMatch(/nesting/u);
    expect(a.text).toContain('hello world text');
  });

  it('20,000-deep unclosed tables', () => {
    const t = performance.now();
    const a = extractArticle(`${'<table><tr><td>'.repeat(20_000)}cell`);
    expect(performance.now() - t).toBeLessThan(3000);
    expect(a.warnings.join(' ')).toMatch(/nesting/u);
  });

  it('100,000 byline labels and bold name lines in one container: bounded time', () => {
    const t = performance.now();
    const a = extractArticle(`<div>${'<span>By</span><p><b>Ann Lee</b></p>'.repeat(100_000)}</div>`);
    expect(performance.now() - t).toBeLessThan(8000);
    expect(a.authors).toEqual([]);
  });

  it('a 20 MB page is cut, in bounded time', () => {
    let big = '<html><head><title>Big page</title></head><body><article>';
    const chunk = para.repeat(100);
    while (big.length < 20_000_000) big += chunk;
    const t = performance.now();
    const a = extractArticle(big);
    expect(performance.now() - t).toBeLessThan(8000);
    expect(a.warnings.join(' ')).toMatch(/truncated/u);
    expect(a.title).toBe('Big page');
    expect(a.text.length).toBeGreaterThan(1000);
  });
});

describe('non-article pages are flagged, not forced', () => {
  it('a home page of headline cards', () => {
    const cards = Array.from(
      { length: 15 },
      (_, i) => `<article class="card"><h2><a href="/s${i}">Headline number ${i} about the news of the day</a></h2><p>Short dek ${i}.</p></article>`,
    ).join('');
    const a = extractArticle(`<html><head><meta property="og:type" content="website"></head><body>${cards}</body></html>`, {
      url: 'https://news.example.com/',
    });
    expect(a.isArticle).toBe(false);
    expect(a.warnings.join(' ')).toMatch(/not an article/u);
  });

  it('a link list', () => {
    const links = Array.from({ length: 40 }, (_, i) => `<li><a href="/a${i}">Archive entry ${i} with a title</a></li>`).join('');
    const a = extractArticle(`<html><body><ul>${links}</ul></body></html>`, { url: 'https://news.example.com/archive/2020' });
    expect(a.isArticle).toBe(false);
  });

  it('a real article is an article', () => {
    const a = extractArticle(`<html><head><meta property="og:type" content="article"></head><body><article>${para.repeat(8)}</article></body></html>`, {
      url: 'https://news.example.com/2020/09/13/story',
    });
    expect(a.isArticle).toBe(true);
    expect(a.warnings).toEqual([]);
  });
});
