/**
 * The embedded default: a private redis-server from PATH over the data in `.newsflow/`, started on demand
 * (AOF on, noeviction, loopback only). A server another newsflow command started is reused, and only the
 * command that started a server stops it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { RedisUnavailableError } from '../domain/errors.js';

export interface EmbeddedRedis {
  url: string;
  /** True when this process started the server (and so should stop it). */
  owned: boolean;
  stop(): Promise<void>;
}

interface ServerInfo {
  pid: number;
  port: number;
}

export const NO_REDIS_HELP = [
  'newsflow needs Redis, and no redis-server was found on PATH. Any one of these works:',
  '  - install it: `sudo apt-get install redis-server` (Debian/Ubuntu) or `brew install redis` (macOS);',
  '  - start the bundled one: `docker compose up -d redis`, then `export REDIS_URL=redis://127.0.0.1:6379`;',
  '  - point at an existing server: `export REDIS_URL=redis://host:6379` (or pass --redis-url).',
].join('\n');

function hasRedisServer(): boolean {
  const r = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ping(port: number): Promise<boolean> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
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
    if (await ping(port)) return;
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

const sleep = (ms: number, keepAlive = true) =>
  new Promise((r) => {
    const t = setTimeout(r, ms);
    if (!keepAlive) t.unref();
  });

/** Hold an exclusive lock file while deciding whether to start a server (two commands at once start one). */
async function withLock<T>(lockFile: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 15_000;
  let fd: number | null = null;
  while (fd === null) {
    try {
      fd = openSync(lockFile, 'wx');
    } catch {
      if (Date.now() > deadline) rmSync(lockFile, { force: true }); // why: a crashed holder leaves a stale lock
      await sleep(50);
    }
  }
  try {
    return await fn();
  } finally {
    closeSync(fd);
    rmSync(lockFile, { force: true });
  }
}

async function stopServer(info: ServerInfo, infoFile: string, exited: Promise<void>): Promise<void> {
  const client = new Redis({ host: '127.0.0.1', port: info.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.shutdown(); // AOF is fsynced on SHUTDOWN
  } catch {
    // connection closes when the server goes away: expected
  } finally {
    client.disconnect();
  }
  // why not poll the pid: our own exited child stays a zombie (and "alive") until Node reaps it
  const gone = await Promise.race([exited.then(() => true), sleep(5000, false).then(() => false)]);
  if (!gone && alive(info.pid)) process.kill(info.pid, 'SIGTERM');
  rmSync(infoFile, { force: true });
}

/** Use (or start) the private redis-server over `dataDir`. Throws RedisUnavailableError with instructions. */
export async function ensureEmbeddedRedis(dir: string): Promise<EmbeddedRedis> {
  const dataDir = resolve(dir); // why: redis-server chdirs into --dir, so relative paths would point elsewhere
  mkdirSync(dataDir, { recursive: true });
  const infoFile = join(dataDir, 'redis.json');
  return withLock(join(dataDir, 'redis.lock'), async () => {
    if (existsSync(infoFile)) {
      try {
        const info = JSON.parse(readFileSync(infoFile, 'utf8')) as ServerInfo;
        if (alive(info.pid) && (await ping(info.port))) {
          return { url: `redis://127.0.0.1:${info.port}`, owned: false, stop: async () => {} };
        }
      } catch {
        // unreadable info file: start afresh
      }
      rmSync(infoFile, { force: true });
    }
    if (!hasRedisServer()) throw new RedisUnavailableError(NO_REDIS_HELP);
    const port = await freePort();
    const child = spawn(
      'redis-server',
      [
        '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes',
        '--dir', dataDir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '',
        '--maxmemory-policy', 'noeviction', '--logfile', join(dataDir, 'redis.log'),
      ],
      { detached: true, stdio: 'ignore' },
    );
    child.unref();
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const info: ServerInfo = { pid: child.pid ?? 0, port };
    try {
      await waitForRedis(port, child);
    } catch (err) {
      throw new RedisUnavailableError(`redis-server did not start over ${dataDir} (${(err as Error).message}); see ${join(dataDir, 'redis.log')}`, err);
    }
    writeFileSync(infoFile, JSON.stringify(info));
    return { url: `redis://127.0.0.1:${port}`, owned: true, stop: () => stopServer(info, infoFile, exited) };
  });
}
