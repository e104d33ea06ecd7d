import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { removeNode } from '../../../src/extractors/article/dom.js';
import { computeStats, discountRemoved } from '../../../src/extractors/article/stats.js';

/** Stats kept up to date through removals must equal stats measured afresh after them. */
describe('discountRemoved', () => {
  const page = `<body><div id="main"><p>The council met on Monday, and it voted, after a long debate, to fund the bridge.</p>
    <div class="box">Loose words of a box, with a comma <span class="share">Share this, <a href="/s">now</a><br><br>or later, friends</span>
    and more loose words after the share bar, long enough to be a paragraph.<br><br>Second part of the box, also long enough.</div>
    <p>Short <a href="/x">link <b class="promo">inside, a promo</b> text</a> here, with commas, and words.</p>
    <ul><li>One item, with a comma</li><li class="ad">Advert item <img src="a.png"></li></ul>
    <h2>A heading <small class="credit">Credit, line</small></h2><aside class="related"><p>Related story, with text enough to count.</p></aside>
    <div>Tail text <em class="note">with a note, inline</em> in a block that holds twenty-five characters or more.</div></div></body>`;
  const cases: [string, string[]][] = [
    ['an inline bar inside a loose-text block', ['.share']],
    ['inline furniture inside a link', ['.promo']],
    ['a list item and an aside', ['.ad', '.related']],
    ['inline pieces of a heading and of a block', ['.credit', '.note']],
    ['everything at once', ['.share', '.promo', '.ad', '.credit', '.related', '.note']],
  ];
  it.each(cases)('%s', (_name, selectors) => {
    const $ = load(page);
    const base = $('body')[0] as Element;
    const stats = computeStats(base);
    const doomed = selectors.map((s) => $(s)[0] as Element);
    discountRemoved(stats, base, doomed);
    for (const el of doomed) removeNode(el);
    const fresh = computeStats(base);
    for (const [el, want] of fresh) expect(stats.get(el), `<${el.name} ${JSON.stringify(el.attribs)}>`).toEqual(want);
  });
});
