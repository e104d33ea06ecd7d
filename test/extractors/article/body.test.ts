import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/index.js';

const para = (i: number) => `Paragraph ${i} of the story tells readers what happened, who said it, and why it matters to the town, in plain words.`;
const story = (n: number) => Array.from({ length: n }, (_, i) => `<p>${para(i + 1)}</p>`).join('\n');
const wrap = (inner: string, extra = '') =>
  `<html><head><title>T</title></head><body><nav><a href="/">Home</a> <a ` +
  `href="/news">News</a></nav>${extra}<article><h1>Headline</h1>${inner}</article><footer>© 2020 The Outlet. All rights ` +
  `reserved.</footer></body></html>`;

describe('block separation', () => {
  const cases: [string, string, string[]][] = [
    ['paragraphs', story(3), [para(1), para(2), para(3)]],
    ['a sub-heading between paragraphs', `${story(2)}<h2>What comes next</h2><p>${para(9)}</p>`, [para(1), para(2), 'What comes next', para(9)]],
    [
      'list items',
      `${story(2)}<ul><li>First point of the plan, with detail.</li><li>Second point of the plan, with detail.</li></ul><p>${para(7)}</p>`,
      ['First point of the plan, with detail.', 'Second point of the plan, with detail.'],
    ],
    [
      'a block quote',
      `${story(2)}<blockquote>A quoted passage from the report, set apart.</blockquote><p>${para(5)}</p>`,
      ['A quoted passage from the report, set apart.'],
    ],
    ['text separated by <br><br> without <p>', `<div>${para(1)}<br><br>${para(2)}<br><br>${para(3)}</div>`, [para(1), para(2), para(3)]],
    [
      'inline markup does not split a paragraph',
      `<p>The mayor <b>said</b> on <a href="/x">Monday</a> that the plan would pass, and that the council agreed with it.</p>${story(2)}`,
      ['The mayor said on Monday that the plan would pass, and that the council agreed with it.'],
    ],
  ];
  it.each(cases)('%s', (_name, inner, blocks) => {
    const text = extractArticle(wrap(inner)).text;
    const got = text.split('\n\n');
    for (const b of blocks) expect(got).toContain(b);
    // never two blocks glued together: every block of the output is a whole block of the input
    expect(text).not.toMatch(/[a-z.]Paragraph \d/u);
  });
});

describe('debris is dropped', () => {
  const cases: [string, string, string][] = [
    ['reaction prompt', '<div class="reactions"><h3>Choose your Reaction!</h3><button>Like</button></div>', 'Choose your Reaction'],
    [
      'comment widget',
      '<section id="comments"><h3>Leave a Comment</h3><form><textarea></textarea></form><div class="comment">First! Great article everyone.</div></section>',
      'Leave a Comment',
    ],
    ['share bar', '<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>', 'Share on Facebook'],
    [
      'newsletter box',
      '<div class="newsletter-signup"><p>Get our morning briefing in your inbox every day, sign up now for free.</p></div>',
      'morning briefing',
    ],
    [
      'related list',
      '<div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Another story about something else entirely</a></li><li><a href="/b">Yet ' +
        'another story</a></li></ul></div>',
      'Another story',
    ],
    ['ad label', '<div class="ad-slot"><span>Advertisement</span></div>', 'Advertisement'],
    ['photo caption', '<figure><img src="x.jpg"><figcaption>A man walks past the store on Tuesday. (AP Photo/Jane Doe)</figcaption></figure>', 'AP Photo'],
    ['caption in a paragraph', '<p class="wp-caption-text">Exposed shoreline at the lake on Wednesday. (Staff photo)</p>', 'Exposed shoreline'],
    ['read-more line', '<p><a href="/more">Read more: Council weighs a second budget plan</a></p>', 'Read more'],
    ['copyright footer', '', '©'],
  ];
  it.each(cases)('%s', (_name, debris, needle) => {
    const inner = `${story(2)}${debris}${story(3).replace(/Paragraph (\d)/gu, 'Section $1')}`;
    const text = extractArticle(wrap(inner)).text;
    expect(text).not.toContain(needle);
    expect(text).toContain(para(1));
  });

  it('a repeated title and the date line are not body', () => {
    const text = extractArticle(wrap(`<p>Published November 18, 2019 8:22AM EST</p>${story(3)}`)).text;
    expect(text.startsWith(para(1))).toBe(true);
  });

  it('teaser excerpts of other stories are dropped', () => {
    const teasers =
      '<div class="more"><p>Apple recently launched new earbuds for less money than before, and the price dropped again...</p><p>Amazon is not ' +
      'waiting until Black Friday to offer deep discounts on tablets at its store...</p></div>';
    const text = extractArticle(wrap(story(4) + teasers)).text;
    expect(text).not.toContain('Apple recently');
  });
});

describe('main content choice', () => {
  it('takes the story, not the sidebar of links', () => {
    const sidebar = `<aside>${'<a href="/x">A headline elsewhere on the site</a><br>'.repeat(20)}</aside>`;
    const a = extractArticle(`<html><body>${sidebar}<div class="content">${story(6)}</div></body></html>`);
    expect(a.text).toContain(para(6));
    expect(a.text).not.toContain('headline elsewhere');
    expect(a.isArticle).toBe(true);
  });

  it('a microdata articleBody container wins over a bigger comment thread', () => {
    const remark = (i: number) => `<p>Reader remark ${i}, which goes on, and on, about things, at length, with many commas, clauses, asides.</p>`;
    const comments = `<div class="thread">${Array.from({ length: 8 }, (_, i) => remark(i)).join('')}</div>`;
    const a = extractArticle(`<html><body><div itemprop="articleBody">${story(4)}</div>${comments}</body></html>`);
    expect(a.text).toContain(para(4));
    expect(a.text).not.toContain('Reader remark');
  });
});
