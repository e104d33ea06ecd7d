/**
 * Markdown for BENCHMARKS.md: machine and versions, and a section per benchmark kept between
 * `<!-- bench:<name> -->` markers, so each mode rewrites only its own section (dedup's included).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');

/** A markdown table. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (r: Array<string | number>) => `| ${r.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** CPU model, cores, memory, Node and Redis versions, and the load average when the run ended. */
export function machine(redisVersion: string): string {
  const c = cpus();
  let tsx = '?';
  try {
    tsx = (JSON.parse(readFileSync(new URL('../../node_modules/tsx/package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    // tsx version is informative only
  }
  let kernel = '?';
  try {
    kernel = execSync('uname -r', { encoding: 'utf8' }).trim();
  } catch {
    // not on a Unix
  }
  let commit = '?';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (execSync('git status --porcelain -- src', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()) commit += ' + uncommitted changes in src/';
  } catch {
    // not a git checkout (a snapshot made with git archive): the caller names the commit
    commit = process.env.BENCH_COMMIT ?? '?';
  }
  return [
    `- code: commit ${commit}`,
    `- machine: ${c[0]?.model ?? '?'}, ${c.length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB RAM, Linux ${kernel}`,
    `- Node ${process.version} (TypeScript through tsx ${tsx}), Redis ${redisVersion}`,
    `- load average when the run ended: ${loadavg()
      .map((x) => fmt(x, 2))
      .join(', ')} (the machine is shared: wall-clock figures move with it, CPU figures much less)`,
  ].join('\n');
}

/** Replace (or append) the `name` section of BENCHMARKS.md. */
export function writeSection(file: string, name: string, md: string): void {
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${begin}\n${md.trim()}\n${end}`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const i = doc.indexOf(begin);
  const j = doc.indexOf(end);
  doc = i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, doc);
}
