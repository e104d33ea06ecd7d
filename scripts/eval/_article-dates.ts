/**
 * The htmldate-dev set for `npm run eval -- article`: publication day of mixed web and news pages, scored as that
 * set's authors do. The extractor gets the HTML without the URL; a prediction is right when its calendar day as
 * written equals the gold day. precision = right / dated predictions, recall = right / pages (a null gold date is a
 * miss or a false positive), F1 of the two.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../../src/extractors/article/index.js';
import { readJsonl, type EvalOptions } from './_shared.js';

interface HtmldateGold {
  file: string;
  url: string;
  date: string | null;
  source: string;
}

/** Day scores of one set, and per source. */
export interface DayScore {
  n: number;
  right: number;
  predicted: number;
  p: number;
  r: number;
  f1: number;
  /** Dated predictions by provenance rule, right / all. */
  byRule: Record<string, [number, number]>;
}

const score = (n: number, right: number, predicted: number, byRule: DayScore['byRule']): DayScore => {
  const p = predicted ? right / predicted : 0;
  const r = n ? right / n : 0;
  return { n, right, predicted, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, byRule };
};

/** Score publication days on htmldate-dev; null when the set is absent. */
export function htmldateDev(dir: string, opts: EvalOptions, log: string[]): { all: DayScore; sources: Record<string, DayScore> } | null {
  const goldFile = join(dir, 'gold.jsonl');
  if (!existsSync(goldFile)) return null;
  let gold = readJsonl<HtmldateGold>(goldFile);
  if (opts.limit !== null) gold = gold.slice(0, opts.limit);
  const tallies = new Map<string, { n: number; right: number; predicted: number; byRule: DayScore['byRule'] }>();
  const bump = (key: string, ok: boolean, dated: boolean, rule: string) => {
    const t = tallies.get(key) ?? { n: 0, right: 0, predicted: 0, byRule: {} };
    t.n++;
    if (dated) {
      t.predicted++;
      t.byRule[rule] ??= [0, 0];
      const r = t.byRule[rule];
      r[1]++;
      if (ok) r[0]++;
    }
    if (ok) t.right++;
    tallies.set(key, t);
  };
  for (const g of gold) {
    const html = gunzipSync(readFileSync(join(dir, 'html', g.file)));
    // why: the set's own protocol gives no URL (the date must come from the page itself)
    const a = extractArticle(html);
    const day = a.publishedAt?.slice(0, 10) ?? null;
    const ok = day !== null && g.date !== null && day === g.date;
    const rule = a.provenance.publishedAt ?? '-';
    bump('all', ok, day !== null, rule);
    bump(g.source, ok, day !== null, rule);
    if (opts.verbose && !ok) log.push(`htmldate ${g.file} predicted ${a.publishedAt ?? 'none'} [${rule}] gold ${g.date} ${g.url}`);
  }
  const out: Record<string, DayScore> = {};
  for (const [k, t] of tallies) out[k] = score(t.n, t.right, t.predicted, t.byRule);
  const { all, ...sources } = out;
  return all ? { all, sources } : null;
}
