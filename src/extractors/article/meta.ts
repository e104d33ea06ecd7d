/**
 * <meta> tags as a lookup table: name/property/itemprop/http-equiv (lower-cased) → contents in page order.
 */
import type { CheerioAPI } from 'cheerio';
import { pageTags } from './dom.js';

/** All meta values of the page by key. */
export type MetaMap = Map<string, string[]>;

/** Collect the page's meta tags. */
export function readMeta($: CheerioAPI): MetaMap {
  const map: MetaMap = new Map();
  for (const el of pageTags($.root()[0]!).meta) {
    const a = el.attribs;
    const content = (a.content ?? a.value ?? '').trim();
    if (!content) continue;
    // why: RDFa lets one property attribute carry several names ("og:title dc:title")
    const keys = [a.property, a.name, a.itemprop, a['http-equiv']].flatMap((k) => (k ? k.trim().toLowerCase().split(/\s+/u) : []));
    for (const key of keys) {
      if (!key) continue;
      const list = map.get(key);
      if (list) list.push(content);
      else map.set(key, [content]);
    }
  }
  return map;
}

/** First value of the first key present. */
export function metaFirst(meta: MetaMap, keys: string[]): { value: string; key: string } | null {
  for (const key of keys) {
    const v = meta.get(key)?.[0];
    if (v) return { value: v, key };
  }
  return null;
}
