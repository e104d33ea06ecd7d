/**
 * The embedded default: one private redis-server from PATH over the data in `.newsflow/` (AOF on, noeviction,
 * loopback only), shared by every newsflow process that uses that directory.
 *
 * Each process that uses the server holds a lease (a file under `clients/` naming its pid); a lease whose process
 * died no longer counts. Starting, taking a lease, releasing it and stopping all happen under `redis.lock`, and
 * only the release of the last live lease stops the server, so a one-shot command never stops it under a worker.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisUnavailableError } from '../domain/errors.js';
import { withFileLock } from '../file-lock.js';
import { checkDataDir } from './data-dir.js';
import { processAlive, processStartTime } from './process-alive.js';

export interface EmbeddedRedis {
  url: string;
  port: number;
  /** True when this call started the server (it was not running). */
  started: boolean;
  /** Give up this lease; the release of the last live lease stops the server. Safe to call twice. */
  release(): Promise<void>;
}

/** What `redis.json` records about the running server. */
interface ServerInfo {
  pid: number;
  port: number;
  /** The server process's start time (Linux), so a reused pid is not taken for the server. */
  start?: string | null;
}

export const NO_REDIS_HELP = [
  'newsflow needs Redis, and no redis-server was found on PATH. Any one of these works:',
  '  - install it: `sudo apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` (macOS);',
  '  - start the bundled one: `docker compose up -d redis`, then `export REDIS_URL=redis://127.0.0.1:6379`;',
  '  - point at an existing server: `export REDIS_URL=redis://host:6379` (or pass --redis-url).',
].join('\n');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hasRedisServer(): boolean {
  const r = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** True when a Redis answers PING on 127.0.0.1:`port`. */
export async function pingPort(port: number): Promise<boolean> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    connectTimeout: 2000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Wait until the redis-server `child` answers PING on 127.0.0.1:`port`; throws when it exits first or times out. */
export async function waitForRedis(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await pingPort(port)) return;
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`redis-server did not answer within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

/** A port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The paths of a data directory's embedded server. */
export function embeddedPaths(dataDir: string) {
  return {
    info: join(dataDir, 'redis.json'),
    /** withFileLock locks `<this>.lock`: redis.lock */
    lock: join(dataDir, 'redis'),
    log: join(dataDir, 'redis.log'),
    leases: join(dataDir, 'clients'),
  };
}

type Paths = ReturnType<typeof embeddedPaths>;

function readInfo(paths: Paths): ServerInfo | null {
  try {
    const info = JSON.parse(readFileSync(paths.info, 'utf8')) as ServerInfo;
    return Number.isInteger(info.pid) && Number.isInteger(info.port) ? info : null;
  } catch {
    return null;
  }
}

function writeInfo(paths: Paths, info: ServerInfo): void {
  const tmp = `${paths.info}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(info));
  renameSync(tmp, paths.info);
}

/** The server process recorded in `info` still runs (and is the same process, where the OS tells start times). */
function serverAlive(info: ServerInfo): boolean {
  if (!processAlive(info.pid)) return false;
  return !info.start || processStartTime(info.pid) === null || processStartTime(info.pid) === info.start;
}

/**
 * The recorded server, when one runs and answers. A live server that does not answer within `waitMs` (loading a
 * large AOF, stopped with SIGSTOP) is an error: a second server over the same files would corrupt them.
 */
async function runningServer(paths: Paths, waitMs = 10_000): Promise<ServerInfo | null> {
  const info = readInfo(paths);
  if (!info || !serverAlive(info)) return null;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await pingPort(info.port)) return info;
    if (!serverAlive(info)) return null;
    if (Date.now() > deadline) {
      throw new RedisUnavailableError(
        `the embedded redis-server (pid ${info.pid}, port ${info.port}) runs but does not answer; see ${paths.log}, or stop that process`,
      );
    }
    await sleep(100);
  }
}

async function startServer(dataDir: string, paths: Paths, port: number): Promise<ServerInfo> {
  if (!hasRedisServer()) throw new RedisUnavailableError(NO_REDIS_HELP);
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--protected-mode',
      'yes',
      '--dir',
      dataDir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
      '--logfile',
      paths.log,
    ],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  const info: ServerInfo = { pid: child.pid ?? 0, port, start: child.pid ? processStartTime(child.pid) : null };
  // why before it answers: a process killed while waiting leaves a server that the next one must find, not a
  // second server appending to the same AOF
  writeInfo(paths, info);
  try {
    await waitForRedis(port, child);
    return info;
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(paths.info, { force: true });
    throw new RedisUnavailableError(`redis-server did not start over ${dataDir} on port ${port} (${(err as Error).message}); see ${paths.log}`, err);
  }
}

/** SHUTDOWN (AOF is fsynced), then wait for the process to go; SIGTERM, then SIGKILL, if it lingers. */
async function stopServer(info: ServerInfo, paths: Paths): Promise<void> {
  const client = new Redis({ host: '127.0.0.1', port: info.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.shutdown();
  } catch {
    // the connection closes when the server goes away: expected
  } finally {
    client.disconnect();
  }
  for (const [signal, waitMs] of [
    [null, 5000],
    ['SIGTERM', 3000],
    ['SIGKILL', 1000],
  ] as const) {
    if (signal && serverAlive(info)) process.kill(info.pid, signal);
    const deadline = Date.now() + waitMs;
    while (serverAlive(info) && Date.now() < deadline) await sleep(25);
    if (!serverAlive(info)) break;
  }
  rmSync(paths.info, { force: true });
}

interface Lease {
  pid: number;
  start: string | null;
}

function takeLease(paths: Paths): string {
  mkdirSync(paths.leases, { recursive: true });
  const file = join(paths.leases, `${process.pid}-${randomBytes(4).toString('hex')}.json`);
  const lease: Lease = { pid: process.pid, start: processStartTime(process.pid) };
  writeFileSync(file, JSON.stringify(lease));
  return file;
}

/** Leases whose process still runs; the others are removed. */
export function liveLeases(dataDir: string): string[] {
  const dir = embeddedPaths(resolve(dataDir)).leases;
  if (!existsSync(dir)) return [];
  const live: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    let lease: Lease | null = null;
    try {
      lease = JSON.parse(readFileSync(file, 'utf8')) as Lease;
    } catch {
      // unreadable: a holder died while writing it
    }
    const alive =
      lease !== null && processAlive(lease.pid) && (!lease.start || processStartTime(lease.pid) === null || processStartTime(lease.pid) === lease.start);
    if (alive) live.push(file);
    else rmSync(file, { force: true });
  }
  return live;
}

/**
 * Use the private redis-server over `dir`, starting it when none runs, and hold a lease on it until `release()`.
 * `port` asks for a start on that port (a worker reviving the server its connections point at).
 * Throws ConfigError for an unusable data directory, RedisUnavailableError with instructions otherwise.
 */
export async function ensureEmbeddedRedis(dir: string, opts: { port?: number } = {}): Promise<EmbeddedRedis> {
  const dataDir = resolve(dir); // why: redis-server chdirs into --dir, so relative paths would point elsewhere
  checkDataDir(dataDir);
  const paths = embeddedPaths(dataDir);
  const purpose = 'a process starting or stopping the embedded redis-server';
  return withFileLock(
    paths.lock,
    async () => {
      let info = await runningServer(paths);
      const started = info === null;
      if (!info) info = await startServer(dataDir, paths, opts.port ?? (await freePort()));
      const lease = takeLease(paths);
      const port = info.port;
      let released = false;
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        started,
        release: async () => {
          if (released) return;
          released = true;
          await withFileLock(
            paths.lock,
            async () => {
              rmSync(lease, { force: true });
              if (liveLeases(dataDir).length > 0) return;
              // with no live lease left nobody uses the data dir's server, whichever port it runs on now
              const current = readInfo(paths);
              if (current && serverAlive(current)) await stopServer(current, paths);
              else rmSync(paths.info, { force: true });
            },
            { purpose },
          );
        },
      };
    },
    { purpose },
  );
}

/**
 * For a process whose server went away: the port of the data directory's server, starting it on `port` when none
 * runs (its clients reconnect to that port by themselves). A different port means another process started a new
 * server meanwhile; the caller cannot move its connections there and should exit.
 */
export async function reviveEmbeddedRedis(dir: string, port: number): Promise<{ port: number; started: boolean }> {
  const dataDir = resolve(dir);
  const paths = embeddedPaths(dataDir);
  return withFileLock(
    paths.lock,
    async () => {
      const running = await runningServer(paths);
      if (running) return { port: running.port, started: false };
      return { port: (await startServer(dataDir, paths, port)).port, started: true };
    },
    { purpose: 'a process restarting the embedded redis-server' },
  );
}

/** The port of the data directory's running server (null when none runs). */
export async function embeddedServerPort(dir: string): Promise<number | null> {
  const info = readInfo(embeddedPaths(resolve(dir)));
  return info && serverAlive(info) && (await pingPort(info.port)) ? info.port : null;
}
