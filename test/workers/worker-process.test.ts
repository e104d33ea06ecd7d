/**
 * `newsflow worker` as a real process: it processes jobs from the queues and, on SIGTERM, finishes and exits 0.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../../src/replay/fixture-server.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';

const root = resolve(import.meta.dirname, '..', '..');
const redis = testRedis();
const prefix = `${uniquePrefix('wproc')}:`;
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('newsflow worker (real process)', () => {
  it('works the queues and shuts down cleanly on SIGTERM', async () => {
    const server = await startFixtureServer(resolve(root, 'fixtures'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'worker', '--redis-url', testRedisUrl()], {
      cwd: root,
      env: { ...process.env, NEWSFLOW_PREFIX: prefix, NEWSFLOW_ALLOW_HOSTS: `127.0.0.1:${server.port}`, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));

    const queues = openQueues(redis, prefix);
    await queues.feeds.add('poll', { feedId: 'daily-ledger', url: `${server.base}/feeds/daily-ledger.rss.xml`, trigger: 'manual' });
    const store = new ArticleStore(redis, prefix);
    const deadline = Date.now() + 40_000;
    while ((await store.count()) < 3 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    expect(await store.count(), stderr.slice(-3000)).toBe(3);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/workers stopped/u);
    await closeQueues(queues);
    await server.close();
  }, 60_000);
});
