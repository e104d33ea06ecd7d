/**
 * luaScript against real Redis: the script runs by hash, is defined once per client, and still runs after Redis
 * forgot it (SCRIPT FLUSH, as after a restart).
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { luaScript } from '../../src/store/lua-script.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';

const LUA = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
const incr = luaScript<number>('nfTestIncr', LUA, 1);

describe('luaScript', () => {
  const redis = testRedis();
  const prefix = uniquePrefix('lua');
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  it('runs the script, by hash, and again after Redis flushed its scripts', async () => {
    const key = `${prefix}:n`;
    expect(await incr(redis, key, 2)).toBe(2);
    expect(await incr(redis, key, 3)).toBe(5);
    const sha = createHash('sha1').update(LUA).digest('hex');
    expect(await redis.script('EXISTS', sha)).toEqual([1]);
    await redis.script('FLUSH');
    expect(await incr(redis, key, 1)).toBe(6);
  });
});
