/**
 * Block-level debris filter: lines that are page furniture in any article (share and reaction prompts, ad labels,
 * date stamps, teaser excerpts, copyright lines, form labels), a repeated title, and the readers' comment section.
 */
import { isHeading, type TextBlock } from './blocks.js';
import { DATE_LINE, DEBRIS_LINE, STAMP_LINE } from './cues.js';
import { rx } from '../rx.js';

const COMMENTS_START = rx('iu')`
    ^(?:\d+\s+)?(?:reader |user |your )?(?:comments?|responses?|replies|discussion|kommentare|commentaires|comentarios|commenti)(?:\s*\(\d+\))?:?$|
      ^(?:leave|post|add|write) a (?:comment|reply)|^join the (?:discussion|conversation)|^comments are (?:closed|the opinions)`;

/**
 * /(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$/u without the regex. why: a $-anchored regex is tried at every position of
 * the block, and this runs twice on every block of the page
 */
function endsWithEllipsis(s: string): boolean {
  let end = s.length;
  while (end > 0 && WS.test(s[end - 1]!)) end--;
  const t = end === s.length ? s : s.slice(0, end);
  return t.endsWith('...') || t.endsWith('…') || t.endsWith('[…]') || t.endsWith('[...]');
}

const WS = /^\s$/u;

/** Drop debris blocks: share prompts, ad labels, link lists, a repeated title, trailing headings. */
export function filterBlocks(blocks: TextBlock[], title: string | null): TextBlock[] {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const t = title ? norm(title) : null;
  // why: teaser lists of related posts end every excerpt with an ellipsis; a story's own paragraphs rarely do
  const teaser = (b: TextBlock) => b.text.length > 60 && endsWithEllipsis(b.text);
  const teasers = blocks.filter(teaser).length;
  const kept = blocks.filter((b, i) => {
    if (b.text.length < 300 && DEBRIS_LINE.test(b.text)) return false;
    if (b.text.length < 160 && (DATE_LINE.test(b.text) || STAMP_LINE.test(b.text))) return false;
    if (teasers >= 2 && teaser(b)) return false;
    // why: form labels ("Name:", "Email:") and editor's notes about the page are not the story
    if (/^[\p{L} ]{1,20}:$/u.test(b.text) || /^editor['’]s note\b/iu.test(b.text)) return false;
    // why: copyright and imprint lines (the outlet's, not the story's)
    if (b.text.length < 250 && /©|\(c\) ?\d{4}|all rights reserved|alle rechte vorbehalten|todos los derechos|tous droits/iu.test(b.text)) return false;
    // why: CSS breakpoint names and similar identifiers that leak into text
    if (/^[a-z]+(?:-[a-z]+){2,}$/u.test(b.text)) return false;
    if (i < 3 && t && norm(b.text) === t) return false;
    const ld = b.text.length ? b.linkChars / b.text.length : 0;
    if (ld > 0.7 && b.text.length < 400) return false;
    return true;
  });
  // why: a comment section heading in the second half of the text starts the readers' part of the page
  const total = kept.reduce((n, b) => n + b.text.length, 0);
  let seen = 0;
  for (let i = 0; i < kept.length; i++) {
    seen += kept[i]!.text.length;
    if (seen > total * 0.5 && COMMENTS_START.test(kept[i]!.text)) {
      kept.length = i;
      break;
    }
  }
  while (kept.length && isHeading(kept[kept.length - 1]!.tag)) kept.pop();
  return kept;
}
