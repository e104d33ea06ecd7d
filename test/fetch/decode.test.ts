import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, detectCharset } from '../../src/fetch/decode.js';

const gbkFeed = iconv.encode('<?xml version="1.0" encoding="GBK"?><rss><title>新闻标题：经济增长</title></rss>', 'gbk');
const sjisFeed = iconv.encode('<?xml version="1.0" encoding="Shift_JIS"?><rss><title>東京の天気予報</title></rss>', 'shift_jis');
const cp1252Feed = iconv.encode('<rss><title>“Smart” quotes – and café</title></rss>', 'windows-1252');
const gbkHtml = iconv.encode('<html><head><meta charset="gb2312"></head><body>中国经济</body></html>', 'gbk');

describe('decodeBody', () => {
  it.each([
    ['GBK from the XML prolog, no header charset', gbkFeed, 'application/rss+xml', '新闻标题：经济增长'],
    ['GBK when the header wrongly claims UTF-8', gbkFeed, 'text/xml; charset=utf-8', '新闻标题：经济增长'],
    ['Shift_JIS from the prolog', sjisFeed, 'application/xml', '東京の天気予報'],
    ['Shift_JIS from the header', sjisFeed, 'text/xml; charset=Shift_JIS', '東京の天気予報'],
    ['windows-1252 with no declaration at all', cp1252Feed, 'application/rss+xml', '“Smart” quotes – and café'],
    ['windows-1252 labelled ISO-8859-1 (browsers read it as 1252)', cp1252Feed, 'text/xml; charset=ISO-8859-1', '“Smart” quotes – and café'],
    ['gb2312 meta in HTML read as GBK', gbkHtml, 'text/html', '中国经济'],
    [
      'UTF-8 BOM beats a wrong header',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>naïve</rss>')]),
      'text/xml; charset=windows-1252',
      '<rss>naïve</rss>',
    ],
    ['plain UTF-8 with no declaration', Buffer.from('<rss>Zürich</rss>'), null, '<rss>Zürich</rss>'],
    ['unknown charset falls back without throwing', Buffer.from('<rss>ok</rss>'), 'text/xml; charset=x-made-up', '<rss>ok</rss>'],
  ])('%s', (_label, bytes, contentType, expected) => {
    expect(decodeBody(bytes, contentType)).toContain(expected);
  });

  it('says where the charset came from', () => {
    expect(detectCharset(gbkFeed, 'text/xml; charset=utf-8')).toEqual({ charset: 'gbk', source: 'document' });
    expect(detectCharset(cp1252Feed, null)).toEqual({ charset: 'windows-1252', source: 'fallback' });
  });
});
