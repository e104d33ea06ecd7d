/**
 * Fault-test harness: worker processes started from source (`newsflow worker`), a fixture server that also
 * serves a generated feed, a private redis-server (AOF on) that tests may kill and restart, and the
 * "nothing lost, nothing twice" audit of the store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { canonicalizeUrl } from '../../src/url/canonical.js';
import { articleId } from '../../src/queues/job-ids.js';
import type { Queues } from '../../src/queues/queues.js';
import { startFixtureServer, type FixtureServer } from '../../src/replay/fixture-server.js';
import { inboxKeys } from '../../src/store/dedup-inbox.js';
import { ArticleStore } from '../../src/store/article-store.js';
import { freePort } from '../helpers/pipeline.js';
import { WORKER_NODE_FLAGS } from '../../src/workers/node-flags.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const FIXTURES = join(ROOT, 'fixtures');

/** The fixture article pages (outlet/slug.html), index pages left out. */
export const ARTICLE_PAGES = readdirSync(join(FIXTURES, 'pages'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.html') && !f.endsWith('index.html'))
  .map((f) => f.replaceAll('\\', '/'))
  .sort();

import { sleep, waitFor } from '../helpers/wait.js';

export { sleep, waitFor };

/** `n` article URLs on `base`: the fixture pages round-robin, made distinct by a kept query parameter. */
export function generatedUrls(base: string, n: number, tag = 'copy'): string[] {
  return Array.from({ length: n }, (_, i) => `${base}/pages/${ARTICLE_PAGES[i % ARTICLE_PAGES.length]!}?${tag}=${i}`);
}

/** An RSS 2.0 feed listing `urls`. */
export function rssFeed(urls: string[]): string {
  const items = urls
    .map(
      (u, i) =>
        `<item><title>Generated item ${i}</title><link>${u.replaceAll('&', '&amp;')}</link><guid>${i}</guid><pubDate>Mon, 14 Sep 2020 ` +
        `0${i % 10}:00:00 +0000</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Generated</title><link>http://example.test/</link>${items}</channel></rss>`;
}

/** The ids the pipeline gives `urls` (the article job id = hash of the canonical URL). */
export function idsOf(urls: string[]): string[] {
  return urls.map((u) => articleId(canonicalizeUrl(u) ?? u));
}

export type Intercept = (path: string, req: IncomingMessage, res: ServerResponse, hit: number) => boolean;

/** The fixture server plus generated feeds at /gen/<name>.rss.xml (set with `feeds.set(name, urls)`). */
export async function faultServer(opts: { delayMs?: number; intercept?: Intercept } = {}): Promise<FixtureServer & { feeds: Map<string, string[]> }> {
  const feeds = new Map<string, string[]>();
  const server = await startFixtureServer(FIXTURES, 0, {
    delayMs: opts.delayMs,
    intercept: (path, req, res, hit) => {
      const m = /^\/gen\/([\w-]+)\.rss\.xml$/u.exec(path);
      const urls = m ? feeds.get(m[1]!) : undefined;
      if (urls) {
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(urls));
        return true;
      }
      return opts.intercept?.(path, req, res, hit) ?? false;
    },
  });
  return Object.assign(server, { feeds });
}

export interface WorkerProcess {
  child: ChildProcess;
  /** stderr (pino JSON lines) so far. */
  log(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start `newsflow worker` from source as a real process. */
export function spawnWorker(redisUrl: string, env: Record<string, string>, args: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, '--import', 'tsx', 'src/cli/entry.ts', 'worker', '--redis-url', redisUrl, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  return { child, log: () => err, exited };
}

/** Run a CLI command from source; resolves with its exit code and output. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr });
    });
  });
}

/** Environment of a worker in a fault test: its prefix, the fixture host allowed, short locks and retries. */
export function workerEnv(prefix: string, port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NEWSFLOW_PREFIX: prefix,
    NEWSFLOW_ALLOW_HOSTS: `127.0.0.1:${port}`,
    NEWSFLOW_LOCK_MS: '3000',
    NEWSFLOW_RETRY_BASE_MS: '200',
    NEWSFLOW_DEDUP_DELAY_MS: '50',
    ...extra,
  };
}

export interface Audit {
  stored: number;
  /** Entries of idx:time and idx:stored. */
  idxTime: number;
  idxStored: number;
  /** Expected ids with no record. */
  missing: string[];
  /** Records without a story id (dedup not done). */
  withoutStory: string[];
  failed: Record<string, number>;
  /** Jobs still waiting, active or delayed, and articles waiting in the dedup inbox. */
  pending: number;
}

/** Check the store and queues against the ids that must be stored exactly once. */
export async function audit(redis: Redis, prefix: string, queues: Queues, ids: string[]): Promise<Audit> {
  const store = new ArticleStore(redis, prefix);
  const records = await store.getMany(ids);
  const have = new Set(records.map((r) => r.id));
  const failed: Record<string, number> = {};
  let pending = await redis.llen(inboxKeys(prefix).inbox);
  for (const [name, q] of Object.entries(queues)) {
    const c = await q.getJobCounts('failed', 'waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    failed[name] = c.failed ?? 0;
    pending += (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0);
  }
  return {
    stored: await store.count(),
    idxTime: await redis.zcard(`${prefix}idx:time`),
    idxStored: await redis.zcard(`${prefix}idx:stored`),
    missing: ids.filter((id) => !have.has(id)),
    withoutStory: records.filter((r) => !r.storyId).map((r) => r.id),
    failed,
    pending,
  };
}

/**
 * Wait until every id is stored with a story and no job is pending (or `ms` pass), then audit once more.
 * `settled` says whether that state was reached in time.
 */
export async function settledAudit(redis: Redis, prefix: string, queues: Queues, ids: string[], ms: number): Promise<{ settled: boolean; result: Audit }> {
  const settled = await waitFor(async () => {
    const a = await audit(redis, prefix, queues, ids);
    return a.missing.length === 0 && a.withoutStory.length === 0 && a.pending === 0;
  }, ms);
  return { settled, result: await audit(redis, prefix, queues, ids) };
}

/** The audit every fault test wants: all `ids` stored once, indexed once, deduped, no failed or pending job. */
export function cleanAudit(n: number): Audit {
  return { stored: n, idxTime: n, idxStored: n, missing: [], withoutStory: [], failed: { feeds: 0, articles: 0, dedup: 0 }, pending: 0 };
}

export interface OwnRedis {
  url: string;
  port: number;
  dir: string;
  start(): Promise<void>;
  /** SIGKILL: no shutdown save; only the AOF survives. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** A private redis-server with appendonly yes (fsync always) in a temp dir, for tests that restart it. */
export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'newsflow-fault-redis-'));
  let child: ChildProcess | null = null;
  const ping = async () => {
    const c = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    c.on('error', () => {}); // not up yet: connect() rejects, that is the answer
    try {
      await c.connect();
      await c.ping();
      return true;
    } catch {
      return false;
    } finally {
      c.disconnect();
    }
  };
  const self: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async start() {
      child = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
          '--save',
          '',
          '--maxmemory-policy',
          'noeviction',
        ],
        { stdio: 'ignore' },
      );
      if (!(await waitFor(ping, 10_000))) throw new Error('own redis-server did not start');
    },
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await gone;
    },
    async stop() {
      await self.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await self.start();
  return self;
}
