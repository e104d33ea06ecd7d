import { describe, expect, it } from 'vitest';
import { testRedis } from './helpers/redis.js';

describe('test setup', () => {
  it('gives every test a real redis-server', async () => {
    const redis = testRedis();
    expect(await redis.ping()).toBe('PONG');
    await redis.quit();
  });
});
