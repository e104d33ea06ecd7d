/**
 * Bytes → text: charset from a BOM, the Content-Type header, the XML prolog or an HTML <meta>, in that order,
 * with the WHATWG label mapping (latin1 and ascii mean windows-1252, gb2312 means GBK) and a fallback when a
 * declared UTF-8 is not UTF-8 at all.
 */
import iconv from 'iconv-lite';

/** WHATWG encoding labels that iconv-lite spells differently or that browsers read as a superset. */
const LABEL_ALIASES: Record<string, string> = {
  // why: browsers decode these as windows-1252; servers that say latin1 usually send curly quotes in 0x80–0x9f
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'x-cp1252': 'windows-1252',
  // why: GBK is a superset of GB2312, and pages labelled gb2312 routinely use GBK-only characters
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  'gb_2312-80': 'gbk',
  'x-sjis': 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'ms_kanji': 'shift_jis',
  'windows-31j': 'shift_jis',
  'x-euc-jp': 'euc-jp',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

/** Normalized charset name for `label`, or null when iconv-lite does not know it. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/gu, '');
  const name = LABEL_ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset parameter of a Content-Type header. */
export function charsetFromContentType(contentType: string | null): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/iu.exec(contentType ?? '');
  return m?.[1] ?? null;
}

function bomCharset(body: Buffer): { charset: string; skip: number } | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

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
  const bom = bomCharset(body);
  if (bom) return { charset: bom.charset, source: 'bom' };
  const fromHeader = normalizeCharset(charsetFromContentType(contentType));
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
  const bom = bomCharset(body);
  const bytes = bom ? body.subarray(bom.skip) : body;
  const { charset } = detectCharset(body, contentType);
  if (charset === 'utf-8') return bytes.toString('utf8');
  return iconv.decode(bytes, charset);
}
