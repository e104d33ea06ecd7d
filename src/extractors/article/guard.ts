/**
 * Input guards run on the raw markup before parsing: nesting depth estimate and flattening of pathological pages.
 */

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command']);
// why: these close themselves implicitly, so an unclosed one is not nesting
const SELF_CLOSING = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rb', 'rt', 'rp']);
const RAW = /^(?:script|style|textarea|title|xmp|noscript|template)$/u;

/** Estimate the deepest element nesting of raw markup (one linear pass; stops once `cap` is reached). */
export function nestingDepth(html: string, cap: number): number {
  let depth = 0;
  let best = 0;
  let i = html.indexOf('<');
  const n = html.length;
  while (i >= 0 && i < n - 1) {
    const c = html.charCodeAt(i + 1);
    const closing = c === 47; // '/'
    let j = closing ? i + 2 : i + 1;
    const start = j;
    // tag name: letters, digits, '-', ':'
    while (j < n) {
      const d = html.charCodeAt(j) | 32;
      if ((d >= 97 && d <= 122) || (d >= 48 && d <= 57) || d === 45 || d === 58 || d === 122) j++;
      else break;
    }
    if (j === start || !isLetter(html.charCodeAt(start))) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const name = html.slice(start, j).toLowerCase();
    const gt = html.indexOf('>', j);
    if (gt < 0) break;
    if (closing) {
      if (!VOID.has(name) && !SELF_CLOSING.has(name)) depth = Math.max(0, depth - 1);
    } else if (!VOID.has(name) && !SELF_CLOSING.has(name) && html.charCodeAt(gt - 1) !== 47) {
      if (RAW.test(name)) {
        // skip raw text (scripts, styles) up to the closing tag
        const close = html.indexOf(`</${name}`, gt);
        const closeUpper = close < 0 ? html.indexOf(`</${name.toUpperCase()}`, gt) : close;
        if (closeUpper < 0) break;
        i = html.indexOf('<', closeUpper + 2);
        continue;
      }
      depth++;
      if (depth > best) best = depth;
      if (best >= cap) return best;
    }
    i = html.indexOf('<', gt);
  }
  return best;
}

function isLetter(c: number): boolean {
  const d = c | 32;
  return d >= 97 && d <= 122;
}

/** Flatten pathological markup: keep the tags that carry metadata and text structure, drop every container tag. */
export function flattenMarkup(html: string): string {
  return html.replace(/<\/?(?!(?:p|br|h[1-6]|li|title|meta|link|script|style|blockquote|pre|html|head|body)\b)[a-zA-Z][^>]*>/gu, ' ');
}
