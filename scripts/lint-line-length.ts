/**
 * `tsx scripts/lint-line-length.ts [dir...]` (run by `npm run lint`): fails naming file:line:column for every line
 * longer than biome.jsonc's formatter lineWidth in src/, scripts/ and test/ (default dirs). Biome has no line-length
 * rule and its formatter does not break string, regex or template literals, so such lines would otherwise stay.
 * Folders named `fixtures` are data (a line of a text fixture is a paragraph, as the extractor reads it) and skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');

/** Extensions of the files checked: the code and config Biome formats. */
const CHECKED = /\.(?:[cm]?[jt]s|jsonc?)$/u;
const SKIPPED_DIRS = new Set(['fixtures', 'node_modules', 'dist']);

export interface LongLine {
  line: number;
  length: number;
}

/** Lines of `text` longer than `limit`, counted in code points (what an editor's column shows). */
export function longLines(text: string, limit: number): LongLine[] {
  const out: LongLine[] = [];
  text.split(/\r?\n/u).forEach((s, i) => {
    // why: most lines are short and ASCII; code points are only counted for the ones that might be over
    if (s.length <= limit) return;
    const length = [...s].length;
    if (length > limit) out.push({ line: i + 1, length });
  });
  return out;
}

/** The formatter's lineWidth in biome.jsonc: one limit for both tools. */
export function biomeLineWidth(config: string): number {
  const m = /"lineWidth"\s*:\s*(\d+)/u.exec(config);
  if (!m) throw new Error('biome.jsonc: no formatter lineWidth');
  return Number(m[1]);
}

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) yield* files(join(dir, e.name));
    } else if (e.isFile() && CHECKED.test(e.name)) yield join(dir, e.name);
  }
}

/** Problems in `dirs` (relative to `base`), one line each. */
export function check(base: string, dirs: string[], limit: number): string[] {
  const problems: string[] = [];
  for (const dir of dirs) {
    for (const file of files(join(base, dir))) {
      const rel = relative(base, file).split('\\').join('/');
      for (const l of longLines(readFileSync(file, 'utf8'), limit))
        problems.push(`${rel}:${l.line}:${limit + 1} line is ${l.length} characters (limit ${limit})`);
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  const limit = biomeLineWidth(readFileSync(join(root, 'biome.jsonc'), 'utf8'));
  const problems = check(root, dirs.length ? dirs : ['src', 'scripts', 'test'], limit);
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`line length: ${problems.length} problem(s); split long strings and regexes into named parts`);
    process.exitCode = 1;
  }
}
