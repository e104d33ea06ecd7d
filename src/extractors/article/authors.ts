/**
 * Authors: JSON-LD author names, author meta tags, microdata, rel=author links, byline elements; cleaned and split.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { boldNameParagraph, bylineTexts, labelledBylines } from './byline-text.js';
import { attrEqualsIC, attrHasIC, hasAncestor, pageTags, selectAll, selectFirst, squash, textOf } from './dom.js';
import { ldField, type JsonLd, type LdNode } from './json-ld.js';
import type { MetaMap } from './meta.js';
import { rx } from '../rx.js';

const BY =
  /^(?:by|von|par|por|di|door|av|af|de|autor(?:in)?\s*\/\s*autor(?:in)?|autor(?:in)?|author|written by|reported by|text|texto|tekst|from)\s*[:-]?\s+/iu;
const NOT_NAME = /https?:|www\.|@|\d{3,}|\b(?:updated|published|min read|share|follow|foto|photo|bild|quelle|source|image)\b/iu;
/** Extra exclusions for names read from page text (bylines), where furniture words slip in. */
const NOT_BYLINE_NAME = rx('iu')`
    \b(?:editor|editorial|newsroom|desk|correspondent|kommentar|comment|analysis|analyse|meinung|opinion|von|by|writer|reporter|columnist|
      contributor|staff|producer|photographer|redakteur(?:in)?|korrespondent(?:in)?)\b`;

/** Words that join names in a list, as whole words (a `\b` would split "Eßlinger" at the "E"). */
const JOINERS = /\s*(?:[,;|]|(?<![\p{L}\p{N}])(?:and|und|et|y|e|og|en|och)(?![\p{L}\p{N}]))\s*/iu;

/** "Ann Lee & Bo Chan" is two people; "Mac & i" or "Smith & Wesson" is one name. */
function splitAmpersand(part: string): string[] {
  if (!part.includes('&')) return [part];
  const sides = part.split(/\s*&\s*/u);
  return sides.every((x) => x.trim().split(/\s+/u).length >= 2) ? sides : [part];
}

/** Clean one byline string into names: drop "By", roles after commas, split on "and", "&", ",", ";", "|". */
export function splitNames(raw: string, fromText = false): string[] {
  let s = squash(raw).replace(BY, '');
  // why: "Name (abc)" carries the author's initials code; "Name, Title" a role — keep the name
  s = s.replace(/\s*\([\p{Ll}.]{2,6}\)/gu, '');
  // why: "Jane Roe (with Ann Lee and Bo Chan)": the people in the parentheses are co-authors
  s = s.replace(/\s*\(\s*(?:avec|with|mit|con)\s+([^()]{3,120})\)/giu, ', $1');
  if (fromText) {
    // why: visible bylines run on into the date ("By Nathan Willis March 25, 2015") and credentials ("Jane Roe, MA")
    s = s.replace(/\s+(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}\b.*$/iu, '');
    s = s
      .replace(/,\s*(?:MA|MD|PhD|MS|MSc|BA|RN|MPH)\b\.?/gu, '')
      .replace(/[()]/gu, ' ')
      .replace(/\s+(?:avec|with|mit|con)\s+/giu, ', ');
  }
  s = s.replace(/\s*[|•·]\s*(?:\d|updated|published|veröffentlicht).*$/iu, '');
  const out: string[] = [];
  for (let p of s.split(JOINERS).flatMap(splitAmpersand)) {
    p = p
      .replace(/\s*(?:기자|記者|특파원)$/u, '')
      .replace(BY, '')
      .replace(/^[\s\-–—:·•|]+|[\s\-–—:.·•|]+$/gu, '')
      .trim();
    p = p.replace(/\s+/gu, ' ');
    if (p.length > 60) continue;
    if (p.length < 2 || NOT_NAME.test(p) || (fromText && NOT_BYLINE_NAME.test(p))) continue;
    const words = p.split(/\s+/u);
    if (words.length > 5) continue;
    // why: names start upper-case (or in a caseless script); lower case only for short agency codes ("dpa") and
    // an outlet's domain ("example.de") declared in structured data
    const code = words.length === 1 && (p.length <= 6 || /^[\p{L}\p{N}-]+\.[a-z]{2,6}$/u.test(p));
    if (/^\p{Ll}/u.test(p) && !(code && !fromText)) continue;
    // why: page text around a byline carries times and counts ("05:00 Uhr", "3 Min."); names hold no digits
    if (fromText && /\p{N}/u.test(p)) continue;
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

/** Texts of the first `max` elements `test` accepts (among those with an itemprop when `props`). */
const textsOf = ($: CheerioAPI, test: (el: Element) => boolean, max = 6, props = false): string[] => {
  const root = $.root()[0]!;
  const els = props ? pageTags(root).itemprop.filter(test).slice(0, max) : selectAll(root, test, max);
  return els.map((el) => squash(textOf(el)).slice(0, 200)).filter(Boolean);
};

// The selectors of the author rules, as element tests (see selectAll); css-select's flag-less regexes (see attrHasIC)
const ARTICLE_I = /Article/i;
const BLOGPOSTING_I = /BlogPosting/i;
const BYLINE_I = /byline/i;
const AUTHOR_I = /author/i;
const AUTHOR_NAME_I = /author-name/i;
const AUTHORNAME_I = /authorname/i;
const AUTHOR__NAME_WORD = /(?:^|\s)author__name(?:$|\s)/;
const isAuthorProp = (el: Element) => el.attribs.itemprop === 'author';
/** [itemscope][itemtype*="Article" i], [itemscope][itemtype*="BlogPosting" i] */
const articleScope = (el: Element) => el.attribs.itemscope !== undefined && (attrHasIC(el, 'itemtype', ARTICLE_I) || attrHasIC(el, 'itemtype', BLOGPOSTING_I));
/** [itemprop="author"] [itemprop="name"] */
const authorPropName = (el: Element) => el.attribs.itemprop === 'name' && hasAncestor(el, isAuthorProp);
/** [itemprop="author"][content], [itemprop="author"] meta[itemprop="name"] */
const authorPropContent = (el: Element) => (isAuthorProp(el) && el.attribs.content !== undefined) || (el.name === 'meta' && authorPropName(el));
/** a[rel="author"] */
const relAuthorLink = (el: Element) => el.name === 'a' && attrEqualsIC(el, 'rel', 'author');
const inByline = (el: Element) => hasAncestor(el, (p) => attrHasIC(p, 'class', BYLINE_I));
/** [class*="byline" i] [class*="author" i], [class*="byline" i] a, .author-name, .author__name, [class*="author-name" i], [class*="authorname" i] */
const bylineName = (el: Element) =>
  ((attrHasIC(el, 'class', AUTHOR_I) || el.name === 'a') && inByline(el)) ||
  attrHasIC(el, 'class', AUTHOR__NAME_WORD) ||
  attrHasIC(el, 'class', AUTHOR_NAME_I) ||
  attrHasIC(el, 'class', AUTHORNAME_I);
/** [class*="byline" i], [class*="author" i]:not(body):not(article):not(html), [id*="author" i]:not(body):not(article):not(html), [rel="author"] */
const bylineBox = (el: Element) =>
  attrHasIC(el, 'class', BYLINE_I) ||
  ((attrHasIC(el, 'class', AUTHOR_I) || attrHasIC(el, 'id', AUTHOR_I)) && el.name !== 'body' && el.name !== 'article' && el.name !== 'html') ||
  attrEqualsIC(el, 'rel', 'author');

/** Author names inside the first schema.org Article scope (other scopes on the page are related stories). */
function articleScopeAuthors($: CheerioAPI): string[] {
  const root = $.root()[0]!;
  const scope = selectFirst(root, articleScope);
  if (!scope) return [];
  // scope.find('[itemprop="author"]'), and in each a.find('[itemprop="name"]').first(), from the itemprop list
  const props = pageTags(root).itemprop;
  const inside = (el: Element, box: Element) => hasAncestor(el, (p) => p === box);
  return props
    .filter((el) => isAuthorProp(el) && inside(el, scope))
    .slice(0, 6)
    .map((a) => {
      const name = props.find((el) => el.attribs.itemprop === 'name' && inside(el, a));
      const v = name ? (name.attribs.content ?? textOf(name)) : (a.attribs.content ?? textOf(a));
      return squash(v).slice(0, 200);
    })
    .filter(Boolean);
}

type AuthorRule = { name: string; find: () => string[] };

/** Author meta keys in precedence order; the first key with a name wins (several tags of that key: several authors). */
const META_KEYS = [
  // why: Dublin Core creator as an RDFa property is the most deliberate declaration
  'dc:creator',
  'dcterm:creator',
  'dcterms:creator',
  'author',
  'article:author',
  'og:article:author',
  'article:author_name',
  'parsely-author',
  'sailthru.author',
  'dc.creator',
  'dcterms.creator',
  'byl',
  'citation_author',
  'twitter:creator:name',
  'twitter:misc:written by',
  'cxenseparse:author',
];

/** Names from author meta tags, including Slack/Twitter "Written by" label and data pairs. */
function metaAuthors(meta: MetaMap): string[] {
  for (const key of META_KEYS) {
    const names = dedupe((meta.get(key) ?? []).filter((v) => !/^https?:/iu.test(v)).flatMap((t) => splitNames(t)));
    if (names.length) return names;
  }
  for (let i = 1; i <= 4; i++) {
    const label = meta.get(`twitter:label${i}`)?.[0];
    const data = meta.get(`twitter:data${i}`)?.[0];
    if (label && data && /^(?:written by|author|autor(?:in)?|auteur|autore|by)$/iu.test(label.trim())) return splitNames(data);
  }
  return [];
}

/** The author rules in order of precedence (each finds names lazily). */
export function authorRules($: CheerioAPI, meta: MetaMap, ld: JsonLd): AuthorRule[] {
  // why: each rule below scans the whole page; a page without the attributes they look for skips them
  const root = $.root()[0]!;
  const tags = pageTags(root);
  const micro = (find: () => string[]) => () => (tags.itempropAuthor ? find() : []);
  const byline = (find: () => string[]) => () => (tags.authorClass ? find() : []);
  return [
    { name: 'json-ld', find: () => ldAuthors(ld) },
    { name: 'meta', find: () => metaAuthors(meta) },
    { name: 'microdata', find: micro(() => dedupe(articleScopeAuthors($).flatMap((t) => splitNames(t)))) },
    {
      name: 'microdata',
      find: micro(() =>
        dedupe(
          [...textsOf($, authorPropName, 6, true), ...tags.itemprop.filter(authorPropContent).map((e) => e.attribs.content ?? '')].flatMap((t) =>
            splitNames(t),
          ),
        ),
      ),
    },
    { name: 'microdata', find: micro(() => dedupe(textsOf($, isAuthorProp, 3, true).flatMap((t) => splitNames(t)))) },
    { name: 'rel-author', find: byline(() => dedupe(textsOf($, relAuthorLink, 4).flatMap((t) => splitNames(t, true)))) },
    { name: 'byline', find: byline(() => dedupe(bylineTexts(root, bylineName, 4).flatMap((t) => splitNames(t, true)))) },
    {
      name: 'byline',
      find: byline(() =>
        dedupe(
          bylineTexts(root, bylineBox, 3)
            .filter((t) => t.length < 120)
            .flatMap((t) => splitNames(t, true)),
        ),
      ),
    },
    { name: 'byline-label', find: () => dedupe(labelledBylines(root).flatMap((t) => splitNames(t, true))) },
    { name: 'byline-bold', find: () => boldNameParagraph(root).flatMap((t) => splitNames(t, true)) },
  ];
}

/** Keys an outlet's name may be written with: letters and digits, umlauts spelled out or accents dropped. */
function nameKeys(name: string): string[] {
  const plain = name
    .toLowerCase()
    .replace(/^www\./u, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
  const spelled = plain.replace(/ä/gu, 'ae').replace(/ö/gu, 'oe').replace(/ü/gu, 'ue').replace(/ß/gu, 'ss');
  return [...new Set([plain, spelled, plain.normalize('NFD').replace(/\p{M}/gu, '')])].filter((k) => k.length >= 2);
}

/** True when a name is the outlet's own ("HARBOR.de", "Harbor Times", "HBR NORTH" on hbr.example). */
export function isOutletName(name: string, sites: string[]): boolean {
  const keys = new Set(sites.flatMap(nameKeys));
  // why: the company behind the outlet ("Harbor Inc", "Harbor Media eG") is the outlet too
  const bare = name.replace(/[\s,]+(?:inc|ltd|llc|gmbh|ag|eg|s\.?a|co|corp|plc|group|media)\.?$/iu, '').replace(/社$/u, '');
  if ([...nameKeys(name), ...nameKeys(bare)].some((k) => keys.has(k))) return true;
  // why: a regional desk or edition of the outlet ("HBR NORTH") starts with the outlet's short name
  const first = name.split(/\s+/u)[0] ?? '';
  return name.split(/\s+/u).length <= 3 && first.length >= 3 && first === first.toUpperCase() && nameKeys(first).some((k) => keys.has(k));
}

/**
 * Find the authors and the rule that produced them. Names that are the outlet's own are a fallback: the next rules
 * are asked for a person first ("Harbor Times" in JSON-LD, "Jane Roe" in the byline).
 */
export function findAuthors($: CheerioAPI, meta: MetaMap, ld: JsonLd, sites: string[] = []): { value: string[]; rule: string } | null {
  let outlet: { value: string[]; rule: string } | null = null;
  for (const r of authorRules($, meta, ld)) {
    let v: string[] = [];
    try {
      v = r.find();
    } catch {
      v = [];
    }
    if (!v.length) continue;
    let people = v.filter((n) => !isOutletName(n, sites));
    // why: after an outlet name, only full names (or names in a caseless script) beat it; page furniture such as
    // "Agenturen" or "Folgen" does not
    if (outlet) people = people.filter((n) => /\S\s+\S/u.test(n) || !/[\p{Lu}\p{Ll}]/u.test(n));
    if (people.length) return { value: people.slice(0, 10), rule: r.name };
    outlet ??= { value: v.slice(0, 10), rule: r.name };
  }
  return outlet;
}
