/**
 * BENCHMARKS.md and the scripts that write it agree: every generated section has a script that writes it and every
 * script's section is in the file (once, with both markers); every script the file names as a command exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'BENCHMARKS.md'), 'utf8');
const scripts = [join(root, 'scripts/bench.ts'), ...readdirSync(join(root, 'scripts/bench')).map((f) => join(root, 'scripts/bench', f))];

/** Section names passed to writeSection(file, '<name>', …) by the bench scripts. */
const written = new Set(scripts.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/writeSection\(.*?,\s*'([a-z-]+)'/gu)].map((m) => m[1]!)));
const sections = [...doc.matchAll(/<!-- bench:([a-z-]+) -->/gu)].map((m) => m[1]!);

describe('BENCHMARKS.md', () => {
  it('has exactly the sections the bench scripts write', () => {
    expect(written.size).toBeGreaterThanOrEqual(5);
    expect([...sections].sort()).toEqual([...written].sort());
  });

  it.each([...written])('section %s appears once, closed, and starts with its heading', (name) => {
    const begin = doc.split(`<!-- bench:${name} -->`);
    expect(begin).toHaveLength(2);
    expect(doc.split(`<!-- /bench:${name} -->`)).toHaveLength(2);
    expect(begin[1]!.indexOf(`<!-- /bench:${name} -->`)).toBeGreaterThan(0);
    expect(begin[1]!.trimStart().startsWith(`## ${name}`)).toBe(true);
  });

  it('names only scripts that exist', () => {
    const named = [...doc.matchAll(/npx tsx (scripts\/[\w/.-]+\.ts)/gu)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const f of named) expect(existsSync(join(root, f)), f).toBe(true);
  });
});
