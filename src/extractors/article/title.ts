/**
 * Title: the headline, from JSON-LD, OpenGraph, Twitter, <h1> or <title>, with a site-name suffix removed.
 */
import type { CheerioAPI } from 'cheerio';
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { attrHasIC, pageTags, selectAll, squash, textOf } from './dom.js';
import { ldField, ldString, type JsonLd } from './json-ld.js';
import { metaFirst, type MetaMap } from './meta.js';

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b`´]/gu, "'")
    .replace(/[\u201c\u201d\u201e«»]/gu, '"')
    .replace(/[\u2010-\u2015]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim();

const SEPARATORS = /\s+(?:[|\-\u2013\u2014:»«/\\·•~]|::)\s+/u;

/** Comparison keys of a site name: letters and digits, with German umlauts spelled out and with accents dropped
 * (host names spell "Mühlen-Bote" as muehlen-bote, "Süd" as sud). */
function siteKeys(name: string): string[] {
  const plain = name.replace(/[^\p{L}\p{N}]/gu, '');
  const spelled = plain.replace(/ä/gu, 'ae').replace(/ö/gu, 'oe').replace(/ü/gu, 'ue').replace(/ß/gu, 'ss');
  const bare = plain.normalize('NFD').replace(/\p{M}/gu, '');
  return [...new Set([plain, spelled, bare])].filter((k) => k.length >= 2);
}

/** Remove a site-name part (" | Site", "Site - ") when one side looks like the site's name. */
export function stripSiteName(title: string, siteNames: string[]): string {
  const parts = title.split(SEPARATORS);
  if (parts.length < 2) return title;
  const names = siteNames.map(fold).filter(Boolean);
  const keys = new Set(names.flatMap(siteKeys));
  const isSite = (p: string) => {
    const f = fold(p);
    if (siteKeys(f).some((k) => keys.has(k))) return true;
    // why: "Die Neue Talbote Zeitung" for zeitung.example: a short part naming the host's label as a word
    const words = f.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return names.some((n) => (n.length > 3 && f.includes(n) && f.length < n.length + 12) || (n.length >= 5 && words.length <= 5 && words.includes(n)));
  };
  const seps: string[] = title.match(new RegExp(SEPARATORS.source, 'gu')) ?? [];
  // strip from the end, then from the start
  let kept = parts;
  let keptSeps: string[] = seps;
  while (kept.length > 1 && isSite(kept[kept.length - 1]!)) {
    kept = kept.slice(0, -1);
    keptSeps = keptSeps.slice(0, -1);
  }
  while (kept.length > 1 && isSite(kept[0]!)) {
    kept = kept.slice(1);
    keptSeps = keptSeps.slice(1);
  }
  let out = kept[0]!;
  for (let i = 1; i < kept.length; i++) out += keptSeps[i - 1]! + kept[i]!;
  return out.trim();
}

/** Site names to strip: og:site_name, JSON-LD publisher, application-name, and the host's main label. */
export function siteNameHints(meta: MetaMap, ld: JsonLd, url: string | null): string[] {
  const out: string[] = [];
  for (const k of ['og:site_name', 'application-name', 'twitter:site', 'publisher', 'apple-mobile-web-app-title']) {
    const v = meta.get(k)?.[0];
    if (v) out.push(v.replace(/^@/u, ''));
  }
  const pub = ldString(ld.article?.publisher);
  if (pub) out.push(pub);
  if (url) {
    try {
      const host = new URL(url).hostname.replace(/^www\d?\./u, '');
      out.push(host, host.split('.')[0]!);
    } catch {
      // not a URL
    }
  }
  return out;
}

/** Section names in a URL's path ("/sport/football/slug.html" → sport, football): the slug itself is left out. */
function urlSections(url: string | null): string[] {
  if (!url) return [];
  try {
    const segs = new URL(url).pathname.split('/').filter(Boolean).slice(0, -1);
    // why: only word-like segments name sections; ids, dates and long slugs never do
    return segs
      .filter((x) => /^[\p{L}-]{3,24}$/u.test(decodeURIComponent(x)))
      .map((x) => decodeURIComponent(x).replace(/-/gu, ' '))
      .slice(0, 4);
  } catch {
    return [];
  }
}

const DATE_PART = /^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.? \p{L}+ \d{4})$/u;

/** Comparison key of a title: folded, letters and digits only (quotes, dashes and spacing never decide). */
const keyOf = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, '');

interface Source {
  rule: string;
  value: string;
}

/** Clean one declared title: entities decoded, a trailing date part and site-name parts removed. */
function cleanTitle(raw: string, sites: string[]): string {
  let v = squash(decodeEntities(raw));
  // why: "Headline | XYZ | 28.04.2023": a trailing date part is never part of a headline
  const parts = v.split(/\s+\|\s+/u);
  while (parts.length > 1 && DATE_PART.test(parts[parts.length - 1]!)) parts.pop();
  v = stripSiteName(parts.join(' | '), sites);
  return v;
}

/** The "Headline – My Blog" tail of a lone <title>: a short last part after a bar or a dash names the site. */
function dropShortTail(v: string): string {
  const m = /^(.+?)\s+[|\u2013\u2014-]\s+([^|\u2013\u2014]+)$/u.exec(v);
  if (!m) return v;
  const [, head, tail] = m as unknown as [string, string, string];
  const words = (x: string) => x.split(/\s+/u).filter(Boolean).length;
  // why: a capitalized two-word-or-shorter tail after a headline of four words or more is a site name ("Notes – Jane's Blog")
  return words(tail) <= 2 && tail.length <= 24 && /^[\p{Lu}\p{N}]/u.test(tail) && words(head) >= 4 && !/[:?!]$/u.test(head) ? head.trim() : v;
}

// css-select's flag-less regex (see attrHasIC)
const HEADLINE_I = /headline/i;
/** h1, h2, [class*="headline" i], [itemprop="headline"] */
const isHeadline = (el: Element) => el.name === 'h1' || el.name === 'h2' || attrHasIC(el, 'class', HEADLINE_I) || el.attribs.itemprop === 'headline';

/** Find the title and the rule that produced it: JSON-LD headline, Dublin Core, og:title, other meta, <title>, <h1>. */
export function findTitle($: CheerioAPI, meta: MetaMap, ld: JsonLd, url: string | null): { value: string; rule: string } | null {
  const sites = siteNameHints(meta, ld, url);
  const section = ldString(ldField(ld, 'articleSection')) ?? meta.get('article:section')?.[0];
  if (section) sites.push(section);
  sites.push(...urlSections(url));
  const root = $.root()[0]!;
  const titleTag = () => {
    const el = pageTags(root).title;
    return el ? textOf(el).slice(0, 1000) : null;
  };
  let found: string[] | null = null;
  const headings = () =>
    (found ??= selectAll(root, isHeadline, 8)
      .map((el) => squash(textOf(el)))
      .filter((t) => t.length >= 3 && t.length <= 400));
  const declared: { rule: string; raw: () => string | null | undefined }[] = [
    { rule: 'json-ld', raw: () => ldHeadline(ld, meta, titleTag, headings) },
    { rule: 'meta', raw: () => metaFirst(meta, ['dc:title', 'dcterm:title', 'dcterms:title'])?.value },
    { rule: 'og', raw: () => metaFirst(meta, ['og:title'])?.value },
    { rule: 'meta', raw: () => metaFirst(meta, ['twitter:title', 'dc.title', 'dcterms.title', 'headline', 'parsely-title', 'sailthru.title'])?.value },
    { rule: 'title-tag', raw: titleTag },
  ];
  // cleaned lazily, in order: most pages need only the first source
  const cleaned: (Source | null | undefined)[] = [];
  const source = (i: number): Source | null => {
    if (cleaned[i] !== undefined) return cleaned[i]!;
    const d = declared[i]!;
    const raw = d.raw();
    let value = raw ? cleanTitle(raw, sites) : '';
    // why: "Outlet - Section - Headline" in a <title>: the part the page shows as its headline is the title
    if (raw && d.rule === 'title-tag') {
      const segments = squash(decodeEntities(raw)).split(SEPARATORS);
      if (segments.length > 2) {
        const keys = new Set(headings().map(keyOf));
        const shown = segments.find((p) => p.length >= 10 && keys.has(keyOf(p)));
        if (shown) value = shown.trim();
      }
    }
    const c = value.length >= 3 ? { rule: d.rule, value } : null;
    cleaned[i] = c;
    return c;
  };
  const at = declared.findIndex((_, i) => source(i) !== null);
  let top = at >= 0 ? source(at) : null;
  if (top?.rule === 'title-tag') top = { ...top, value: dropShortTail(top.value) };
  // why: "Kicker: Headline" in JSON-LD while the social title (og/twitter) is "Headline" alone: the part before
  // the colon is a kicker (topic label) shown above the headline, not part of it
  const kicked = top?.rule === 'json-ld' ? /^.{2,60}?(?::|\s[-–|])\s+(.+)$/u.exec(top.value) : null;
  if (kicked) {
    const k = keyOf(kicked[1]!);
    const social = [source(2), source(3)].find((x) => x && keyOf(x.value) === k);
    if (social) top = social;
  }
  if (top) return { value: top.value, rule: top.rule };
  const h1 = selectAll(root, (el) => el.name === 'h1', 3)
    .map((el) => squash(textOf(el)))
    .find((t) => t.length >= 5 && t.length <= 400);
  return h1 ? { value: h1, rule: 'h1' } : null;
}

/** JSON-LD headline; its `name` instead when only the name agrees with the page's other titles. */
function ldHeadline(ld: JsonLd, meta: MetaMap, titleTag: () => string | null, headings: () => string[]): string | null {
  const headline = ldString(ldField(ld, 'headline'));
  const name = typeof ld.article?.name === 'string' ? ld.article.name : null;
  if (!headline || !name || fold(name) === fold(headline)) return headline ?? name;
  const norm = (xs: (string | null | undefined)[]) => xs.filter((x): x is string => !!x).map((x) => fold(squash(decodeEntities(x))));
  const declaredTitles = norm([meta.get('og:title')?.[0], meta.get('twitter:title')?.[0], titleTag()]);
  const agrees = (v: string, others: string[]) => others.some((o) => o.includes(fold(v)));
  // why: some pages put a description in `headline` and the real title in `name`; a headline the page shows or
  // another source repeats is the headline all the same
  if (agrees(headline, declaredTitles)) return headline;
  const shown = norm(headings());
  return !agrees(headline, shown) && agrees(name, [...declaredTitles, ...shown]) ? name : headline;
}

/** Decode HTML entities left in a metadata string (JSON-LD and double-encoded meta carry them). */
export function decodeEntities(s: string): string {
  if (!s.includes('&') || !/&(?:#\d+|#x[\da-f]+|[a-z]+\d*);/iu.test(s)) return s;
  return load(`<p>${s.replace(/</gu, '&lt;')}</p>`)('p').text();
}
