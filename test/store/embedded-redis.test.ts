/**
 * The embedded default: a private redis-server over a data dir, reused by later commands, stopped only by the
 * command that started it, and a clear message when there is no redis-server at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisUnavailableError } from '../../src/domain/errors.js';
import { ensureEmbeddedRedis } from '../../src/store/embedded-redis.js';
import { connectRedis } from '../../src/store/connection.js';

const dir = mkdtempSync(join(tmpdir(), 'newsflow-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded redis-server', () => {
  it('starts with AOF, noeviction and loopback only, is reused, and is stopped by its owner', async () => {
    const first = await ensureEmbeddedRedis(dir);
    expect(first.owned).toBe(true);
    const second = await ensureEmbeddedRedis(dir);
    expect(second.owned).toBe(false);
    expect(second.url).toBe(first.url);

    const client = new Redis(first.url);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect((await client.config('GET', 'bind'))[1]).toMatch(/^127\.0\.0\.1/u);
    await client.set('survives', 'restart');
    client.disconnect();

    await second.stop(); // not the owner: a no-op
    const stillThere = new Redis(first.url, { maxRetriesPerRequest: 0 });
    expect(await stillThere.ping()).toBe('PONG');
    stillThere.disconnect();

    await first.stop();
    const again = await ensureEmbeddedRedis(dir);
    expect(again.owned).toBe(true);
    const reopened = new Redis(again.url);
    expect(await reopened.get('survives')).toBe('restart'); // AOF kept the data
    reopened.disconnect();
    await again.stop();
  }, 30_000);

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
