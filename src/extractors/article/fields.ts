/**
 * Simple fields: language, site name, description, image, section, tags (ordered rules, first good value wins).
 */
import type { CheerioAPI } from 'cheerio';
import { attrEqualsIC, pageTags, squash } from './dom.js';
import { ldField, ldString, type JsonLd } from './json-ld.js';
import { metaFirst, type MetaMap } from './meta.js';
import { resolveUrl } from './url.js';

/** A found value with the rule that found it. */
export interface Hit<T> {
  value: T;
  rule: string;
}

type Rule<T> = [string, () => T | null | undefined];

/** First rule whose value is non-empty (a rule that throws only loses its own turn). */
export function first<T>(rules: Rule<T>[]): Hit<T> | null {
  for (const [rule, find] of rules) {
    let v: T | null | undefined = null;
    try {
      v = find();
    } catch {
      v = null;
    }
    if (v !== null && v !== undefined && !(typeof v === 'string' && !v) && !(Array.isArray(v) && !v.length)) return { value: v, rule };
  }
  return null;
}

const LANG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/iu;
const cleanLang = (v: string | null | undefined) => {
  const s =
    v
      ?.trim()
      .split(/[,;\s]/u)[0]
      ?.replace('_', '-') ?? '';
  return LANG.test(s) ? s : null;
};

/** Context shared by the simple field rules. */
export interface FieldContext {
  $: CheerioAPI;
  meta: MetaMap;
  ld: JsonLd;
  url: string | null;
}

const tagsOf = (c: FieldContext) => pageTags(c.$.root()[0]!);

/** Page language as declared (html lang, Content-Language, og:locale, JSON-LD inLanguage). */
export const findLang = (c: FieldContext) =>
  first<string>([
    ['html-lang', () => cleanLang(tagsOf(c).html?.attribs.lang ?? tagsOf(c).html?.attribs['xml:lang'])],
    ['meta', () => cleanLang(metaFirst(c.meta, ['content-language', 'language', 'dc.language', 'og:locale'])?.value)],
    ['json-ld', () => cleanLang(ldString(ldField(c.ld, 'inLanguage')))],
    ['body-lang', () => cleanLang(tagsOf(c).body?.attribs.lang)],
  ]);

/** The outlet's name. */
export const findSiteName = (c: FieldContext) =>
  first<string>([
    ['og', () => metaFirst(c.meta, ['og:site_name'])?.value],
    ['json-ld', () => ldString(ldField(c.ld, 'publisher'))],
    ['meta', () => metaFirst(c.meta, ['application-name', 'apple-mobile-web-app-title', 'publisher', 'dc.publisher'])?.value],
  ]);

/** A short description of the article. */
export const findDescription = (c: FieldContext) =>
  first<string>([
    ['og', () => metaFirst(c.meta, ['og:description'])?.value],
    ['meta', () => metaFirst(c.meta, ['description', 'twitter:description', 'dc.description'])?.value],
    ['json-ld', () => ldString(ldField(c.ld, 'description'))],
  ]);

/** The lead image URL. */
export const findImage = (c: FieldContext) =>
  first<string>([
    ['og', () => resolveUrl(metaFirst(c.meta, ['og:image:secure_url', 'og:image', 'og:image:url'])?.value, c.url)],
    ['meta', () => resolveUrl(metaFirst(c.meta, ['twitter:image', 'twitter:image:src', 'thumbnail', 'thumbnailurl'])?.value, c.url)],
    ['json-ld', () => resolveUrl(ldString(ldField(c.ld, 'image')), c.url)],
    ['link-image-src', () => resolveUrl(tagsOf(c).link.find((el) => attrEqualsIC(el, 'rel', 'image_src'))?.attribs.href, c.url)],
  ]);

/** The section of the site the article is filed under. */
export const findSection = (c: FieldContext) =>
  first<string>([
    ['og', () => metaFirst(c.meta, ['article:section', 'og:article:section'])?.value],
    ['json-ld', () => ldString(ldField(c.ld, 'articleSection'))],
    ['meta', () => metaFirst(c.meta, ['section', 'parsely-section', 'sailthru.section', 'category', 'dc.subject'])?.value],
  ]);

const splitTags = (v: string) =>
  v
    .split(/\s*[,;|]\s*/u)
    .map(squash)
    .filter((t) => t && t.length <= 80);

/** Tags or keywords the page declares. */
export const findTags = (c: FieldContext) =>
  first<string[]>([
    ['og', () => uniq((c.meta.get('article:tag') ?? []).flatMap(splitTags))],
    [
      'json-ld',
      () => {
        const k = ldField(c.ld, 'keywords');
        return uniq(Array.isArray(k) ? k.filter((x): x is string => typeof x === 'string').flatMap(splitTags) : typeof k === 'string' ? splitTags(k) : []);
      },
    ],
    ['meta', () => uniq(['news_keywords', 'keywords', 'parsely-tags', 'sailthru.tags'].flatMap((k) => c.meta.get(k) ?? []).flatMap(splitTags))],
  ]);

function uniq(xs: string[]): string[] {
  return [...new Set(xs)].slice(0, 50);
}
