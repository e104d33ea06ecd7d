/**
 * Verification of an LSH candidate from two 2-bit MinHash sketches: estimated resemblance (Jaccard) and
 * containment of the shorter body in the longer. The Lua index script (assign-script.ts) computes the same
 * figures with the same thresholds; this is the reference implementation, used by tests and the eval.
 */
import { K } from './fingerprint.js';

/** Thresholds of the near-duplicate decision: symmetric in the two articles, so arrival order cannot matter. */
export interface NearThresholds {
  /** Accept when the estimated Jaccard resemblance reaches this. */
  minJaccard: number;
  /** …or when the shorter body is this much contained in the longer one… */
  minContainment: number;
  /** …and the resemblance is still at least this (a guard against estimation noise on short texts). */
  minJaccardContained: number;
}

/**
 * // why: same-topic stories by different reporters share a few quotes and names (J < 0.1); a copy trimmed to
 * half its length still has J ≈ 0.5 and containment ≈ 1. The 2-bit estimate has σ ≈ 0.05 at K = 128.
 */
export const NEAR: NearThresholds = { minJaccard: 0.45, minContainment: 0.8, minJaccardContained: 0.25 };

export interface SketchComparison {
  jaccard: number;
  containment: number;
  near: boolean;
}

/** Number of equal 2-bit slots in two sketches. */
export function equalSlots(a: Buffer, b: Buffer): number {
  let m = 0;
  for (let i = 0; i < K / 4; i++) {
    let x = a[i]! ^ b[i]!;
    for (let s = 0; s < 4; s++) {
      if ((x & 3) === 0) m++;
      x >>= 2;
    }
  }
  return m;
}

/** Jaccard from the share of equal 2-bit values: P(equal) = J + (1 − J)/4. */
export function jaccardFromSlots(m: number): number {
  return Math.max(0, (4 * (m / K) - 1) / 3);
}

/** Estimated |A∩B| / min(|A|,|B|) from the Jaccard estimate and both shingle counts. */
export function containmentOf(j: number, na: number, nb: number): number {
  const small = Math.min(na, nb);
  if (small === 0) return 0;
  return Math.min(1, (j * (na + nb)) / ((1 + j) * small));
}

/** Compare two sketches (see `sketchOf`) and decide whether they are near-duplicates. */
export function compareSketches(a: Buffer, b: Buffer, t: NearThresholds = NEAR): SketchComparison {
  const jaccard = jaccardFromSlots(equalSlots(a, b));
  const containment = containmentOf(jaccard, a.readUInt16BE(K / 4), b.readUInt16BE(K / 4));
  const near = jaccard >= t.minJaccard || (containment >= t.minContainment && jaccard >= t.minJaccardContained);
  return { jaccard, containment, near };
}
