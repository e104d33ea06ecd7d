import { describe, expect, it } from 'vitest';
import { normalizeOutlet, normalizeUrl, textHash, tokens } from '../../src/dedup/normalize.js';

describe('tokens', () => {
  it.each([
    ['“Café” — déjà vu', ['cafe', 'deja', 'vu']],
    ["It's 2.4 BILLION", ['it', 's', '2', '4', 'billion']],
    ['', []],
  ])('%j → %j', (text, expected) => expect(tokens(text)).toEqual(expected));
});

describe('normalizeUrl', () => {
  it.each([
    ['https://www.example.com/news/2024/story-slug?utm_source=x&b=2&a=1#top', 'example.com/news/2024/story-slug?a=1&b=2'],
    ['http://m.example.com/news/2024/story-slug/', 'example.com/news/2024/story-slug'],
    ['https://example.com/news/2024/story-slug/amp', 'example.com/news/2024/story-slug'],
    ['https://amp.example.com/news/2024/story-slug/amp/', 'example.com/news/2024/story-slug'],
    ['https://example.com/', null], // a home page is never an article key
    ['https://example.com/world', null], // a section front
    ['https://example.com/story-12345', 'example.com/story-12345'],
    ['not a url', null],
    ['ftp://example.com/news/2024/file', null],
    [null, null],
  ])('%s → %s', (url, expected) => expect(normalizeUrl(url)).toBe(expected));
});

describe('textHash', () => {
  const body = 'word '.repeat(30);
  it('ignores case, punctuation and spacing', () => {
    expect(textHash(tokens(body.toUpperCase().replace(/ /gu, ' — ')))).toBe(textHash(tokens(body)));
  });
  it('is null for short texts (captions, teasers)', () => expect(textHash(tokens('Photo: staff file photo'))).toBeNull());
});

describe('normalizeOutlet', () => {
  it.each([
    ['The Hollywood Reporter', 'hollywoodreporter'],
    ['hollywoodreporter.com', 'hollywoodreporter'],
    [null, null],
  ])('%s → %s', (name, expected) => expect(normalizeOutlet(name)).toBe(expected));
});
