/**
 * The daily archive on the maintenance queue: a worker keeps the scheduler, an `archive` job moves old records and
 * leaves its summary, and `newsflow queues` shows it (table and --json).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { ARCHIVE_CRON, ARCHIVE_SCHEDULER_ID } from '../../src/schedule/maintenance.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { startMaintenance } from '../../src/workers/maintenance-worker.js';
import { cli } from '../cli/harness.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';
import { record } from './_records.js';

const redis = testRedis();
const prefix = `${uniquePrefix('maint')}:`;
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('maintenance queue', () => {
  it('keeps a daily archive scheduler, runs archive jobs and shows the last run in `queues`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-maint-'));
    const env = { NEWSFLOW_PREFIX: prefix, NEWSFLOW_ARCHIVE_DIR: dir, NEWSFLOW_RETAIN_DAYS: '3' };
    const config = loadConfig(env);
    const store = new ArticleStore(redis, prefix);
    const day = 24 * 3600 * 1000;
    await store.save(record('a1000000000000000001', { storedAt: new Date(Date.now() - 40 * day).toISOString() }));
    await store.save(record('a1000000000000000002', { storedAt: new Date().toISOString() }));

    const conns = [testRedis(), testRedis()];
    const running = startMaintenance({ redis: conns[0]!, config, log: createLogger('silent') });
    try {
      await running.synced;
      const schedulers = await running.queue.getJobSchedulers(0, -1);
      expect(schedulers.map((s) => [s.id ?? s.key, s.pattern, s.tz])).toEqual([[ARCHIVE_SCHEDULER_ID, ARCHIVE_CRON, 'UTC']]);
      // a second start changes nothing
      const again = startMaintenance({ redis: conns[1]!, config, log: createLogger('silent') });
      await again.close();
      expect(await running.queue.getJobSchedulers(0, -1)).toHaveLength(1);

      await running.queue.add('archive', { trigger: 'schedule' });
      expect(await waitFor(async () => (await running.queue.getCompletedCount()) === 1, 20_000)).toBe(true);
      expect(await store.count()).toBe(1);

      Object.assign(process.env, env);
      const j = await cli(testRedisUrl(), 'queues', '--json');
      expect(j.code, j.err).toBe(0);
      const q = JSON.parse(j.out) as {
        maintenance: { completed: number; archive: { lastRun: { trigger: string; moved: number; error: null }; nextRunAt: string; retainDays: number } };
      };
      expect(q.maintenance.completed).toBe(1);
      expect(q.maintenance.archive).toMatchObject({ lastRun: { trigger: 'schedule', moved: 1, error: null }, retainDays: 3 });
      expect(q.maintenance.archive.nextRunAt).toMatch(/T03:17:00/u);
      const t = await cli(testRedisUrl(), 'queues');
      expect(t.out).toMatch(/^maintenance\s+0\s+0\s+1\s+1/mu);
      expect(t.out).toMatch(/archive: last archive run .* \(schedule\): moved 1 record stored before .* to 1 day file; next .*03:17 UTC; retention 3 days/u);
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
      await running.close();
      for (const c of conns) await c.quit();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
