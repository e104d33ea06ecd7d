/**
 * The worker V8 flags are spelled out where they cannot be imported (bin/newsflow.js's shebang, the npm scripts,
 * the Dockerfile): each of those must carry every flag of WORKER_NODE_FLAGS, or a worker started that way runs
 * with other heap limits than the ones measured in BENCHMARKS.md.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKER_NODE_FLAGS } from '../../src/workers/node-flags.js';

const root = resolve(import.meta.dirname, '..', '..');
const read = (f: string) => readFileSync(resolve(root, f), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

describe('worker node flags', () => {
  it.each([
    ['bin/newsflow.js shebang', read('bin/newsflow.js').split('\n')[0]!],
    ['npm start', scripts.start!],
    ['npm run newsflow', scripts.newsflow!],
    ['Dockerfile ENTRYPOINT', read('Dockerfile').split('\n').find((l) => l.startsWith('ENTRYPOINT'))!.replace(/[",[\]]/gu, ' ')],
  ])('%s carries every flag', (_where, line) => {
    const words = line.split(/\s+/u);
    for (const flag of WORKER_NODE_FLAGS) expect(words).toContain(flag);
  });
});
