/** Articles for tests that need a stored record but not a real page: every field empty but what the test sets. */
import type { Article } from '../../src/domain/types.js';
import { emptyArticle } from '../../src/extractors/article/index.js';

export function testArticle(fields: Partial<Article> = {}): Article {
  return { ...emptyArticle(null, []), lang: 'en', siteName: 'Example', isArticle: true, ...fields };
}
