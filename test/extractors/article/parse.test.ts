import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { fastTokenizer, loadHtml } from '../../../src/extractors/article/parse.js';

describe('loadHtml (fast tokenizer)', () => {
  it('is in use with the installed htmlparser2', () => {
    expect(fastTokenizer).toBe(true);
  });
  const cases: [string, string][] = [
    ['entities in text and attributes', '<p title="a &amp; b" data-x=\'1 &lt; 2\'>Fish &amp; chips &copy 2020 &#8212; &#x2014; AT&T&notin;</p>'],
    ['unquoted attributes and a bare ampersand at the end', '<a href=/path?a=1&b=2 class=link>go</a> tail &'],
    ['raw text elements', '<script>if (a < b && b > c) x("</p>")</script><style>a>b{}</style><title>T &amp; U</title><textarea>a &lt; b</textarea>'],
    ['comments, CDATA and a doctype', '<!DOCTYPE html><!-- a <b> comment --><![CDATA[ x ]]><p>after</p>'],
    ['unclosed tags and stray brackets', '<div><p>one<p>two < three > four<span>five</div>'],
  ];
  it.each(cases)('%s: the same tree as the stock parser', (_name, html) => {
    expect(loadHtml(html).html()).toBe(load(html).html());
  });
  it.each(cases)('%s: the same tree from pieces cut at every length', (_name, html) => {
    const whole = load(html).html();
    for (let size = 1; size <= 12; size++) {
      const pieces: string[] = [];
      for (let at = 0; at < html.length; at += size) pieces.push(html.slice(at, at + size));
      expect(loadHtml(pieces).html()).toBe(whole);
    }
  });
});
