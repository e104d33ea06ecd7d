/**
 * A benchmark worker process (forked by scripts/bench/pipeline.ts): runs the real workers — or no-op ones on
 * the same queues, for the floor — and answers the parent's IPC requests with its CPU, RSS and job figures.
 * argv: <full|noop> <extract threads> <article concurrency>; env: REDIS_URL, NEWSFLOW_PREFIX, NEWSFLOW_ALLOW_HOSTS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { dedupFingerprint } from '../../src/dedup/index.js';
import { silentLogger } from '../../src/log.js';
import { closeQueues, openQueues } from '../../src/queues/queues.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { redisOptions } from '../../src/store/connection.js';
import { DedupInbox } from '../../src/store/dedup-inbox.js';
import { scheduleDedupBatch } from '../../src/workers/dedup-worker.js';
import type { ArticleJobResult } from '../../src/workers/article-worker.js';
import type { StageTimes } from '../../src/workers/extract-task.js';
import { startWorkers, type Processor } from '../../src/workers/run-workers.js';

/** What the parent asks for and gets. */
export type ParentMessage = { type: 'stats' } | { type: 'stop' };
export interface ChildStats {
  type: 'stats';
  pid: number;
  rssMb: number;
  heapMb: number;
  /** Process CPU (all threads) and the main thread's own CPU, ms since start. */
  cpuMs: number;
  mainCpuMs: number;
  /** Time this process's threads were runnable but waited for a core (run-queue wait, all threads summed), ms. */
  waitMs: number;
  /** CPU of the extraction threads (ms). */
  poolCpuMs: number;
  /** Article jobs completed here: stored, skipped; their extraction stage CPU sums. */
  stored: number;
  skipped: number;
  failed: number;
  stageMs: StageTimes;
  /** Per completed article job: [feedId, finishedOn ms, processedOn ms (fetch started)]. */
  finished: Array<[string, number, number]>;
}

const [mode = 'full', threadsArg = '1', concurrencyArg = '4'] = process.argv.slice(2);

function mainThreadCpuMs(): number {
  try {
    const s = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'latin1');
    return Number(s.slice(0, s.indexOf(' '))) / 1e6;
  } catch {
    return NaN;
  }
}

/** Run-queue wait of all threads of this process (/proc/self/task/<tid>/schedstat, 2nd field, ns), ms. */
function waitMs(): number {
  try {
    let ns = 0;
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        ns += Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'latin1').split(' ')[1]);
      } catch {
        // the thread ended meanwhile
      }
    }
    return ns / 1e6;
  } catch {
    return NaN;
  }
}

const config = loadConfig(process.env);
const redis = new Redis(config.redisUrl!, redisOptions());
const queues = openQueues(redis, config.prefix);
const store = new ArticleStore(redis, config.prefix);
const deps = { redis, config, queues, store, log: silentLogger(), now: () => new Date() };

// why a real fingerprint: the floor's inbox entries carry what the real ones carry (~0.6 KiB), computed once
const floorText = Array.from({ length: 120 }, (_, i) => `Sentence ${i} of the floor's stand-in body says nothing in particular.`).join(' ');
const floorFp = dedupFingerprint({
  id: '0',
  url: 'http://127.0.0.1/a/0/0.html',
  canonicalUrl: null,
  siteName: 'Bench',
  title: 'Item 0',
  text: floorText,
  publishedAt: null,
  syndication: null,
});
const floorDedupJob = (id: string) => ({ articleId: id, fp: { ...floorFp, copy: `${id}${floorFp.copy.slice(1)}` } });

// why these: the floor moves the same jobs through the same three queues and the dedup inbox, and does nothing else.
// The article job hands its entry over with a script call of its own (the real one does it inside the save, counted
// as store); the stage profile times that call ("floor hand-off") and bench.ts takes it out of the floor
const inbox = new DedupInbox(redis, config.prefix);
const noop: Partial<Record<'articles' | 'dedup', Processor>> = {
  articles: async (job: Job) => {
    if (await inbox.handOff(JSON.stringify(floorDedupJob(job.id!)))) await scheduleDedupBatch(queues, config.dedupBatchDelayMs);
    return { status: 'stored', id: job.id!, created: true, times: { article: 0, nlp: 0, entities: 0, dates: 0, quotes: 0 } };
  },
  dedup: async (job: Job) => {
    const { entries, more } = await inbox.claim(job.id!);
    if (more) await scheduleDedupBatch(queues, 0);
    await inbox.settle(job.id!, []);
    return { articles: entries.length };
  },
};

const running = startWorkers(deps, {
  extractThreads: Number(threadsArg),
  concurrency: { articles: Number(concurrencyArg) },
  processors: mode === 'noop' ? noop : undefined,
});
const stats: ChildStats = {
  type: 'stats',
  pid: process.pid,
  rssMb: 0,
  heapMb: 0,
  cpuMs: 0,
  mainCpuMs: 0,
  waitMs: 0,
  poolCpuMs: 0,
  stored: 0,
  skipped: 0,
  failed: 0,
  stageMs: { article: 0, nlp: 0, entities: 0, dates: 0, quotes: 0 },
  finished: [],
};
const articleWorker = running.workers[1]!;
articleWorker.on('completed', (job, r: ArticleJobResult) => {
  if (r.status === 'stored') stats.stored++;
  else stats.skipped++;
  for (const k of Object.keys(stats.stageMs) as Array<keyof StageTimes>) stats.stageMs[k] += r.times[k];
  const at = job.finishedOn ?? Date.now();
  stats.finished.push([String((job.data as { feedId?: string }).feedId), at, job.processedOn ?? at]);
});
articleWorker.on('failed', () => stats.failed++);

// why: the process runs in its own session (detached), so it must not outlive a parent that died
process.on('disconnect', () => process.exit(1));
process.on('message', (msg: ParentMessage) => {
  if (msg.type === 'stats') {
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    process.send!({
      ...stats,
      rssMb: mem.rss / 2 ** 20,
      heapMb: mem.heapUsed / 2 ** 20,
      cpuMs: (cpu.user + cpu.system) / 1000,
      mainCpuMs: mainThreadCpuMs(),
      waitMs: waitMs(),
      poolCpuMs: running.pool?.stats().threadCpuMs ?? 0,
    });
    stats.finished = [];
  } else if (msg.type === 'stop') {
    void (async () => {
      await running.close(10_000);
      await closeQueues(queues);
      redis.disconnect();
      process.exit(0);
    })();
  }
});
await Promise.all(running.workers.map((w) => w.waitUntilReady()));
const warm = {
  body: Buffer.from('<html><body><p>Warm up.</p></body></html>'),
  url: 'http://127.0.0.1/',
  contentType: 'text/html',
  feedTitle: null,
  feedPublishedAt: null,
};
// why: each thread loads compromise and the lexicons once (about a second); the run should not time that
if (running.pool) await Promise.all(Array.from({ length: running.pool.threads }, () => running.pool!.extract(warm)));
process.send!({ type: 'ready' });
