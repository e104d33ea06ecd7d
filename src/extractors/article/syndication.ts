/**
 * Syndication: where the page says its story comes from: a credit line ("This article originally appeared on X"),
 * a wire dateline ("WASHINGTON (Reuters) -"), or a rel=canonical on another site.
 */
import type { Syndication } from '../../domain/types.js';
import type { TextBlock } from './blocks.js';
import { siteOf } from '../../url/site.js';
import type { PageText } from './page-text.js';
import { resolveUrl } from './url.js';
import { rx } from '../rx.js';

// why: the credit phrasings outlets use for republished stories, in English
const CREDIT = rx('iu')`
    \b(?:(?:this|the) (?:article|story|post|piece|report|column|essay|interview|version of this (?:article|story))\s+(?:was\s+)?(?:originally|
      first|previously)\s+(?:appeared|published|ran|posted)(?:\s+(?:on|in|at|by))?|(?:originally|first)\s+(?:appeared|published|posted|ran)\s+(?:on|in|at|
      by)|republished\s+(?:here\s+)?(?:with\s+permission\s+)?(?:from|courtesy of)|reprinted\s+(?:with\s+permission\s+)?(?:from|courtesy of)|(?:appeared|
      published)\s+(?:originally|first)\s+(?:on|in|at|by)|syndicated\s+from)\s+(?:the\s+website\s+of\s+)?([^.;:|()]{2,80}?)(?=\s*(?:[.;:|()]|,\s|\s+(?:on|
      and|under|as|in)\s|$))`;

const WIRES: [RegExp, string][] = [
  [/^reuters$/iu, 'Reuters'],
  [/^(?:ap|the associated press|associated press)$/iu, 'Associated Press'],
  [/^afp$/iu, 'AFP'],
  [/^(?:dpa|ddp|epd|kna|apa|sda|ansa|efe|anp|tt|ntb|ritzau|pap|ctk|tass|ria novosti|xinhua|pti|ians|yonhap|kyodo|upi|bloomberg|cnn)$/iu, ''],
];

function wireName(s: string): string | null {
  const t = s.trim();
  for (const [re, name] of WIRES) if (re.test(t)) return name || t;
  return null;
}

// "WASHINGTON (Reuters) -", "LONDON, May 3 (Reuters) -", "(AP) —", "BERLIN (dpa) -"
const DATELINE = /^(?:[\p{Lu}][\p{L}.'’\- ]{0,40}(?:,\s*[\p{L}.'’\- ]{1,30})?(?:,\s*\w{3,9}\.?\s+\d{1,2})?\s*)?\(([\p{L} .]{2,25})\)\s*[-–—:]/u;

// The credit phrases' tails, case-sensitive: the first letter of each phrase may be either case
const TAILS = ['riginally', 'epublished', 'eprinted', 'yndicated', 'irst appeared', 'irst published', 'reviously'];
const HINT = /originally (?:appeared|published|posted|ran)|(?:first|previously) (?:appeared|published)|republished|reprinted|syndicated from/iu;

/** Window length of the tail search: the shortest tail's. */
const M = Math.min(...TAILS.map((t) => t.length));
const LONGEST_TAIL = Math.max(...TAILS.map((t) => t.length));
/** How far the window may move when its last two characters are a given ASCII pair (Wu–Manber shift table). */
const SHIFT = new Uint8Array(128 * 128).fill(M - 1);
for (const t of TAILS)
  for (let q = 2; q <= M; q++) {
    const key = t.charCodeAt(q - 2) * 128 + t.charCodeAt(q - 1);
    SHIFT[key] = Math.min(SHIFT[key]!, M - q);
  }

/**
 * The leftmost tail at or after `from` (what /riginally|epublished|…/g finds next), as its index and length.
 * why: a Wu–Manber scan reading two characters per step costs less than the regex over the whole page
 */
function nextTail(html: string, from: number): { index: number; length: number } | null {
  const n = html.length;
  for (let pos = from + M - 1; pos < n; ) {
    const a = html.charCodeAt(pos - 1);
    const b = html.charCodeAt(pos);
    const shift = a < 128 && b < 128 ? SHIFT[a * 128 + b]! : M - 1;
    if (shift > 0) {
      pos += shift;
      continue;
    }
    const start = pos - M + 1;
    for (const t of TAILS) if (html.startsWith(t, start)) return { index: start, length: t.length };
    pos++;
  }
  return null;
}

/**
 * The first credit phrase in the raw HTML, as `{ index }`, or null.
 * why: one case-sensitive scan for the tails of the phrases; the case-insensitive phrase regex only runs on a
 * window around each tail found
 */
function creditHint(html: PageText): { index: number } | null {
  let at = 0;
  for (let tries = 0; tries < 50; tries++) {
    const tail = html.search(at, LONGEST_TAIL, nextTail);
    if (!tail) return null;
    const from = Math.max(0, tail.index - 12);
    const m = HINT.exec(html.slice(from, tail.index + tail.length + 20));
    if (m) return { index: from + m.index };
    at = tail.index + tail.length;
  }
  return null;
}

/** Find a syndication credit in the body blocks, or from a cross-domain canonical. */
export function findSyndication(blocks: TextBlock[], canonical: string | null, url: string | null, rawHtml: PageText | null = null): Syndication | null {
  const firstBlocks = blocks.slice(0, 3);
  for (const b of firstBlocks) {
    const m = DATELINE.exec(b.text);
    const name = m ? wireName(m[1]!) : null;
    if (m && name) return { source: name, url: null, rule: 'wire-dateline', evidence: m[0].trim() };
  }
  const edges = blocks.length > 8 ? [...blocks.slice(0, 4), ...blocks.slice(-6)] : blocks;
  for (const b of edges) {
    if (b.text.length > 600) continue;
    const m = CREDIT.exec(b.text);
    if (!m) continue;
    const source = m[1]!
      .trim()
      .replace(/^the\s+(?=\p{Lu})/u, '')
      .replace(/\s+/gu, ' ');
    let link: string | null = null;
    if (b.el) {
      const stack = [...b.el.children];
      while (stack.length && !link) {
        const n = stack.shift()!;
        if (n.type === 'tag' && n.name === 'a' && n.attribs.href) link = resolveUrl(n.attribs.href, url);
        else if ('children' in n) stack.push(...n.children);
      }
    }
    return { source: source || null, url: link, rule: 'originally-appeared', evidence: b.text.slice(0, 300) };
  }
  if (rawHtml) {
    // why: credit lines often sit in a styled box ("credit", "note") that body detection drops as furniture
    const hint = creditHint(rawHtml);
    if (hint) {
      const window = rawHtml.slice(Math.max(0, hint.index - 300), hint.index + 400);
      const text = window
        .replace(/<[^>]*>/gu, ' ')
        .replace(/^[^<]*>/u, ' ')
        .replace(/\s+/gu, ' ');
      const sentence = text.split(/(?<=[.!?]["”’»)]?)\s+/u).find((t) => CREDIT.test(t));
      const m = sentence ? CREDIT.exec(sentence) : null;
      if (m) {
        const source = m[1]!.trim().replace(/^the\s+(?=\p{Lu})/u, '');
        const after = rawHtml.slice(hint.index, hint.index + 400);
        const end = after.search(/<\/(?:p|div|li|em|i|small|span|footer)>/iu);
        const href = /<a\s[^>]*href=["']([^"'#][^"']*)["']/iu.exec(end >= 0 ? after.slice(0, end) : after);
        return { source: source || null, url: href ? resolveUrl(href[1], url) : null, rule: 'originally-appeared', evidence: sentence!.trim().slice(0, 300) };
      }
    }
  }
  if (canonical && url) {
    const a = siteOf(canonical);
    const b = siteOf(url);
    if (a && b && a !== b) return { source: a, url: canonical, rule: 'cross-domain-canonical', evidence: `<link rel="canonical" href="${canonical}">` };
  }
  return null;
}
