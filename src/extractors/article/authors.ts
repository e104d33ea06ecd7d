/**
 * Authors: JSON-LD author names, author meta tags, microdata, rel=author links, byline elements; cleaned and split.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { squash, textOf } from './dom.js';
import { ldField, type JsonLd, type LdNode } from './json-ld.js';
import type { MetaMap } from './meta.js';

const BY = /^(?:by|von|par|por|di|door|av|af|de|autor(?:in)?|author|written by|reported by|text|texto|tekst|from)\s*[:\-]?\s+/iu;
const NOT_NAME = /https?:|www\.|@|\d{3,}|\b(?:updated|published|min read|share|follow|foto|photo|bild|quelle|source|image)\b/iu;
/** Extra exclusions for names read from page text (bylines), where furniture words slip in. */
const NOT_BYLINE_NAME = /\b(?:editor|editorial|newsroom|desk|correspondent|kommentar|comment|analysis|analyse|meinung|opinion|von|by|writer|reporter|columnist|contributor|staff|producer|photographer|redakteur(?:in)?|korrespondent(?:in)?)\b/iu;

/** Clean one byline string into names: drop "By", roles after commas, split on "and", "&", ",", ";", "|". */
export function splitNames(raw: string, fromText = false): string[] {
  let s = squash(raw).replace(BY, '');
  // why: "Name (abc)" carries the author's initials code; "Name, Title" a role — keep the name
  s = s.replace(/\s*\([\p{Ll}.]{2,6}\)/gu, '');
  if (fromText) {
    // why: visible bylines run on into the date ("By Nathan Willis March 25, 2015") and credentials ("Jane Roe, MA")
    s = s.replace(/\s+(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}\b.*$/iu, '');
    s = s.replace(/,\s*(?:MA|MD|PhD|MS|MSc|BA|RN|MPH)\b\.?/gu, '').replace(/[()]/gu, ' ').replace(/\s+(?:avec|with|mit|con)\s+/giu, ', ');
  }
  s = s.replace(/\s*[|•·]\s*(?:\d|updated|published|veröffentlicht).*$/iu, '');
  const parts = s.split(/\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bog\b|\ben\b|\boch\b)\s*/iu);
  const out: string[] = [];
  for (let p of parts) {
    p = p.replace(/\s*(?:기자|記者|특파원)$/u, '').replace(BY, '').replace(/^[\s\-–—:]+|[\s\-–—:.]+$/gu, '').trim();
    if (p.length > 60) continue;
    if (p.length < 2 || NOT_NAME.test(p) || (fromText && NOT_BYLINE_NAME.test(p))) continue;
    const words = p.split(/\s+/u);
    if (words.length > 5) continue;
    // why: names start upper-case (or in a caseless script); lower case only for short agency codes ("dpa")
    if (/^\p{Ll}/u.test(p) && !(words.length === 1 && p.length <= 6 && !fromText)) continue;
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

function ldAuthors(ld: JsonLd): string[] {
  const v = ldField(ld, 'author') ?? ldField(ld, 'creator');
  const list = Array.isArray(v) ? v : v ? [v] : [];
  const byId = new Map<string, LdNode>();
  for (const n of ld.nodes) if (typeof n['@id'] === 'string') byId.set(n['@id'], n);
  const names: string[] = [];
  for (const a of list) {
    if (typeof a === 'string') {
      names.push(...splitNames(a));
      continue;
    }
    if (!a || typeof a !== 'object') continue;
    let node = a as LdNode;
    if (!node.name && typeof node['@id'] === 'string') node = byId.get(node['@id']) ?? node;
    const name = typeof node.name === 'string' ? node.name : Array.isArray(node.name) ? String(node.name[0] ?? '') : '';
    if (name) names.push(...splitNames(name));
  }
  return dedupe(names);
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = n.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const textsOf = ($: CheerioAPI, sel: string, max = 6): string[] =>
  $(sel).toArray().slice(0, max).map((el) => squash(textOf(el)).slice(0, 200)).filter(Boolean);

/** Author names inside the first schema.org Article scope (other scopes on the page are related stories). */
function articleScopeAuthors($: CheerioAPI): string[] {
  const scope = $('[itemscope][itemtype*="Article" i], [itemscope][itemtype*="BlogPosting" i]').first();
  if (!scope.length) return [];
  return scope.find('[itemprop="author"]').toArray().slice(0, 6).map((el) => {
    const a = $(el);
    const name = a.find('[itemprop="name"]').first();
    const v = name.length ? (name.attr('content') ?? textOf(name[0]!)) : (a.attr('content') ?? textOf(el));
    return squash(v).slice(0, 200);
  }).filter(Boolean);
}

type AuthorRule = { name: string; find: () => string[] };

/** The author rules in order of precedence (each finds names lazily). */
export function authorRules($: CheerioAPI, meta: MetaMap, ld: JsonLd): AuthorRule[] {
  const metaNames = (keys: string[]) => keys.flatMap((k) => meta.get(k) ?? []).filter((v) => !/^https?:/iu.test(v));
  return [
    { name: 'json-ld', find: () => ldAuthors(ld) },
    { name: 'meta', find: () => dedupe(metaNames(['author', 'article:author', 'article:author_name', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl', 'citation_author', 'twitter:creator:name', 'twitter:misc:written by']).flatMap((t) => splitNames(t))) },
    { name: 'microdata', find: () => dedupe(articleScopeAuthors($).flatMap((t) => splitNames(t))) },
    { name: 'microdata', find: () => dedupe([...textsOf($, '[itemprop="author"] [itemprop="name"]'), ...$('[itemprop="author"][content], [itemprop="author"] meta[itemprop="name"]').toArray().map((e) => ('attribs' in e ? (e as Element).attribs.content ?? '' : ''))].flatMap((t) => splitNames(t))) },
    { name: 'microdata', find: () => dedupe(textsOf($, '[itemprop="author"]', 3).flatMap((t) => splitNames(t))) },
    { name: 'rel-author', find: () => dedupe(textsOf($, 'a[rel="author"]', 4).flatMap((t) => splitNames(t, true))) },
    { name: 'byline', find: () => dedupe(textsOf($, '[class*="byline" i] [class*="author" i], [class*="byline" i] a, .author-name, .author__name, [class*="author-name" i], [class*="authorname" i]', 4).flatMap((t) => splitNames(t, true))) },
    { name: 'byline', find: () => dedupe(textsOf($, '[class*="byline" i], [class*="author" i]:not(body):not(article):not(html), [id*="author" i]:not(body):not(article):not(html), [rel="author"]', 3).filter((t) => t.length < 120).flatMap((t) => splitNames(t, true))) },
  ];
}

/** Find the authors and the rule that produced them. */
export function findAuthors($: CheerioAPI, meta: MetaMap, ld: JsonLd): { value: string[]; rule: string } | null {
  for (const r of authorRules($, meta, ld)) {
    let v: string[] = [];
    try {
      v = r.find();
    } catch {
      v = [];
    }
    if (v.length) return { value: v.slice(0, 10), rule: r.name };
  }
  return null;
}
