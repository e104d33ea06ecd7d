import { describe, expect, it } from 'vitest';
import { chooseOriginal, ORIGINAL_RULES, type CopyMeta } from '../../src/dedup/original.js';

const copy = (id: string, over: Partial<CopyMeta> = {}): CopyMeta => ({
  articleId: id,
  url: `https://${id}.example/news/2024/story-slug`,
  canonicalUrl: null,
  siteName: null,
  title: null,
  publishedAt: null,
  textHash: null,
  syndication: null,
  ...over,
});
const credit = (source: string | null, url: string | null, rule = 'originally-appeared') => ({ source, url, rule });

describe('chooseOriginal', () => {
  it.each<[string, CopyMeta[], string, string]>([
    [
      'a credit link beats an earlier date',
      [
        copy('a', { publishedAt: '2024-01-01T00:00:00Z' }),
        copy('b', { publishedAt: '2024-01-02T00:00:00Z' }),
        copy('c', { publishedAt: '2024-01-03T00:00:00Z', syndication: credit(null, 'https://b.example/news/2024/story-slug') }),
      ],
      'b',
      'syndication-url',
    ],
    [
      'the exact URL beats its AMP twin',
      [
        copy('amp', { url: 'https://b.example/news/2024/story-slug/amp' }),
        copy('b'),
        copy('c', { syndication: credit(null, 'https://b.example/news/2024/story-slug') }),
      ],
      'b',
      'syndication-url',
    ],
    [
      '"originally appeared on" names the outlet',
      [
        copy('a', { siteName: 'Pinecrest Daily', publishedAt: '2024-01-01T00:00:00Z' }),
        copy('b', { siteName: 'The Coastal Observer', publishedAt: '2024-01-02T00:00:00Z' }),
        copy('c', { siteName: 'Cedar Times', syndication: credit('Coastal Observer', null) }),
      ],
      'b',
      'syndication-source',
    ],
    [
      'a copy that credits another outlet is not the original',
      [
        copy('a', { publishedAt: '2024-01-01T00:00:00Z', syndication: credit('Reuters', null, 'wire-dateline') }),
        copy('b', { publishedAt: '2024-01-02T00:00:00Z' }),
      ],
      'b',
      'earliest-uncredited',
    ],
    [
      'otherwise the earliest publication',
      [copy('a', { publishedAt: '2024-01-02T00:00:00Z' }), copy('b', { publishedAt: '2024-01-01T09:00:00-05:00' }), copy('c')],
      'b',
      'earliest-published',
    ],
    ['undated copies only: the smallest id', [copy('z'), copy('m')], 'm', 'earliest-published'],
  ])('%s', (_label, copies, expectedId, rule) => {
    const choice = chooseOriginal(copies);
    expect(copies[choice.index]!.articleId).toBe(expectedId);
    expect(choice.reason.startsWith(rule)).toBe(true);
    const reversed = [...copies].reverse();
    expect(reversed[chooseOriginal(reversed).index]!.articleId).toBe(expectedId); // order-free
  });

  it('has uniquely named rules', () => {
    const names = ORIGINAL_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
