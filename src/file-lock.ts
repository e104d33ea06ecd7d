/**
 * A lock on a file for work several processes must not do at once (`feeds add|remove` on the feeds config,
 * starting and stopping the embedded redis-server over NEWSFLOW_HOME):
 * `<file>.lock`, created exclusively, holding the owner's pid and start time. A lock whose owner died is broken
 * (its pid no longer runs, or it is older than `staleMs`); breaking happens under a second, short-lived lock
 * (`<file>.lock.break`) so two waiters never both break it and then delete each other's fresh lock.
 */
import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError } from './domain/errors.js';
import { processAlive } from './store/process-alive.js';

export interface FileLockOptions {
  /** Give up after waiting this long for another process (an error names the lock file). */
  waitMs?: number;
  /** A lock older than this is stale even if its pid runs (pids are reused; an edit takes milliseconds). */
  staleMs?: number;
  /** What the lock guards, for the error when it is held too long (default "another edit"). */
  purpose?: string;
}

interface Owner {
  pid: number;
  host: string;
  at: number;
  token: string;
}

function readOwner(path: string): Owner | null {
  try {
    const o = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.at === 'number' ? { pid: o.pid, host: String(o.host ?? ''), at: o.at, token: String(o.token ?? '') } : null;
  } catch {
    return null;
  }
}

/** Create `path` exclusively with our owner record; false when it exists. Other errors (EACCES, ENOENT dir) throw. */
function tryCreate(path: string, token: string): boolean {
  try {
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname(), at: Date.now(), token } satisfies Owner), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new ConfigError(`cannot create lock file ${path} (${(err as Error).message}); check that its directory exists and is writable`);
  }
}

function mtimeMs(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function isStale(path: string, staleMs: number): boolean {
  const owner = readOwner(path);
  const age = Date.now() - (owner?.at ?? mtimeMs(path) ?? Date.now());
  if (age > staleMs) return true;
  // why only on this host: a pid means nothing on another machine sharing the file (an NFS mount)
  return owner !== null && owner.host === hostname() && !processAlive(owner.pid);
}

/** Break a stale lock at `path`, if it still is stale once we hold the break lock. */
function breakIfStale(path: string, staleMs: number): void {
  const breaker = `${path}.break`;
  if (!tryCreate(breaker, randomBytes(8).toString('hex'))) {
    // why: a breaker that died between its create and its unlink must not block everyone forever
    const t = mtimeMs(breaker);
    if (t !== null && Date.now() - t > 5000) {
      try {
        unlinkSync(breaker);
      } catch {
        // another waiter removed it
      }
    }
    return;
  }
  try {
    if (isStale(path, staleMs)) unlinkSync(path);
  } catch {
    // gone already
  } finally {
    try {
      unlinkSync(breaker);
    } catch {
      // why ignore: a waiter took ours for a dead breaker's (over 5 s old) and removed it
    }
  }
}

/** Run `fn` holding the lock on `file`. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, opts: FileLockOptions = {}): Promise<T> {
  const path = `${file}.lock`;
  const staleMs = opts.staleMs ?? 30_000;
  const deadline = Date.now() + (opts.waitMs ?? 15_000);
  const token = randomBytes(8).toString('hex');
  for (let attempt = 0; !tryCreate(path, token); attempt++) {
    if (isStale(path, staleMs)) {
      breakIfStale(path, staleMs);
      continue;
    }
    if (Date.now() > deadline) {
      const owner = readOwner(path);
      const by = owner ? ` (process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''})` : '';
      throw new ConfigError(`${file} is locked by ${opts.purpose ?? 'another edit'}${by}: try again, or remove ${path} if no newsflow command is running`);
    }
    await new Promise((r) => setTimeout(r, Math.min(200, 10 + attempt * 5) * (0.5 + Math.random())));
  }
  try {
    return await fn();
  } finally {
    // why check the token: a holder slower than staleMs may have been broken, and the lock is someone else's now
    if (readOwner(path)?.token === token) {
      try {
        unlinkSync(path);
      } catch {
        // gone already
      }
    }
  }
}
