/**
 * Text and URL normalization for deduplication: what two copies of one story must have in common.
 * Pure functions: no I/O, no clock, no environment.
 */
import { createHash } from 'node:crypto';
import { canonicalizeUrl } from '../url/canonical.js';

/** Fewer tokens than this: no exact-text key (short captions and teasers repeat across unrelated pages). */
export const MIN_TOKENS_FOR_TEXT_HASH = 20;

/**
 * Word tokens of a body: NFKD, diacritics and case folded, letters and digits only.
 * // why: copies differ in curly vs straight quotes, dashes, accents lost by a CMS, and letter case of headings.
 *
 * Defined by `foldedTokens` (fold the whole body, then take its words); computed by a scan that gives the same
 * array. // why: the definition copies the body twice and runs two Unicode-property regexes over it (slow on
 * two-byte text, i.e. any body with a curly quote); the scan only cuts words out.
 * Why the scan is exact: NFKD decomposes each character on its own and then reorders only runs of non-starters,
 * which are all marks (test/dedup/fingerprint-identity.test.ts checks every code point) and all removed; mark
 * removal is per character; lower-casing is per character except for Σ (final or medial sigma depends on the
 * letters around it). So, with no Σ after NFKD, the folded body is the concatenation of its characters' folds,
 * and the scan takes its words from the characters' classes (TOKEN_CHAR); a run holding a character of class
 * OTHER is folded by the definition on its own, and a Σ sends the whole body to the definition.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let k = charClass(text.charCodeAt(i));
    if (k === SEP) {
      i++;
      continue;
    }
    const start = i;
    let run = k; // classes are bits: the run's set of classes
    for (i++; i < n; i++) {
      k = charClass(text.charCodeAt(i));
      if (k === SEP) break;
      run |= k;
    }
    if (run === KEEP) out.push(text.slice(start, i));
    else if ((run & ~(KEEP | LOWER)) === 0) out.push(text.slice(start, i).toLowerCase());
    else if ((run & OTHER) === 0) {
      // why lower-casing the assembled word is right: MAPPED folds are lower-case already (checked by classifyChar)
      let w = '';
      let from = start;
      for (let j = start; j < i; j++) {
        const c = text.charCodeAt(j);
        if (CLASSES[c] === MAPPED) {
          w += text.slice(from, j) + FOLDS.get(c)!;
          from = j + 1;
        }
      }
      w += text.slice(from, i);
      if (run & LOWER) w = w.toLowerCase();
      if (w !== '') out.push(w);
    } else {
      const d = text.slice(start, i).normalize('NFKD');
      if (d.includes('\u03a3')) return foldedTokens(text);
      const words = d.replace(MARKS, '').toLowerCase().match(WORD);
      if (words) for (const w of words) out.push(w);
    }
  }
  return out;
}

const MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** The definition of `tokens`: the whole body in NFKD, marks removed, lower-cased; its runs of letters and digits. */
export function foldedTokens(text: string): string[] {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().match(WORD) ?? [];
}

/**
 * Classes of UTF-16 code units for the `tokens` scan, by their fold (NFKD, marks removed, lower case), one bit
 * each. A word is a maximal run of non-SEP characters.
 */
export const TOKEN_CHAR = {
  /** Folds to a non-empty string without letters or digits: spaces, punctuation, symbols. Ends a word. */
  SEP: 1,
  /** Folds to itself, a letter or digit (a–z, 0–9, а–я, CJK ideographs…). */
  KEEP: 2,
  /** Folds to its lower case, letters or digits (A–Z, А–Я…). */
  LOWER: 4,
  /** Folds to another string of letters or digits (é → e, ﬁ → fi, ™ → tm, Hangul syllables → jamo) or to nothing (marks). */
  MAPPED: 8,
  /** Anything else: folds mixing letters or digits with other characters (½ → 1⁄2), Σ and whatever decomposes to it, surrogates. */
  OTHER: 16,
} as const;
const { SEP, KEEP, LOWER, MAPPED, OTHER } = TOKEN_CHAR;

/**
 * Class of each code unit, 0 until first met, and the folds of MAPPED ones. // why lazily, from the runtime's own
 * NFKD, case and Unicode property tables: the classes cannot drift from the definition, which uses the same
 * tables, and only the characters met cost anything, instead of a table built at start-up.
 */
const CLASSES = new Uint8Array(0x10000);
const FOLDS = new Map<number, string>();

function charClass(c: number): number {
  const k = CLASSES[c]!;
  if (k !== 0) return k;
  const classified = classifyChar(c);
  CLASSES[c] = classified;
  return classified;
}

/** The TOKEN_CHAR class of a UTF-16 code unit (recording the fold of a MAPPED one). */
export function classifyChar(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return OTHER;
  const s = String.fromCharCode(c);
  const d = s.normalize('NFKD');
  if (d.includes('\u03a3')) return OTHER;
  const f = d.replace(MARKS, '').toLowerCase();
  if (f !== '' && !/[\p{L}\p{N}]/u.test(f)) return SEP;
  if (f !== '' && !/^[\p{L}\p{N}]+$/u.test(f)) return OTHER;
  if (f === s && s.toLowerCase() === s) return KEEP;
  if (f !== '' && f === s.toLowerCase()) return LOWER;
  if (f.toLowerCase() !== f) return OTHER;
  FOLDS.set(c, f);
  return MAPPED;
}

/** Hash of the normalized token sequence (null when the text is too short to identify a story). */
export function textHash(toks: readonly string[]): string | null {
  if (toks.length < MIN_TOKENS_FOR_TEXT_HASH) return null;
  return createHash('sha256').update(toks.join(' ')).digest('hex').slice(0, 16);
}

/**
 * A URL reduced to what identifies the article: its canonical form (src/url/canonical.ts: no fragment, no tracking
 * parameters, the rest sorted) without scheme, port and `www.`/`m.`/`amp.` host prefix, no trailing slash or `/amp`
 * suffix. Null for site roots and section-like paths with a single short segment: a canonical pointing at a home
 * page must not merge a whole site.
 */
export function normalizeUrl(raw: string | null): string | null {
  const canonical = raw ? canonicalizeUrl(raw) : null;
  if (!canonical) return null;
  const u = new URL(canonical);
  const host = u.hostname.replace(/^(www\d?|m|amp|mobile)\./u, '');
  // why: paths stay case-sensitive (most servers are); only the host is folded.
  const path = decodeSafe(u.pathname)
    .replace(/\/(amp|index\.html?)\/?$/u, '/')
    .replace(/\/+$/u, '');
  if (!path) return null;
  // why: "/news" or "/world" is a section front, not an article; real article paths are longer.
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 1 && segments[0]!.length < 12 && !/\d/u.test(segments[0]!)) return null;
  return `${host}${path}${u.search}`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}

/** Host of a URL without `www.`, or null. */
export function hostOf(raw: string | null): string | null {
  if (!raw) return null;
  try {
    return new URL(raw).hostname.toLowerCase().replace(/^www\d?\./u, '');
  } catch {
    return null;
  }
}

/** An outlet name reduced for comparison: "The Hollywood Reporter" ~ "hollywoodreporter". */
export function normalizeOutlet(name: string | null): string | null {
  if (!name) return null;
  const t = tokens(name).filter((w) => w !== 'the' && w !== 'com');
  return t.length ? t.join('') : null;
}
