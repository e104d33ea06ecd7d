/**
 * Article page → clean body text and metadata (cheerio on htmlparser2). Each field family has its own module of
 * ordered rules; `provenance` records which rule produced each field. Never throws.
 */
import type { Document } from 'domhandler';
import type { Article, ArticleField } from '../../domain/types.js';
import { findAuthors } from './authors.js';
import { extractBody } from './body.js';
import { decodeHtml, decodeHtmlChunks } from './charset.js';
import { findDates } from './dates.js';
import { pageTags } from './dom.js';
import { flattenMarkup, nestingDepth, nestingDepthOfUtf8 } from './guard.js';
import { findDescription, findImage, findLang, findSection, findSiteName, findTags, type Hit } from './fields.js';
import { readJsonLd } from './json-ld.js';
import { readMeta } from './meta.js';
import { loadHtml } from './parse.js';
import { judgeArticle } from './page-kind.js';
import { PageText } from './page-text.js';
import { stateBodyHtml } from './state-body.js';
import { findSyndication } from './syndication.js';
import { findTitle, siteNameHints } from './title.js';
import { findCanonical } from './url.js';

export interface ExtractArticleOptions {
  /** The page's URL (after redirects): resolves relative links, feeds URL date patterns. */
  url?: string | null;
  /** The HTTP Content-Type header, used to decode a Buffer. */
  contentType?: string | null;
  /** Inputs longer than this many characters are cut (default 2,500,000). */
  maxChars?: number;
  /** When the page was fetched (ISO): no publication date after it is plausible. */
  fetchedAt?: string | null;
  /** The feed item's date: when it and the page's differ by more than a day, the better-supported one is kept. */
  feedPublishedAt?: string | null;
}

/** Nesting deeper than this skips scoring (the page is read as a whole); no real article nests this deep. */
const MAX_DEPTH = 1000;

/** An article with every field empty: a page that is no article, or a base for tests. */
export function emptyArticle(url: string | null, warnings: string[]): Article {
  return {
    title: null,
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    canonicalUrl: null,
    url,
    lang: null,
    siteName: null,
    description: null,
    image: null,
    section: null,
    tags: [],
    text: '',
    syndication: null,
    provenance: {},
    isArticle: false,
    warnings,
  };
}

/** True when the start of the input looks like binary data rather than markup or text. */
function looksBinary(s: string): boolean {
  const n = Math.min(s.length, 4096);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad > n * 0.1;
}

/** Extract body text and metadata from an article page. Never throws. */
export function extractArticle(html: string | Buffer, opts: ExtractArticleOptions = {}): Article {
  const url = opts.url ?? null;
  try {
    return extract(html, opts, url);
  } catch (err) {
    return emptyArticle(url, [`extraction failed: ${(err as Error)?.message ?? String(err)}`]);
  }
}

function extract(html: string | Buffer, opts: ExtractArticleOptions, url: string | null): Article {
  const warnings: string[] = [];
  if (html === null || html === undefined) return emptyArticle(url, ['empty input']);
  let text: PageText;
  // the bytes the text was decoded from, when they are valid UTF-8 (the nesting guard reads them instead)
  let utf8: Buffer | null = null;
  if (typeof html === 'string') text = new PageText([html]);
  else if (Buffer.isBuffer(html)) {
    const max = (opts.maxChars ?? 2_500_000) * 2;
    const buf = html.length > max ? html.subarray(0, max) : html;
    const chunks = decodeHtmlChunks(buf, opts.contentType);
    if (chunks) utf8 = buf;
    text = new PageText(chunks ?? [decodeHtml(buf, opts.contentType).text]);
  } else return emptyArticle(url, ['input is neither a string nor a Buffer']);
  if (!text.hasNonSpace()) return emptyArticle(url, ['empty input']);
  if (looksBinary(text.slice(0, 4096))) return emptyArticle(url, ['binary input: not HTML']);
  const maxChars = opts.maxChars ?? 2_500_000;
  if (text.length > maxChars) {
    warnings.push(`input truncated to ${maxChars} characters (was ${text.length})`);
    text = new PageText([text.join().slice(0, maxChars)]);
    utf8 = null;
  }

  // why: parsers and selectors slow down badly on pathological nesting (50,000 levels); no real page nests this deep
  if ((utf8 ? nestingDepthOfUtf8(utf8, MAX_DEPTH) : nestingDepth(text.join(), MAX_DEPTH)) >= MAX_DEPTH) {
    warnings.push(`nesting deeper than ${MAX_DEPTH} levels: container tags dropped, body read from the whole page`);
    text = new PageText([flattenMarkup(text.join())]);
  }
  let $ = loadHtml(text.chunks);
  // why: cheerio de-duplicates a selection's context roots pairwise (quadratic): a page of 200,000 bare top-level
  // <p> took forever. One wrapper element makes the context a single root; real pages have a handful of roots.
  if ($.root().children().length > 200) {
    text = new PageText([`<body>${text.join()}</body>`]);
    $ = loadHtml(text.chunks);
  }
  const doc = $.root()[0] as Document;
  const meta = readMeta($);
  const ld = readJsonLd($);
  if (ld.repaired) warnings.push(`repaired ${ld.repaired} malformed JSON-LD block(s)`);
  if (ld.failed) warnings.push(`ignored ${ld.failed} unparsable JSON-LD block(s)`);
  const provenance: Partial<Record<ArticleField, string>> = {};
  const take = <T>(field: ArticleField, hit: Hit<T> | null): T | null => {
    if (!hit) return null;
    provenance[field] = hit.rule;
    return hit.value;
  };

  const title = take('title', findTitle($, meta, ld, url));
  const authors = take('authors', findAuthors($, meta, ld, siteNameHints(meta, ld, url))) ?? [];
  const ctx = { $, meta, ld, url };
  const lang = take('lang', findLang(ctx));
  // why: 09/05/2020 is September 5 on a US-English page, 9 May elsewhere; without a language, English text decides
  const monthFirst = lang ? /^en(?:-us)?$/iu.test(lang) : /\b(?:the|and|of|to)\b/iu.test(title ?? '');
  const dates = findDates({ $, ld, meta, url, monthFirst, fetchedAt: opts.fetchedAt ?? null, feedPublishedAt: opts.feedPublishedAt ?? null });
  warnings.push(...dates.warnings);
  const publishedAt = take('publishedAt', dates.published);
  const modifiedAt = take('modifiedAt', dates.modified);
  const canonicalUrl = take('canonicalUrl', findCanonical($, meta, url));
  const siteName = take('siteName', findSiteName(ctx));
  const description = take('description', findDescription(ctx));
  const image = take('image', findImage(ctx));
  const section = take('section', findSection(ctx));
  const tags = take('tags', findTags(ctx)) ?? [];

  const deep = pageTags(doc).depth >= MAX_DEPTH;
  if (deep) warnings.push(`nesting still deeper than ${MAX_DEPTH} levels: body read from the whole page`);
  let body = extractBody(doc, title, { ld, scoring: !deep });
  if (body.text.length < 200 && !deep) {
    // why: cues can misfire on a whole page ("sidebar-grid" around the story); read a fresh parse leniently
    const second = extractBody(loadHtml(text.chunks).root()[0] as Document, title, { ld, scoring: true, lenient: true });
    if (second.text.length > body.text.length) body = { ...second, rule: `${second.rule}-lenient` };
  }
  if (body.text.length < 200 && !deep) {
    // why: a page that renders its text with scripts carries the story's HTML in its inline state
    const html = stateBodyHtml(text.join());
    const third = html
      ? extractBody(loadHtml(`<html><body><article>${html}</article></body></html>`).root()[0] as Document, title, { ld, scoring: true, lenient: true })
      : null;
    if (third && third.text.length > body.text.length) body = { ...third, rule: 'inline-state' };
  }
  if (body.text) provenance.text = body.rule;
  else warnings.push('no body text found');
  const syndication = findSyndication(body.blocks, canonicalUrl, url, text);
  if (syndication) provenance.syndication = syndication.rule;
  const kind = judgeArticle({ text: body.text, blocks: body.blocks, ld, meta, publishedAt, authors, url });
  if (!kind.isArticle) warnings.push(`not an article: ${kind.reason}`);

  return {
    title,
    authors,
    publishedAt,
    modifiedAt,
    canonicalUrl,
    url,
    lang,
    siteName,
    description,
    image,
    section,
    tags,
    text: body.text,
    syndication,
    provenance,
    isArticle: kind.isArticle,
    warnings,
  };
}
