/** Records for archive tests: stored at a chosen time, with a body long enough for dedup fingerprints. */
import type { ArticleRecord } from '../../src/domain/types.js';
import { testArticle } from '../helpers/article.js';

const WORDS = 'the council voted on the budget after a long debate about roads schools parks water taxes and the harbour'.split(' ');

/** A body of ~120 words that depends on `seed` (same seed, same text: an exact copy). */
export function body(seed: number): string {
  const out: string[] = [];
  let x = seed * 7919 + 13;
  for (let i = 0; i < 120; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(WORDS[x % WORDS.length]!);
  }
  return `${out.join(' ')}.`;
}

export function record(
  id: string,
  opts: { storedAt: string; published?: string; feed?: string; people?: string[]; companies?: string[]; text?: string; url?: string },
): ArticleRecord {
  const url = opts.url ?? `https://example.test/${id}`;
  return {
    id,
    url,
    sourceUrl: url,
    feedId: opts.feed ?? 'f1',
    feedUrl: null,
    fetchedAt: opts.storedAt,
    storedAt: opts.storedAt,
    article: testArticle({ title: `Story ${id}`, publishedAt: opts.published ?? opts.storedAt, text: opts.text ?? `Body of ${id}.` }),
    entities: {
      people: (opts.people ?? []).map((name) => ({ name, kind: 'person' as const, mentions: [], aliases: [] })),
      organizations: (opts.companies ?? []).map((name) => ({ name, kind: 'company' as const, mentions: [], aliases: [] })),
      dates: [],
      quotes: [],
    },
    storyId: null,
  };
}
