import { describe, expect, it } from 'vitest';
import { siteOf } from '../../src/url/site.js';

describe('siteOf (public-suffix list)', () => {
  it.each([
    ['https://www.example.com/a', 'example.com'],
    ['https://news.example.com/a', 'example.com'],
    ['https://www.bbc.co.uk/news', 'bbc.co.uk'],
    ['https://a.b.example.com.au/x', 'example.com.au'],
    ['https://www.lemonde.fr/', 'lemonde.fr'],
    ['https://news.yahoo.co.jp/a', 'yahoo.co.jp'],
    ['https://city.kawasaki.jp/a', 'city.kawasaki.jp'], // why: a suffix rule the old 9-suffix regex could not know
    ['https://www.gov.uk/a', 'www.gov.uk'], // gov.uk is itself a public suffix
    ['https://alice.blogspot.com/p', 'alice.blogspot.com'], // private suffix: each blog is its own site
    ['https://News.Example.COM./a', 'example.com'],
    ['http://127.0.0.1:4780/a', '127.0.0.1'],
    ['http://localhost:8080/a', 'localhost'],
    ['not a url', null],
  ])('%s → %s', (url, expected) => expect(siteOf(url)).toBe(expected));
});
