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

/**
 * Files another branch is rewriting, with the lines still over in each: the count may only fall, and a file left
 * here with fewer lines over fails too, so the list is shortened as the lines are fixed.
 */
export const PENDING: Readonly<Record<string, number>> = {
  'src/extractors/entities/surroundings.ts': 1,
  'src/extractors/entities/words.ts': 3,
};

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

/** Problems in `dirs` (relative to `base`), one line each; PENDING files are held to their counts. */
export function check(base: string, dirs: string[], limit: number, pending: Readonly<Record<string, number>> = PENDING): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    for (const file of files(join(base, dir))) {
      const rel = relative(base, file).split('\\').join('/');
      const long = longLines(readFileSync(file, 'utf8'), limit);
      const allowed = pending[rel];
      if (allowed !== undefined) {
        seen.add(rel);
        if (long.length === allowed) continue;
        if (long.length < allowed) {
          problems.push(`${rel}: ${long.length} line(s) over ${limit} now, ${allowed} pending: lower its PENDING count in scripts/lint-line-length.ts`);
          continue;
        }
      }
      for (const l of long) problems.push(`${rel}:${l.line}:${limit + 1} line is ${l.length} characters (limit ${limit})`);
    }
  }
  for (const rel of Object.keys(pending)) {
    if (!seen.has(rel) && dirs.some((d) => rel.startsWith(`${d}/`))) problems.push(`${rel}: listed in PENDING but not found`);
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
