/**
 * `newsflow worker --metrics-port`: a real worker process on a redis-server of its own, fed a fixture feed over
 * real HTTP. /metrics parses as Prometheus text and its counters move with the work; /healthz answers 200, and
 * 503 once Redis is gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeQueues, openQueues, type Queues } from '../../src/queues/queues.js';
import { startFixtureServer, type FixtureServer } from '../../src/replay/fixture-server.js';
import { freePort } from '../../src/store/embedded-redis.js';
import { WORKER_NODE_FLAGS } from '../../src/workers/node-flags.js';
import { type ScratchRedis, scratchRedis } from '../helpers/redis-server.js';
import { waitFor } from '../helpers/wait.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const prefix = 'nft:metrics:';
let server: ScratchRedis;
let redis: Redis;
let queues: Queues;
let fixtures: FixtureServer;
let worker: ChildProcess;
let metricsPort: number;
let log = '';

beforeAll(async () => {
  server = await scratchRedis();
  const url = server.url;
  redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => {}); // killed on purpose below
  queues = openQueues(redis, prefix);
  for (const q of Object.values(queues)) q.on('error', () => {});
  fixtures = await startFixtureServer(join(ROOT, 'fixtures'), 0);
  metricsPort = await freePort();
  worker = spawn(
    process.execPath,
    [...WORKER_NODE_FLAGS, '--import', 'tsx', 'src/cli/entry.ts', 'worker', '--redis-url', url, '--metrics-port', String(metricsPort)],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', NEWSFLOW_PREFIX: prefix, NEWSFLOW_ALLOW_HOSTS: `127.0.0.1:${fixtures.port}`, NEWSFLOW_DEDUP_DELAY_MS: '50' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  worker.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  expect(await waitFor(async () => /workers started/u.test(log), 60_000), log).toBe(true);
}, 90_000);

afterAll(async () => {
  worker.kill('SIGKILL');
  server.child.kill('SIGKILL');
  await closeQueues(queues).catch(() => {});
  redis.disconnect();
  await fixtures.close();
});

/** Prometheus text → { 'name{labels}': value } (comments skipped; every sample line must parse). */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[\d.e+-]+|NaN|\+Inf|-Inf)$/u.exec(line);
    expect(m, `not a Prometheus sample line: ${line}`).not.toBeNull();
    samples.set(m![1]!, Number(m![2]));
  }
  return samples;
}

const get = (path: string) => fetch(`http://127.0.0.1:${metricsPort}${path}`);

describe('worker metrics', () => {
  it('/metrics parses as Prometheus text, and its counters move after articles are processed', async () => {
    const before = parse(await (await get('/metrics')).text());
    expect(before.get('newsflow_articles_total{outcome="stored"}') ?? 0).toBe(0);
    expect(before.get('newsflow_queue_jobs{queue="articles",state="waiting"}')).toBe(0);
    expect(before.get('newsflow_redis_memory_used_bytes')).toBeGreaterThan(0);
    expect(before.get('newsflow_backpressure_holding')).toBe(0);

    await queues.feeds.add('poll', { feedId: 'daily-ledger', url: `${fixtures.base}/feeds/daily-ledger.rss.xml`, trigger: 'manual' });
    // why poll /metrics, not the store: a record is saved before its job's 'completed' event counts it
    let after = new Map<string, number>();
    let contentType: string | null = null;
    const counted = await waitFor(async () => {
      const res = await get('/metrics');
      contentType = res.headers.get('content-type');
      after = parse(await res.text());
      return (
        (after.get('newsflow_articles_total{outcome="stored"}') ?? 0) >= 3 &&
        (after.get('newsflow_dedup_articles_total') ?? 0) >= 1 &&
        after.get('newsflow_jobs_completed_total{queue="feeds"}') === 1
      );
    }, 60_000);
    expect(counted, log.slice(-2000)).toBe(true);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/u);
    const stored = after.get('newsflow_articles_total{outcome="stored"}') ?? 0;
    expect(stored).toBeGreaterThanOrEqual(3);
    expect(after.get('newsflow_jobs_completed_total{queue="feeds"}')).toBe(1);
    expect(after.get('newsflow_jobs_completed_total{queue="articles"}')).toBeGreaterThanOrEqual(stored);
    expect(after.get('newsflow_extraction_pass_seconds_count{pass="entities"}')).toBe(stored);
    expect(after.get('newsflow_fetch_seconds_count')).toBeGreaterThanOrEqual(stored);
    expect(after.get('newsflow_fetch_response_bytes_sum')).toBeGreaterThan(1000 * stored);
    expect(after.get('newsflow_dedup_articles_total')).toBeGreaterThanOrEqual(1);
    expect(after.get('newsflow_stories_formed_total')).toBeGreaterThanOrEqual(1);
    expect(after.get('newsflow_workers_paused{queue="articles"}')).toBe(0);
    expect([...after.keys()].some((k) => k.startsWith('newsflow_process_cpu'))).toBe(true);
  }, 90_000);

  it('a second worker asked for a port already taken exits 1 naming it, and closes its workers', async () => {
    const second = spawn(
      process.execPath,
      [...WORKER_NODE_FLAGS, '--import', 'tsx', 'src/cli/entry.ts', 'worker', '--redis-url', server.url, '--metrics-port', String(metricsPort)],
      {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn', NEWSFLOW_PREFIX: prefix },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    second.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => second.on('exit', (c) => r(c)));
    expect(code, err).toBe(1);
    expect(err).toContain(`--metrics-port ${metricsPort}: cannot listen on 127.0.0.1:${metricsPort} (EADDRINUSE)`);
  }, 60_000);

  it('/healthz answers 200 while Redis answers and the workers run, 503 once Redis is gone', async () => {
    const ok = await get('/healthz');
    expect(ok.status).toBe(200);
    expect((await get('/nothing')).status).toBe(404);
    server.child.kill('SIGKILL');
    expect(await waitFor(async () => (await get('/healthz')).status === 503, 10_000)).toBe(true);
  }, 30_000);
});
