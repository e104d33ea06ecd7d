/**
 * JSON-LD: parse every <script type="application/ld+json"> (tolerating common breakage), flatten @graph and arrays,
 * and pick the node that describes the article.
 */
import type { CheerioAPI } from 'cheerio';
import { pageTags, textOf } from './dom.js';
import { rx } from '../rx.js';

/** A JSON-LD node (an object with string keys). */
export type LdNode = Record<string, unknown>;

/** What the page's JSON-LD says, as found. */
export interface JsonLd {
  /** Every node with an @type, in page order. */
  nodes: LdNode[];
  /** The node that describes the article (NewsArticle, BlogPosting, …), or null. */
  article: LdNode | null;
  /** Blocks that needed repair or could not be parsed at all (for warnings). */
  repaired: number;
  failed: number;
  /** Raw text of unparsable blocks, for regex fallbacks. */
  broken: string[];
}

const ARTICLE_TYPES = rx('u')`
    ^(?:\w+:)?(?:NewsArticle|Article|BlogPosting|Blog|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|
      ReviewNewsArticle|AskPublicNewsArticle|LiveBlogPosting|SocialMediaPosting|ScholarlyArticle|TechArticle|Report|SatiricalArticle|
      AdvertiserContentArticle|MedicalScholarlyArticle|Review|Recipe|VideoObject)$`;
const PAGE_TYPES = /^(?:\w+:)?(?:WebPage|ItemPage|AboutPage|ProfilePage|QAPage|MediaGallery)$/u;

/** The @type values of a node. */
export function typesOf(node: LdNode): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function tryParse(raw: string): { value: unknown; repaired: boolean } | null {
  try {
    return { value: JSON.parse(raw), repaired: false };
  } catch {
    // fall through to repairs
  }
  let s = raw
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/u, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/u, '')
    .replace(/^\s*\/\*[\s\S]*?\*\/\s*/u, '');
  // why: raw control characters (newlines, tabs) inside strings are the most common breakage
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces (JSON forbids them raw)
  s = s.replace(/[\u0000-\u001f]+/gu, ' ');
  // why: trailing commas before } or ]
  s = s.replace(/,\s*([}\]])/gu, '$1');
  const attempts = [s, `[${s.replace(/\}\s*\{/gu, '},{')}]`, s.replace(/;\s*$/u, '')];
  for (const a of attempts) {
    try {
      return { value: JSON.parse(a), repaired: true };
    } catch {
      // next attempt
    }
  }
  return null;
}

function flatten(value: unknown, out: LdNode[]): void {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  let budget = 5000;
  while (stack.length && budget-- > 0) {
    const { v, depth } = stack.pop()!;
    if (depth > 8 || v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth: depth + 1 });
      continue;
    }
    const node = v as LdNode;
    if (node['@type']) out.push(node);
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'itemListElement', 'hasPart']) {
      if (node[key] && typeof node[key] === 'object') stack.push({ v: node[key], depth: depth + 1 });
    }
  }
}

/** Parse the page's JSON-LD. */
export function readJsonLd($: CheerioAPI): JsonLd {
  const nodes: LdNode[] = [];
  let repaired = 0;
  let failed = 0;
  const broken: string[] = [];
  for (const el of pageTags($.root()[0]!).script) {
    const type = (el.attribs.type ?? '').toLowerCase();
    if (!type.includes('ld+json')) continue;
    const raw = textOf(el).trim();
    if (!raw || raw.length > 2_000_000) continue;
    const parsed = tryParse(raw);
    if (!parsed) {
      failed++;
      broken.push(raw);
      continue;
    }
    if (parsed.repaired) repaired++;
    const before = nodes.length;
    flatten(parsed.value, nodes);
    if (nodes.length === before && parsed.value && typeof parsed.value === 'object') nodes.push(parsed.value as LdNode);
  }
  const articles = nodes.filter((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t)));
  // why: prefer the article node that has a headline and a date; a page may also describe related articles
  const score = (n: LdNode) => (n.headline ? 2 : 0) + (n.datePublished ? 2 : 0) + (n.articleBody ? 1 : 0) + (n.author ? 1 : 0);
  let article = articles.sort((a, b) => score(b) - score(a))[0] ?? null;
  if (!article) article = nodes.find((n) => typesOf(n).some((t) => PAGE_TYPES.test(t)) && (n.headline || n.datePublished)) ?? null;
  return { nodes, article, repaired, failed, broken };
}

/** A string value of a JSON-LD property (first of an array, `name` or `@value` of an object). */
export function ldString(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = ldString(x);
      if (s) return s;
    }
    return null;
  }
  if (v && typeof v === 'object') {
    const o = v as LdNode;
    return ldString(o.name ?? o['@value'] ?? o.url ?? null);
  }
  return null;
}

/** A property of the article node, or of a broken block by regex when nothing parsed. */
export function ldField(ld: JsonLd, key: string): unknown {
  if (ld.article && ld.article[key] !== undefined) return ld.article[key];
  for (const raw of ld.broken) {
    const m = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.){1,2000})"`, 'u').exec(raw);
    if (m) return m[1]!.replace(/\\(["\\/])/gu, '$1');
  }
  return undefined;
}
