import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/index.js';

const doc = (head: string, text: string) =>
  `<html><head>${head}<title>${text}</title></head><body><article><p>${text} ${'and more words in this paragraph. '.repeat(6)}</p></article></body></html>`;

describe('charset decoding of a Buffer', () => {
  const cases: [string, Buffer, string | null, string][] = [
    [
      'windows-1252 from <meta charset>',
      iconv.encode(doc('<meta charset="windows-1252">', 'José Ibáñez “won” – 31°'), 'windows-1252'),
      null,
      'José Ibáñez “won” – 31°',
    ],
    [
      'iso-8859-1 label read as windows-1252',
      iconv.encode(doc('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', 'Chloé said “yes”'), 'windows-1252'),
      null,
      'Chloé said “yes”',
    ],
    ['GBK from the HTTP Content-Type', iconv.encode(doc('', '中国航天合作论坛致贺信'), 'gbk'), 'text/html; charset=GBK', '中国航天合作论坛致贺信'],
    [
      'Shift_JIS from http-equiv',
      iconv.encode(doc('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', '公衆無線LANを安全に使うためのアプリ'), 'shift_jis'),
      null,
      '公衆無線LANを安全に使うためのアプリ',
    ],
    [
      'UTF-8 BOM beats a wrong header',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('', 'Zürich – naïve café'))]),
      'text/html; charset=iso-8859-1',
      'Zürich – naïve café',
    ],
    [
      'valid UTF-8 under a stale legacy label',
      Buffer.from(doc('<meta charset="iso-8859-1">', 'für nur 5,99 Euro – sanción')),
      null,
      'für nur 5,99 Euro – sanción',
    ],
    ['no label: UTF-8', Buffer.from(doc('', 'Ação e reação')), null, 'Ação e reação'],
  ];
  it.each(cases)('%s', (_name, buf, contentType, expected) => {
    const a = extractArticle(buf, { contentType });
    expect(a.title).toBe(expected);
    expect(a.text).toContain(expected);
  });
});

const page = (body: string, head = '') => `<html><head>${head}</head><body><article>${body}</article></body></html>`;
const filler = '<p>The talks went on through the weekend, people familiar with the matter said, and no deal was signed yet.</p>'.repeat(4);

describe('syndication', () => {
  const cases: [string, string, { source: string | null; rule: string; url?: string | null } | null][] = [
    [
      '"originally appeared on" credit line',
      page(`${filler}<p>This article originally appeared on The Hollywood Reporter.</p>`),
      { source: 'The Hollywood Reporter', rule: 'originally-appeared' },
    ],
    [
      '"originally published by … and is republished" in a credit box',
      page(`${filler}<p class="credit"><em>This story was originally published by The Conversation and is republished here with permission.</em></p>`),
      { source: 'The Conversation', rule: 'originally-appeared' },
    ],
    [
      'credit with a link',
      page(`${filler}<p>Originally published by <a href="https://origin.example/story">Origin Weekly</a>.</p>`),
      { source: 'Origin Weekly', rule: 'originally-appeared', url: 'https://origin.example/story' },
    ],
    [
      'Reuters dateline',
      page(`<p>LONDON (Reuters) - Shares fell on Monday as investors weighed new data on prices, traders said.</p>${filler}`),
      { source: 'Reuters', rule: 'wire-dateline' },
    ],
    [
      'AP dateline',
      page(`<p>NEW YORK (AP) — Americans slowed their spending at retailers in August, the government said.</p>${filler}`),
      { source: 'Associated Press', rule: 'wire-dateline' },
    ],
    [
      'cross-domain rel=canonical',
      page(filler, '<link rel="canonical" href="https://www.origin.example/news/a-story-1">'),
      { source: 'origin.example', rule: 'cross-domain-canonical', url: 'https://www.origin.example/news/a-story-1' },
    ],
    ['same-site canonical is not syndication', page(filler, '<link rel="canonical" href="https://news.example.com/a">'), null],
    ['a parenthesis that is not a wire', page(`<p>Mayor Luis Ortega (D) - who took office in May - said the plan would pass.</p>${filler}`), null],
  ];
  it.each(cases)('%s', (_name, html, expected) => {
    const a = extractArticle(html, { url: 'https://www.example.com/story' });
    if (expected === null) expect(a.syndication).toBeNull();
    else {
      expect(a.syndication).toMatchObject(expected);
      expect(a.syndication!.evidence.length).toBeGreaterThan(0);
      expect(a.provenance.syndication).toBe(expected.rule);
    }
  });
});
