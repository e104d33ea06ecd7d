/**
 * Bytes → text: charset from a BOM, the Content-Type header, the XML prolog or an HTML <meta>, in that order,
 * with the WHATWG label mapping (latin1 and ascii mean windows-1252, gb2312 means GBK) and a fallback when a
 * declared UTF-8 is not UTF-8 at all.
 */
import iconv from 'iconv-lite';
import { charsetLabelOf, normalizeCharset, sniffBom } from '../encoding/charset-labels.js';

/** Charset declared inside the document: XML prolog, `<meta charset>` or `<meta http-equiv content-type>`. */
export function declaredCharset(body: Buffer): string | null {
  const head = body.subarray(0, 2048).toString('latin1');
  const prolog = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/iu.exec(head);
  if (prolog?.[1]) return prolog[1];
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/iu.exec(head);
  return meta?.[1] ?? null;
}

/** Strict UTF-8 validity check (no replacement characters needed). */
export function isValidUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

/** Which charset `decodeBody` will use for these bytes, and where it came from. */
export function detectCharset(body: Buffer, contentType: string | null): { charset: string; source: 'bom' | 'header' | 'document' | 'fallback' | 'default' } {
  const bom = sniffBom(body);
  if (bom) return { charset: bom.charset, source: 'bom' };
  const fromHeader = normalizeCharset(charsetLabelOf(contentType));
  const fromDoc = normalizeCharset(declaredCharset(body));
  // why: a header saying UTF-8 over bytes that are not UTF-8 is a misconfigured server; the document knows better
  if (fromHeader && !(fromHeader === 'utf-8' && !isValidUtf8(body))) return { charset: fromHeader, source: 'header' };
  if (fromDoc && !(fromDoc === 'utf-8' && !isValidUtf8(body))) return { charset: fromDoc, source: 'document' };
  if (isValidUtf8(body)) return { charset: 'utf-8', source: 'default' };
  // why: undeclared non-UTF-8 bytes on news sites are overwhelmingly windows-1252 (what browsers assume too)
  return { charset: 'windows-1252', source: 'fallback' };
}

/** Decode a fetched body. Unknown charsets fall back to UTF-8 (with replacement characters, never a throw). */
export function decodeBody(body: Buffer, contentType: string | null): string {
  const bom = sniffBom(body);
  const bytes = bom ? body.subarray(bom.skip) : body;
  const { charset } = detectCharset(body, contentType);
  if (charset === 'utf-8') return bytes.toString('utf8');
  return iconv.decode(bytes, charset);
}
