/**
 * Feeds served badly, end to end (httpGet → decodeBody → parseFeed): wrong or absent charsets, compression.
 */
import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/decode.js';
import { httpGet } from '../../src/fetch/http.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { startServer, type MisbehavingServer } from '../fetch/_server.js';

let srv: MisbehavingServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.close());

const feed = (encoding: string | null, title: string) =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><rss version="2.0"><channel><title>${title}</title>` +
  `<item><title>${title}</title><link>https://news.example.com/a</link></item></channel></rss>`;

describe('feeds with charset trouble', () => {
  it.each([
    ['GBK declared in the prolog, header wrongly says UTF-8', 'gbk', 'GBK', 'text/xml; charset=utf-8', '经济增长放缓，央行降息', false],
    ['GBK labelled gb2312, gzip-compressed', 'gbk', 'gb2312', 'application/rss+xml', '深圳房价“回暖”', true],
    ['Shift_JIS in the prolog, no header charset', 'shift_jis', 'Shift_JIS', 'application/rss+xml', '東京で初雪を観測', false],
    ['Shift_JIS from the header only', 'shift_jis', null, 'application/xml; charset=Shift_JIS', '大阪・関西万博の来場者', false],
    ['windows-1252 curly quotes, nothing declared', 'windows-1252', null, 'application/rss+xml', '“Council’s vote” – a café row', false],
    ['windows-1252 under an ISO-8859-1 label', 'windows-1252', null, 'text/xml; charset=ISO-8859-1', 'Mayor’s “plan” … €5m', false],
  ])('%s', async (_label, bytesAs, declared, contentType, title, gzip) => {
    const path = `/cs-${bytesAs}-${declared ?? 'none'}-${gzip}.xml`;
    const bytes = iconv.encode(feed(declared, title), bytesAs);
    srv.routes.set(path, (_q, res) => {
      res.writeHead(200, { 'content-type': contentType, ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
      res.end(gzip ? gzipSync(bytes) : bytes);
    });
    const r = await httpGet(`${srv.base}${path}`, { userAgent: 't', timeoutMs: 2000, maxBytes: 1 << 20, maxRedirects: 2, allowHosts: [srv.host] });
    const parsed = await parseFeed(decodeBody(r.body, r.contentType), r.url);
    expect([parsed.title, parsed.items[0]?.title]).toEqual([title, title]);
  });
});
