/** Articles for tests that need a stored record but not a real page: every field empty but what the test sets. */
import type { Article } from '../../src/domain/types.js';

export function testArticle(fields: Partial<Article> = {}): Article {
  return {
    title: null,
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    canonicalUrl: null,
    url: null,
    lang: 'en',
    siteName: 'Example',
    description: null,
    image: null,
    section: null,
    tags: [],
    text: '',
    syndication: null,
    provenance: {},
    isArticle: true,
    warnings: [],
    ...fields,
  };
}
