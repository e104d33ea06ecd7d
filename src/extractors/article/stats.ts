/**
 * One pass over a tree: per-element text statistics used by main-content scoring and cleaning.
 */
import type { AnyNode, Element } from 'domhandler';
import { BLOCK_TAGS, isElement, walk } from './dom.js';

/** Text figures of one element's subtree. */
export interface NodeStats {
  /** Characters of text (white space collapsed) in the subtree. */
  chars: number;
  /** Of which inside links. */
  linkChars: number;
  commas: number;
  /** Characters directly in this block (not in a nested block): its own paragraph text. */
  ownChars: number;
  ownLinkChars: number;
  ownCommas: number;
  /** Paragraphs: <p> with text, or any block with 25+ characters of its own unlinked text. */
  p: number;
  li: number;
  /** <br> elements directly in this block's own text (two of them usually separate paragraphs). */
  br: number;
  img: number;
  input: number;
  embed: number;
  headingChars: number;
}

const blank = (): NodeStats => ({
  chars: 0,
  linkChars: 0,
  commas: 0,
  ownChars: 0,
  ownLinkChars: 0,
  ownCommas: 0,
  p: 0,
  li: 0,
  br: 0,
  img: 0,
  input: 0,
  embed: 0,
  headingChars: 0,
});

/** Length of a text with white-space runs counted as one character (0 when it is only white space) and its commas. */
let textCommas = 0;
function measure(s: string): number {
  let len = 0;
  let commas = 0;
  let inSpace = false;
  let any = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160) {
      if (!inSpace) len++;
      inSpace = true;
    } else {
      len++;
      inSpace = false;
      any = true;
      if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c) commas++;
    }
  }
  textCommas = commas;
  return any ? len : 0;
}

const isHeadingTag = (tag: string): boolean => tag.length === 2 && tag[0] === 'h' && tag[1]! >= '1' && tag[1]! <= '6';

/** Compute stats for every element under `root`, bottom-up, without recursion. */
export function computeStats(root: AnyNode, junk?: { tags: Set<string>; found: Element[] }): Map<Element, NodeStats> {
  const stats = new Map<Element, NodeStats>();
  // why: stacks of the stats objects themselves (no map look-up per text node)
  const blocks: NodeStats[] = [];
  const elStack: NodeStats[] = [];
  const tagStack: string[] = [];
  let aDepth = 0;
  let hDepth = 0;
  walk(
    root,
    (n) => {
      if (n.type === 'text') {
        const len = measure(n.data);
        if (!len) return;
        const commas = textCommas;
        if (elStack.length) {
          const s = elStack[elStack.length - 1]!;
          s.chars += len;
          s.commas += commas;
          if (aDepth) s.linkChars += len;
          if (hDepth) s.headingChars += len;
        }
        if (blocks.length) {
          const s = blocks[blocks.length - 1]!;
          s.ownChars += len;
          s.ownCommas += commas;
          if (aDepth) s.ownLinkChars += len;
        }
        return;
      }
      if (!isElement(n)) return n === root;
      const tag = n.name.toLowerCase();
      // why: one walk both measures and finds the tags to drop (scripts, forms' controls…), which are not counted
      if (junk?.tags.has(tag) && n !== root) {
        junk.found.push(n);
        return false;
      }
      const s = blank();
      stats.set(n, s);
      elStack.push(s);
      tagStack.push(tag);
      if (tag === 'a') aDepth++;
      if (isHeadingTag(tag)) hDepth++;
      if (BLOCK_TAGS.has(tag)) blocks.push(s);
      else if (tag === 'br' && blocks.length) blocks[blocks.length - 1]!.br++;
      return true;
    },
    () => {
      const tag = tagStack.pop()!;
      const s = elStack.pop()!;
      if (tag === 'a') aDepth--;
      if (isHeadingTag(tag)) hDepth--;
      const block = BLOCK_TAGS.has(tag);
      if (block) blocks.pop();
      // why: count paragraphs by their text, not by <p> tags: many pages write paragraphs as text and <br> in a <div>
      if ((tag === 'p' && s.ownChars > 0) || (block && tag !== 'li' && s.ownChars - s.ownLinkChars >= 25)) s.p += 1 + (tag === 'p' ? 0 : Math.floor(s.br / 2));
      if (tag === 'li') s.li++;
      else if (tag === 'img') s.img++;
      else if (tag === 'input' || tag === 'textarea' || tag === 'select') s.input++;
      else if (tag === 'iframe' || tag === 'embed' || tag === 'object' || tag === 'video') s.embed++;
      if (elStack.length) {
        const ps = elStack[elStack.length - 1]!;
        ps.chars += s.chars;
        ps.linkChars += s.linkChars;
        ps.commas += s.commas;
        ps.p += s.p;
        ps.li += s.li;
        ps.img += s.img;
        ps.input += s.input;
        ps.embed += s.embed;
        ps.headingChars += s.headingChars;
      }
    },
  );
  return stats;
}

/** The paragraph count an element adds itself (see the `leave` step of computeStats). */
function ownParagraphs(tag: string, s: NodeStats): number {
  const block = BLOCK_TAGS.has(tag);
  return (tag === 'p' && s.ownChars > 0) || (block && tag !== 'li' && s.ownChars - s.ownLinkChars >= 25) ? 1 + (tag === 'p' ? 0 : Math.floor(s.br / 2)) : 0;
}

/**
 * Update `stats` (computed over `base`) for the removal of `removed` (disjoint subtrees under `base`, already
 * detached or about to be): the same figures a fresh computeStats(base) would give, without walking the page again.
 * Each removal takes its subtree's sums from its ancestors, and its loose text (not inside a block of its own) from
 * the block that held it, whose own paragraph count is then re-judged.
 */
export function discountRemoved(stats: Map<Element, NodeStats>, base: Element, removed: Element[]): void {
  for (const r of removed) {
    const s = stats.get(r);
    if (!s) continue;
    const ancestors: Element[] = [];
    for (let p = r.parent; p && isElement(p); p = p.parent) {
      ancestors.push(p);
      if (p === base) break;
    }
    let inLink = false;
    for (const a of ancestors) {
      const as = stats.get(a)!;
      as.chars -= s.chars;
      as.linkChars -= s.linkChars;
      as.commas -= s.commas;
      as.p -= s.p;
      as.li -= s.li;
      as.img -= s.img;
      as.input -= s.input;
      as.embed -= s.embed;
      as.headingChars -= s.headingChars;
      if (a.name.toLowerCase() === 'a') inLink = true;
    }
    if (BLOCK_TAGS.has(r.name.toLowerCase())) continue;
    const at = ancestors.findIndex((a) => BLOCK_TAGS.has(a.name.toLowerCase()));
    if (at < 0) continue;
    const holder = ancestors[at]!;
    const hs = stats.get(holder)!;
    const tag = holder.name.toLowerCase();
    const before = ownParagraphs(tag, hs);
    const loose = looseText(r, inLink);
    hs.ownChars -= loose.chars;
    hs.ownCommas -= loose.commas;
    hs.ownLinkChars -= loose.linkChars;
    hs.br -= loose.br;
    const delta = ownParagraphs(tag, hs) - before;
    if (delta) for (let i = at; i < ancestors.length; i++) stats.get(ancestors[i]!)!.p += delta;
  }
}

/** Text and <br>s of a non-block subtree outside its nested blocks: what it adds to the block holding it. */
function looseText(root: Element, inLink: boolean): { chars: number; commas: number; linkChars: number; br: number } {
  const out = { chars: 0, commas: 0, linkChars: 0, br: 0 };
  let aDepth = inLink ? 1 : 0;
  walk(
    root,
    (n) => {
      if (n.type === 'text') {
        const len = measure(n.data);
        if (!len) return;
        out.chars += len;
        out.commas += textCommas;
        if (aDepth) out.linkChars += len;
        return;
      }
      if (!isElement(n)) return false;
      const tag = n.name.toLowerCase();
      if (n !== root && BLOCK_TAGS.has(tag)) return false;
      if (tag === 'a') aDepth++;
      else if (tag === 'br') out.br++;
      return true;
    },
    (el) => {
      if (el.name.toLowerCase() === 'a') aDepth--;
    },
  );
  return out;
}

/** Share of an element's text inside links (0 when it has none). */
export function linkDensity(s: NodeStats | undefined): number {
  return s?.chars ? s.linkChars / s.chars : 0;
}
