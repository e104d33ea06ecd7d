/**
 * REFERENCE IMPLEMENTATION, for the differential tests only: `tokens`, `shingleHashes`, `minhash`,
 * `fingerprint` and `dedupFingerprint` exactly as they were before they were made faster (src/dedup at main
 * f6156bc). Stored sketches, band postings and text hashes in Redis were computed by this code: the src
 * versions must give the same output for every input. Do not "improve" this file.
 */
import { createHash } from 'node:crypto';
import { packFingerprint } from '../../src/dedup/assign-script.js';
// why these stay imported: packFingerprint, encodeCopy, sketchOf, bandPostings, exactPosting and normalizeUrl were
// not changed by the speed-up; the functions it did touch, and the hashes they build on, are copied below.
import { bandPostings, exactPosting, K, MIN_SHINGLES, SHINGLE, sketchOf, type Fingerprint, type Posting } from '../../src/dedup/fingerprint.js';
import { encodeCopy, type DedupFingerprint, type DedupInput } from '../../src/dedup/index.js';
import { MIN_TOKENS_FOR_TEXT_HASH, normalizeUrl } from '../../src/dedup/normalize.js';

/** Reference: src/dedup/normalize.ts tokens() at f6156bc. */
export function refTokens(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Reference: src/dedup/normalize.ts textHash() at f6156bc. */
export function refTextHash(toks: readonly string[]): string | null {
  if (toks.length < MIN_TOKENS_FOR_TEXT_HASH) return null;
  return createHash('sha256').update(toks.join(' ')).digest('hex').slice(0, 16);
}

/** Reference: src/dedup/fingerprint.ts fmix32() at f6156bc. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Reference: src/dedup/fingerprint.ts hashString() at f6156bc. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h >>> 0);
}

const SEEDS: Uint32Array = (() => {
  const out = new Uint32Array(K);
  let x = 0x2545f491;
  for (let i = 0; i < K; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    out[i] = fmix32(x);
  }
  return out;
})();

/** Reference: src/dedup/fingerprint.ts shingleHashes() at f6156bc. */
export function refShingleHashes(toks: readonly string[]): Uint32Array {
  if (toks.length === 0) return new Uint32Array(0);
  const th = toks.map(hashString);
  const set = new Set<number>();
  const n = Math.max(1, toks.length - SHINGLE + 1);
  for (let i = 0; i < n; i++) {
    let h = 0x3c6ef372;
    for (let j = i; j < Math.min(i + SHINGLE, th.length); j++) h = fmix32(Math.imul(h, 0x01000193) ^ th[j]!);
    set.add(h);
  }
  return Uint32Array.from(set);
}

/** Reference: src/dedup/fingerprint.ts minhash() at f6156bc. */
export function refMinhash(sh: Uint32Array): Uint32Array {
  const out = new Uint32Array(K);
  const n = sh.length;
  for (let k = 0; k < K; k++) {
    const seed = SEEDS[k]! | 0;
    let min = 0x7fffffff; // 0xffffffff, biased
    for (let i = 0; i < n; i++) {
      let h = sh[i]! ^ seed;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h ^= 0x80000000;
      if (h < min) min = h;
    }
    out[k] = (min ^ 0x80000000) >>> 0;
  }
  return out;
}

/** Reference: src/dedup/fingerprint.ts fingerprint() at f6156bc (with the reference parts above). */
export function refFingerprint(text: string, urls: readonly (string | null)[]): Fingerprint {
  const toks = refTokens(text);
  const th = refTextHash(toks);
  const sh = refShingleHashes(toks);
  let sketch: Buffer | null = null;
  let bands: Posting[] = [];
  if (sh.length >= MIN_SHINGLES) {
    const mh = refMinhash(sh);
    sketch = sketchOf(mh, sh.length);
    bands = bandPostings(mh);
  }
  const urlKeys = [...new Set(urls.map(normalizeUrl).filter((u): u is string => u !== null))].sort();
  const exact = urlKeys.map((u) => exactPosting('u', u));
  if (th) exact.push(exactPosting('t', th));
  return { sketch, bands, exact, textHash: th, shingles: sh.length };
}

/** Reference: src/dedup/index.ts dedupFingerprint() at f6156bc (with refFingerprint). */
export function refDedupFingerprint(input: DedupInput): DedupFingerprint {
  const fp = refFingerprint(input.text, [input.url, input.canonicalUrl]);
  const packed = packFingerprint(fp);
  const s = input.syndication;
  const copy = encodeCopy({
    articleId: input.id,
    url: input.url,
    canonicalUrl: input.canonicalUrl,
    siteName: input.siteName,
    title: input.title,
    publishedAt: input.publishedAt,
    textHash: fp.textHash,
    syndication: s ? { source: s.source, url: s.url, rule: s.rule } : null,
  });
  return { copy, sketch: packed.sketch?.toString('base64') ?? null, exact: packed.exact, bands: packed.bands };
}
