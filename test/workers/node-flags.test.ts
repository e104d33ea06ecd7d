/**
 * The worker V8 flags are spelled out where they cannot be imported (bin/newsflow.js's shebang, the npm scripts,
 * the Dockerfile): each of those must carry every flag of WORKER_NODE_FLAGS, or a worker started that way runs
 * with other heap limits than the ones measured in BENCHMARKS.md. And the node running the tests (20 here, 22 in
 * CI's second leg, the Dockerfile's base image) must accept each of them: a flag V8 dropped stops node at start.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKER_NODE_FLAGS } from '../../src/workers/node-flags.js';

const root = resolve(import.meta.dirname, '..', '..');
const read = (f: string) => readFileSync(resolve(root, f), 'utf8');
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

const PLACES: Array<[string, string]> = [
  ['bin/newsflow.js shebang', read('bin/newsflow.js').split('\n')[0]!],
  ['npm start', scripts.start!],
  ['npm run newsflow', scripts.newsflow!],
  [
    'Dockerfile ENTRYPOINT',
    read('Dockerfile')
      .split('\n')
      .find((l) => l.startsWith('ENTRYPOINT'))!
      .replace(/[",[\]]/gu, ' '),
  ],
];

describe('worker node flags', () => {
  it.each(PLACES)('%s carries every flag', (_where, line) => {
    const words = line.split(/\s+/u);
    for (const flag of WORKER_NODE_FLAGS) expect(words).toContain(flag);
  });

  it.each(PLACES)(`%s: every flag is accepted by node ${process.version}`, (_where, line) => {
    // the node options of the line: what stands between "node" and the script
    const words = line.split(/\s+/u);
    const flags = words.slice(words.indexOf('node') + 1).filter((w) => w.startsWith('--') && w !== '--silent');
    expect(flags.length).toBeGreaterThan(0);
    const run = spawnSync(process.execPath, [...flags, '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
