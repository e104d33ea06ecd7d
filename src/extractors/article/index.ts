/**
 * Article page → clean body text and metadata (cheerio). First version: meta tags and <p> text.
 */
import * as cheerio from 'cheerio';
import type { Article } from '../../domain/types.js';

export interface ExtractArticleOptions {
  /** The page's URL (after redirects): resolves relative links, feeds URL date patterns. */
  url?: string | null;
  /** The HTTP Content-Type header, used to decode a Buffer. */
  contentType?: string | null;
}

function emptyArticle(url: string | null, warning: string): Article {
  return {
    title: null, authors: [], publishedAt: null, modifiedAt: null, canonicalUrl: null, url, lang: null,
    siteName: null, description: null, image: null, section: null, tags: [], text: '', syndication: null,
    provenance: {}, isArticle: false, warnings: [warning],
  };
}

/** Extract body text and metadata from an article page. Never throws. */
export function extractArticle(html: string | Buffer, opts: ExtractArticleOptions = {}): Article {
  const url = opts.url ?? null;
  const source = typeof html === 'string' ? html : html.toString('utf8');
  if (!source.trim()) return emptyArticle(url, 'empty input');
  const $ = cheerio.load(source);
  const meta = (sel: string) => $(sel).first().attr('content')?.trim() || null;
  const title = meta('meta[property="og:title"]') ?? ($('title').first().text().trim() || null);
  const paragraphs = $('article p, main p').toArray().map((el) => $(el).text().replace(/\s+/gu, ' ').trim()).filter(Boolean);
  const text = paragraphs.join('\n\n');
  return {
    title,
    authors: meta('meta[name="author"]') ? [meta('meta[name="author"]')!] : [],
    publishedAt: meta('meta[property="article:published_time"]'),
    modifiedAt: meta('meta[property="article:modified_time"]'),
    canonicalUrl: $('link[rel="canonical"]').attr('href') ?? null,
    url,
    lang: $('html').attr('lang') ?? null,
    siteName: meta('meta[property="og:site_name"]'),
    description: meta('meta[name="description"]') ?? meta('meta[property="og:description"]'),
    image: meta('meta[property="og:image"]'),
    section: meta('meta[property="article:section"]'),
    tags: [],
    text,
    syndication: null,
    provenance: {},
    isArticle: text.length > 0,
    warnings: [],
  };
}
