/**
 * Photo credits, captions, bylines and navigation links: the names in them say nothing in the story.
 */
import type { Span } from '../../domain/types.js';

// why: "(Jane Roe / Daily Planet)", "John Doe/Wire Service", "READ MORE: …": photo credits, bylines and links
// name people and organizations that say nothing in the story; they are never antecedents
const NAV_PARAGRAPH = /^(?:(?:read more|watch|related|more|listen|see also)\b[^:\n]{0,12}:|open this photo in gallery\b)/iu;

const CAPTION_END = /\((?:[^()]*\/[^()]*|[^()]*\b(?:photo|photograph|file|images|getty|handout)\b[^()]*)\)\s*$/iu;

/** Whether the paragraph starting at `paraStart` is a link to another story ("READ MORE: …", "WATCH: …"). */
export function isNavigation(text: string, paraStart: number): boolean {
  return NAV_PARAGRAPH.test(text.slice(paraStart, paraStart + 30));
}

/** Whether a mention sits in a photo credit, a byline-like line or a navigation link. */
export function isCredit(text: string, m: Span): boolean {
  if (/^\s?\//u.test(text.slice(m.end, m.end + 2)) || /\/\s?(?:the\s)?$/iu.test(text.slice(Math.max(0, m.start - 6), m.start))) return true;
  const open = text.lastIndexOf('(', m.start);
  if (open >= 0 && m.start - open < 80 && !text.slice(open, m.start).includes(')')) {
    const close = text.indexOf(')', m.end);
    if (close >= 0 && close - m.end < 80 && text.slice(open, close).includes('/')) return true;
  }
  const para = text.lastIndexOf('\n', m.start) + 1;
  if (isNavigation(text, para)) return true;
  // why: "Lee Park looks at the display. (Jo Roe / Wire Service)": a paragraph that ends in a photo credit is a caption
  let paraEnd = text.indexOf('\n', m.end);
  if (paraEnd < 0) paraEnd = text.length;
  if (paraEnd - para < 500 && CAPTION_END.test(text.slice(para, paraEnd))) return true;
  // why: ". The Wire Service." alone: a credit line that the text extraction ran into the story
  return /(?:^|[.!?]\s+|\n)$/u.test(text.slice(Math.max(0, m.start - 3), m.start)) && /^\.?\s*(?:\n|$)/u.test(text.slice(m.end, m.end + 3));
}
