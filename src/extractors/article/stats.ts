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
  chars: 0, linkChars: 0, commas: 0, ownChars: 0, ownLinkChars: 0, ownCommas: 0, p: 0, li: 0, br: 0, img: 0, input: 0, embed: 0,
  headingChars: 0,
});

/** Length of a text with white-space runs counted as one character, 0 when it is only white space. */
function collapsedLength(s: string): number {
  let len = 0;
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
    }
  }
  return any ? len : 0;
}

function countCommas(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c) n++;
  }
  return n;
}

/** Compute stats for every element under `root`, bottom-up, without recursion. */
export function computeStats(root: AnyNode, junk?: { tags: Set<string>; found: Element[] }): Map<Element, NodeStats> {
  const stats = new Map<Element, NodeStats>();
  const blocks: Element[] = [];
  let aDepth = 0;
  let hDepth = 0;
  const elStack: Element[] = [];
  walk(
    root,
    (n) => {
      if (n.type === 'text') {
        const len = collapsedLength(n.data);
        if (!len) return;
        const commas = countCommas(n.data);
        const parent = elStack[elStack.length - 1];
        if (parent) {
          const s = stats.get(parent)!;
          s.chars += len;
          s.commas += commas;
          if (aDepth) s.linkChars += len;
          if (hDepth) s.headingChars += len;
        }
        const block = blocks[blocks.length - 1];
        if (block) {
          const s = stats.get(block)!;
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
      stats.set(n, blank());
      elStack.push(n);
      if (tag === 'a') aDepth++;
      if (tag.length === 2 && tag[0] === 'h' && tag[1]! >= '1' && tag[1]! <= '6') hDepth++;
      if (BLOCK_TAGS.has(tag)) blocks.push(n);
      else if (tag === 'br') {
        const b = blocks[blocks.length - 1];
        if (b) stats.get(b)!.br++;
      }
      return true;
    },
    (el) => {
      const tag = el.name.toLowerCase();
      const s = stats.get(el)!;
      if (tag === 'a') aDepth--;
      if (tag.length === 2 && tag[0] === 'h' && tag[1]! >= '1' && tag[1]! <= '6') hDepth--;
      if (BLOCK_TAGS.has(tag)) blocks.pop();
      // why: count paragraphs by their text, not by <p> tags: many pages write paragraphs as text and <br> in a <div>
      if ((tag === 'p' && s.ownChars > 0) || (BLOCK_TAGS.has(tag) && tag !== 'li' && s.ownChars - s.ownLinkChars >= 25)) s.p += 1 + (tag === 'p' ? 0 : Math.floor(s.br / 2));
      if (tag === 'li') s.li++;
      else if (tag === 'img') s.img++;
      else if (tag === 'input' || tag === 'textarea' || tag === 'select') s.input++;
      else if (tag === 'iframe' || tag === 'embed' || tag === 'object' || tag === 'video') s.embed++;
      elStack.pop();
      const parent = elStack[elStack.length - 1];
      if (parent) {
        const ps = stats.get(parent)!;
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

/** Share of an element's text inside links (0 when it has none). */
export function linkDensity(s: NodeStats | undefined): number {
  return s && s.chars ? s.linkChars / s.chars : 0;
}
