/**
 * Fingerprints of an article body: word-shingle MinHash (K values), its 2-bit sketch for verification, the
 * LSH band keys for the Redis index, and the exact keys (URLs, normalized text). Pure and deterministic.
 */
import { createHash } from 'node:crypto';
import { normalizeUrl, textHash, tokens } from './normalize.js';

/** Words per shingle. // why: 4-grams rarely repeat across unrelated stories ("said in a statement" is 4). */
export const SHINGLE = 4;
/** MinHash values per article; all K feed the 2-bit sketch, the first BANDS × ROWS feed the LSH index. */
export const K = 128;
export const BANDS = 16;
export const ROWS = 2;
/** Fewer shingles than this: exact keys only (too little text to call two bodies near-duplicates). */
export const MIN_SHINGLES = 25;
/**
 * A band hash is split into a bucket (BAND_BUCKET_BITS: which Redis set) and a remainder (BAND_REM_BITS) stored
 * with the article's seq as one integer `seq·2^BAND_REM_BITS + rem`: sets of small integers are Redis intsets,
 * 4 bytes a member. // why: 25 bits give ~0.5 chance collisions per lookup at 10^6 articles, each one cheaply
 * rejected by the sketch test; more bits would push members past 32 bits and double the memory.
 */
export const BAND_BUCKET_BITS = 18;
export const BAND_REM_BITS = 7;
/** Bytes of a sketch: K 2-bit values, then the shingle count (uint16, big-endian). */
export const SKETCH_BYTES = K / 4 + 2;

/** Where one posting lives in Redis: hash `<bucket>`, field `<field>`. */
export interface Posting {
  bucket: string;
  field: string;
}

/** Everything the index needs to know about one body. */
export interface Fingerprint {
  /** 2-bit MinHash sketch plus shingle count, or null when the body is too short for near-duplicate search. */
  sketch: Buffer | null;
  /** LSH band postings (empty when `sketch` is null). */
  bands: Posting[];
  /** Exact-duplicate postings: normalized URL keys and the normalized text hash. */
  exact: Posting[];
  /** Hash of the normalized token sequence, or null for short texts. */
  textHash: string | null;
  shingles: number;
}

/** MurmurHash3's 32-bit finalizer: a cheap bijective mixer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, mixed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h >>> 0);
}

/** K fixed seeds (splitmix-style sequence from a constant): the K hash permutations of MinHash. */
const SEEDS: Uint32Array = (() => {
  const out = new Uint32Array(K);
  let x = 0x2545f491;
  for (let i = 0; i < K; i++) {
    x = (x + 0x9e3779b9) >>> 0;
    out[i] = fmix32(x);
  }
  return out;
})();
/** Each seed after fmix32's first step (see minhash); K is a multiple of 4 (minhash takes four seeds a pass). */
const SEEDS_MIXED = Int32Array.from(SEEDS, (s) => s ^ (s >>> 16));

/**
 * Distinct hashes of the word shingles of `toks` (a shorter text gives one shingle of all its words), in order of
 * first occurrence. Each token hash is hashString; a shingle hash chains its tokens' hashes through fmix32.
 * // why int32 arrays and an open-addressing table rather than number[] and Set<number>: most hashes exceed
 * 2^30, so as JS numbers they are heap-allocated doubles and the Set hashes them as such; the table keeps the
 * Set's first-occurrence order, so the output is the same array.
 */
export function shingleHashes(toks: readonly string[]): Uint32Array {
  const n = toks.length;
  if (n === 0) return new Uint32Array(0);
  const th = new Int32Array(n);
  for (let t = 0; t < n; t++) th[t] = hashString(toks[t]!);
  const m = Math.max(1, n - SHINGLE + 1);
  let size = 16;
  while (size < 2 * m) size <<= 1; // load ≤ 1/2: short probe runs
  const mask = size - 1;
  const table = new Int32Array(size); // 0 = empty slot; a hash of 0 is tracked by `seenZero`
  let seenZero = false;
  const out = new Int32Array(m);
  let len = 0;
  for (let i = 0; i < m; i++) {
    const end = Math.min(i + SHINGLE, n);
    let h = 0x3c6ef372;
    for (let j = i; j < end; j++) h = fmix32(Math.imul(h, 0x01000193) ^ th[j]!) | 0;
    if (h === 0) {
      if (!seenZero) out[len++] = 0;
      seenZero = true;
      continue;
    }
    // why: h is already an fmix32 output, so its low bits serve as the slot index as they are
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const v = table[p]!;
      if (v === h) break;
      if (v === 0) {
        table[p] = h;
        out[len++] = h;
        break;
      }
    }
  }
  return new Uint32Array(out.buffer.slice(0, len * 4));
}

/**
 * K MinHash values of a set of shingle hashes: for each seed, the least fmix32(shingle ^ seed).
 * why inlined in 32-bit integer arithmetic: K × shingles mixes (~100,000 an article) are most of a fingerprint's
 * cost; comparing `v ^ 0x80000000` as signed integers orders values as unsigned ones without leaving int32.
 * why four seeds per pass: four independent mix chains keep the CPU's multipliers busy and load each shingle
 * once for four seeds (eight gain little more for twice the code).
 * why pre-mixed: fmix32's first step `h ^= h >>> 16` is linear over xor, so on `x ^ seed` it equals
 * `(x ^ x >>> 16) ^ (seed ^ seed >>> 16)`: both halves are computed once, not K × shingles times.
 */
export function minhash(sh: Uint32Array): Uint32Array {
  const out = new Uint32Array(K);
  const n = sh.length;
  const xs = new Int32Array(n);
  for (let i = 0; i < n; i++) xs[i] = sh[i]! ^ (sh[i]! >>> 16);
  for (let k = 0; k < K; k += 4) {
    const s0 = SEEDS_MIXED[k]!;
    const s1 = SEEDS_MIXED[k + 1]!;
    const s2 = SEEDS_MIXED[k + 2]!;
    const s3 = SEEDS_MIXED[k + 3]!;
    let m0 = 0x7fffffff; // 0xffffffff, biased
    let m1 = 0x7fffffff;
    let m2 = 0x7fffffff;
    let m3 = 0x7fffffff;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let h0 = Math.imul(x ^ s0, 0x85ebca6b);
      let h1 = Math.imul(x ^ s1, 0x85ebca6b);
      let h2 = Math.imul(x ^ s2, 0x85ebca6b);
      let h3 = Math.imul(x ^ s3, 0x85ebca6b);
      h0 = Math.imul(h0 ^ (h0 >>> 13), 0xc2b2ae35);
      h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
      h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
      h3 = Math.imul(h3 ^ (h3 >>> 13), 0xc2b2ae35);
      h0 ^= (h0 >>> 16) ^ 0x80000000;
      h1 ^= (h1 >>> 16) ^ 0x80000000;
      h2 ^= (h2 >>> 16) ^ 0x80000000;
      h3 ^= (h3 >>> 16) ^ 0x80000000;
      if (h0 < m0) m0 = h0;
      if (h1 < m1) m1 = h1;
      if (h2 < m2) m2 = h2;
      if (h3 < m3) m3 = h3;
    }
    out[k] = m0 ^ 0x80000000;
    out[k + 1] = m1 ^ 0x80000000;
    out[k + 2] = m2 ^ 0x80000000;
    out[k + 3] = m3 ^ 0x80000000;
  }
  return out;
}

/** The 2-bit sketch: the low two bits of every MinHash value, four to a byte, then the shingle count. */
export function sketchOf(mh: Uint32Array, shingles: number): Buffer {
  const buf = Buffer.alloc(SKETCH_BYTES);
  for (let k = 0; k < K; k++) buf[k >> 2]! |= (mh[k]! & 3) << ((k & 3) * 2);
  buf.writeUInt16BE(Math.min(shingles, 0xffff), K / 4);
  return buf;
}

/** LSH band postings: band j hashes MinHash rows j·ROWS … j·ROWS+ROWS−1 (and j, so bands never collide). */
export function bandPostings(mh: Uint32Array): Posting[] {
  const out: Posting[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = fmix32(Math.imul(b + 1, 0x9e3779b1));
    for (let r = 0; r < ROWS; r++) h = fmix32(Math.imul(h, 0x01000193) ^ mh[b * ROWS + r]!);
    out.push(splitHash(h));
  }
  return out;
}

/** A 32-bit band hash as (bucket, remainder): the top BAND_BUCKET_BITS pick the Redis set. */
export function splitHash(h: number): Posting {
  return { bucket: (h >>> (32 - BAND_BUCKET_BITS)).toString(36), field: String(h & ((1 << BAND_REM_BITS) - 1)) };
}

/**
 * An exact key (a URL, a text hash) as a posting with 48 bits of SHA-256: 15 for the bucket, 33 for the field.
 * // why: exact matches are accepted without verification, so false collisions must be negligible at 10^6 keys;
 * 2^15 buckets per kind keep each Redis hash small (listpack) without a key per article.
 */
export function exactPosting(kind: 'u' | 't', value: string): Posting {
  const d = createHash('sha256').update(`${kind}\u0000${value}`).digest();
  const hi = d.readUInt16BE(0) >>> 1; // 15 bits
  const lo = (d.readUInt8(1) & 1) * 2 ** 32 + d.readUInt32BE(2); // 33 bits
  return { bucket: `${kind}${hi.toString(36)}`, field: String(lo) };
}

/** Fingerprint of one article: its body and the URLs that identify it. */
export function fingerprint(text: string, urls: readonly (string | null)[]): Fingerprint {
  const toks = tokens(text);
  const th = textHash(toks);
  const sh = shingleHashes(toks);
  let sketch: Buffer | null = null;
  let bands: Posting[] = [];
  if (sh.length >= MIN_SHINGLES) {
    const mh = minhash(sh);
    sketch = sketchOf(mh, sh.length);
    bands = bandPostings(mh);
  }
  const urlKeys = [...new Set(urls.map(normalizeUrl).filter((u): u is string => u !== null))].sort();
  const exact = urlKeys.map((u) => exactPosting('u', u));
  if (th) exact.push(exactPosting('t', th));
  return { sketch, bands, exact, textHash: th, shingles: sh.length };
}
