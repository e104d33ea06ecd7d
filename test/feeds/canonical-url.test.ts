import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../src/feeds/canonical-url.js';
import { articleId } from '../../src/queues/job-ids.js';

describe('canonicalizeUrl', () => {
  it.each([
    ['HTTPS://News.Example.COM/a/b', 'https://news.example.com/a/b'],
    ['https://news.example.com:443/a', 'https://news.example.com/a'],
    ['http://news.example.com:80/a', 'http://news.example.com/a'],
    ['http://news.example.com:8080/a', 'http://news.example.com:8080/a'],
    ['https://news.example.com/a#comments', 'https://news.example.com/a'],
    ['https://news.example.com/a?utm_source=rss&utm_medium=feed&id=3', 'https://news.example.com/a?id=3'],
    ['https://news.example.com/a?fbclid=x&gclid=y&mc_cid=z', 'https://news.example.com/a'],
    ['https://news.example.com/a?b=2&a=1', 'https://news.example.com/a?a=1&b=2'],
    ['https://user:pw@news.example.com./a', 'https://news.example.com/a'],
    ['https://news.example.com', 'https://news.example.com/'],
    ['  https://news.example.com/a  ', 'https://news.example.com/a'],
    ['mailto:desk@example.com', null],
    ['javascript:alert(1)', null],
    ['not a url', null],
  ])('%s → %s', (raw, expected) => {
    expect(canonicalizeUrl(raw)).toBe(expected);
  });

  it('resolves relative links against the feed URL', () => {
    expect(canonicalizeUrl('../story?id=1#x', 'https://news.example.com/feeds/rss.xml')).toBe('https://news.example.com/story?id=1');
  });

  it('gives the same story from two tracking links one article id', () => {
    const a = canonicalizeUrl('https://News.example.com/s/1?utm_campaign=x#top')!;
    const b = canonicalizeUrl('https://news.example.com:443/s/1?fbclid=abc')!;
    expect(articleId(a)).toBe(articleId(b));
  });
});
