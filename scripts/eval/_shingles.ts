/**
 * The ScrapingHub article-extraction-benchmark body metric, reproduced exactly (see ../shared/eval/README.md):
 * token 4-gram shingles as multisets; per-page P/R; corpus P and R are means over pages; F1 of the two means.
 */

const TOKEN = /[\p{L}\p{N}_]+/gu;

/** Tokens of a text: all matches of /[\p{L}\p{N}_]+/u, case kept. */
export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Token 4-grams as a multiset (one shingle of all tokens under 4 tokens; none for empty text). */
export function shingles(text: string, n = 4): Map<string, number> {
  const toks = tokens(text);
  const out = new Map<string, number>();
  if (!toks.length) return out;
  if (toks.length < n) {
    out.set(toks.join('\u0001'), 1);
    return out;
  }
  for (let i = 0; i + n <= toks.length; i++) {
    const key = toks.slice(i, i + n).join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** Per-page counts: tp = Σ min, fp = Σ max(0, pred − gold), fn = Σ max(0, gold − pred). */
export interface ShingleCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** Compare a predicted text with the gold text. */
export function shingleCounts(gold: string, pred: string): ShingleCounts {
  const g = shingles(gold);
  const p = shingles(pred);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, pc] of p) {
    const gc = g.get(k) ?? 0;
    tp += Math.min(gc, pc);
    fp += Math.max(0, pc - gc);
  }
  for (const [k, gc] of g) fn += Math.max(0, gc - (p.get(k) ?? 0));
  return { tp, fp, fn };
}

/** Per-page precision and recall (1 when fp = fn = 0; 0 when the denominator's tp side is 0). */
export function pagePR(c: ShingleCounts): { p: number; r: number } {
  if (c.fp === 0 && c.fn === 0) return { p: 1, r: 1 };
  const p = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  return { p, r };
}

/** Corpus figures: P = mean over pages with output, R = mean over pages with gold, F1 of the two means. */
export function corpusPRF(pages: ShingleCounts[]): { p: number; r: number; f1: number; empty: number; n: number } {
  let ps = 0;
  let pn = 0;
  let rs = 0;
  let rn = 0;
  let empty = 0;
  for (const c of pages) {
    const { p, r } = pagePR(c);
    if (c.tp + c.fp > 0) {
      ps += p;
      pn++;
    } else empty++;
    if (c.tp + c.fn > 0) {
      rs += r;
      rn++;
    }
  }
  const P = pn ? ps / pn : 0;
  const R = rn ? rs / rn : 0;
  return { p: P, r: R, f1: P + R ? (2 * P * R) / (P + R) : 0, empty, n: pages.length };
}
