/**
 * Charset labels and byte-order marks: the pieces the fetch edge (feeds) and the page extractor (HTML) share.
 * Each keeps its own policy for which declaration wins; the vocabulary lives here. Imports nothing from src/.
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
  ms_kanji: 'shift_jis',
  'windows-31j': 'shift_jis',
  'x-euc-jp': 'euc-jp',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

/** Normalized charset name for `label`, or null when iconv-lite does not know it. */
export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/gu, '');
  const name = LABEL_ALIASES[l] ?? l;
  return iconv.encodingExists(name) ? name : null;
}

/** The charset parameter of a Content-Type header, as written (not normalized). */
export function charsetLabelOf(contentType: string | null | undefined): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/iu.exec(contentType ?? '');
  return m?.[1] ?? null;
}

/** A byte-order mark at the start of `body`: its charset and how many bytes to skip. */
export function sniffBom(body: Buffer): { charset: string; skip: number } | null {
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (body.length >= 2 && body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (body.length >= 2 && body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}
