/**
 * Subtree → text blocks: one block per paragraph, heading, list item, quote or table cell; never two glued together.
 */
import type { AnyNode, Element } from 'domhandler';
import { BLOCK_TAGS, isElement, walk } from './dom.js';

/** One block of body text and what it was made of. */
export interface TextBlock {
  text: string;
  /** Characters of the block that sit inside links. */
  linkChars: number;
  /** Tag of the block element that holds it ('p', 'h2', 'li', …). */
  tag: string;
  /** The element that holds it. */
  el: Element | null;
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** True for heading tags. */
export const isHeading = (tag: string): boolean => HEADINGS.has(tag);

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title', 'button', 'select', 'option', 'textarea']);

/** JavaScript's white space (what \s matches). */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `s.replace(/\s+/gu, ' ').trim().length` without building the string. */
export function squashedLength(s: string): number {
  let len = 0;
  let gap = false;
  for (let i = 0; i < s.length; i++) {
    if (isSpace(s.charCodeAt(i))) {
      gap = len > 0;
    } else {
      if (gap) len++;
      gap = false;
      len++;
    }
  }
  return len;
}

/** Turn the given roots (in order) into text blocks, white space collapsed inside each. */
export function toBlocks(roots: AnyNode[]): TextBlock[] {
  const out: TextBlock[] = [];
  let buf = '';
  let linkChars = 0;
  let aDepth = 0;
  const blockStack: Element[] = [];
  const flush = (): void => {
    const text = buf?.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/gu, ' ').trim();
    if (text) {
      const el = blockStack[blockStack.length - 1] ?? null;
      out.push({ text, linkChars: Math.min(linkChars, text.length), tag: el ? el.name.toLowerCase() : 'div', el });
    }
    buf = '';
    linkChars = 0;
  };
  for (const root of roots) {
    walk(
      root,
      (n) => {
        if (n.type === 'text') {
          buf += n.data;
          if (aDepth > 0) linkChars += squashedLength(n.data);
          return;
        }
        if (!isElement(n)) return n.type === 'root';
        const tag = n.name.toLowerCase();
        if (SKIP.has(tag)) return false;
        if (tag === 'br' || tag === 'hr') {
          flush();
          return false;
        }
        if (tag === 'a') aDepth++;
        if (BLOCK_TAGS.has(tag)) {
          flush();
          blockStack.push(n);
        } else if (tag === 'img' || tag === 'input') return false;
        return true;
      },
      (el) => {
        const tag = el.name.toLowerCase();
        if (tag === 'a') aDepth--;
        if (BLOCK_TAGS.has(tag)) {
          flush();
          blockStack.pop();
        }
      },
    );
    flush();
  }
  return out;
}

/** Blocks → the body text: a blank line between blocks. */
export function joinBlocks(blocks: TextBlock[]): string {
  return blocks.map((b) => b.text).join('\n\n');
}
