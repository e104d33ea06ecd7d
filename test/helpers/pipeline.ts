/**
 * Pipeline test helpers: a config on the test Redis with a unique prefix, and a free port.
 */
import { loadConfig, type Config } from '../../src/config.js';
import { testRedisUrl, uniquePrefix } from './redis.js';

export { freePort } from '../../src/store/embedded-redis.js';

export function testConfig(label = 'p', extra: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: uniquePrefix(label), LOG_LEVEL: 'silent', NEWSFLOW_DEDUP_DELAY_MS: '20', ...extra });
}
