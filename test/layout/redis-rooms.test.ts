/** MAP.md names every folder of src/ that touches Redis or BullMQ, and no other. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

it('MAP.md lists the folders of src/ that import ioredis or bullmq', () => {
  const touching = new Set(
    files(src)
      .filter((f) => /from '(ioredis|bullmq)'/u.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f).split('/')[0]!)
      .filter((top) => !top.endsWith('.ts')),
  );
  const sentence = /Only (.+?) touch BullMQ or Redis/su.exec(readFileSync(join(root, 'MAP.md'), 'utf8'))?.[1] ?? '';
  const listed = new Set([...sentence.matchAll(/`([a-z-]+)\/`/gu)].map((m) => m[1]!));
  expect([...listed].sort()).toEqual([...touching].sort());
});
