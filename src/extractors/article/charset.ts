/**
 * Bytes → text: charset from the HTTP Content-Type, a BOM, or <meta charset> / http-equiv; UTF-8 otherwise.
 */
import { isAscii, isUtf8, transcode } from 'node:buffer';
import iconv from 'iconv-lite';
import { charsetLabelOf, normalizeCharset, sniffBom } from '../../encoding/charset-labels.js';

/** Decoded text and how the charset was chosen. */
export interface Decoded {
  text: string;
  charset: string;
  rule: 'bom' | 'content-type' | 'meta' | 'default';
}

/** The charset parameter of a Content-Type header. */
export function charsetFromContentType(ct: string | null | undefined): string | null {
  return normalizeCharset(charsetLabelOf(ct));
}

/** <meta charset> or <meta http-equiv="Content-Type" content="…charset=…"> in the first 4 KB (HTML's prescan size, doubled). */
export function charsetFromMeta(buf: Buffer): string | null {
  const head = buf.subarray(0, 4096).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/iu.exec(head);
  return normalizeCharset(direct?.[1]);
}

/** How decodeHtml reads a page: the charset it decodes with, why, and how many leading bytes (a BOM) it skips. */
interface Plan {
  charset: string;
  rule: Decoded['rule'];
  skip: number;
}

/** Decode page bytes: BOM first (it is unambiguous), then the HTTP header, then the page's own meta, then UTF-8. */
function planDecode(buf: Buffer, contentType?: string | null): Plan {
  const bom = sniffBom(buf);
  if (bom) return { charset: bom.charset, rule: 'bom', skip: bom.skip };
  // why: a legacy charset label on bytes that are valid, non-ASCII UTF-8 is almost always a stale label
  // (re-saved pages, CMS templates); legacy-encoded text is practically never valid multi-byte UTF-8
  const fromHeader = charsetFromContentType(contentType);
  if (fromHeader && fromHeader !== 'utf-8' && isStrictUtf8(buf)) return { charset: 'utf-8', rule: 'content-type', skip: 0 };
  if (fromHeader) return { charset: fromHeader, rule: 'content-type', skip: 0 };
  const fromMeta = charsetFromMeta(buf);
  if (fromMeta && fromMeta !== 'utf-8' && isStrictUtf8(buf)) return { charset: 'utf-8', rule: 'meta', skip: 0 };
  // why: a page declaring UTF-16 in ASCII-compatible bytes is lying; the bytes it was read with are ASCII-compatible
  if (fromMeta && !fromMeta.startsWith('utf-16')) return { charset: fromMeta, rule: 'meta', skip: 0 };
  return { charset: 'utf-8', rule: 'default', skip: 0 };
}

export function decodeHtml(buf: Buffer, contentType?: string | null): Decoded {
  const plan = planDecode(buf, contentType);
  const bytes = plan.skip ? buf.subarray(plan.skip) : buf;
  // why iconv for a BOM's charset, UTF-8 included: what it always did (iconv-lite drops a second BOM)
  const text = plan.rule === 'bom' ? iconv.decode(bytes, plan.charset) : decodeAs(bytes, plan.charset);
  return { text, charset: plan.charset, rule: plan.rule };
}

/** Bytes per piece of decodeHtmlChunks (at most; a piece never splits a character). */
export const CHUNK_BYTES = 32_768;

/**
 * The text decodeHtml gives, as pieces of at most CHUNK_BYTES bytes each (their concatenation is that text), when
 * it reads the bytes as valid UTF-8 (ASCII included) without a BOM; null otherwise (decodeHtml's text is then the
 * only form).
 * why: a page's text as one string is a large object to V8 (over 128 KiB: a two-byte string of a 64 KiB page):
 * each one is mapped, faulted in and unmapped on its own, which cost ~1 ms a page (a 170 KiB page: 0.6 ms of it
 * system time), against ~0.1 ms for the same text in pieces that fit the young generation
 */
export function decodeHtmlChunks(buf: Buffer, contentType?: string | null): string[] | null {
  const plan = planDecode(buf, contentType);
  if (plan.rule === 'bom' || plan.charset !== 'utf-8') return null;
  const ascii = isAscii(buf);
  if (!ascii && !isUtf8(buf)) return null; // invalid bytes: Node's decoder and its U+FFFD rules, on the whole
  const out: string[] = [];
  for (let from = 0; from < buf.length; ) {
    let to = Math.min(buf.length, from + CHUNK_BYTES);
    // back to the first byte of a character (a continuation byte is 10xxxxxx)
    while (to < buf.length && to > from && (buf[to]! & 0xc0) === 0x80) to--;
    out.push(ascii ? buf.toString('latin1', from, to) : buf.toString('utf8', from, to));
    from = to;
  }
  return out;
}

/** Node's own UTF-8 decoder is several times faster than iconv-lite's. */
function decodeAs(buf: Buffer, charset: string): string {
  return charset === 'utf-8' ? utf8(buf) : iconv.decode(buf, charset);
}

/**
 * UTF-8 bytes → text, the same string as `buf.toString('utf8')`.
 * why: ASCII bytes read as latin1, and valid UTF-8 transcoded to UTF-16 by ICU, give the same string faster than
 * V8's UTF-8 decoder (invalid bytes keep Node's decoder and its U+FFFD rules)
 */
function utf8(buf: Buffer): string {
  if (isAscii(buf)) return buf.toString('latin1');
  if (buf.length < 4096 || !isUtf8(buf)) return buf.toString('utf8');
  try {
    return transcode(buf, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    return buf.toString('utf8');
  }
}

/** True when the bytes are valid UTF-8 and hold at least one multi-byte character. */
function isStrictUtf8(buf: Buffer): boolean {
  return !isAscii(buf) && isUtf8(buf);
}
