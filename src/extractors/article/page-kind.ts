/**
 * Article or not: home pages, section fronts and link lists are flagged, not forced into an article.
 */
import type { TextBlock } from './blocks.js';
import { typesOf, type JsonLd } from './json-ld.js';
import type { MetaMap } from './meta.js';

interface KindInput {
  text: string;
  blocks: TextBlock[];
  ld: JsonLd;
  meta: MetaMap;
  publishedAt: string | null;
  url: string | null;
}

const LIST_TYPES = /^(?:CollectionPage|ItemList|SearchResultsPage|WebSite)$/u;

/** Decide whether the page is an article, with the reason when it is not. */
export function judgeArticle(k: KindInput): { isArticle: boolean; reason: string } {
  const ogType = k.meta.get('og:type')?.[0]?.toLowerCase() ?? '';
  const declared = !!k.ld.article || ogType === 'article' || !!k.publishedAt;
  const listy = k.ld.nodes.some((n) => typesOf(n).some((t) => LIST_TYPES.test(t))) && !k.ld.article;
  let path = '';
  try {
    path = k.url ? new URL(k.url).pathname : '';
  } catch {
    path = '';
  }
  const rootish = k.url !== null && /^\/?(?:index\.\w+)?$/u.test(path);
  const long = k.blocks.filter((b) => b.text.length >= 80 && b.linkChars / b.text.length < 0.3);
  const proseChars = long.reduce((s, b) => s + b.text.length, 0);
  if (!k.text) return { isArticle: false, reason: 'no body text' };
  if (rootish && !k.ld.article) return { isArticle: false, reason: 'site root (home page)' };
  if (proseChars < 250) return { isArticle: false, reason: 'too little running text (a list or front page)' };
  if (listy && !declared) return { isArticle: false, reason: 'page declares itself a collection' };
  if (!declared && long.length < 3) return { isArticle: false, reason: 'few paragraphs and no article markup' };
  return { isArticle: true, reason: '' };
}
