/**
 * Publication and modification dates. Every source the page offers gives a candidate — structured metadata
 * (JSON-LD, meta names of the many CMSs, microdata), `<time>` and other dated elements ranked by position, dates in
 * the page's and canonical URL's path, visible dates near the headline and byline, inline scripts — each with a
 * weight. The day with the most weight behind it wins, its best-ranked source names it (provenance). Values keep the
 * offset as written; a UTC instant takes the local day the URL or visible date name. Never the clock: the fetch time
 * and the feed's date come in as inputs.
 */
import type { CheerioAPI } from 'cheerio';
import { OUTSIDE, pageDates, type PageDate } from './date-page.js';
import { ambiguousNumeric, findTextDate, MIN_YEAR, normalizeDate } from './date-text.js';
import { pageTags, textOf, type PageTags } from './dom.js';
import { ldField, ldString, typesOf, type JsonLd } from './json-ld.js';
import { metaFirst, type MetaMap } from './meta.js';

export { normalizeDate } from './date-text.js';

/** A found date with the rule that found it. */
export interface Found {
  value: string;
  rule: string;
}

/** What the date rules read. */
export interface DateContext {
  $: CheerioAPI;
  ld: JsonLd;
  meta: MetaMap;
  url: string | null;
  /** Read ambiguous numeric dates (09/05/2020) month first (US English pages). */
  monthFirst?: boolean;
  /** When the page was fetched (ISO): no publication date after it is plausible. */
  fetchedAt?: string | null;
  /** The date the feed item gave, reconciled with the page's own. */
  feedPublishedAt?: string | null;
}

/** One source's date and how much it counts. */
interface Candidate {
  value: string;
  day: string;
  rule: string;
  weight: number;
  /** The other reading of an ambiguous numeric date (11/01/2023), when there is one. */
  swapped?: string;
}

/** The page's dates found in its body, read once and shared by the rules that use them. */
interface Shared {
  /** The page's indexed tags (read once per call, not once per rule). */
  tags: PageTags;
  page: PageDate[] | null;
  /** The publication date's metadata settled the day: the page's shown dates are not read (for either date). */
  settled?: boolean;
}

interface DateRule {
  name: string;
  /** How much a date from this source counts when sources disagree. */
  weight: number;
  /** The weight on this page, when the page's CMS says what the source means. */
  weightOf?: (c: DateContext) => number;
  find: (c: DateContext, s: Shared) => string | null;
  /** Costly: asked only when no rule before it found a date ('any'), or none with a time and offset ('stamped'). */
  lastResort?: 'any' | 'stamped';
  /** Reads the dates the page shows (one walk of the body): skipped when the metadata settles the day. */
  shown?: true;
}

const PUBLISHED_META = [
  'article:published_time',
  'og:published_time',
  'article:published',
  'datepublished',
  'article.published',
  'published_time',
  'publish-date',
  'publishdate',
  'pubdate',
  'publication_date',
  'date',
  'dc.date.issued',
  'dc.date',
  'dcterms.created',
  'dcterms.issued',
  'dc.date.created',
  'dc:date',
  'dcterms:created',
  'dcterms:issued',
  'sailthru.date',
  'parsely-pub-date',
  'article_date_original',
  'cxenseparse:recs:publishtime',
  'originalpublicationdate',
  'displaydate',
  'og:article:published_time',
  'publish_date',
  'release_date',
  'created',
  'date.available',
  'prism.publicationdate',
  'citation_publication_date',
  'timestamp',
  'uploaddate',
  'datecreated',
  'date_published',
  'published',
  'publish_time',
  'shareaholic:article_published_time',
  'article:post_date',
  'og:pubdate',
  'bt:pubdate',
  'dc.created',
  'pub_date',
];
const MODIFIED_META = [
  'article:modified_time',
  'og:updated_time',
  'article:modified',
  'datemodified',
  'modified_time',
  'dcterms.modified',
  'dc.date.modified',
  'last-modified',
  'lastmod',
  'revision_date',
  'og:article:modified_time',
  'article.updated',
  'dcterms:modified',
  'shareaholic:article_modified_time',
];

const ldDate = (c: DateContext, keys: string[]): string | null => {
  for (const k of keys) {
    const v = ldString(ldField(c.ld, k));
    if (v) return v;
  }
  // why: a WebPage node without an article node still dates the page; people and organizations do not
  for (const node of c.ld.nodes) {
    if (typesOf(node).some((t) => /Person|Organization|Place|Event|Product|Offer|ItemList/u.test(t))) continue;
    for (const k of keys) {
      const v = ldString(node[k]);
      if (v) return v;
    }
  }
  return null;
};

const itemprop = (s: Shared, names: string[]): string | null => {
  const el = s.tags.itemprop.find((e) => names.includes(e.attribs.itemprop!));
  if (!el) return null;
  return (el.attribs.datetime ?? el.attribs.content ?? el.attribs.title ?? textOf(el)).trim().slice(0, 200) || null;
};

/** The page's shown dates (on a page of several <article> cards, those outside the cards or in the headline's). */
const pageOf = (c: DateContext, s: Shared): PageDate[] => (s.page ??= pageDates(s.tags.body, c.monthFirst ?? false, listPage(c, s)));

// why: on a page of several <article> cards, a date in a card is no more the page's than any other card's
const listPage = (c: DateContext, s: Shared) => s.tags.articles > 1 && !c.ld.article && c.meta.get('og:type')?.[0]?.toLowerCase() !== 'article';

/** The best-placed page date of a kind: first by weight of position, then in page order. */
function bestPage(c: DateContext, s: Shared, test: (d: PageDate) => boolean): PageDate | null {
  let best: PageDate | null = null;
  for (const d of pageOf(c, s)) if (test(d) && (!best || d.score > best.score)) best = d;
  return best;
}

const headerElement = (d: PageDate) => d.kind === 'published' && d.from === 'element' && d.placed && d.score >= 3;
const placedText = (d: PageDate) => d.kind === 'published' && d.from === 'text' && d.placed && d.score >= 2;

/**
 * The one day all the page's dates not counted against name, if they agree; none when a placed date already
 * speaks for the page (one date is one source, not two).
 */
function onlyDay(dates: PageDate[]): string | null {
  if (dates.some((d) => headerElement(d) || placedText(d))) return null;
  let day: string | null = null;
  for (const d of dates) {
    if (d.score < 0 || d.kind !== 'published') continue;
    if (day && d.day !== day) return null;
    day = d.day;
  }
  return day;
}

const PUBLISHED: DateRule[] = [
  { name: 'json-ld', weight: 10, find: (c) => ldDate(c, ['datePublished', 'dateCreated', 'uploadDate']) },
  { name: 'meta', weight: 9, weightOf: (c) => (lastChangedMeta(c) ? 4 : 9), find: (c) => metaFirst(c.meta, PUBLISHED_META)?.value ?? null },
  { name: 'microdata', weight: 8, find: (_c, s) => itemprop(s, ['datePublished', 'dateCreated', 'uploadDate']) },
  // an element's machine date in the header or byline, near the headline or under a date class
  { name: 'time-header', shown: true, weight: 6, find: (c, s) => bestPage(c, s, headerElement)?.value ?? null },
  { name: 'url', weight: 6, find: (c, s) => dateFromUrl(c.url) ?? dateFromUrl(canonicalHref(c, s)) },
  // a date written near the headline, in a byline or date element, or after a "Published" label
  { name: 'visible-text', shown: true, weight: 5, find: (c, s) => bestPage(c, s, placedText)?.value ?? null },
  // why last resort: reading every inline script costs more than all the other rules together
  { name: 'embedded-json', weight: 4, find: (_c, s) => scriptDate(s.tags, PUBLISHED_KEYS), lastResort: 'stamped' },
  // why: "08.11.2021 | Fachtag…", "Bericht vom 22.04.2020": a title that names a day names the page's
  { name: 'title', weight: 3, find: (c, s) => titleDate(c, s) },
  // why: a page that shows one day only (no lists, no comments with other days) shows its own
  { name: 'only-date', shown: true, weight: 3, find: (c, s) => onlyDay(pageOf(c, s)) },
  // why last: a lone <time> anywhere (several of them on a list page are no one's date)
  {
    name: 'time',
    shown: true,
    weight: 3,
    find: (c, s) => bestPage(c, s, (d) => d.kind === 'published' && d.from === 'element' && !d.placed && d.score >= 2)?.value ?? null,
  },
  // why last resort: when nothing else dates the page, the one day it shows, wherever it stands (a sidebar's "about
  // this post", a card of its own), is its day; two days or more say nothing
  { name: 'lone-date', shown: true, weight: 1, lastResort: 'any', find: (c, s) => loneDay(pageOf(c, s)) },
];

/**
 * The day of every published date the page shows, if there is one and only one, outside captions and comments and
 * in one card at most (dates in two cards or more are the cards').
 */
function loneDay(dates: PageDate[]): string | null {
  let day: string | null = null;
  let card = 0;
  for (const d of dates) {
    if (d.kind !== 'published' || d.foreign) continue;
    if (day && d.day !== day) return null;
    if (d.score === OUTSIDE) {
      if (card && d.card !== card) return null;
      card = d.card;
    }
    day = d.day;
  }
  return day;
}

const MODIFIED: DateRule[] = [
  { name: 'json-ld', weight: 10, find: (c) => ldDate(c, ['dateModified']) },
  { name: 'meta', weight: 9, find: (c) => metaFirst(c.meta, MODIFIED_META)?.value ?? null },
  { name: 'microdata', weight: 8, find: (_c, s) => itemprop(s, ['dateModified']) },
  {
    name: 'time-updated',
    shown: true,
    weight: 6,
    find: (c, s) => bestPage(c, s, (d) => d.kind === 'modified' && d.from === 'element' && d.score >= 2)?.value ?? null,
  },
  { name: 'embedded-json', weight: 4, find: (_c, s) => scriptDate(s.tags, MODIFIED_KEYS), lastResort: 'any' },
];

const STRUCTURED = new Set(['json-ld', 'meta', 'microdata']);

/**
 * TYPO3 writes `<meta name="date">` from the page record's last change, not the story's publication: a date the page
 * shows outweighs it, while it still dates a page that shows none.
 */
function lastChangedMeta(c: DateContext): boolean {
  return metaFirst(c.meta, PUBLISHED_META)?.key === 'date' && /typo3/iu.test(c.meta.get('generator')?.[0] ?? '');
}

const PUBLISHED_KEYS = [
  'datePublished',
  'publishedAt',
  'published_at',
  'publishDate',
  'publishedDate',
  'publish_date',
  'firstPublished',
  'first_published_at',
  'pubDate',
  'publicationDate',
  'articlePublishTime',
  'publishTime',
  'publish_time',
  'published_time',
  'date_published',
  'publishedTime',
  'releaseDate',
  'dateCreated',
  'created_at',
  'createdAt',
];
const MODIFIED_KEYS = ['dateModified', 'updatedAt', 'updated_at', 'modifiedDate', 'lastModified', 'dateUpdated', 'modified_at'];

const keyRes = new Map<string, RegExp>();
/** `key: "2024-05-03…"` with the key quoted or not, as JSON or JavaScript writes it. */
function keyRe(keys: string[]): RegExp {
  const k = keys.join('|');
  let re = keyRes.get(k);
  if (!re) {
    re = new RegExp(`["']?\\b(?:${k})["']?\\s*[:=]\\s*["'](\\d{4}-\\d{2}-\\d{2}[^"']{0,30}|\\d{10}(?:\\d{3})?)["']`, 'gu');
    keyRes.set(k, re);
  }
  return re;
}

/** A date under a known key in the page's inline scripts and JSON data blobs (not JSON-LD). */
function scriptDate(tags: PageTags, keys: string[]): string | null {
  const re = keyRe(keys);
  let budget = 1_500_000;
  for (const el of tags.script) {
    if (el.attribs.src !== undefined || /ld\+json/iu.test(el.attribs.type ?? '')) continue;
    const text = textOf(el);
    if (!text) continue;
    re.lastIndex = 0;
    const first = re.exec(text.length > budget ? text.slice(0, budget) : text);
    if (first) return localTwin(re, text, first[1]!);
    budget -= text.length;
    if (budget <= 0) break;
  }
  return null;
}

function titleDate(c: DateContext, s: Shared): string | null {
  const title = s.tags.title;
  for (const t of [title ? textOf(title) : null, c.meta.get('og:title')?.[0]]) {
    const found = t ? findTextDate(t, c.monthFirst) : null;
    if (found) return found.day;
  }
  return null;
}

/** The same instant written with the publisher's offset further on, when the first value is in UTC. */
function localTwin(re: RegExp, text: string, value: string): string {
  const at = Date.parse(value);
  if (!utcInstant(value) || Number.isNaN(at)) return value;
  for (let i = 0; i < 5; i++) {
    const m = re.exec(text);
    if (!m) break;
    if (!utcInstant(m[1]!) && Date.parse(m[1]!) === at) return m[1]!;
  }
  return value;
}

function canonicalHref(c: DateContext, s: Shared): string | null {
  const link = s.tags.link.find((el) => /(?:^|\s)canonical(?:\s|$)/iu.test(el.attribs.rel ?? ''));
  return link?.attribs.href ?? c.meta.get('og:url')?.[0] ?? null;
}

/** A date in a URL's path: /2024/05/03/, /2024-05-03/, /20240503/, -20240503, /03-05-2024-…, _03.05.2024_. */
export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  let m = /[/_-](20\d{2}|19\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/u.exec(url);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /[/_~-](0[1-9]|[12]\d|3[01])([-_.])(0[1-9]|1[0-2])\2(20\d{2})(?:[/_.-]|$)/u.exec(url);
  return m ? `${m[4]}-${m[3]}-${m[1]}` : null;
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const daysApart = (a: string, b: string) => Math.abs(dayMs(a) - dayMs(b)) / 86_400_000;

/** Every rule's candidate, plausible ones only. */
function candidates(rules: DateRule[], c: DateContext, s: Shared): Candidate[] {
  const latest = c.fetchedAt ? (normalizeDate(c.fetchedAt)?.slice(0, 10) ?? null) : null;
  const out: Candidate[] = [];
  for (const rule of rules) {
    if (rule.lastResort === 'any' && out.length) continue;
    if (rule.lastResort === 'stamped' && out.some((o) => stamped(o.value))) continue;
    if (rule.shown) {
      s.settled ??= settled(out);
      if (s.settled) continue;
    }
    let raw: string | null = null;
    try {
      raw = rule.find(c, s);
    } catch {
      raw = null;
    }
    const value = normalizeDate(raw, c.monthFirst);
    if (!value) continue;
    const day = value.slice(0, 10);
    // why: before 1995 only when the page's metadata states it as the date; never after the fetch (a day of slack
    // for time zones)
    if (!STRUCTURED.has(rule.name) && Number(day.slice(0, 4)) < MIN_YEAR) continue;
    if (latest && daysApart(day, latest) > 1 && day > latest) continue;
    const cand: Candidate = { value, day, rule: rule.name, weight: rule.weightOf?.(c) ?? rule.weight };
    if (raw && ambiguousNumeric(raw)) cand.swapped = normalizeDate(raw, !c.monthFirst)?.slice(0, 10);
    out.push(cand);
  }
  return out;
}

/**
 * The metadata settles the day: JSON-LD gives a time with the publisher's own offset and other metadata names the
 * same day. why: then no shown date has ever outvoted it, and reading the page's dates is a fifth of the extraction
 */
function settled(found: Candidate[]): boolean {
  const ld = found.find((c) => c.rule === 'json-ld');
  return !!ld && stamped(ld.value) && !utcInstant(ld.value) && found.some((c) => c !== ld && STRUCTURED.has(c.rule) && c.day === ld.day);
}

/** True for a value with a time of day and an explicit offset. */
const stamped = (v: string) => /T\d{2}:\d{2}.*(?:Z|[+-]\d{2}:?\d{2})$/u.test(v);

/** True for an instant written in UTC (Z or +00:00) with a time of day. */
const utcInstant = (v: string) => /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|\+00:?00)$/u.test(v);

/**
 * A UTC instant can fall on the other's day in some publisher's time zone: the same instant written with an offset,
 * or a day before with the UTC hour under 10, a day after with it 14 or later (offsets within ±10 h).
 */
function localDayFits(utc: string, other: Candidate): boolean {
  // why stamped: Date.parse reads a value without an offset in the machine's zone
  if (stamped(other.value)) return Date.parse(other.value) === Date.parse(utc);
  const hour = Number(utc.slice(11, 13));
  return other.day < utc.slice(0, 10) ? hour < 10 : hour >= 14;
}

/** Reconcile candidates: ambiguous readings and UTC days that other sources name otherwise. */
function reconcile(cands: Candidate[]): void {
  const others = (c: Candidate) => cands.filter((o) => o !== c);
  for (const c of cands) {
    // why: 11/01/2023 read month first is 1 November when the visible date says so
    if (c.swapped && c.swapped !== c.day && !others(c).some((o) => o.day === c.day) && others(c).some((o) => o.day === c.swapped)) {
      c.day = c.swapped;
      c.value = c.swapped;
    }
    // why: a UTC instant's day is one off the publisher's local day near midnight; the URL and the visible date are local
    if (utcInstant(c.value)) {
      // why: a shown clock time with the instant's minutes is the instant in local time, and its day the local day
      const clock = others(c).find(
        (o) => /T\d{2}:\d{2}/u.test(o.value) && !stamped(o.value) && o.value.slice(14, 16) === c.value.slice(14, 16) && daysApart(o.day, c.day) <= 1,
      );
      if (clock) {
        if (clock.day !== c.day) {
          c.day = clock.day;
          c.value = clock.day;
        }
        continue;
      }
      // the weight of sources written in local terms behind the UTC day and behind the neighbouring local day
      const own = others(c)
        .filter((o) => o.day === c.day && !utcInstant(o.value))
        .reduce((sum, o) => sum + o.weight, 0);
      const locals = others(c).filter((o) => !utcInstant(o.value) && daysApart(o.day, c.day) === 1 && localDayFits(c.value, o));
      const local = locals[0];
      if (local && locals.filter((o) => o.day === local.day).reduce((sum, o) => sum + o.weight, 0) > own) {
        c.day = local.day;
        c.value = stamped(local.value) && Date.parse(local.value) === Date.parse(c.value) ? local.value : local.day;
      }
    }
  }
}

/**
 * The day with the most weight behind it (each rule counts once); ties go to the best-ranked rule. A day-only value
 * one day from a structured timestamp supports it. why: print-dated pages show the next morning's issue date for a
 * story put online the evening before, and the timestamp says which.
 */
function vote(cands: Candidate[]): { winner: Candidate; support: number } | null {
  if (!cands.length) return null;
  const totals = new Map<string, number>();
  for (const c of cands) totals.set(c.day, (totals.get(c.day) ?? 0) + c.weight);
  for (const c of cands) {
    if (!STRUCTURED.has(c.rule) || !stamped(c.value)) continue;
    const near = cands.filter((o) => o.value.length === 10 && daysApart(o.day, c.day) === 1).reduce((sum, o) => sum + o.weight, 0);
    totals.set(c.day, totals.get(c.day)! + near);
  }
  let winner = cands[0]!;
  for (const c of cands) if (totals.get(c.day)! > totals.get(winner.day)!) winner = c;
  const group = cands.filter((c) => c.day === winner.day);
  // why: of the sources naming the winning day, the best-ranked one that also gives the time and offset speaks for it
  if (!stamped(winner.value)) winner = group.find((c) => stamped(c.value)) ?? winner;
  return { winner, support: group.length };
}

const shared = (c: DateContext): Shared => ({ tags: pageTags(c.$.root()[0]!), page: null });

/** Every source's publication date candidate, reconciled, in rule order (for tracing which source said what). */
export function publishedCandidates(c: DateContext): { rule: string; value: string; day: string; weight: number }[] {
  const pub = candidates(PUBLISHED, c, shared(c));
  reconcile(pub);
  return pub.map(({ rule, value, day, weight }) => ({ rule, value, day, weight }));
}

/** Published and modified dates, kept apart, and warnings (the feed's date disagreeing with the page's). */
export function findDates(c: DateContext): { published: Found | null; modified: Found | null; warnings: string[] } {
  const s = shared(c);
  const warnings: string[] = [];
  const pub = candidates(PUBLISHED, c, s);
  reconcile(pub);
  const chosen = vote(pub);
  let published: Found | null = chosen ? { value: chosen.winner.value, rule: chosen.winner.rule } : null;
  const feed = normalizeDate(c.feedPublishedAt);
  if (chosen && feed && daysApart(feed.slice(0, 10), chosen.winner.day) > 1) {
    // why: keep the date more sources support; the feed counts as one source
    const feedSupport = 1 + pub.filter((p) => daysApart(p.day, feed.slice(0, 10)) <= 1).length;
    // why: the lone date is a last resort's guess; a feed that states another day is the better source
    const keepFeed = feedSupport > chosen.support || (feedSupport === chosen.support && chosen.winner.rule === 'lone-date');
    warnings.push(
      `publication date: the page says ${chosen.winner.day} (${chosen.winner.rule}), the feed ${feed.slice(0, 10)}; kept the ${keepFeed ? 'feed' : 'page'}'s`,
    );
    if (keepFeed) published = { value: feed, rule: 'feed' };
  }
  const mod = candidates(MODIFIED, c, s);
  const modified = mod[0] ? { value: mod[0].value, rule: mod[0].rule } : null;
  return { published, modified, warnings };
}
