/**
 * Main-content detection: score paragraph-like blocks by text, commas and link density, pick the best container,
 * add its qualifying siblings, clean it conditionally, and turn it into text blocks without page debris.
 */
import type { AnyNode, Document, Element } from 'domhandler';
import { isHeading, joinBlocks, toBlocks, type TextBlock } from './blocks.js';
import { classWeight, looksUnlikely } from './cues.js';
import { filterBlocks } from './debris.js';
import { isElement, removeNode, squash, tagOf, textOf, walk } from './dom.js';
import type { JsonLd } from './json-ld.js';
import { computeStats, discountRemoved, linkDensity, type NodeStats } from './stats.js';

/** What body detection found. */
export interface BodyResult {
  text: string;
  blocks: TextBlock[];
  /** The chosen container (null when the whole page was used). */
  root: Element | null;
  /** Which pass produced it ('scored', 'scored-lenient', 'all-paragraphs'). */
  rule: string;
}

/** Options of body detection. */
export interface BodyOptions {
  /** The page's JSON-LD (its articleBody can confirm or repair the choice). */
  ld: JsonLd;
  /** False to skip scoring and read the whole page (pathological pages). */
  scoring: boolean;
  /** Second pass: keep elements that class/id cues would drop, skip conditional cleaning. */
  lenient?: boolean;
}

/** Tags that never hold article text. */
const JUNK = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'button',
  'input',
  'select',
  'textarea',
  'link',
  'meta',
  'source',
  'map',
  'dialog',
  'head',
  'nav',
  'math',
  'label',
]);

/** Tags of page furniture, removed unless they hold most of the page's text. */
const FURNITURE = new Set(['aside', 'footer', 'header', 'menu', 'figcaption']);

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a || a['aria-hidden'] === 'true') return true;
  const style = a.style;
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/iu.test(style);
}

/** Remove tags that never hold article text, and comments. */
export function stripJunk(root: AnyNode): void {
  const doomed: AnyNode[] = [];
  walk(root, (n) => {
    if (n.type === 'comment' || n.type === 'directive') {
      doomed.push(n);
      return false;
    }
    if (!isElement(n)) return true;
    const tag = n.name.toLowerCase();
    if (JUNK.has(tag)) {
      doomed.push(n);
      return false;
    }
    return true;
  });
  for (const n of doomed) removeNode(n);
}

const plain = (s: NodeStats | undefined): number => (s ? s.chars - s.linkChars : 0);

/**
 * Remove furniture by tag, class, id and role, sparing any element that holds a large share of the text; `stats`
 * are brought up to date for what is left.
 */
function stripFurniture(root: Element, stats: Map<Element, NodeStats>): void {
  const total = plain(stats.get(root)) || 1;
  const doomed: Element[] = [];
  walk(root, (n) => {
    if (!isElement(n) || n === root) return n === root || n.type === 'root';
    const tag = n.name.toLowerCase();
    if (tag === 'body' || tag === 'html' || tag === 'article' || tag === 'main' || tag === 'a' || tag === 'table' || tag === 'code' || tag === 'pre')
      return true;
    const hidden = isHidden(n);
    if (FURNITURE.has(tag) || looksUnlikely(n) || hidden) {
      const s = stats.get(n);
      if (hidden && plain(s) < 0.6 * total) {
        doomed.push(n);
        return false;
      }
      // why: a wrapper with a furniture word ("overflow-hidden", "has-ads") may still hold the story, and an
      // unclosed hidden <div> swallows the rest of the page
      if (plain(s) >= 0.3 * total && linkDensity(s) < 0.35) return true;
      doomed.push(n);
      return false;
    }
    return true;
  });
  discountRemoved(stats, root, doomed);
  for (const n of doomed) removeNode(n);
}

const PARA_TAGS = new Set(['p', 'pre', 'td', 'blockquote', 'div', 'section', 'article', 'li', 'dd', 'main', 'span', 'font', 'center']);

function tagWeight(tag: string): number {
  if (tag === 'div' || tag === 'article' || tag === 'main' || tag === 'section') return 5;
  if (tag === 'pre' || tag === 'td' || tag === 'blockquote') return 3;
  if (['address', 'ol', 'ul', 'dl', 'dd', 'dt', 'li', 'form'].includes(tag)) return -3;
  if (isHeading(tag) || tag === 'th') return -5;
  return 0;
}

/** Score containers by the paragraphs inside them; return the best one. */
function pickTop(root: Element, stats: Map<Element, NodeStats>): { top: Element | null; scores: Map<Element, number> } {
  const scores = new Map<Element, number>();
  const init = (el: Element): void => {
    if (!scores.has(el)) scores.set(el, tagWeight(el.name.toLowerCase()) + classWeight(el));
  };
  // why: a walk, not an array of every element (holding one costs GC time)
  walk(root, (n) => {
    if (n === root) return true;
    if (!isElement(n)) return false;
    const el = n;
    const tag = el.name.toLowerCase();
    if (!PARA_TAGS.has(tag)) return true;
    const s = stats.get(el);
    if (!s) return true;
    const own = s.ownChars - s.ownLinkChars;
    if (own < 25) return true;
    const score = 1 + s.ownCommas + Math.min(Math.floor(own / 100), 3);
    let anc: AnyNode | null = el.parent;
    for (let level = 0; anc && isElement(anc) && level < 5; level++, anc = anc.parent) {
      init(anc);
      const div = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(anc, scores.get(anc)! + score / div);
    }
    return true;
  });
  let top: Element | null = null;
  let best = -Infinity;
  for (const [el, sc] of scores) {
    const final = sc * (1 - linkDensity(stats.get(el)));
    scores.set(el, final);
    if (final > best) {
      best = final;
      top = el;
    }
  }
  if (!top) return { top, scores };
  // why: when several near-best containers share an ancestor, the story is split across them (e.g. around ads)
  const close = [...scores].filter(([el, sc]) => el !== top && sc >= 0.75 * best).map(([el]) => el);
  if (close.length >= 3) {
    let anc: AnyNode | null = top.parent;
    while (anc && isElement(anc) && tagOf(anc) !== 'body') {
      const a = anc;
      const holds = close.filter((c) => contains(a, c)).length;
      if (holds >= 3) {
        top = a;
        break;
      }
      anc = anc.parent;
    }
  }
  // why: climb while the parent adds little besides the top container (a thin wrapper around it)
  let parent: AnyNode | null = top.parent;
  while (parent && isElement(parent) && tagOf(parent) !== 'body') {
    const ps = stats.get(parent);
    const ts = stats.get(top);
    if (!ps || !ts || plain(ts) < 0.95 * plain(ps)) break;
    top = parent;
    parent = parent.parent;
  }
  return { top, scores };
}

function contains(a: AnyNode, b: AnyNode): boolean {
  for (let n: AnyNode | null = b; n; n = n.parent) if (n === a) return true;
  return false;
}

/** The top container plus siblings that look like more of the story. */
function withSiblings(top: Element, scores: Map<Element, number>, stats: Map<Element, NodeStats>): Element[] {
  const parent = top.parent;
  // why: a container the page marks as the article body is the whole story
  if (!parent || !isElement(parent) || top.attribs.itemprop?.toLowerCase() === 'articlebody') return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  const out: Element[] = [];
  for (const sib of parent.children) {
    if (!isElement(sib)) continue;
    if (sib === top) {
      out.push(sib);
      continue;
    }
    let bonus = 0;
    if (topClass && sib.attribs.class === topClass) bonus += topScore * 0.2;
    const sc = scores.get(sib);
    if (sc !== undefined && sc + bonus >= threshold) {
      out.push(sib);
      continue;
    }
    if (tagOf(sib) === 'p') {
      const s = stats.get(sib);
      const ld = linkDensity(s);
      const len = s?.chars ?? 0;
      const txt = squash(sib.children.map((c) => (c.type === 'text' ? c.data : '')).join(' '));
      if ((len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld === 0 && /\.( |$)/u.test(txt))) out.push(sib);
    }
  }
  return out;
}

const CLEANED = new Set(['div', 'section', 'ul', 'ol', 'table', 'form', 'aside', 'figure', 'dl', 'header', 'span']);

/** Remove containers inside the content that look like furniture by their make-up (readability's rules, ours). */
function cleanConditionally(roots: Element[], stats: Map<Element, NodeStats>): void {
  for (const root of roots) {
    const total = plain(stats.get(root));
    const doomed: Element[] = [];
    // why: a walk, not an array of every element (holding one costs GC time)
    walk(root, (n) => {
      if (n === root) return true;
      if (!isElement(n)) return false;
      if (looksLikeFurniture(n, stats, total)) doomed.push(n);
      return true;
    });
    for (const el of doomed) removeNode(el);
  }
}

/** One container judged by its make-up (`total`: the plain text of the content root). */
function looksLikeFurniture(el: Element, stats: Map<Element, NodeStats>, total: number): boolean {
  const tag = el.name.toLowerCase();
  if (!CLEANED.has(tag)) return false;
  const s = stats.get(el);
  if (!s) return false;
  const weight = classWeight(el);
  if (weight < 0 && s.chars < 2000) return true;
  // why: these rules judge small boxes; never drop a container that holds much of the story's text
  if (s.commas >= 10 || plain(s) >= 0.4 * total) return false;
  const isList = tag === 'ul' || tag === 'ol';
  const ld = linkDensity(s);
  const headingDensity = s.chars ? s.headingChars / s.chars : 0;
  return (
    (s.img > 1 && s.p / s.img < 0.5 && tag !== 'figure') ||
    (!isList && tag !== 'table' && s.li > s.p + 2 && ld > 0.3) ||
    s.input > Math.floor(s.p / 3) ||
    (!isList && headingDensity < 0.9 && s.chars < 25 && (s.img === 0 || s.img > 2) && ld > 0) ||
    (weight < 25 && ld > 0.3 && s.chars < 600) ||
    (isList && ld > 0.5) ||
    (weight >= 25 && ld > 0.5) ||
    (s.embed === 1 && s.chars < 75) ||
    s.embed > 1
  );
}

/** Find the article body of a parsed page (the document is modified). */
export function extractBody(doc: Document, title: string | null, opts: BodyOptions): BodyResult {
  const body = findBody(doc);
  const base = body ?? (doc.children.find(isElement) as Element | undefined) ?? null;
  if (!base || !opts.scoring || opts.lenient) stripJunk(doc);
  if (!base || !opts.scoring) {
    const blocks = filterBlocks(toBlocks([base ?? doc]), title);
    return { text: joinBlocks(blocks), blocks, root: null, rule: 'whole-page' };
  }
  let stats: Map<Element, NodeStats>;
  if (!opts.lenient) {
    const junk = { tags: JUNK, found: [] as Element[] };
    stats = computeStats(base, junk);
    for (const el of junk.found) removeNode(el);
    // why: the furniture's figures are taken off the stats, not measured again in a second walk of the page
    stripFurniture(base, stats);
  } else stats = computeStats(base);
  const { top, scores } = pickTop(base, stats);
  if (top) {
    const parts = withSiblings(top, scores, stats);
    if (!opts.lenient) cleanConditionally(parts, stats);
    const blocks = filterBlocks(toBlocks(parts), title);
    const text = joinBlocks(blocks);
    const fromLd = ldBodyFallback(opts.ld, text, base);
    if (fromLd) return { text: joinBlocks(fromLd), blocks: fromLd, root: top, rule: 'json-ld-articlebody' };
    if (text.length >= 200) return { text, blocks, root: top, rule: 'scored' };
  }
  const blocks = filterBlocks(toBlocks([base]), title);
  const text = joinBlocks(blocks);
  const fromLd = ldBodyFallback(opts.ld, text, base);
  if (fromLd) return { text: joinBlocks(fromLd), blocks: fromLd, root: null, rule: 'json-ld-articlebody' };
  return { text, blocks, root: null, rule: 'whole-page' };
}

/** <body>, looked for near the top of the tree (no full walk). */
function findBody(doc: Document): Element | null {
  let level: AnyNode[] = doc.children;
  for (let depth = 0; depth < 4 && level.length; depth++) {
    const next: AnyNode[] = [];
    for (const n of level) {
      if (!isElement(n)) continue;
      if (n.name.toLowerCase() === 'body') return n;
      next.push(...n.children);
    }
    level = next;
  }
  return null;
}

/**
 * JSON-LD articleBody when the page's own detection found much less than it and the page agrees with it (its opening
 * words are in the page): split on line breaks into blocks.
 */
function ldBodyFallback(ld: JsonLd, text: string, base: Element): TextBlock[] | null {
  const raw = ld.article?.articleBody;
  if (typeof raw !== 'string') return null;
  const body = raw.replace(/\r/gu, '');
  const flat = squash(body);
  if (flat.length < 400 || text.length >= 0.5 * flat.length) return null;
  const opening = flat.slice(0, 60);
  // why: a page that renders its text with scripts has none to compare; otherwise the page must show the opening
  if (text.length >= 200 && !squash(textOf(base)).includes(opening)) return null;
  return body
    .split(/\n+/u)
    .map(squash)
    .filter(Boolean)
    .map((t) => ({ text: t, linkChars: 0, tag: 'p', el: null }));
}
