/**
 * MAP.md's import rules, checked on the source: domain/, encoding/ and url/ are leaves (nothing else from src/),
 * and extractors/ import only those three, packages and each other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '..', '..', 'src');
const files = (dir: string) =>
  readdirSync(join(src, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
/** The src/ folders (first path segment, or the file name at the top) a file imports from. */
function importedRooms(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]/gu)) {
    const target = relative(src, resolve(dirname(join(src, file)), m[1]!));
    out.add(target.split('/')[0]!);
  }
  return [...out];
}

const RULES: Array<[room: string, allowed: string[]]> = [
  ['domain', ['domain']],
  ['encoding', ['encoding']],
  ['url', ['url']],
  ['extractors', ['extractors', 'domain', 'encoding', 'url']],
  ['revisions', ['revisions', 'domain']],
];

describe('import rules (MAP.md)', () => {
  it.each(RULES)('%s/ imports only from %j', (room, allowed) => {
    const bad = files(room).flatMap((f) =>
      importedRooms(f)
        .filter((r) => !allowed.includes(r))
        .map((r) => `${f} → ${r}`),
    );
    expect(bad).toEqual([]);
  });
});
