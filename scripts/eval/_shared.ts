/**
 * What every evaluation task shares: options, where the data lives, and EVAL.md sections.
 * Each task (scripts/eval/<task>.ts) exports `evaluate(opts)` and returns a section, or null when its data is absent.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EvalOptions {
  /** Root of the evaluation data (default ../shared/eval). */
  dataDir: string;
  /** Evaluate at most this many documents per set (quick runs). */
  limit: number | null;
  /** Print per-document detail. */
  verbose: boolean;
}

export interface EvalSection {
  task: string;
  /** Markdown written into EVAL.md between this task's markers (tables plus the command that made them). */
  markdown: string;
  /** Headline figures, printed as JSON with --json. */
  summary: Record<string, number | string>;
}

export type EvalTask = (opts: EvalOptions) => Promise<EvalSection | null>;

/** Replace (or append) the section of EVAL.md that belongs to `task`. */
export function writeEvalSection(projectRoot: string, section: EvalSection): void {
  const file = join(projectRoot, 'EVAL.md');
  const begin = `<!-- eval:${section.task} -->`;
  const end = `<!-- /eval:${section.task} -->`;
  const block = `${begin}\n${section.markdown.trim()}\n${end}`;
  let doc = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Evaluation\n\nFigures written by `npm run eval` on the development splits in `../shared/eval` (never copied into this repo).\n';
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) doc = doc.slice(0, i) + block + doc.slice(j + end.length);
  else doc = `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, doc.endsWith('\n') ? doc : `${doc}\n`);
}

/** Read a JSON Lines file into objects. */
export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Precision, recall and F1 from counts (1/1/1 when there is nothing to find and nothing found). */
export function prf(tp: number, fp: number, fn: number): { p: number; r: number; f1: number } {
  const p = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const r = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f1 };
}

export const fmt = (x: number, digits = 3) => x.toFixed(digits);

/** A markdown table from a header row and body rows. */
export function mdTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
