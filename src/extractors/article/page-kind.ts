/**
 * Article or not: home pages, section fronts and link lists are flagged, not forced into an article. A page that
 * declares itself one article (og:type article, an article node in JSON-LD, a byline and a date) is kept even when
 * its text is a list (a "full winners list") or written without spaces between words (Chinese, Japanese, Korean).
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
  authors: string[];
  url: string | null;
}

const LIST_TYPES = /^(?:CollectionPage|ItemList|SearchResultsPage|WebSite)$/u;
// why: a CJK character carries about what a short word does; 80 of them are a long paragraph, not a caption
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/gu;

/** Length of a text with each CJK character counted as three. */
export function weightedLength(s: string): number {
  const cjk = s.match(CJK)?.length ?? 0;
  return s.length + 2 * cjk;
}

/** Decide whether the page is an article, with the reason when it is not. */
export function judgeArticle(k: KindInput): { isArticle: boolean; reason: string } {
  const ogType = k.meta.get('og:type')?.[0]?.toLowerCase() ?? '';
  // the page says it is one article, in its markup or by a byline and a date
  const stated = !!k.ld.article || ogType === 'article' || (k.authors.length > 0 && !!k.publishedAt);
  const declared = stated || !!k.publishedAt;
  const listy = k.ld.nodes.some((n) => typesOf(n).some((t) => LIST_TYPES.test(t))) && !k.ld.article;
  let path = '';
  try {
    path = k.url ? new URL(k.url).pathname : '';
  } catch {
    path = '';
  }
  const rootish = k.url !== null && /^\/?(?:index\.\w+)?$/u.test(path);
  const long = k.blocks.filter((b) => {
    const n = weightedLength(b.text);
    return n >= 80 && b.linkChars / b.text.length < 0.3;
  });
  const proseChars = long.reduce((s, b) => s + weightedLength(b.text), 0);
  // text not in links: a list of results or winners is text; a list of headlines is links
  const ownChars = k.blocks.reduce((s, b) => s + (b.text.length ? weightedLength(b.text) * (1 - b.linkChars / b.text.length) : 0), 0);
  if (!k.text) return { isArticle: false, reason: 'no body text' };
  if (rootish && !k.ld.article) return { isArticle: false, reason: 'site root (home page)' };
  if (proseChars < 250 && !(stated && !listy && ownChars >= 500)) return { isArticle: false, reason: 'too little running text (a list or front page)' };
  if (listy && !declared) return { isArticle: false, reason: 'page declares itself a collection' };
  if (!declared && long.length < 3) return { isArticle: false, reason: 'few paragraphs and no article markup' };
  return { isArticle: true, reason: '' };
}
