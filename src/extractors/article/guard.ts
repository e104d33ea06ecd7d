/**
 * Input guards run on the raw markup before parsing: nesting depth estimate and flattening of pathological pages.
 */

const VOID = ['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command'];
// why: these close themselves implicitly, so an unclosed one is not nesting
const SELF_CLOSING = ['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rb', 'rt', 'rp'];
const RAW = ['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'template'];

/**
 * A tag name as a number: letters only, case folded, up to 8 of them (base 27); 0 for any other name (no name in
 * the lists above has a digit or a hyphen, or more than 8 letters). why: no string sliced and lower-cased per tag
 */
function nameKey(s: string, from: number, to: number): number {
  if (to - from > 8) return 0;
  let key = 0;
  for (let k = from; k < to; k++) {
    const d = s.charCodeAt(k) | 32;
    if (d < 97 || d > 122) return 0;
    key = key * 27 + (d - 96);
  }
  return key;
}

const keysOf = (names: string[]) => new Set(names.map((n) => nameKey(n, 0, n.length)));
/** Tags that never nest: void elements and implicitly closed ones. */
const FLAT = keysOf([...VOID, ...SELF_CLOSING]);
const RAW_KEYS = keysOf(RAW);

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
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    if (j === start || !isLetter(html.charCodeAt(start))) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const key = nameKey(html, start, j);
    const gt = html.indexOf('>', j);
    if (gt < 0) break;
    if (closing) {
      if (!FLAT.has(key)) depth = Math.max(0, depth - 1);
    } else if (!FLAT.has(key) && html.charCodeAt(gt - 1) !== 47) {
      if (RAW_KEYS.has(key)) {
        // skip raw text (scripts, styles) up to the closing tag
        const name = html.slice(start, j).toLowerCase();
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

/**
 * nestingDepth of the text that valid UTF-8 bytes decode to, read from the bytes themselves (no string made).
 * why the same result: it reads only ASCII characters ('<', '>', '/', tag-name letters and digits) and searches
 * only ASCII strings; in UTF-8 every ASCII character is its own byte and every other character is bytes ≥ 0x80,
 * which match none of them, so the same steps are taken at shifted positions (test/extractors/article/guard.test.ts)
 */
export function nestingDepthOfUtf8(bytes: Buffer, cap: number): number {
  let depth = 0;
  let best = 0;
  let i = bytes.indexOf(60); // '<'
  const n = bytes.length;
  while (i >= 0 && i < n - 1) {
    const c = bytes[i + 1]!;
    const closing = c === 47; // '/'
    let j = closing ? i + 2 : i + 1;
    const start = j;
    while (j < n && isNameChar(bytes[j]!)) j++;
    if (j === start || !isLetter(bytes[start]!)) {
      i = bytes.indexOf(60, i + 1);
      continue;
    }
    const key = byteNameKey(bytes, start, j);
    const gt = bytes.indexOf(62, j); // '>'
    if (gt < 0) break;
    if (closing) {
      if (!FLAT.has(key)) depth = Math.max(0, depth - 1);
    } else if (!FLAT.has(key) && bytes[gt - 1] !== 47) {
      if (RAW_KEYS.has(key)) {
        const name = bytes.toString('latin1', start, j).toLowerCase();
        const close = bytes.indexOf(`</${name}`, gt, 'latin1');
        const closeUpper = close < 0 ? bytes.indexOf(`</${name.toUpperCase()}`, gt, 'latin1') : close;
        if (closeUpper < 0) break;
        i = bytes.indexOf(60, closeUpper + 2);
        continue;
      }
      depth++;
      if (depth > best) best = depth;
      if (best >= cap) return best;
    }
    i = bytes.indexOf(60, gt);
  }
  return best;
}

/** nameKey over bytes. */
function byteNameKey(b: Buffer, from: number, to: number): number {
  if (to - from > 8) return 0;
  let key = 0;
  for (let k = from; k < to; k++) {
    const d = b[k]! | 32;
    if (d < 97 || d > 122) return 0;
    key = key * 27 + (d - 96);
  }
  return key;
}

/** A character of a tag name: an ASCII letter or digit, '-' or ':'. */
function isNameChar(c: number): boolean {
  const d = c | 32;
  return (d >= 97 && d <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 58;
}

function isLetter(c: number): boolean {
  const d = c | 32;
  return d >= 97 && d <= 122;
}

/** Flatten pathological markup: keep the tags that carry metadata and text structure, drop every container tag. */
export function flattenMarkup(html: string): string {
  return html.replace(/<\/?(?!(?:p|br|h[1-6]|li|title|meta|link|script|style|blockquote|pre|html|head|body)\b)[a-zA-Z][^>]*>/gu, ' ');
}
