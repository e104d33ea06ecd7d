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

/** Decode page bytes: BOM first (it is unambiguous), then the HTTP header, then the page's own meta, then UTF-8. */
export function decodeHtml(buf: Buffer, contentType?: string | null): Decoded {
  const bom = sniffBom(buf);
  if (bom) return { text: iconv.decode(buf.subarray(bom.skip), bom.charset), charset: bom.charset, rule: 'bom' };
  // why: a legacy charset label on bytes that are valid, non-ASCII UTF-8 is almost always a stale label
  // (re-saved pages, CMS templates); legacy-encoded text is practically never valid multi-byte UTF-8
  const fromHeader = charsetFromContentType(contentType);
  if (fromHeader && fromHeader !== 'utf-8') {
    const utf8 = strictUtf8(buf);
    if (utf8 !== null) return { text: utf8, charset: 'utf-8', rule: 'content-type' };
  }
  if (fromHeader) return { text: decodeAs(buf, fromHeader), charset: fromHeader, rule: 'content-type' };
  const fromMeta = charsetFromMeta(buf);
  if (fromMeta && fromMeta !== 'utf-8') {
    const utf8 = strictUtf8(buf);
    if (utf8 !== null) return { text: utf8, charset: 'utf-8', rule: 'meta' };
  }
  // why: a page declaring UTF-16 in ASCII-compatible bytes is lying; the bytes it was read with are ASCII-compatible
  if (fromMeta && !fromMeta.startsWith('utf-16')) return { text: decodeAs(buf, fromMeta), charset: fromMeta, rule: 'meta' };
  return { text: utf8(buf), charset: 'utf-8', rule: 'default' };
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

/** The bytes as UTF-8 when they are valid UTF-8 and hold at least one multi-byte character; otherwise null. */
function strictUtf8(buf: Buffer): string | null {
  if (isAscii(buf) || !isUtf8(buf)) return null;
  return utf8(buf);
}
