/**
 * Authors: JSON-LD author names, author meta tags, microdata, rel=author links, byline elements; cleaned and split.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { squash, textOf } from './dom.js';
import { ldField, typesOf, type JsonLd, type LdNode } from './json-ld.js';
import type { MetaMap } from './meta.js';

const BY = /^(?:by|von|par|por|di|door|av|af|de|autor(?:in)?|author|written by|reported by|text|texto|tekst|from)\s*[:\-]?\s+/iu;
const NOT_NAME = /https?:|www\.|@|\d{3,}|\b(?:staff|editor|editorial|redaktion|newsroom|team|desk|agency|reporters?|correspondent|updated|published|min read|share|follow)\b/iu;

/** Clean one byline string into names: drop "By", roles after commas, split on "and", "&", ",", ";", "|". */
export function splitNames(raw: string): string[] {
  let s = squash(raw).replace(BY, '');
  s = s.replace(/\s*[|•·]\s*(?:\d|updated|published|veröffentlicht).*$/iu, '');
  const parts = s.split(/\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bog\b|\ben\b|\boch\b)\s*/iu);
  const out: string[] = [];
  for (let p of parts) {
    p = p.replace(BY, '').replace(/^[\s\-–—:]+|[\s\-–—:.]+$/gu, '').trim();
    if (p.length < 3 || p.length > 60) continue;
    if (NOT_NAME.test(p)) continue;
    const words = p.split(/\s+/u);
    if (words.length > 5) continue;
    if (!/^\p{Lu}/u.test(p)) continue;
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
    // why: an Organization as author is the outlet, not a person's byline
    if (typesOf(node).some((t) => /Organization|NewsMediaOrganization|Corporation/u.test(t)) && list.length > 1) continue;
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

type AuthorRule = { name: string; find: () => string[] };

/** Find the authors and the rule that produced them. */
export function findAuthors($: CheerioAPI, meta: MetaMap, ld: JsonLd): { value: string[]; rule: string } | null {
  const metaNames = (keys: string[]) => keys.flatMap((k) => meta.get(k) ?? []).filter((v) => !/^https?:/iu.test(v));
  const rules: AuthorRule[] = [
    { name: 'json-ld', find: () => ldAuthors(ld) },
    { name: 'meta', find: () => dedupe(metaNames(['author', 'article:author', 'article:author_name', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl', 'citation_author', 'twitter:creator:name']).flatMap(splitNames)) },
    { name: 'microdata', find: () => dedupe([...textsOf($, '[itemprop="author"] [itemprop="name"]'), ...$('[itemprop="author"][content], [itemprop="author"] meta[itemprop="name"]').toArray().map((e) => ('attribs' in e ? (e as Element).attribs.content ?? '' : ''))].flatMap(splitNames)) },
    { name: 'microdata', find: () => dedupe(textsOf($, '[itemprop="author"]', 3).flatMap(splitNames)) },
    { name: 'rel-author', find: () => dedupe(textsOf($, 'a[rel="author"]', 4).flatMap(splitNames)) },
    { name: 'byline', find: () => dedupe(textsOf($, '[class*="byline" i] [class*="author" i], [class*="byline" i] a, .author-name, .author__name, [class*="author-name" i], [class*="authorname" i]', 4).flatMap(splitNames)) },
    { name: 'byline', find: () => dedupe(textsOf($, '[class*="byline" i], [class*="author" i]:not(body):not(article):not(html), [rel="author"]', 3).filter((t) => t.length < 120).flatMap(splitNames)) },
  ];
  for (const r of rules) {
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
