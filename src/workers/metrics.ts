/**
 * Prometheus metrics and a health check for a worker process (`newsflow worker --metrics-port 9464`).
 * Everything is observed from outside the processors: BullMQ's completed/failed events and the results jobs
 * return, plus gauges read when Prometheus scrapes (queue depths, Redis memory, back-pressure).
 */
import { createServer, type Server } from 'node:http';
import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QUEUE_NAMES } from '../queues/names.js';
import type { Queues } from '../queues/queues.js';
import { readRedisMemory } from '../store/redis-memory.js';
import type { RunningWorkers } from './run-workers.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

export interface MetricsOptions {
  running: RunningWorkers;
  queues: Queues;
  redis: Redis;
  redisMaxMb: number | null;
}

/** The metrics of one worker process, fed by its BullMQ workers' events. */
export function createMetrics(opts: MetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'newsflow_' }); // newsflow_process_cpu_seconds_total, newsflow_nodejs_…
  const completed = new Counter({ name: 'newsflow_jobs_completed_total', help: 'Jobs completed, per queue', labelNames: ['queue'], registers: [registry] });
  const failed = new Counter({
    name: 'newsflow_jobs_failed_total',
    help: 'Job attempts that failed, per queue and error code (FETCH_HTTP, PAGE_PARSE, …; ERROR when none)',
    labelNames: ['queue', 'code'],
    registers: [registry],
  });
  const articles = new Counter({
    name: 'newsflow_articles_total',
    help: 'Article pages processed, by outcome (stored, skipped: not an article; re-fetches: revised, unchanged, not-modified)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const stories = new Counter({
    name: 'newsflow_stories_formed_total',
    help: 'Stored articles that started a story of their own (dedup)',
    registers: [registry],
  });
  const deduped = new Counter({ name: 'newsflow_dedup_articles_total', help: 'Stored articles assigned to a story by dedup batches', registers: [registry] });
  const pass = new Histogram({
    name: 'newsflow_extraction_pass_seconds',
    help: 'Time of each extraction pass per article (article, nlp, entities, dates, quotes)',
    labelNames: ['pass'],
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const fetchSeconds = new Histogram({
    name: 'newsflow_fetch_seconds',
    help: 'Time to fetch an article page (politeness waits included)',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const fetchBytes = new Histogram({
    name: 'newsflow_fetch_response_bytes',
    help: 'Size of fetched article pages (decoded body)',
    buckets: [4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304],
    registers: [registry],
  });
  new Gauge({
    name: 'newsflow_queue_jobs',
    help: 'Jobs per queue and state, read at scrape time',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const name of QUEUE_NAMES) {
        const counts = await opts.queues[name].getJobCounts(...STATES);
        for (const s of STATES) this.set({ queue: name, state: s }, counts[s] ?? 0);
      }
    },
  });
  new Gauge({
    name: 'newsflow_redis_memory_used_bytes',
    help: 'Redis used_memory',
    registers: [registry],
    async collect() {
      this.set((await readRedisMemory(opts.redis, opts.redisMaxMb)).usedBytes);
    },
  });
  new Gauge({
    name: 'newsflow_redis_memory_limit_bytes',
    help: 'The Redis memory limit back-pressure uses (maxmemory, or NEWSFLOW_REDIS_MAX_MB); 0 when none',
    registers: [registry],
    async collect() {
      this.set((await readRedisMemory(opts.redis, opts.redisMaxMb)).limitBytes ?? 0);
    },
  });
  new Gauge({
    name: 'newsflow_backpressure_holding',
    help: '1 while this process holds article jobs back because Redis memory is above the high-water mark',
    registers: [registry],
    collect() {
      this.set(opts.running.memoryGate?.holding ? 1 : 0);
    },
  });
  new Gauge({
    name: 'newsflow_workers_paused',
    help: '1 per queue while its worker here takes no jobs (memory hold, Redis refusing writes)',
    labelNames: ['queue'],
    registers: [registry],
    collect() {
      for (const w of opts.running.workers) this.set({ queue: w.name }, w.isPaused() ? 1 : 0);
    },
  });

  for (const w of opts.running.workers) {
    w.on('completed', (_job: Job, result: unknown) => {
      completed.inc({ queue: w.name });
      observeResult(w.name, result);
    });
    w.on('failed', (_job: Job | undefined, err: Error) => failed.inc({ queue: w.name, code: errorCode(err) }));
  }

  function observeResult(queue: string, result: unknown): void {
    const r = (result ?? {}) as Record<string, unknown>;
    if (queue === 'articles' && typeof r.status === 'string' && ['stored', 'skipped', 'revised', 'unchanged', 'not-modified'].includes(r.status)) {
      articles.inc({ outcome: r.status });
      for (const [name, ms] of Object.entries((r.times ?? {}) as Record<string, number>)) pass.observe({ pass: name }, ms / 1000);
      if (typeof r.fetchMs === 'number') fetchSeconds.observe(r.fetchMs / 1000);
      if (typeof r.bytes === 'number') fetchBytes.observe(r.bytes);
    }
    if (queue === 'dedup') {
      if (typeof r.newStories === 'number') stories.inc(r.newStories);
      if (typeof r.articles === 'number') deduped.inc(r.articles);
    }
  }
  return registry;
}

/** The error code of a failed attempt: NewsflowError's `code`, or the `CODE:` an UnrecoverableError message starts with. */
function errorCode(err: Error): string {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^[A-Z_]+$/u.test(code)) return code;
  return /^([A-Z][A-Z_]+):/u.exec(err.message)?.[1] ?? 'ERROR';
}

/** True when Redis answers and every worker of the process runs (paused for back-pressure counts as running). */
export function healthy(redis: Redis, workers: Worker[]): boolean {
  return redis.status === 'ready' && workers.every((w) => w.isRunning() || w.isPaused());
}

/** Serve `/metrics` (Prometheus text) and `/healthz` (200 or 503) on `host:port`. */
export function serveMetrics(registry: Registry, health: () => boolean, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${err.message}\n`),
      );
      return;
    }
    if (path === '/healthz') {
      const ok = health();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok\n' : 'unhealthy: Redis unreachable or a worker stopped\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics or /healthz\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
