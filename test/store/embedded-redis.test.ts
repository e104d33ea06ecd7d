/**
 * The embedded default: a private redis-server over a data dir, shared by every process that holds a lease on it,
 * stopped only by the release of the last live lease, revived on its port after a crash, and clear messages when
 * there is no redis-server or no usable data directory.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, RedisUnavailableError } from '../../src/domain/errors.js';
import { embeddedServerPort, ensureEmbeddedRedis, liveLeases, pingPort, reviveEmbeddedRedis } from '../../src/store/embedded-redis.js';
import { waitFor } from '../helpers/wait.js';
import { connectRedis } from '../../src/store/connection.js';

const dir = mkdtempSync(join(tmpdir(), 'newsflow-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded redis-server', () => {
  it('starts with AOF, noeviction and loopback only, is shared, and stops with the release of its last lease', async () => {
    const first = await ensureEmbeddedRedis(dir);
    expect(first.started).toBe(true);
    const second = await ensureEmbeddedRedis(dir);
    expect(second.started).toBe(false);
    expect(second.url).toBe(first.url);
    expect(liveLeases(dir)).toHaveLength(2);

    const client = new Redis(first.url);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect((await client.config('GET', 'bind'))[1]).toMatch(/^127\.0\.0\.1/u);
    await client.set('survives', 'restart');
    client.disconnect();

    await first.release(); // the starter leaves first: the server stays for the other lease
    const stillThere = new Redis(first.url, { maxRetriesPerRequest: 0 });
    expect(await stillThere.ping()).toBe('PONG');
    stillThere.disconnect();
    expect(await embeddedServerPort(dir)).toBe(first.port);

    await second.release(); // the last lease: the server stops
    expect(await pingPort(first.port)).toBe(false);
    expect(existsSync(join(dir, 'redis.json'))).toBe(false);
    const again = await ensureEmbeddedRedis(dir);
    expect(again.started).toBe(true);
    const reopened = new Redis(again.url);
    expect(await reopened.get('survives')).toBe('restart'); // AOF kept the data
    reopened.disconnect();
    await again.release();
    await again.release(); // twice is harmless
  }, 30_000);

  it('does not count the lease of a process that died (killed with -9, it never released it)', async () => {
    const d = join(dir, 'dead-lease');
    const mine = await ensureEmbeddedRedis(d);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(dead.stdout.toString());
    writeFileSync(join(d, 'clients', `${deadPid}-0000.json`), JSON.stringify({ pid: deadPid, start: null }));
    expect(liveLeases(d)).toHaveLength(1); // the dead one is pruned
    await mine.release();
    expect(await pingPort(mine.port)).toBe(false);
  });

  it('revives the server on the same port after it was killed, so clients reconnect by themselves', async () => {
    const d = join(dir, 'revive');
    const lease = await ensureEmbeddedRedis(d);
    const client = new Redis(lease.url);
    await client.set('k', 'v');
    await client.config('SET', 'appendfsync', 'always');
    await client.set('k2', 'v2');
    const info = JSON.parse(readFileSync(join(d, 'redis.json'), 'utf8')) as { pid: number };
    process.kill(info.pid, 'SIGKILL');
    await waitFor(async () => !(await pingPort(lease.port)), 5000);
    const revived = await reviveEmbeddedRedis(d, lease.port);
    expect(revived).toEqual({ port: lease.port, started: true });
    expect(await client.get('k2')).toBe('v2'); // the same client, reconnected; the data back from the AOF
    expect(await reviveEmbeddedRedis(d, lease.port)).toEqual({ port: lease.port, started: false });
    client.disconnect();
    await lease.release();
  });

  it('names the path when the data directory cannot be used, instead of hanging or printing a stack', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const bad of [file, join(file, 'sub')]) {
      const err = await ensureEmbeddedRedis(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain(bad);
      expect((err as Error).message).toMatch(/not a directory/u);
    }
    // /proc refuses new entries even to root
    const err = await ensureEmbeddedRedis('/proc/newsflow-home').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/cannot use data directory \/proc\/newsflow-home/u);
  });

  it.skipIf(process.getuid?.() === 0)('names an unwritable data directory', async () => {
    const ro = join(dir, 'read-only');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const err = await ensureEmbeddedRedis(ro).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/not writable/u);
  });

  it('says how to get Redis when there is no redis-server on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const err = await ensureEmbeddedRedis(join(dir, 'none')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RedisUnavailableError);
      expect((err as Error).message).toMatch(/apt-get install redis-server/u);
      expect((err as Error).message).toMatch(/docker compose up -d redis/u);
      expect((err as Error).message).toMatch(/REDIS_URL/u);
    } finally {
      process.env.PATH = path;
    }
  });

  it('fails fast with advice when REDIS_URL points nowhere, without printing the password', async () => {
    const err = await connectRedis({ redisUrl: 'redis://:s3cret@127.0.0.1:1', dataDir: dir }, () => {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect((err as Error).message).toMatch(/cannot reach Redis/u);
    expect((err as Error).message).not.toMatch(/s3cret/u);
  });

  it('warns when the eviction policy can drop jobs', async () => {
    const handle = await connectRedis({ redisUrl: null, dataDir: join(dir, 'evict') }, () => {});
    await handle.redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const warnings: string[] = [];
    const other = await connectRedis({ redisUrl: handle.url, dataDir: dir }, (m) => warnings.push(m));
    expect(warnings.join('\n')).toMatch(/allkeys-lru.*noeviction/u);
    await other.close();
    await handle.close();
  });
});
