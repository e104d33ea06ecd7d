/**
 * Input guards run on the raw markup before parsing: nesting depth estimate and flattening of pathological pages.
 */

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command']);
// why: these close themselves implicitly, so an unclosed one is not nesting
const SELF_CLOSING = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rb', 'rt', 'rp']);
const RAW = /^(?:script|style|textarea|title|xmp|noscript|template)$/u;

/** Estimate the deepest element nesting of raw markup (linear scan; stops once `cap` is reached). */
export function nestingDepth(html: string, cap: number): number {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/gu;
  let depth = 0;
  let best = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(html))) {
    const name = m[2]!.toLowerCase();
    if (VOID.has(name) || SELF_CLOSING.has(name)) continue;
    if (!m[1] && RAW.test(name)) {
      // skip raw text up to the closing tag
      const close = new RegExp(`</${name}`, 'giu');
      close.lastIndex = tag.lastIndex;
      if (!close.exec(html)) break;
      tag.lastIndex = close.lastIndex;
      continue;
    }
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3]) {
      depth++;
      if (depth > best) best = depth;
      if (best >= cap) return best;
    }
  }
  return best;
}

/** Flatten pathological markup: keep the tags that carry metadata and text structure, drop every container tag. */
export function flattenMarkup(html: string): string {
  return html.replace(/<\/?(?!(?:p|br|h[1-6]|li|title|meta|link|script|style|blockquote|pre|html|head|body)\b)[a-zA-Z][^>]*>/gu, ' ');
}
