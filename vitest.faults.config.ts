import { defineConfig } from 'vitest/config';

// `npm run test:faults`: the slow fault-injection suite (kill -9, Redis restarts, 5xx storms), also run by CI.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.ts'],
    globalSetup: ['test/setup/global-redis.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    env: { TZ: 'UTC' },
  },
});
