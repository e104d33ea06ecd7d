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
    for (const k of [a.property, a.name, a.itemprop, a['http-equiv']]) {
      if (!k) continue;
      const key = k.trim().toLowerCase();
      // why: RDFa lets one property attribute carry several names ("og:title dc:title")
      if (SPACE.test(key)) for (const part of key.split(/\s+/u)) add(map, part, content);
      else add(map, key, content);
    }
  }
  return map;
}

const SPACE = /\s/u;

function add(map: MetaMap, key: string, content: string): void {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(content);
  else map.set(key, [content]);
}

/** First value of the first key present. */
export function metaFirst(meta: MetaMap, keys: string[]): { value: string; key: string } | null {
  for (const key of keys) {
    const v = meta.get(key)?.[0];
    if (v) return { value: v, key };
  }
  return null;
}
