/**
 * Deterministic generators of hostile input for the fuzz suites: a seeded PRNG, mutations of real fixture
 * pages, and hand-made nasties (deep nesting, entity expansion, invalid UTF-8, unclosed quotes…).
 */

/** The seeded PRNG (mulberry32) the syndication set uses too. */
export { mulberry32 as rng } from '../../scripts/prng.js';

const PIECES = [
  '<',
  '>',
  '</',
  '/>',
  '<p>',
  '</p>',
  '<div class="x">',
  '</div>',
  '<script>',
  '</script>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '"',
  "'",
  '“',
  '”',
  '„',
  '«',
  '»',
  '‘',
  '’',
  '&amp;',
  '&#x0;',
  '&#99999999;',
  '&lt;',
  '<meta charset="shift_jis">',
  '<script type="application/ld+json">{"@type":"NewsArticle","author":',
  '}',
  '{',
  '[',
  ']',
  '\u0000',
  '\uFFFD',
  '\uD800',
  'said',
  'according to',
  'Mr.',
  'Inc.',
  'Aug. 6',
  'last Friday',
  ' ',
  '\n\n',
  '\t',
  'ByteDance',
  'Oracle',
  'Kevin Mayer',
];

/** Apply `n` random mutations (insert, delete, duplicate, splice a hostile piece) to `s`. */
export function mutate(s: string, r: () => number, n: number): string {
  let out = s;
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (out.length + 1));
    const op = Math.floor(r() * 4);
    if (op === 0) out = out.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)]! + out.slice(at);
    else if (op === 1) out = out.slice(0, at) + out.slice(at + Math.floor(r() * 200));
    else if (op === 2) out = out.slice(0, at) + out.slice(at, at + Math.floor(r() * 100)).repeat(2) + out.slice(at);
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(r() * 0xffff)) + out.slice(at);
  }
  return out;
}

/** Random bytes (binary input). */
export function randomBytes(r: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return b;
}

export const nasties: Record<string, () => string | Buffer> = {
  empty: () => '',
  whitespace: () => ' \n\t '.repeat(1000),
  deepDivs: () => `${'<div>'.repeat(50_000)}deep text${'</div>'.repeat(50_000)}`,
  deepUnclosed: () => `${'<span><b>'.repeat(25_000)}never closed`,
  hugeAttribute: () => `<html><body><p title="${'a'.repeat(5_000_000)}">Hello</p></body></html>`,
  hugePage: () => `<html><body><article>${'<p>Paragraph of text said the mayor on Friday. </p>'.repeat(400_000)}</article></body></html>`,
  billionLaughs: () =>
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 ' +
    '"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>' +
    '<rss version="2.0"><channel><title>&lol4;</title><item><title>&lol4;</title><link>https://example.test/a</link></item></channel></rss>',
  invalidUtf8: () => Buffer.from([0x3c, 0x70, 0x3e, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x3c, 0x2f, 0x70, 0x3e]),
  unclosedQuotes: () => `<article><p>${'“He said that it was fine, '.repeat(2000)}</p><p>"${'no end '.repeat(3000)}</p></article>`,
  malformedJsonLd: () => '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x",,,"author":{"name":</script><p>Body text here.</p>',
  nullBytes: () => '\u0000'.repeat(100_000),
  manyTags: () => '<p>a</p>'.repeat(200_000),
  onlyQuotes: () => '"“”„«»‘’\''.repeat(20_000),
};

const TAGS = [
  'div',
  'p',
  'span',
  'article',
  'section',
  'main',
  'table',
  'tr',
  'td',
  'ul',
  'li',
  'a',
  'b',
  'i',
  'h1',
  'h2',
  'script',
  'style',
  'noscript',
  'iframe',
  'svg',
  'math',
  'template',
  'pre',
  'time',
  'meta',
  'br',
  'img',
];
const WORDS = [
  'the',
  'mayor',
  'said',
  'on',
  'Friday',
  '“',
  '”',
  '"',
  'Acme Corp.',
  'Jane Doe',
  'told',
  'reporters',
  'in',
  '2021',
  'last',
  'week',
  '&amp;',
  '&nbsp;',
  '<',
  '>',
  '\u202e',
  '\u200b',
  'ümlaut',
  '中文',
  '🙂',
];

/** A random tag soup document from a small grammar: random nesting, unclosed and stray closing tags, attributes. */
export function tagSoup(r: () => number, maxNodes = 400): string {
  const out: string[] = [];
  const open: string[] = [];
  const nodes = 1 + Math.floor(r() * maxNodes);
  for (let i = 0; i < nodes; i++) {
    const x = r();
    if (x < 0.35) {
      const tag = TAGS[Math.floor(r() * TAGS.length)]!;
      const attrs = r() < 0.3 ? ` class="${'x'.repeat(Math.floor(r() * 50))}" itemprop="articleBody" data-x='${WORDS[Math.floor(r() * WORDS.length)]}'` : '';
      out.push(`<${tag}${attrs}>`);
      open.push(tag);
    } else if (x < 0.55 && open.length) {
      out.push(`</${r() < 0.9 ? open.pop()! : TAGS[Math.floor(r() * TAGS.length)]!}>`);
    } else {
      const n = 1 + Math.floor(r() * 30);
      out.push(Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]!).join(' '));
    }
  }
  return `<html><body>${out.join('')}`;
}

/** Hostile feed bodies (XML and JSON Feed): each must parse to sane items or fail with FeedParseError. */
export const feedNasties: Record<string, () => string> = {
  deepXml: () =>
    `<?xml version="1.0"?><rss ` +
    `version="2.0"><channel>${'<x>'.repeat(50_000)}${'</x>'.repeat(50_000)}<item><title>t</title><link>https://example.test/a</link></item></channel></rss>`,
  externalEntity: () =>
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss ' +
    'version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><link>https://example.test/x</link></item></channel></rss>',
  hugeAttribute: () =>
    `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>e</title><link ` +
    `href="https://example.test/${'a'.repeat(5_000_000)}"/></entry></feed>`,
  manyItems: () =>
    `<?xml version="1.0"?><rss ` +
    `version="2.0"><channel><title>t</title>${'<item><title>t</title><link>https://example.test/i</link></item>'.repeat(20_000)}</channel></rss>`,
  unclosedCdata: () => `<?xml version="1.0"?><rss version="2.0"><channel><title><![CDATA[never ${'closed '.repeat(100_000)}</title></channel></rss>`,
  badSchemes: () =>
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>' +
    '<item><link>javascript:alert(1)</link></item><item><link>file:///etc/passwd</link></item>' +
    '<item><link>data:text/html,x</link></item><item><link>ftp://example.test/x</link></item></channel></rss>',
  invalidUtf8: () => Buffer.from([0x3c, 0x72, 0x73, 0x73, 0x3e, 0xc3, 0x28, 0xff, 0xfe, 0x3c, 0x2f, 0x72, 0x73, 0x73, 0x3e]).toString('utf8'),
  deepJson: () => `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
  hugeJsonString: () =>
    `{"version":"https://jsonfeed.org/version/1.1","title":"${'t'.repeat(10_000_000)}","items":[{"id":"1","url":"https://example.test/j"}]}`,
  jsonBadItems: () =>
    '{"version":"https://jsonfeed.org/version/1.1","title":"t",' +
    '"items":[1,"x",{"url":{"a":1}},{"url":"javascript:alert(1)"},{"id":"2","url":"https://example.test/ok"}]}',
  jsonProto: () =>
    '{"__proto__":{"polluted":1},"version":"https://jsonfeed.org/version/1.1","items":[{"__proto__":{"polluted":1},"url":"https://example.test/p"}]}',
};
