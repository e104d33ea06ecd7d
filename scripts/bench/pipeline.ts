/**
 * One benchmark run of the pipeline: fork worker processes (scripts/bench/worker-proc.ts), serve the corpus,
 * enqueue every feed at once, wait until the three queues are idle, and collect throughput, CPU (worker
 * processes and Redis), feed-poll → stored latency and RSS.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAMES } from '../../src/queues/names.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { inboxKeys } from '../../src/store/dedup-inbox.js';
import type { StageTimes } from '../../src/workers/extract-task.js';
import type { Corpus } from './corpus.js';
import { serveCorpus } from './corpus.js';
import { redisCpuMs } from './redis.js';
import type { ChildStats, ParentMessage } from './worker-proc.js';
import { WORKER_NODE_FLAGS } from '../../src/workers/node-flags.js';

export interface RunOptions {
  mode: 'full' | 'noop';
  procs: number;
  threads: number;
  concurrency: number;
  articles: number;
  corpus: Corpus;
  redisUrl: string;
  /** Pin worker process i (all its threads) to core i mod cores with taskset: "one process per core". */
  pin?: boolean;
  /** V8 flags of the worker processes: `worker` (WORKER_NODE_FLAGS, as bin/newsflow.js runs them) or node's defaults. */
  nodeFlags?: 'worker' | 'default';
  /** Write V8 CPU profiles of the worker processes (every thread) into this directory. */
  cpuProfDir?: string;
  /** Articles each worker process runs before anything is counted (JIT compilation and heap sizes settle). */
  warmup: number;
  /** Progress line every few seconds (long runs). */
  onProgress?: (done: number, rssMb: number[]) => void;
}

/** What one worker process did and got during the counted run. */
export interface ProcessShare {
  /** Article jobs it finished. */
  done: number;
  cpuMs: number;
  /** Runnable but waiting for a core (all its threads). */
  waitMs: number;
  /** Core it was pinned to, null when not pinned. */
  core: number | null;
}

export interface RssSample {
  done: number;
  rssMb: number[];
}

export interface RunResult {
  mode: 'full' | 'noop';
  procs: number;
  threads: number;
  pinned: boolean;
  prefix: string;
  /** Article jobs finished (stored + skipped + failed). */
  done: number;
  stored: number;
  skipped: number;
  failed: number;
  /** Feed poll of the first feed → last article stored. */
  wallMs: number;
  /** Last article stored → every queue and the dedup inbox empty (the last dedup batch). */
  dedupTailMs: number;
  perSecond: number;
  /** CPU of the worker processes (all threads), of their main threads only, and of Redis, in ms. */
  workerCpuMs: number;
  mainCpuMs: number;
  poolCpuMs: number;
  redisCpuMs: number;
  /** CPU of this benchmark process during the run: the page and feed server, queue polling. */
  serverCpuMs: number;
  /** Per worker process. */
  perProcess: ProcessShare[];
  /** Extraction stage CPU summed over articles (thread CPU from the job results). */
  stageMs: StageTimes;
  /** Feed poll (feed job started) → article stored, across all articles of the run. */
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Article job started (fetch) → stored: the latency without the wait in the queue. */
  serviceMs: { p50: number; p99: number };
  rssStartMb: number[];
  rssEndMb: number[];
  samples: RssSample[];
  loadAvg: number[];
  /** The uncounted warm-up: articles finished and the worker processes' CPU (all threads) it took. */
  warm: { done: number; cpuMs: number; otherCpuMs: number; rssStartMb: number; rssMaxMb: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Jobs not finished in any queue, and articles waiting in the dedup inbox. */
async function pendingJobs(queues: ReturnType<typeof openQueues>, redis: Redis, prefix: string): Promise<number> {
  let pending = await redis.llen(inboxKeys(prefix).inbox);
  for (const name of QUEUE_NAMES) {
    const c = await queues[name].getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    pending += Object.values(c).reduce((a, b) => a + b, 0);
  }
  return pending;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

interface Child {
  proc: ChildProcess;
  ask(): Promise<ChildStats>;
}

/** Pin every thread of `pid` to one core (Linux taskset); false when that is not possible. */
function pin(pid: number, core: number): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function canPin(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function forkWorker(opts: RunOptions, prefix: string, allowHost: string, core: number | null): Promise<Child> {
  const proc = fork(resolve(import.meta.dirname, 'worker-proc.ts'), [opts.mode, String(opts.threads), String(opts.concurrency)], {
    execArgv: [
      '--import',
      'tsx',
      ...(opts.nodeFlags === 'default' ? [] : WORKER_NODE_FLAGS),
      ...(opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : []),
      // experiments with V8 flags of the worker processes, e.g. BENCH_NODE_FLAGS=--single-threaded
      ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean),
    ],
    env: { ...process.env, REDIS_URL: opts.redisUrl, NEWSFLOW_PREFIX: prefix, NEWSFLOW_ALLOW_HOSTS: allowHost, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // why detached: a session of its own, as a separately started worker service has; with the kernel's
    // autogroup scheduling all processes of one session share one CPU share, so two would never get two cores
    detached: true,
  });
  let waiting: ((s: ChildStats) => void) | null = null;
  if (core !== null) pin(proc.pid!, core);
  return new Promise((ok, fail) => {
    proc.once('exit', (code) => fail(new Error(`bench worker exited early (code ${code})`)));
    proc.on('message', (m: ChildStats | { type: 'ready' }) => {
      if (m.type === 'ready') {
        proc.removeAllListeners('exit');
        // why again: threads started before the first call (V8's, the pool's) keep their own affinity
        if (core !== null) pin(proc.pid!, core);
        ok({
          proc,
          ask: () =>
            new Promise<ChildStats>((res) => {
              waiting = res;
              proc.send({ type: 'stats' } satisfies ParentMessage);
            }),
        });
      } else if (waiting) {
        const w = waiting;
        waiting = null;
        w(m);
      }
    });
  });
}

/** Run the corpus through `procs` worker processes on a fresh key prefix. */
export async function runPipeline(opts: RunOptions): Promise<RunResult> {
  const prefix = `bench-${opts.mode}-${randomBytes(3).toString('hex')}:`;
  const server = await serveCorpus(opts.corpus, opts.articles);
  const warm = await serveCorpus(opts.corpus, Math.max(1, opts.warmup * opts.procs));
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const queues = openQueues(redis, prefix);
  const cores = availableParallelism();
  const pinned = !!opts.pin && canPin();
  const children = await Promise.all(
    Array.from({ length: opts.procs }, (_, i) => forkWorker(opts, prefix, `${server.host},${warm.host}`, pinned ? i % cores : null)),
  );
  // warm-up: JIT and GC of every process settle on real pages (other URLs) before anything is counted
  const pre = await Promise.all(children.map((c) => c.ask()));
  for (const [i, url] of warm.feeds.entries()) await queues.feeds.add('poll', { feedId: `w${i}`, url, trigger: 'manual' }, { jobId: `bench-warm-${i}` });
  let warmRssMax = Math.max(...pre.map((x) => x.rssMb));
  for (let lastAsk = Date.now(); await pendingJobs(queues, redis, prefix); ) {
    await sleep(100);
    if (Date.now() - lastAsk > 2000) {
      lastAsk = Date.now();
      const s = await Promise.all(children.map((c) => c.ask()));
      warmRssMax = Math.max(
        warmRssMax,
        s.reduce((a, x) => a + x.rssMb, 0),
      );
    }
  }
  await warm.close();
  const start = await Promise.all(children.map((c) => c.ask()));
  const warmDone = start.reduce((a, s, i) => a + s.stored + s.skipped + s.failed - pre[i]!.stored - pre[i]!.skipped - pre[i]!.failed, 0);
  const warmCpu = start.reduce((a, s, i) => a + s.cpuMs - pre[i]!.cpuMs, 0);
  const warmOther = start.reduce((a, s, i) => a + s.cpuMs - s.mainCpuMs - s.poolCpuMs - (pre[i]!.cpuMs - pre[i]!.mainCpuMs - pre[i]!.poolCpuMs), 0);
  const finished: Array<[string, number, number]> = [];
  const collect = async () => {
    const s = await Promise.all(children.map((c) => c.ask()));
    for (const x of s) finished.push(...x.finished);
    return s;
  };
  const redisCpu0 = await redisCpuMs(redis);
  const server0 = process.cpuUsage();
  const t0 = Date.now();
  const feedJobs: string[] = [];
  for (const [i, url] of server.feeds.entries()) {
    const jobId = `bench-feed-${i}`;
    feedJobs.push(jobId);
    await queues.feeds.add('poll', { feedId: `f${i}`, url, trigger: 'manual' }, { jobId });
  }
  const samples: RssSample[] = [];
  let last = start;
  let lastSample = 0;
  for (;;) {
    await sleep(100);
    if (!(await pendingJobs(queues, redis, prefix))) break;
    if (Date.now() - lastSample > 2000) {
      lastSample = Date.now();
      last = await collect();
      const done = last.reduce((a, s, i) => a + s.stored + s.skipped + s.failed - start[i]!.stored - start[i]!.skipped - start[i]!.failed, 0);
      samples.push({ done, rssMb: last.map((s) => s.rssMb) });
      opts.onProgress?.(
        done,
        last.map((s) => s.rssMb),
      );
    }
  }
  const drainedAt = Date.now();
  const server1 = process.cpuUsage(server0);
  const redisCpu1 = await redisCpuMs(redis);
  const end = await collect();
  // why to the last stored article: the run ends with the dedup stage's last batch, which waits its batch delay
  // (NEWSFLOW_DEDUP_DELAY_MS) for articles that no longer come; in a stream that delay is latency, not lost time
  const lastStoredAt = finished.reduce((m, [, at]) => Math.max(m, at), -Infinity);
  const wallMs = Number.isFinite(lastStoredAt) && lastStoredAt > t0 ? lastStoredAt - t0 : drainedAt - t0;
  const feedStart = new Map<string, number>();
  for (const [i, id] of feedJobs.entries()) {
    const job = await Job.fromId(queues.feeds, id);
    if (job?.processedOn) feedStart.set(`f${i}`, job.processedOn);
  }
  const latencies = finished.map(([feed, at]) => at - (feedStart.get(feed) ?? t0)).sort((a, b) => a - b);
  const service = finished.map(([, at, began]) => at - began).sort((a, b) => a - b);
  const sum = (f: (s: ChildStats) => number) => end.reduce((a, s, i) => a + f(s) - f(start[i]!), 0);
  const stageMs: StageTimes = { article: 0, nlp: 0, entities: 0, dates: 0, quotes: 0 };
  for (const [i, s] of end.entries()) for (const k of Object.keys(stageMs) as Array<keyof StageTimes>) stageMs[k] += s.stageMs[k] - start[i]!.stageMs[k];
  const done = sum((s) => s.stored + s.skipped + s.failed);
  const result: RunResult = {
    mode: opts.mode,
    procs: opts.procs,
    threads: opts.threads,
    pinned,
    prefix,
    done,
    stored: sum((s) => s.stored),
    skipped: sum((s) => s.skipped),
    failed: sum((s) => s.failed),
    wallMs,
    dedupTailMs: drainedAt - t0 - wallMs,
    perSecond: (done / wallMs) * 1000,
    workerCpuMs: end.reduce((a, s, i) => a + s.cpuMs - start[i]!.cpuMs, 0),
    mainCpuMs: end.reduce((a, s, i) => a + s.mainCpuMs - start[i]!.mainCpuMs, 0),
    poolCpuMs: end.reduce((a, s, i) => a + s.poolCpuMs - start[i]!.poolCpuMs, 0),
    redisCpuMs: redisCpu1 - redisCpu0,
    serverCpuMs: (server1.user + server1.system) / 1000,
    perProcess: end.map((s, i) => ({
      done: s.stored + s.skipped + s.failed - start[i]!.stored - start[i]!.skipped - start[i]!.failed,
      cpuMs: s.cpuMs - start[i]!.cpuMs,
      waitMs: s.waitMs - start[i]!.waitMs,
      core: pinned ? i % cores : null,
    })),
    stageMs,
    latencyMs: { p50: quantile(latencies, 0.5), p90: quantile(latencies, 0.9), p99: quantile(latencies, 0.99), max: latencies.at(-1) ?? NaN },
    serviceMs: { p50: quantile(service, 0.5), p99: quantile(service, 0.99) },
    rssStartMb: start.map((s) => s.rssMb),
    rssEndMb: end.map((s) => s.rssMb),
    samples,
    loadAvg: loadavg(),
    warm: { done: warmDone, cpuMs: warmCpu, otherCpuMs: warmOther, rssStartMb: pre.reduce((a, x) => a + x.rssMb, 0), rssMaxMb: warmRssMax },
  };
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((ok) => {
          c.proc.once('exit', () => ok());
          c.proc.send({ type: 'stop' } satisfies ParentMessage);
        }),
    ),
  );
  await closeQueues(queues);
  redis.disconnect();
  await server.close();
  return result;
}
