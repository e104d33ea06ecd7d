/**
 * Publication and modification dates: ordered rules (JSON-LD, article:* meta, other meta, microdata, <time>, URL),
 * values normalized to ISO 8601 keeping the offset as written. Never the clock.
 */
import type { CheerioAPI } from 'cheerio';
import { ldField, ldString, type JsonLd } from './json-ld.js';
import { metaFirst, type MetaMap } from './meta.js';
import type { Element } from 'domhandler';
import { hasAncestor, pageTags, selectFirst, textOf, walk, type PageTags } from './dom.js';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const pad = (n: number | string, w = 2) => String(n).padStart(w, '0');

function validDay(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function offsetOf(z: string | undefined): string {
  if (!z) return '';
  if (/^(?:z|gmt|utc|ut)$/iu.test(z)) return 'Z';
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/u.exec(z);
  return m ? `${m[1]}${pad(m[2]!)}:${m[3] ?? '00'}` : '';
}

/** Normalize a date string as written to ISO 8601 (offset kept), or null when it is not a date. */
export function normalizeDate(input: string | null | undefined, monthFirst = false): string | null {
  if (!input) return null;
  const s = input.trim();
  // ISO-like: 2024-05-03, 2024-05-03T15:47:42.389+02:00, 2024-05-03 15:47:42 +0200, 2024/05/03 15:47
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{1,2}:?\d{2}|GMT|UTC)?)?/iu.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(y, mo, d)) return null;
    const day = `${m[1]}-${pad(mo)}-${pad(d)}`;
    if (m[4] === undefined) return day;
    return `${day}T${pad(m[4])}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}${offsetOf(m[8])}`;
  }
  // Epoch seconds or milliseconds
  if (/^\d{10}(?:\d{3})?$/u.test(s)) {
    const ms = s.length === 13 ? Number(s) : Number(s) * 1000;
    const iso = new Date(ms).toISOString();
    return validDay(Number(iso.slice(0, 4)), 1, 1) ? iso.replace('.000Z', 'Z') : null;
  }
  // RFC 2822 / English: "Fri, 03 May 2024 15:47:42 +0200", "May 3, 2024", "3 May 2024 10:00 GMT"
  m = /(?:^|[\s,])(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*(Z|[+-]\d{2}:?\d{2}|GMT|UTC)?)?/iu.exec(s);
  let y: number;
  let mo: number | undefined;
  let d: number;
  if (m) {
    [d, mo, y] = [Number(m[1]), MONTHS[m[2]!.slice(0, 3).toLowerCase()], Number(m[3])];
  } else {
    m = /(?:^|[\s,])([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*(Z|[+-]\d{2}:?\d{2}|GMT|UTC)?)?/iu.exec(s);
    if (!m) return numericDate(s, monthFirst);
    [mo, d, y] = [MONTHS[m[1]!.slice(0, 3).toLowerCase()], Number(m[2]), Number(m[3])];
  }
  if (!mo || !validDay(y, mo, d)) return null;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (m[4] === undefined) return day;
  let h = Number(m[4]);
  if (m[7]) {
    const pm = m[7].toLowerCase().startsWith('p');
    if (pm && h < 12) h += 12;
    if (!pm && h === 12) h = 0;
  }
  // why: a clock time without an offset stays local as written; with one, the offset is kept
  return `${day}T${pad(h)}:${m[5]}:${m[6] ?? '00'}${offsetOf(m[8])}`;
}

function numericDate(s: string, monthFirst: boolean): string | null {
  // 03.05.2024 is day first; 09/05/2020 is month first on US-English pages, day first elsewhere
  const m = /^(\d{1,2})([./])(\d{1,2})[./](\d{4})(?:,?\s+(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?)?/iu.exec(s);
  if (!m) return null;
  let [d, mo] = [Number(m[1]), Number(m[3])];
  const y = Number(m[4]);
  if ((m[2] === '/' && monthFirst && d <= 12) || mo > 12) [d, mo] = [mo, d];
  if (!validDay(y, mo, d) || mo > 12) return null;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (!m[5]) return day;
  let h = Number(m[5]);
  if (m[7]) {
    const pm = m[7].toLowerCase().startsWith('p');
    if (pm && h < 12) h += 12;
    if (!pm && h === 12) h = 0;
  }
  return `${day}T${pad(h)}:${m[6]}:00`;
}

/** A found date with the rule that found it. */
export interface Found {
  value: string;
  rule: string;
}

interface DateContext {
  $: CheerioAPI;
  ld: JsonLd;
  meta: MetaMap;
  url: string | null;
  /** Read ambiguous numeric dates (09/05/2020) month first (US English pages). */
  monthFirst?: boolean;
}

type DateRule = { name: string; find: (c: DateContext) => string | null };

const PUBLISHED_META = [
  'article:published_time', 'og:published_time', 'article:published', 'datepublished', 'article.published',
  'published_time', 'publish-date', 'publishdate', 'pubdate', 'publication_date', 'date', 'dc.date.issued', 'dc.date',
  'dcterms.created', 'dcterms.issued', 'dc.date.created', 'sailthru.date', 'parsely-pub-date', 'article_date_original',
  'cxenseparse:recs:publishtime', 'originalpublicationdate', 'displaydate', 'og:article:published_time', 'publish_date',
  'release_date', 'created', 'date.available', 'prism.publicationdate', 'citation_publication_date', 'timestamp',
];
const MODIFIED_META = [
  'article:modified_time', 'og:updated_time', 'article:modified', 'datemodified', 'modified_time', 'dcterms.modified',
  'dc.date.modified', 'last-modified', 'lastmod', 'revision_date', 'og:article:modified_time', 'article.updated',
];

/** The date the first element `test` accepts carries (as `$(selector).first()` would find it). */
function attrDate($: CheerioAPI, test: (el: Element) => boolean, pick: (t: PageTags) => Element[]): string | null {
  const root = $.root()[0]!;
  const found = selectFirst(root, test, pick(pageTags(root)));
  if (!found) return null;
  const el = $(found);
  const v = el.attr('datetime') ?? el.attr('content') ?? el.attr('title') ?? el.text();
  return v ? v.trim().slice(0, 200) : null;
}

// The selectors of the date rules, as element tests (see selectAll)
const isTime = (el: Element) => el.name === 'time';
const classHas = (el: Element, part: string) => el.attribs.class?.includes(part) === true;
const itemprop = (...names: string[]) => (el: Element) => el.attribs.itemprop !== undefined && names.includes(el.attribs.itemprop);
// the candidates of each test: elements with an itemprop, <time> elements
const props = (t: PageTags) => t.itemprop;
const times = (t: PageTags) => t.time;
/** time[pubdate], time[data-published], [class*="publish"] time, time[class*="publish"] */
const timePublished = (el: Element) =>
  isTime(el) && (el.attribs.pubdate !== undefined || el.attribs['data-published'] !== undefined || classHas(el, 'publish') || hasAncestor(el, (p) => classHas(p, 'publish')));
/** time[class*="updated"], time[class*="modified"], [class*="updated"] time */
const timeUpdated = (el: Element) => isTime(el) && (classHas(el, 'updated') || classHas(el, 'modified') || hasAncestor(el, (p) => classHas(p, 'updated')));
/** time[datetime] */
const timeDatetime = (el: Element) => isTime(el) && el.attribs.datetime !== undefined;
/** article time[datetime], header time[datetime], main time[datetime] */
const timeInArticle = (el: Element) => timeDatetime(el) && hasAncestor(el, (p) => p.name === 'article' || p.name === 'header' || p.name === 'main');

const PUBLISHED: DateRule[] = [
  { name: 'json-ld', find: (c) => ldString(ldField(c.ld, 'datePublished')) ?? ldString(ldField(c.ld, 'dateCreated')) },
  { name: 'meta', find: (c) => metaFirst(c.meta, PUBLISHED_META)?.value ?? null },
  { name: 'microdata', find: (c) => attrDate(c.$, itemprop('datePublished', 'dateCreated'), props) },
  { name: 'time-pubdate', find: (c) => attrDate(c.$, timePublished, times) },
  { name: 'embedded-json', find: (c) => embeddedJsonDate(c.$, PUBLISHED_KEYS) },
  // why: on a page of several <article> cards, no <time> is known to be the page's own
  { name: 'time', find: (c) => (declaredArticle(c) ? attrDate(c.$, timeInArticle, times) ?? attrDate(c.$, timeDatetime, times) : null) ?? onlyTime(c.$) },
  { name: 'text-stamp', find: (c) => textStamp(c.$) },
  { name: 'url', find: (c) => dateFromUrl(c.url) },
];

const MODIFIED: DateRule[] = [
  { name: 'json-ld', find: (c) => ldString(ldField(c.ld, 'dateModified')) },
  { name: 'meta', find: (c) => metaFirst(c.meta, MODIFIED_META)?.value ?? null },
  { name: 'microdata', find: (c) => attrDate(c.$, itemprop('dateModified'), props) },
  { name: 'time-updated', find: (c) => attrDate(c.$, timeUpdated, times) },
  { name: 'embedded-json', find: (c) => embeddedJsonDate(c.$, MODIFIED_KEYS) },
];

const PUBLISHED_KEYS = ['datePublished', 'publishedAt', 'published_at', 'publishDate', 'publishedDate', 'firstPublished', 'first_published_at', 'pubDate', 'publicationDate'];
const MODIFIED_KEYS = ['dateModified', 'updatedAt', 'updated_at', 'modifiedDate', 'lastModified', 'dateUpdated'];

/** A date under a known key in the page's JSON data blobs (__NEXT_DATA__, application/json state). */
function embeddedJsonDate($: CheerioAPI, keys: string[]): string | null {
  const re = new RegExp(`["'](?:${keys.join('|')})["']\\s*:\\s*["'](\\d{4}-\\d{2}-\\d{2}[^"']{0,30})["']`, 'u');
  const blobs = pageTags($.root()[0]!).script.filter((el) => /json|nuxt/iu.test(el.attribs.type ?? '') && !/ld\+json/iu.test(el.attribs.type ?? '') || el.attribs.id === '__NEXT_DATA__');
  for (const el of blobs.slice(0, 10)) {
    const m = re.exec(textOf(el).slice(0, 1_000_000));
    if (m) return m[1]!;
  }
  return null;
}

/** The page says it is one article (one <article>, og:type article, or a JSON-LD article node). */
function declaredArticle(c: DateContext): boolean {
  return pageTags(c.$.root()[0]!).articles === 1 || c.meta.get('og:type')?.[0]?.toLowerCase() === 'article' || !!c.ld.article;
}

/** The page's only <time datetime> (with several, none of them is known to be the article's). */
function onlyTime($: CheerioAPI): string | null {
  const found = pageTags($.root()[0]!).time.filter(timeDatetime);
  return found.length === 1 ? (found[0]!.attribs.datetime ?? null) : null;
}

const STAMP = /^\s*(?:posted|published|publié|publicado|pubblicato|veröffentlicht|erschienen|first published)\b\s*(?:on|le|el|il|am)?\s*:?\s*(.{6,80}?)\s*$/iu;

/** A visible "Posted: 09/05/2020 12:35 AM" / "Published September 18, 2020" line. */
function textStamp($: CheerioAPI): string | null {
  const body = pageTags($.root()[0]!).body;
  if (!body) return null;
  let found: string | null = null;
  let seen = 0;
  walk(body, (n) => {
    if (found || seen > 3000) return false;
    if (n.type === 'text') {
      seen++;
      const m = STAMP.exec(n.data);
      if (m) found = m[1]!;
      return;
    }
    return n.type === 'tag' && n.name !== 'script' && n.name !== 'style';
  });
  return found;
}

/** A date in the URL path: /2024/05/03/, /2024-05-03/, /20240503/. */
export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  const m = /[/_-](20\d{2}|19\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/u.exec(url);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function firstGood(rules: DateRule[], c: DateContext): Found | null {
  for (const rule of rules) {
    let raw: string | null = null;
    try {
      raw = rule.find(c);
    } catch {
      raw = null;
    }
    const value = normalizeDate(raw, c.monthFirst);
    if (value) return { value, rule: rule.name };
  }
  return null;
}

/** Published and modified dates, kept apart. */
export function findDates(c: DateContext): { published: Found | null; modified: Found | null } {
  return { published: firstGood(PUBLISHED, c), modified: firstGood(MODIFIED, c) };
}
