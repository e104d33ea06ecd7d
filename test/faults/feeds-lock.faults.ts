/**
 * Issue 24, item 4: concurrent `newsflow feeds add` processes (8 at once, 5 rounds, YAML and JSON files) never
 * lose a feed, never print "added" for a feed that is not in the file, and their syncs never remove a scheduler
 * another process just added: after each round the file holds every feed and the feeds queue a scheduler for each.
 * A stale lock left by a killed process is broken, and `feeds remove` shares the lock.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { bullPrefix } from '../../src/queues/names.js';
import { parseFeedsConfig } from '../../src/schedule/feeds-config.js';
import { cliProcess } from '../cli/harness.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';

const PROCESSES = 8;
const ROUNDS = 5;
const redis = testRedis();
const prefixes: string[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const p of prefixes) await dropPrefix(redis, p);
  await redis.quit();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function schedulerIds(prefix: string): Promise<string[]> {
  const queue = new Queue('feeds', { connection: redis, prefix: bullPrefix(prefix) });
  try {
    return (await queue.getJobSchedulers(0, -1)).map((s) => s.id ?? s.key).sort();
  } finally {
    await queue.close();
  }
}

describe('feeds add: 8 processes at once', () => {
  for (let round = 1; round <= ROUNDS; round++) {
    const ext = round % 2 ? 'yaml' : 'json';
    it(`round ${round} (${ext}): every feed written, every "added" true, every scheduler kept`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'newsflow-feeds-lock-'));
      dirs.push(dir);
      const prefix = `${uniquePrefix('flock')}:`;
      prefixes.push(prefix);
      const config = join(dir, `feeds.${ext}`);
      // one feed there before: the adds must keep it too
      writeFileSync(
        config,
        ext === 'json'
          ? '{ "feeds": [ { "id": "seed", "url": "http://seed.example/rss" } ] }\n'
          : 'feeds:\n  - id: seed  # kept\n    url: http://seed.example/rss\n',
      );
      const env = { REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: prefix };
      const ids = Array.from({ length: PROCESSES }, (_, i) => `f${round}-${i}`);
      const runs = await Promise.all(
        ids.map((id) => cliProcess(['feeds', 'add', `http://feeds${id}.example/rss.xml`, '--id', id, '--every', '30m', '--config', config], env, 90_000)),
      );
      for (const [i, r] of runs.entries()) {
        expect(r.code, r.err).toBe(0);
        expect(r.out).toContain(`added ${ids[i]} `);
      }
      const inFile = parseFeedsConfig(readFileSync(config, 'utf8'), config)
        .feeds.map((f) => f.id)
        .sort();
      expect(inFile).toEqual(['seed', ...ids].sort());
      if (ext === 'yaml') expect(readFileSync(config, 'utf8')).toContain('# kept');
      expect(await schedulerIds(prefix)).toEqual(['seed', ...ids].map((id) => `feed:${id}`).sort());
    }, 180_000);
  }

  it('adds and removes at once; a stale lock of a dead process is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsflow-feeds-lock-'));
    dirs.push(dir);
    const prefix = `${uniquePrefix('flock')}:`;
    prefixes.push(prefix);
    const config = join(dir, 'feeds.yaml');
    writeFileSync(config, `feeds:\n${[0, 1, 2, 3].map((i) => `  - id: old-${i}\n    url: http://old${i}.example/rss\n`).join('')}`);
    // a lock whose owner is gone: the pid of a process that has just exited
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(`${config}.lock`, JSON.stringify({ pid: dead, host: hostname(), at: Date.now(), token: 'dead' }));
    const env = { REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: prefix };
    const runs = await Promise.all([
      ...[0, 1, 2, 3].map((i) => cliProcess(['feeds', 'add', `http://new${i}.example/rss`, '--id', `new-${i}`, '--config', config], env, 90_000)),
      ...[0, 1, 2, 3].map((i) => cliProcess(['feeds', 'remove', `old-${i}`, '--config', config], env, 90_000)),
    ]);
    for (const r of runs) expect(r.code, r.err).toBe(0);
    const inFile = parseFeedsConfig(readFileSync(config, 'utf8'), config)
      .feeds.map((f) => f.id)
      .sort();
    expect(inFile).toEqual(['new-0', 'new-1', 'new-2', 'new-3']);
    expect(await schedulerIds(prefix)).toEqual(inFile.map((id) => `feed:${id}`));
  }, 180_000);
});
