/**
 * Pipeline test helpers: a config on the test Redis with a unique prefix, and a free port.
 */
import { createServer } from 'node:net';
import { loadConfig, type Config } from '../../src/config.js';
import { testRedisUrl, uniquePrefix } from './redis.js';

export function testConfig(label = 'p', extra: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: uniquePrefix(label), LOG_LEVEL: 'silent', ...extra });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
