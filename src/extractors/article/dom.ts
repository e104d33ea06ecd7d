/**
 * Small, iterative helpers over htmlparser2/domhandler nodes (no recursion: pages may nest 50,000 deep).
 */
import type { AnyNode, Element } from 'domhandler';

/** True for element nodes (tags, plus <script>/<style> which domhandler types apart). */
export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Tag name in lower case, '' for non-elements. */
export function tagOf(node: AnyNode): string {
  return isElement(node) ? node.name.toLowerCase() : '';
}

/** Elements that start a new block of text. */
export const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'caption',
  'legend',
  'option',
  'picture',
  'video',
  'audio',
  'iframe',
  'noscript',
]);

/**
 * Visit every node under `root` in document order, iteratively; `enter` returns false to skip a subtree.
 * The callbacks must not change the tree. why: a stack of child lists and positions, no object per node (GC)
 */
export function walk(root: AnyNode, enter: (node: AnyNode) => boolean | undefined, leave?: (node: Element) => void): void {
  if (enter(root) === false) return;
  if (!('children' in root) || !root.children.length) {
    if (leave && isElement(root)) leave(root);
    return;
  }
  const parents: AnyNode[] = [root];
  const lists: AnyNode[][] = [root.children];
  const pos: number[] = [0];
  let top = 0;
  while (top >= 0) {
    const list = lists[top]!;
    const i = pos[top]!;
    if (i >= list.length) {
      const p = parents[top]!;
      top--;
      if (leave && isElement(p)) leave(p);
      continue;
    }
    pos[top] = i + 1;
    const n = list[i]!;
    if (enter(n) === false) continue;
    if ('children' in n && n.children.length) {
      top++;
      parents[top] = n;
      lists[top] = n.children;
      pos[top] = 0;
    } else if (leave && isElement(n)) leave(n);
  }
}

/** Text content of a subtree, iteratively (cheerio's .text() recurses). */
export function textOf(root: AnyNode): string {
  if (root.type === 'text') return root.data;
  let out = '';
  walk(root, (n) => {
    if (n.type === 'text') out += n.data;
    else if (n !== root && (n.type === 'comment' || n.type === 'script' || n.type === 'style')) return false;
    return true;
  });
  return out;
}

/** Collapse runs of white space to one space and trim. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/gu, ' ').trim();
}

/** Remove a node from its parent (domhandler keeps sibling links; fix them). */
export function removeNode(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const kids = parent.children;
  const i = kids.indexOf(node);
  if (i >= 0) kids.splice(i, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

/** An element's class and id, lower-cased, for boilerplate cues. */
export function classAndId(el: Element): string {
  const a = el.attribs;
  return `${a.class ?? ''} ${a.id ?? ''}`.toLowerCase();
}

/** Depth of the deepest node, iteratively (used to guard pathological nesting). */
export function maxDepth(root: AnyNode, cap: number): number {
  let best = 0;
  // why: parallel stacks, no [node, depth] pair allocated per node
  const nodes: AnyNode[] = [root];
  const depths: number[] = [0];
  while (nodes.length) {
    const n = nodes.pop()!;
    const d = depths.pop()!;
    if (d > best) best = d;
    if (best >= cap) return best;
    if ('children' in n) {
      for (const c of n.children) {
        nodes.push(c);
        depths.push(d + 1);
      }
    }
  }
  return best;
}

/** The head-ish tags every page read needs, gathered in one walk (one traversal instead of a selector each). */
export interface PageTags {
  meta: Element[];
  script: Element[];
  link: Element[];
  /** The first <html>, <body> and <title> in document order (what `$('html')` and co. pick). */
  html: Element | null;
  body: Element | null;
  title: Element | null;
  /** Elements with an itemprop attribute, and <time> elements, in document order; the number of <article>s. */
  itemprop: Element[];
  time: Element[];
  articles: number;
  /** Depth of the deepest node (the document is 0): what maxDepth(document) gives, measured in the same walk. */
  depth: number;
  /** Some element has an itemprop naming an author (microdata rules can skip their scans otherwise). */
  itempropAuthor: boolean;
  /** Some element has "author" or "byline" in its class or id, or rel=author (byline rules likewise). */
  authorClass: boolean;
}

const AUTHORISH = /author|byline/iu;

// why: kept on the document node itself: a WeakMap entry whose value reaches every element made each scavenge
// trace the page as an ephemeron (GC time doubled)
const TAGS = Symbol('pageTags');
type Indexed = AnyNode & { [TAGS]?: PageTags };

/** Meta, script and link elements of a document, cached per document. */
export function pageTags(root: AnyNode): PageTags {
  const hit = (root as Indexed)[TAGS];
  if (hit) return hit;
  const out: PageTags = {
    meta: [],
    script: [],
    link: [],
    html: null,
    body: null,
    title: null,
    itemprop: [],
    time: [],
    articles: 0,
    depth: 0,
    itempropAuthor: false,
    authorClass: false,
  };
  let open = 0; // depth of the innermost element being walked (the root: 0)
  // a subtree the walk does not enter (raw text, comments): its own depth on top of its node's
  const skip = (n: AnyNode, d: number): false => {
    if ('children' in n && n.children.length) out.depth = Math.max(out.depth, d + maxDepth(n, Infinity));
    return false;
  };
  walk(
    root,
    (n) => {
      if (n === root && !isElement(n)) return true;
      const d = n === root ? 0 : open + 1;
      if (d > out.depth) out.depth = d;
      if (!isElement(n)) return skip(n, d);
      const a = n.attribs;
      if (a.itemprop !== undefined) {
        out.itemprop.push(n);
        if (!out.itempropAuthor && /author/iu.test(a.itemprop)) out.itempropAuthor = true;
      }
      if (
        !out.authorClass &&
        ((a.class !== undefined && AUTHORISH.test(a.class)) || (a.id !== undefined && AUTHORISH.test(a.id)) || (a.rel !== undefined && /author/iu.test(a.rel)))
      )
        out.authorClass = true;
      const tag = n.name.toLowerCase();
      if (tag === 'meta') out.meta.push(n);
      else if (tag === 'script') {
        out.script.push(n);
        return skip(n, d);
      } else if (tag === 'link') out.link.push(n);
      else if (tag === 'style') return skip(n, d);
      else if (tag === 'html') out.html ??= n;
      else if (tag === 'body') out.body ??= n;
      else if (tag === 'title') out.title ??= n;
      else if (tag === 'time') out.time.push(n);
      else if (tag === 'article') out.articles++;
      open = d;
      return true;
    },
    () => {
      open--;
    },
  );
  (root as Indexed)[TAGS] = out;
  return out;
}

/**
 * Elements of the page that `test` accepts, in document order, at most `max`: a selector without cheerio-select
 * (each `$(selector)` walked the whole page again). The tests below match as css-select does in HTML mode.
 */
export function selectAll(root: AnyNode, test: (el: Element) => boolean, max = Infinity): Element[] {
  const out: Element[] = [];
  // why: a walk per query, not a list of every element kept with the page (holding one doubled GC time)
  walk(root, (n) => {
    if (out.length >= max) return false;
    if (!isElement(n)) return n === root;
    if (test(n)) out.push(n);
    return true;
  });
  return out;
}

/** The first element of the page that `test` accepts; among `candidates` (in document order) when given. */
export function selectFirst(root: AnyNode, test: (el: Element) => boolean, candidates?: Element[]): Element | null {
  if (candidates) return candidates.find(test) ?? null;
  return selectAll(root, test, 1)[0] ?? null;
}

/** Some element ancestor (not the element itself) passes `test`: the descendant combinator ("A B"). */
export function hasAncestor(el: Element, test: (el: Element) => boolean): boolean {
  for (let p = el.parent; p && isElement(p); p = p.parent) if (test(p)) return true;
  return false;
}

/**
 * `[name*="part" i]`: css-select builds these regexes without the `u` flag; /i then folds ASCII letters only
 * (with `u`, "ſ" would match "s"), so the tests use the same flag-less regexes.
 */
export function attrHasIC(el: Element, name: string, re: RegExp): boolean {
  const v = el.attribs[name];
  return v !== undefined && re.test(v);
}

/** `[name="value"]` on an attribute HTML compares case-insensitively (rel, type, …). */
export function attrEqualsIC(el: Element, name: string, value: string): boolean {
  const v = el.attribs[name];
  return v !== undefined && v.length === value.length && v.toLowerCase() === value;
}
