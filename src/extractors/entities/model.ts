/**
 * The learned entity layer: an averaged structured perceptron over BIO tags with Viterbi decoding, its weights
 * hashed into a fixed table (data/models/entities/, see NOTICE.md there; trained by `npm run train -- entities`).
 * Loaded once at import, like the lexicons. Pure: a function of the tokens and the rule pass's view of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { documentFacts, MAX_FEATURES, tokenFeatures, type RuleView } from './model-features.js';
import type { ETok } from './tokens.js';

/** The tags the model predicts. LOC and MISC are learned so that places and titles are not pushed into PER/ORG. */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Tag = (typeof TAGS)[number];
export const NT = TAGS.length;

/** Weights of a model: emission weights per hashed feature bucket × tag, and tag-to-tag transitions. */
export interface ModelWeights {
  /** log2 of the number of hashed buckets. */
  bits: number;
  /** buckets × NT, row-major (training; empty in a loaded model, which reads `quantized`). */
  emit: Float32Array;
  /**
   * A loaded model's emission table as stored: int8 steps of `scale`.
   * why: a quarter of the memory, and the table's random reads stay in the CPU's cache far more often
   */
  quantized?: { steps: Int8Array; scale: number };
  /** (NT + 1) × NT: row NT is the start of a sentence. */
  trans: Float32Array;
  /**
   * How much better (in model score) the model's own reading of a sentence must be than the best reading that keeps
   * the rules' decision before it overrides a weak rule decision (model-pass.ts). Calibrated by cross-fitting: each
   * training document is scored by a model trained without it (scripts/train/entities.ts).
   */
  margins: Margins;
}

/**
 * Margins by the kind of rule decision the model reviews: `override` a weak person, `organizations` a weak
 * organization, `unknown` a name no rule could type. Infinity: the model never overrides that kind.
 */
export interface Margins {
  override: number;
  organizations: number;
  unknown: number;
}

/** Transitions BIO forbids: I-X after anything but B-X / I-X. */
export function allowed(prev: number, cur: number): boolean {
  const t = TAGS[cur]!;
  if (!t.startsWith('I-')) return true;
  if (prev === NT) return false;
  const p = TAGS[prev]!;
  return p !== 'O' && p.slice(2) === t.slice(2);
}

/** allowed() as a table, (NT + 1) × NT (row NT: the start). why: Viterbi asks it for every tag pair of every token */
const ALLOWED = Uint8Array.from({ length: (NT + 1) * NT }, (_, k) => (allowed(Math.floor(k / NT), k % NT) ? 1 : 0));

/** Emission scores of tokens [from, to) of a document, (to - from) × NT, straight from the features. */
export function scoreTokens(w: ModelWeights, toks: readonly ETok[], rules: readonly (RuleView | null)[], from: number, to: number): Float32Array {
  const mask = (1 << w.bits) - 1;
  const out = new Float32Array((to - from) * NT);
  const facts = documentFacts(toks, rules, from, to);
  const buf = FEATURE_BUFFER;
  const q = w.quantized;
  const sum = new Int32Array(NT);
  for (let i = from; i < to; i++) {
    const n = tokenFeatures(facts, i, buf);
    const o = (i - from) * NT;
    if (!q) {
      for (let k = 0; k < n; k++) {
        const b = (buf[k]! & mask) * NT;
        for (let t = 0; t < NT; t++) out[o + t]! += w.emit[b + t]!;
      }
      continue;
    }
    sum.fill(0);
    const steps = q.steps;
    for (let k = 0; k < n; k++) {
      const b = (buf[k]! & mask) * NT;
      for (let t = 0; t < NT; t++) sum[t]! += steps[b + t]!;
    }
    for (let t = 0; t < NT; t++) out[o + t] = sum[t]! * q.scale;
  }
  return out;
}

const FEATURE_BUFFER = new Uint32Array(MAX_FEATURES);

let DELTA = new Float64Array(64 * NT);
let BACK = new Uint8Array(64 * NT);

/** A tag sequence and its score. */
export interface Path {
  tags: Uint8Array;
  score: number;
}

/** No constraint on a token's tag (in `forced`). */
export const FREE = 255;

/**
 * Best tag sequence for a run of tokens [from, to) by Viterbi under the BIO constraints; `forced` (one entry per token
 * of the run, FREE where open) pins tags, which gives the best score of a sequence that agrees with the rules.
 * why Viterbi, not greedy: a two-word name's second word often decides its type ("Harlow Motors")
 */
export function viterbi(w: ModelWeights, scores: Float32Array, from: number, to: number, forced?: Uint8Array): Path {
  const n = to - from;
  const out = new Uint8Array(n);
  if (n === 0) return { tags: out, score: 0 };
  // why shared buffers: the pass runs Viterbi once or twice per sentence; allocation was a good part of its cost
  if (DELTA.length < n * NT) {
    DELTA = new Float64Array(n * NT * 2);
    BACK = new Uint8Array(n * NT * 2);
  }
  const delta = DELTA;
  const back = BACK;
  const ok = (i: number, t: number) => !forced || forced[i] === FREE || forced[i] === t;
  for (let t = 0; t < NT; t++) delta[t] = ALLOWED[NT * NT + t] && ok(0, t) ? w.trans[NT * NT + t]! + scores[from * NT + t]! : -Infinity;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < NT; t++) {
      if (!ok(i, t)) {
        delta[i * NT + t] = -Infinity;
        continue;
      }
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < NT; p++) {
        if (!ALLOWED[p * NT + t]) continue;
        const v = delta[(i - 1) * NT + p]! + w.trans[p * NT + t]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      delta[i * NT + t] = best + scores[(from + i) * NT + t]!;
      back[i * NT + t] = arg;
    }
  }
  let arg = 0;
  for (let t = 1; t < NT; t++) if (delta[(n - 1) * NT + t]! > delta[(n - 1) * NT + arg]!) arg = t;
  const score = delta[(n - 1) * NT + arg]!;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * NT + arg]!;
  }
  return { tags: out, score };
}

/** Sentence runs of the tokens: [from, to) pairs. The model tags one sentence at a time. */
export function sentenceRuns(toks: readonly ETok[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let from = 0;
  for (let i = 1; i <= toks.length; i++) {
    if (i === toks.length || toks[i]!.sentence !== toks[from]!.sentence || toks[i]!.line !== toks[i - 1]!.line) {
      runs.push([from, i]);
      from = i;
    }
  }
  return runs;
}

/** A span the model proposes: tokens first..last (inclusive) and its type. */
export interface ModelSpan {
  first: number;
  last: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
}

/** BIO tags → spans. */
export function spansOf(tags: ArrayLike<number>): ModelSpan[] {
  const out: ModelSpan[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = TAGS[tags[i]!]!;
    if (t === 'O') continue;
    if (t.startsWith('B-') || !out.length || out[out.length - 1]!.last !== i - 1 || out[out.length - 1]!.type !== t.slice(2)) {
      out.push({ first: i, last: i, type: t.slice(2) as ModelSpan['type'] });
    } else out[out.length - 1]!.last = i;
  }
  return out;
}

// ---------------------------------------------------------------- the weights file
// Format (gzip): "NFEM1", a u32 header length, a JSON header { bits, tags, scale }, then the transitions as float32,
// then the emission table as sparse rows: for each non-zero bucket its index delta as a varint, then NT int8 values.

const MAGIC = 'NFEM1';

/** Serialize weights, quantized to int8 per bucket value (weights below half a step are dropped). */
export function encodeWeights(w: ModelWeights): Buffer {
  if (w.quantized) w = { ...w, emit: Float32Array.from(w.quantized.steps, (v) => v * w.quantized!.scale) };
  let max = 0;
  for (const v of w.emit) max = Math.max(max, Math.abs(v));
  const scale = max / 127 || 1;
  const bytes: number[] = [];
  let last = -1;
  const q = new Int8Array(NT);
  for (let b = 0; b < 1 << w.bits; b++) {
    let any = false;
    for (let t = 0; t < NT; t++) {
      q[t] = Math.max(-127, Math.min(127, Math.round(w.emit[b * NT + t]! / scale)));
      if (q[t]) any = true;
    }
    if (!any) continue;
    let d = b - last;
    last = b;
    while (d >= 0x80) {
      bytes.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    bytes.push(d);
    for (let t = 0; t < NT; t++) bytes.push(q[t]! & 0xff);
  }
  const header = Buffer.from(JSON.stringify({ bits: w.bits, tags: TAGS, scale, margins: w.margins }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  const trans = Buffer.from(new Float32Array(w.trans).buffer);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC), len, header, trans, Buffer.from(bytes)]), { level: 9 });
}

/** Read weights written by encodeWeights. */
export function decodeWeights(gz: Buffer): ModelWeights {
  const buf = gunzipSync(gz);
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('entity model: not a newsflow weights file');
  const hlen = buf.readUInt32LE(MAGIC.length);
  let pos = MAGIC.length + 4;
  const header = JSON.parse(buf.subarray(pos, pos + hlen).toString()) as {
    bits: number;
    tags: string[];
    scale: number;
    margins: { override: number | null; organizations?: number | null; unknown?: number | null };
  };
  pos += hlen;
  if (header.tags.join() !== TAGS.join()) throw new Error('entity model: tag set differs from this code');
  const trans = new Float32Array((NT + 1) * NT);
  for (let k = 0; k < trans.length; k++, pos += 4) trans[k] = buf.readFloatLE(pos);
  const steps = new Int8Array((1 << header.bits) * NT);
  let b = -1;
  while (pos < buf.length) {
    let d = 0;
    let shift = 0;
    for (;;) {
      const byte = buf[pos++]!;
      d |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    b += d;
    for (let t = 0; t < NT; t++) steps[b * NT + t] = (buf[pos++]! << 24) >> 24;
  }
  // why null: JSON has no Infinity (a margin the calibration found best never to reach)
  // why undefined: weights written before a kind was reviewed leave its decisions standing
  const margin = (v: number | null | undefined) => (v === null || v === undefined ? Infinity : v);
  return {
    bits: header.bits,
    emit: new Float32Array(0),
    quantized: { steps, scale: header.scale },
    trans,
    margins: {
      override: margin(header.margins.override),
      organizations: margin(header.margins.organizations),
      unknown: margin(header.margins.unknown),
    },
  };
}

// why: src/extractors/entities and dist/extractors/entities both sit three levels below the project root
const WEIGHTS_FILE = new URL('../../../data/models/entities/weights.bin.gz', import.meta.url);

/**
 * The shipped model, or null when its file is absent (a checkout before the first training); the entity pass then
 * runs on its rules alone.
 */
export const MODEL: ModelWeights | null = existsSync(WEIGHTS_FILE) ? decodeWeights(readFileSync(WEIGHTS_FILE)) : null;
