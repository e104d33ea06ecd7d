/**
 * Vitest global setup: one real redis-server for the whole run, on a free loopback port in a temp dir,
 * unless REDIS_URL is set. Tests read its URL with `inject('redisUrl')` and isolate themselves by key prefix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, waitForRedis } from '../../src/store/embedded-redis.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let child: ChildProcess | null = null;
let dir: string | null = null;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.REDIS_URL) {
    project.provide('redisUrl', process.env.REDIS_URL);
    return async () => {};
  }
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'newsflow-test-redis-'));
  child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  child.on('error', (err) => {
    process.stderr.write(`test setup: cannot start redis-server (${err.message}). Install it (apt-get install redis-server) or set REDIS_URL.\n`);
  });
  await waitForRedis(port, child);
  project.provide('redisUrl', `redis://127.0.0.1:${port}`);
  return async () => {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
