/**
 * Issue 24, item 9: commands that write, run against a read-only Redis (a real replica: `redis-server --replicaof`),
 * exit 1 with one line that says what is wrong and what to do, never an ioredis stack. Read commands still work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitForRedis } from '../../src/store/embedded-redis.js';
import { cli, cliProcess, FIXTURES } from './harness.js';
import { rx } from '../../src/extractors/rx.js';

const dir = mkdtempSync(join(tmpdir(), 'newsflow-readonly-'));
const servers: ChildProcess[] = [];
let replicaUrl: string;

async function redisServer(args: string[]): Promise<number> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--dbfilename', `${port}.rdb`, '--save', '', '--appendonly', 'no', ...args],
    { stdio: 'ignore' },
  );
  servers.push(child);
  await waitForRedis(port, child);
  return port;
}

beforeAll(async () => {
  const master = await redisServer([]);
  replicaUrl = `redis://127.0.0.1:${await redisServer(['--replicaof', '127.0.0.1', String(master)])}`;
  process.env.NEWSFLOW_PREFIX = 'nft:readonly:';
  process.env.LOG_LEVEL = 'silent';
}, 30_000);

afterAll(() => {
  delete process.env.NEWSFLOW_PREFIX;
  for (const s of servers) s.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const READONLY = rx('u')`
    ^newsflow: Redis refused a write: it is a read-only replica \(READONLY\)\. Point --redis-url or REDIS_URL at the primary.*
    \(Redis said: READONLY You can't write against a read only replica\)\n$`;

describe('a read-only Redis', () => {
  it.each([['pause articles'], ['resume all'], ['schedule sync --config FEEDS'], ['replay FIXTURES --timeout 20']])(
    '%s: exit 1, one clear line',
    async (command) => {
      const feeds = join(dir, 'feeds.yaml');
      writeFileSync(feeds, 'feeds:\n  - id: a\n    url: http://a.example/rss\n');
      const argv = command.split(' ').map((a) => (a === 'FEEDS' ? feeds : a === 'FIXTURES' ? FIXTURES : a));
      const r = await cli(replicaUrl, ...argv);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(READONLY);
      expect(r.out).toBe('');
    },
    30_000,
  );

  it('feeds add: the edit is made and the message says the sync was not', async () => {
    const feeds = join(dir, 'add.yaml');
    writeFileSync(feeds, 'feeds: []\n');
    const r = await cli(replicaUrl, 'feeds', 'add', 'http://b.example/rss', '--id', 'b', '--no-check', '--config', feeds);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^newsflow: added b to .*add\.yaml, but the schedules were not synced: Redis refused a write: it is a read-only replica \(READONLY\)/u,
    );
    expect(r.err).toMatch(/run `newsflow schedule sync` once that is fixed\)\n$/u);
    expect(readFileSync(feeds, 'utf8')).toContain('id: b');
  });

  it('read commands still work', async () => {
    const r = await cli(replicaUrl, 'queues', '--json');
    expect(r.code, r.err).toBe(0);
  });

  it('pause as a process: exit 1, no stack', async () => {
    const r = await cliProcess(['pause', 'articles'], { REDIS_URL: replicaUrl, NEWSFLOW_PREFIX: 'nft:readonly:' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(READONLY);
    expect(r.err).not.toMatch(/\n\s+at /u);
  });
});
