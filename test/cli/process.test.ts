/**
 * The CLI as a real process (node running src/cli/entry.ts through tsx): exit codes, stdout/stderr
 * separation and no colours off a terminal, against the test Redis with a unique prefix. The commands after
 * the replay run concurrently (each process start costs seconds on a busy machine); the store is filled in-process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../src/url/canonical.js';
import { articleId } from '../../src/queues/job-ids.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { replay } from '../../src/replay/replay.js';
import { freePort } from '../helpers/pipeline.js';
import { dropPrefix, testRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.js';
import { cliProcess, FIXTURES, type Captured } from './harness.js';

const prefix = `${uniquePrefix('cliproc')}:`;
const redis = testRedis();
let runs: Record<'queues' | 'results' | 'show' | 'usage', Captured>;

beforeAll(async () => {
  const env = { REDIS_URL: testRedisUrl(), NEWSFLOW_PREFIX: prefix };
  const port = await freePort();
  // why in-process: the replay command itself is tested in commands.test.ts; a second pipeline process would only cost time
  const summary = await replay(redis, loadConfig({ ...env, LOG_LEVEL: 'silent' }), silentLogger(), { dir: FIXTURES, port, timeoutMs: 60_000 });
  expect(summary.storedArticles).toBeGreaterThanOrEqual(10);
  const seed = articleId(canonicalizeUrl(`http://127.0.0.1:${port}/pages/daily-ledger/tiktok-oracle.html`)!);
  // why only four: each start loads tsx, BullMQ and the commands (seconds on a busy machine); the rest is in-process
  const [queues, results, show, usage] = await Promise.all([
    cliProcess(['queues', '--json'], env),
    cliProcess(['results', '--company', 'Oracle', '--json'], env),
    cliProcess(['show', seed.slice(0, 10)], env),
    cliProcess(['jobs', 'nope'], env),
  ]);
  runs = { queues, results, show, usage };
}, 150_000);

afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('newsflow as a process', () => {
  it('queues --json prints the documented shape on stdout', () => {
    expect(runs.queues.code, runs.queues.err).toBe(0);
    const q = JSON.parse(runs.queues.out) as Record<string, { failed: number; throughput: { source: string }; workers: unknown[] }>;
    expect(Object.keys(q)).toEqual(['feeds', 'articles', 'dedup', 'maintenance', 'redis']);
    expect(q.articles!.failed).toBe(1);
    expect(q.feeds!.throughput.source).toMatch(/metrics|timestamps/u);
  });

  it('results --json lists Oracle articles', () => {
    expect(runs.results.code).toBe(0);
    const { results } = JSON.parse(runs.results.out) as { results: Array<{ companies: string[] }> };
    expect(results.length).toBeGreaterThanOrEqual(1);
    for (const r of results) expect(r.companies).toContain('Oracle');
  });

  it('show prints the article and its story, without colour codes', () => {
    expect(runs.show.code, runs.show.err).toBe(0);
    expect(runs.show.out).toMatch(/^story\s+s-[0-9a-f]+ \(\d copies/mu);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for terminal escape sequences (ESC [)
    expect(runs.show.out).not.toMatch(/\x1b\[/u);
  });

  it('a usage error exits 2 with the reason on stderr and nothing on stdout', () => {
    expect(runs.usage.code).toBe(2);
    expect(runs.usage.out).toBe('');
    expect(runs.usage.err).toMatch(/unknown queue "nope".*\n\(add --help/su);
  });
});
