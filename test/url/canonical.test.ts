import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, canonicalQuery, isTrackingParam } from '../../src/url/canonical.js';
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
    ['https://news.example.com/a?ref=rss&partner=x&amp=1&share=1&CMP=y&s_cid=z', 'https://news.example.com/a'],
    ['https://news.example.com/a?123', 'https://news.example.com/a?123'],
    ['https://news.example.com/a?id=', 'https://news.example.com/a?id='],
    ['https://news.example.com/a?q=a%20b&q=a+b', 'https://news.example.com/a?q=a%20b&q=a+b'],
    ['https://news.example.com/a?&&id=3&', 'https://news.example.com/a?id=3'],
    ['https://news.example.com/a?utm%5Fsource=x&caf%C3%A9=1&%zz=2', 'https://news.example.com/a?%zz=2&caf%C3%A9=1'],
    ['https://news.example.com/a?', 'https://news.example.com/a'],
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

  it('accepts a null base', () => {
    expect(canonicalizeUrl('https://news.example.com/a', null)).toBe('https://news.example.com/a');
    expect(canonicalizeUrl('/a', null)).toBeNull();
  });
});

describe('canonicalQuery', () => {
  it.each([
    ['', ''],
    ['?', ''],
    ['?utm_source=x', ''],
    ['?b&a', '?a&b'],
    ['?a=2&a=1', '?a=1&a=2'],
  ])('%j → %j', (search, expected) => expect(canonicalQuery(search)).toBe(expected));
});

describe('isTrackingParam', () => {
  it.each([
    ['utm_campaign', true],
    ['UTM_Source', true],
    ['fbclid', true],
    ['ref', true],
    ['ref_src', true],
    ['CMP', true],
    ['cmp', false],
    ['id', false],
    ['page', false],
    ['reference', false],
    ['q', false],
  ])('%s → %s', (name, expected) => expect(isTrackingParam(name)).toBe(expected));
});
