/**
 * The fast `tokens`, `shingleHashes` and `minhash` against the reference implementation they replaced
 * (./fingerprint-reference.ts): stored sketches, band postings and text hashes depend on every bit of their
 * output, so the tests demand equality, not similarity: on every fixture body, on seeded fuzz text mixing the
 * characters folding treats specially, and on every UTF-16 code unit for the tokens scan's character classes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../scripts/prng.js';
import { extractArticle } from '../../src/index.js';
import { fingerprint, minhash, shingleHashes } from '../../src/dedup/fingerprint.js';
import { dedupFingerprint, type DedupInput } from '../../src/dedup/index.js';
import { classifyChar, foldedTokens, TOKEN_CHAR, tokens } from '../../src/dedup/normalize.js';
import { fmix32, hashString, refDedupFingerprint, refFingerprint, refMinhash, refShingleHashes, refTokens } from './fingerprint-reference.js';

const fixtures = join(import.meta.dirname, '../../fixtures');

/** Bodies of the bundled fixtures: the syndication set's texts and the fixture pages through the extractor. */
function fixtureTexts(): string[] {
  const syndication = readFileSync(join(fixtures, 'syndication/articles.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  const pages: string[] = [];
  for (const site of readdirSync(join(fixtures, 'pages'))) {
    for (const f of readdirSync(join(fixtures, 'pages', site)).filter((f) => f.endsWith('.html'))) {
      const a = extractArticle(readFileSync(join(fixtures, 'pages', site, f)), { url: `http://127.0.0.1:8080/pages/${site}/${f}`, contentType: 'text/html' });
      pages.push(a.text);
    }
  }
  return [...syndication, ...pages];
}

/** Pieces that folding treats specially, next to plain words. */
const PIECES = [
  'the',
  'Council',
  'BUDGET',
  'said',
  '2024',
  '3.5',
  'U.S.',
  "it's",
  'Mr',
  'x',
  'co-op',
  '‘',
  '’',
  '“',
  '”',
  '„',
  '«',
  '»',
  '–',
  '—',
  '…',
  '•',
  '·',
  '′',
  '‼',
  '⁄',
  '‾',
  '‗', // general punctuation and Latin-1 symbols
  '\u00a0',
  '\u2009',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u3000',
  '\t',
  '\n',
  'café',
  'cafe\u0301',
  'CAFÉ',
  'CAFE\u0301',
  'déjà',
  'naïve',
  'Ångström',
  'A\u030a',
  '\u0301',
  '\u0301\u0327',
  'ç',
  'ñ',
  'ø',
  'Ø',
  'æ',
  'œ',
  'ð',
  'þ',
  'Straße',
  'STRASSE',
  'ẞ',
  'İstanbul',
  'ı',
  'I\u0307',
  'ǅ',
  'ǆ',
  'ŉ',
  'ſ',
  'K',
  'Ω',
  'Å',
  'µ',
  'ª',
  'º',
  'Αθήνα',
  'ΣΟΦΟΣ',
  'σοφός',
  'ΟΔΟΣ.',
  'Σ',
  'ς',
  'ϲ',
  'Ϲ',
  'ΐ',
  'ϐ',
  'Москва',
  'Йошкар-Ола',
  'ёж',
  'ЁЖ',
  'й',
  'ї',
  'Ѝ',
  '東京',
  'ひらがな',
  'が',
  'ガ',
  'ｶﾞ',
  'ｱ',
  '한국어',
  '\u1100\u1161',
  'ㄱ',
  '〇',
  '々',
  '一二三',
  'مرحبا',
  'ﻻ',
  'ﷺ',
  'שָׁלוֹם',
  'नमस्ते',
  'ไทย',
  '🙂',
  '👍🏽',
  '❤️',
  '👨‍👩‍👧',
  '🇫🇷',
  '𝐀𝐁',
  '𝚺',
  '𝟏',
  '\ud800',
  '\udc00',
  '\udbff\udfff',
  '™',
  '℠',
  'ﬁ',
  'ﬂ',
  '²',
  '³',
  '¹',
  '½',
  '⅓',
  'Ⅻ',
  'ⅻ',
  'Ⓐ',
  'ⓐ',
  '①',
  '㎏',
  '㈱',
  'Ａ',
  'ａ',
  '１',
  '℃',
  '№',
  '…',
  '‥',
  '$',
  '€',
  '£',
  '¥',
  '©',
  '®',
  '°',
  '±',
  '×',
  '÷',
  '§',
  '¶',
  '¨',
  '¯',
  '´',
  '¸',
  '˜',
  '˝',
  '\u0000',
  '\u007f',
  '\u0085',
];

function fuzzText(r: () => number, words: number): string {
  const seps = [' ', ' ', ' ', '', ', ', '. ', '\n\n', '\u00a0', '’', '—', '-'];
  let s = '';
  for (let i = 0; i < words; i++) {
    const x = r();
    const piece =
      x < 0.5 ? PIECES[Math.floor(r() * 11)]! : x < 0.97 ? PIECES[Math.floor(r() * PIECES.length)]! : String.fromCharCode(Math.floor(r() * 0x10000));
    s += piece + seps[Math.floor(r() * seps.length)]!;
  }
  return s;
}

const fuzzTexts = (): string[] => {
  const r = mulberry32(20260525);
  const out: string[] = [];
  for (let i = 0; i < 400; i++) out.push(fuzzText(r, i % 4 === 0 ? 1 + Math.floor(r() * 8) : 50 + Math.floor(r() * 800)));
  return out;
};

const input = (text: string, i: number): DedupInput => ({
  id: `a${i}`,
  url: `https://example.com/news/2024/story-${i}`,
  canonicalUrl: i % 3 ? null : `https://www.example.com/news/2024/story-${i}?utm_source=x`,
  siteName: 'Example',
  title: `Story ${i}`,
  text,
  publishedAt: null,
  syndication: null,
});

/** Everything the speed-up touched, old against new, for one body. */
function expectIdentical(text: string, i: number): void {
  const toks = tokens(text);
  expect(toks).toEqual(refTokens(text));
  const sh = shingleHashes(toks);
  const refSh = refShingleHashes(toks);
  // why whole arrays, not sorted sets: the new table keeps the Set's first-occurrence order, so even order agrees
  expect(sh).toEqual(refSh);
  expect(minhash(sh)).toEqual(refMinhash(refSh));
  const urls = [`https://example.com/news/2024/story-${i}`, null];
  expect(fingerprint(text, urls)).toEqual(refFingerprint(text, urls));
  expect(dedupFingerprint(input(text, i))).toEqual(refDedupFingerprint(input(text, i)));
}

describe('fingerprint speed-up: output identical to the reference', () => {
  const fixtureBodies = fixtureTexts();
  it(`on every fixture body (${fixtureBodies.length})`, () => {
    expect(fixtureBodies.length).toBe(154); // 136 syndication texts, 18 pages
    for (const [i, t] of fixtureBodies.entries()) expectIdentical(t, i);
  });

  const fuzz = fuzzTexts();
  it(`on seeded fuzz text (${fuzz.length} bodies)`, () => {
    for (const [i, t] of fuzz.entries()) expectIdentical(t, i);
    // the fuzz reaches every path of the scan: near-duplicate search, and the whole-body fallback (a Σ)
    expect(fuzz.filter((t) => refShingleHashes(refTokens(t)).length >= 25).length).toBeGreaterThan(200);
    expect(fuzz.filter((t) => t.normalize('NFKD').includes('Σ')).length).toBeGreaterThan(50);
  });

  it.each([
    ['“Café” — déjà vu', ['cafe', 'deja', 'vu']],
    ['ΟΔΟΣ. ΣΟΦΟΣ’Σ', refTokens('ΟΔΟΣ. ΣΟΦΟΣ’Σ')], // final sigma: context crosses the separators
    ['ΑϹ ϹΑ', refTokens('ΑϹ ϹΑ')], // lunate capital sigma: NFKD gives Σ
    ['İstanbul ıI', ['istanbul', 'ıi']],
    ['ﬁnal™ x² ½', ['finaltm', 'x2', '1', '2']], // NFKD: ﬁ → fi, ™ → TM, ² → 2, ½ → 1⁄2
    ['e\u0301te\u0301 \u0301a', ['ete', 'a']],
    ['🙂great👍🏽day', ['great', 'day']],
    ['한국어', refTokens('한국어')],
    ['', []],
  ])('tokens(%j)', (text, expected) => {
    expect(tokens(text)).toEqual(expected);
    expect(tokens(text)).toEqual(refTokens(text));
  });
});

describe('tokens scan: character classes', () => {
  const { SEP, KEEP, LOWER, MAPPED, OTHER } = TOKEN_CHAR;
  const fold = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();

  it('every non-starter is a mark (why NFKD reordering never matters: the marks are all removed)', () => {
    // a code point with a canonical combining class in 1..239 moves before U+0345 (class 240, the highest)
    const nonStarter = (x: string) => `\u0345${x}`.normalize('NFKD') !== `\u0345${x.normalize('NFKD')}`;
    const bad: number[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const x = String.fromCodePoint(c);
      if (nonStarter(x) && !/^\p{M}/u.test(x.normalize('NFKD'))) bad.push(c);
    }
    expect(bad).toEqual([]);
  });

  it('each class is what its code units fold to, for every UTF-16 code unit', () => {
    const bad: string[] = [];
    const counts = { [SEP]: 0, [KEEP]: 0, [LOWER]: 0, [MAPPED]: 0, [OTHER]: 0 } as Record<number, number>;
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      const k = classifyChar(c);
      counts[k]!++;
      const f = fold(s);
      const words = /^[\p{L}\p{N}]+$/u.test(f);
      const ok =
        k === OTHER
          ? true // folded by the definition
          : (c >= 0xd800 && c <= 0xdfff) || s.normalize('NFKD').includes('Σ')
            ? false
            : k === SEP
              ? f !== '' && !/[\p{L}\p{N}]/u.test(f)
              : k === KEEP
                ? f === s && words && s.toLowerCase() === s
                : k === LOWER
                  ? f === s.toLowerCase() && words
                  : k === MAPPED
                    ? (f === '' || words) && f.toLowerCase() === f
                    : false;
      if (!ok) bad.push(`U+${c.toString(16)} class ${k}`);
    }
    expect(bad).toEqual([]);
    // the fast classes cover most of the BMP (OTHER: surrogates, Σ-likes, mixed folds such as ½ → 1⁄2)
    expect(counts[OTHER]!).toBeLessThan(2600);
  });

  it('tokens equals the definition around every UTF-16 code unit', () => {
    const bad: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      for (const t of [
        s,
        `ab${s}cd`,
        `AB${s}Cd`,
        `x ${s}${s} Y`,
        `é${s}\u0301ж`,
        `\u0301${s}е\u0308`,
        `Й${s}1`,
        `ﬁ${s}’${s}K`,
        `한${s}½`,
        `${s}\ud83d\ude42${s}`,
      ]) {
        if (JSON.stringify(tokens(t)) !== JSON.stringify(foldedTokens(t))) bad.push(`U+${c.toString(16)} in ${JSON.stringify(t)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('tokens equals the definition on random UTF-16 strings', () => {
    const r = mulberry32(99);
    const blocks = [
      [0, 0x10000],
      [0, 0x80],
      [0x80, 0x250],
      [0x300, 0x370],
      [0x370, 0x530],
      [0x1e00, 0x2000],
      [0x2000, 0x2200],
      [0x3000, 0x3100],
      [0xac00, 0xac40],
      [0xd800, 0xe000],
      [0xfb00, 0xfb10],
    ] as const;
    for (let t = 0; t < 3000; t++) {
      let s = '';
      for (let i = 0, len = 1 + Math.floor(r() * 40); i < len; i++) {
        const [lo, hi] = blocks[Math.floor(r() * blocks.length)]!;
        s += String.fromCharCode(lo + Math.floor(r() * (hi - lo)));
      }
      expect(tokens(s)).toEqual(refTokens(s));
    }
  });

  it('foldedTokens is the reference tokens', () => {
    for (const t of fuzzTexts().slice(0, 50)) expect(foldedTokens(t)).toEqual(refTokens(t));
  });
});

describe('shingleHashes and minhash edge cases', () => {
  /** Inverse of fmix32 (for building a token whose shingle hash is 0, the table's empty-slot value). */
  const inv = (a: number) => {
    let x = a;
    for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x));
    return x;
  };
  const unfmix32 = (h: number) => {
    h ^= h >>> 16;
    h = Math.imul(h, inv(0xc2b2ae35));
    h ^= (h >>> 13) ^ (h >>> 26);
    h = Math.imul(h, inv(0x85ebca6b));
    h ^= h >>> 16;
    return h >>> 0;
  };
  /** A string of two code units whose hashString is `target` (null when none of that shape exists). */
  const withHash = (target: number): string | null => {
    const f = unfmix32(target); // FNV state after the last code unit
    const beforeXor = Math.imul(f, inv(0x01000193)) >>> 0; // = (state after c1) ^ c2
    for (let c1 = 0; c1 < 0x10000; c1++) {
      const st = Math.imul(0x811c9dc5 ^ c1, 0x01000193) >>> 0;
      if (st >>> 16 === beforeXor >>> 16) return String.fromCharCode(c1, (st ^ beforeXor) & 0xffff);
    }
    return null;
  };

  it('unfmix32 inverts fmix32', () => {
    const r = mulberry32(7);
    for (let i = 0; i < 1000; i++) {
      const x = Math.floor(r() * 2 ** 32);
      expect(unfmix32(fmix32(x))).toBe(x);
    }
  });

  it('a shingle hash of 0 is kept once, in place', () => {
    // a shingle hash is fmix32(imul(h, p) ^ last token's hash), h the chain over the shingle's other tokens, and
    // fmix32(0) = 0: a last token hashing to imul(h, p) makes the shingle hash 0
    let h = 0x3c6ef372;
    for (const t of ['x', 'y', 'z']) h = fmix32(Math.imul(h, 0x01000193) ^ hashString(t));
    const zero = withHash(Math.imul(h, 0x01000193) >>> 0);
    expect(zero).not.toBeNull();
    const toks = ['a', 'x', 'y', 'z', zero!, 'b', 'x', 'y', 'z', zero!, 'c', 'd'];
    const ref = refShingleHashes(toks.slice(1)); // the zero first
    expect(ref[0]).toBe(0);
    expect(shingleHashes(toks.slice(1))).toEqual(ref);
    const ref2 = refShingleHashes(toks); // the zero second, and again later
    expect([...ref2].filter((x) => x === 0)).toEqual([0]);
    expect(ref2[1]).toBe(0);
    expect(shingleHashes(toks)).toEqual(ref2);
  });

  it.each([
    ['no tokens', []],
    ['one token', ['a']],
    ['fewer tokens than a shingle', ['a', 'b', 'c']],
    ['one full shingle', ['a', 'b', 'c', 'd']],
    ['repeats', ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a']],
    ['3,000 tokens, 37 distinct shingles', Array.from({ length: 3000 }, (_, i) => `w${i % 37}`)],
  ])('shingleHashes: %s', (_, toks) => expect(shingleHashes(toks)).toEqual(refShingleHashes(toks)));

  it('minhash on 310 random and 310 extreme shingle sets', () => {
    const r = mulberry32(11);
    const sizes = [0, 1, 2, 3, 4, 5, 25, 127, 800, 5000, ...Array.from({ length: 300 }, () => Math.floor(r() * 2000))];
    for (const n of sizes) {
      const sh = Uint32Array.from({ length: n }, () => Math.floor(r() * 2 ** 32));
      expect(minhash(sh)).toEqual(refMinhash(sh));
      const extremes = Uint32Array.from({ length: n }, (_, i) => [0, 0xffffffff, 0x80000000, 0x7fffffff][i % 4]!);
      expect(minhash(extremes)).toEqual(refMinhash(extremes));
    }
  });
});
