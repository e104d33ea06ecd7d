/**
 * Title: the headline, from JSON-LD, OpenGraph, Twitter, <h1> or <title>, with a site-name suffix removed.
 */
import type { CheerioAPI } from 'cheerio';
import { load } from 'cheerio/slim';
import { squash, textOf } from './dom.js';
import { ldField, ldString, type JsonLd } from './json-ld.js';
import { metaFirst, type MetaMap } from './meta.js';

const fold = (s: string) =>
  s.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u201a\u201b`´]/gu, "'").replace(/[\u201c\u201d\u201e«»]/gu, '"')
    .replace(/[\u2010-\u2015]/gu, '-').replace(/\s+/gu, ' ').trim();

const SEPARATORS = /\s+(?:[|\-\u2013\u2014:»«/\\·•~]|::)\s+/u;

/** Remove a site-name part (" | Site", "Site - ") when one side looks like the site's name. */
export function stripSiteName(title: string, siteNames: string[]): string {
  const parts = title.split(SEPARATORS);
  if (parts.length < 2) return title;
  const names = siteNames.map(fold).filter(Boolean);
  const isSite = (p: string) => {
    const f = fold(p);
    return names.some((n) => f === n || f.replace(/[^\p{L}\p{N}]/gu, '') === n.replace(/[^\p{L}\p{N}]/gu, '') || (n.length > 3 && f.includes(n) && f.length < n.length + 12));
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

const DATE_PART = /^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\.? \p{L}+ \d{4})$/u;

/** Find the title and the rule that produced it: JSON-LD headline, og:title, other meta, <title>, <h1>. */
export function findTitle($: CheerioAPI, meta: MetaMap, ld: JsonLd, url: string | null): { value: string; rule: string } | null {
  const sites = siteNameHints(meta, ld, url);
  const section = ldString(ldField(ld, 'articleSection')) ?? meta.get('article:section')?.[0];
  if (section) sites.push(section);
  const candidates: { value: () => string | null; rule: string }[] = [
    { value: () => ldHeadline(ld, meta, $), rule: 'json-ld' },
    { value: () => metaFirst(meta, ['dc:title', 'dcterm:title', 'dcterms:title'])?.value ?? null, rule: 'meta' },
    { value: () => metaFirst(meta, ['og:title'])?.value ?? null, rule: 'og' },
    { value: () => metaFirst(meta, ['twitter:title', 'dc.title', 'dcterms.title', 'headline', 'parsely-title', 'sailthru.title'])?.value ?? null, rule: 'meta' },
    { value: () => { const el = $('title').first()[0]; return el ? textOf(el).slice(0, 1000) : null; }, rule: 'title-tag' },
    { value: () => $('h1').toArray().slice(0, 3).map((el) => squash(textOf(el))).find((t) => t.length >= 5 && t.length <= 400) ?? null, rule: 'h1' },
  ];
  // why: "Outlet - Section - Headline" in a <title> without a known site name: the part the page shows as its
  // headline is the title
  let headings: string[] | null = null;
  const pageHeadings = () =>
    (headings ??= $('h1, h2, [class*="headline" i], [itemprop="headline"]').toArray().slice(0, 8).map((el) => fold(squash(textOf(el)))));
  for (const c of candidates) {
    const raw = c.value();
    if (!raw) continue;
    let v = squash(decodeEntities(raw));
    // why: "Headline | DW | 28.04.2023": a trailing date part is never part of a headline
    const parts = v.split(/\s+\|\s+/u);
    while (parts.length > 1 && DATE_PART.test(parts[parts.length - 1]!)) parts.pop();
    v = stripSiteName(parts.join(' | '), sites);
    const segments = v.split(SEPARATORS);
    if (c.rule === 'title-tag' && segments.length > 2) {
      const shown = segments.find((p) => p.length >= 10 && pageHeadings().includes(fold(p)));
      if (shown) v = shown.trim();
    }
    if (v.length >= 3) return { value: v, rule: c.rule };
  }
  return null;
}

/** JSON-LD headline; its `name` instead when only the name agrees with the page's other titles. */
function ldHeadline(ld: JsonLd, meta: MetaMap, $: CheerioAPI): string | null {
  const headline = ldString(ldField(ld, 'headline'));
  const name = typeof ld.article?.name === 'string' ? ld.article.name : null;
  if (!headline || !name || fold(name) === fold(headline)) return headline ?? name;
  const el = $('title').first()[0];
  const others = [meta.get('og:title')?.[0], el ? textOf(el) : null].filter((x): x is string => !!x).map((x) => fold(squash(decodeEntities(x))));
  // why: some pages put a description in `headline` and the real title in `name`
  const agrees = (v: string) => others.some((o) => o.includes(fold(v)));
  return !agrees(headline) && agrees(name) ? name : headline;
}

/** Decode HTML entities left in a metadata string (JSON-LD and double-encoded meta carry them). */
export function decodeEntities(s: string): string {
  if (!s.includes('&') || !/&(?:#\d+|#x[\da-f]+|[a-z]+\d*);/iu.test(s)) return s;
  return load(`<p>${s.replace(/</gu, '&lt;')}</p>`)('p').text();
}
