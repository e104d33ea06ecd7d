/**
 * Bytes → text for feeds: charset from the Content-Type header, a BOM, or the XML prolog; UTF-8 otherwise.
 */
import iconv from 'iconv-lite';

function charsetOf(contentType: string | null): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/iu.exec(contentType ?? '');
  return m?.[1]?.toLowerCase() ?? null;
}

/** Decode a fetched body. Unknown charsets fall back to UTF-8 (with replacement characters, never a throw). */
export function decodeBody(body: Buffer, contentType: string | null): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return body.subarray(3).toString('utf8');
  if (body[0] === 0xff && body[1] === 0xfe) return iconv.decode(body.subarray(2), 'utf16le');
  if (body[0] === 0xfe && body[1] === 0xff) return iconv.decode(body.subarray(2), 'utf16be');
  const prolog = /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/iu.exec(body.subarray(0, 200).toString('latin1'));
  const charset = charsetOf(contentType) ?? prolog?.[1]?.toLowerCase() ?? 'utf-8';
  if (charset === 'utf-8' || charset === 'utf8' || !iconv.encodingExists(charset)) return body.toString('utf8');
  return iconv.decode(body, charset);
}
