/**
 * `newsflow feeds add|list|remove` and `newsflow schedule sync [--watch]`, in-process and as a real process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';
import { bullPrefix } from '../../src/queues/names.js';
import { recordPoll } from '../../src/store/feed-state.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';

const root = resolve(import.meta.dirname, '..', '..');
const redis = testRedis();
const prefix = `${uniquePrefix('cli')}:`;
const dir = mkdtempSync(join(tmpdir(), 'newsflow-cli-'));
let queue: Queue;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    isTTY: false,
  };
  const code = await run(['--redis-url', testRedisUrl(), ...argv], io);
  return { code, out, err };
}

const schedulerIds = async () => (await queue.getJobSchedulers(0, -1)).map((s) => s.id ?? s.key).sort();

beforeAll(() => {
  process.env.NEWSFLOW_PREFIX = prefix;
  queue = new Queue('feeds', { connection: redis, prefix: bullPrefix(prefix) });
});
afterAll(async () => {
  delete process.env.NEWSFLOW_PREFIX;
  await queue.close();
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('newsflow feeds', () => {
  const config = join(dir, 'feeds.yaml');

  it('add writes the file and schedules the feed; list shows health; remove unschedules', async () => {
    let r = await cli('feeds', 'add', 'https://one.example.com/rss.xml', '--id', 'one', '--every', '30m', '--tag', 'world', '--config', config);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/added one .*added 1 \(one\)/u);
    r = await cli('feeds', 'add', 'https://two.example.com/atom.xml', '--id', 'two', '--config', config);
    expect(await schedulerIds()).toEqual(['feed:one', 'feed:two']);

    await recordPoll(redis, prefix, 'one', { url: 'https://one.example.com/rss.xml', at: new Date().toISOString(), ok: true, newItems: 7, httpStatus: 200 });
    await recordPoll(redis, prefix, 'two', {
      url: 'https://two.example.com/atom.xml',
      at: new Date().toISOString(),
      ok: false,
      error: 'HTTP 503',
      httpStatus: 503,
      consecutiveFailures: 3,
      backoffUntil: new Date(Date.now() + 3_600_000).toISOString(),
    });
    r = await cli('--json', 'feeds', 'list', '--config', config);
    const { feeds } = JSON.parse(r.out) as { feeds: Array<Record<string, unknown>> };
    expect(feeds.map((f) => [f.id, f.status, f.itemsSeen, f.consecutiveFailures, f.scheduled, f.inConfig])).toEqual([
      ['one', 'ok', 7, 0, true, true],
      ['two', 'backing-off', 0, 3, true, true],
    ]);
    expect(feeds[0]).toMatchObject({ schedule: 'every 30m', tags: ['world'], httpStatus: 200 });
    expect(typeof feeds[1]?.nextRunAt).toBe('string');
    expect(typeof feeds[1]?.backoffUntil).toBe('string');

    r = await cli('feeds', 'list', '--config', config);
    expect(r.out).toMatch(/^feed\s+status\s+last fetch\s+next run\s+backoff until\s+items/mu);
    expect(r.out).toMatch(/two\s+backing-off 503 ×3/u);
    expect(r.out).toMatch(/two: HTTP 503/u);

    r = await cli('feeds', 'remove', 'https://one.example.com/rss.xml', '--config', config);
    expect(r.out).toMatch(/removed one .*removed 1 \(one\)/u);
    expect(await schedulerIds()).toEqual(['feed:two']);
  });

  it('a bad config fails with the line, before touching Redis', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'feeds:\n  - url: https://x.example/rss\n    every: often\n');
    const r = await cli('schedule', 'sync', '--config', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.yaml:3:12: "often" is not a duration/u);
  });
});

describe('newsflow schedule sync --watch (real process)', () => {
  it('syncs at start, re-syncs when the file changes, exits 0 on SIGTERM', async () => {
    const config = join(dir, 'watched.yaml');
    writeFileSync(config, 'feeds:\n  - { id: w1, url: "https://w1.example.com/rss" }\n');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/entry.ts', 'schedule', 'sync', '--config', config, '--watch', '--poll', '1s', '--redis-url', testRedisUrl()],
      {
        cwd: root,
        env: { ...process.env, NEWSFLOW_PREFIX: prefix, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const until = async (want: string[]) => {
      const deadline = Date.now() + 15_000;
      while (JSON.stringify((await schedulerIds()).filter((s) => s.startsWith('feed:w'))) !== JSON.stringify(want) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      return (await schedulerIds()).filter((s) => s.startsWith('feed:w'));
    };
    expect(await until(['feed:w1']), stderr).toEqual(['feed:w1']);
    await new Promise((r) => setTimeout(r, 1100)); // mtime granularity
    writeFileSync(config, 'feeds:\n  - { id: w2, url: "https://w2.example.com/rss" }\n');
    expect(await until(['feed:w2']), stderr).toEqual(['feed:w2']);
    writeFileSync(config, 'feeds:\n  - { id: w3, url: "not a url" }\n'); // a broken edit keeps the last good schedule
    await new Promise((r) => setTimeout(r, 2500));
    expect(await until(['feed:w2'])).toEqual(['feed:w2']);
    expect(stderr).toMatch(/sync failed: keeping the current schedules/u);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 40_000);
});
