/**
 * One archive run at a time per prefix: two runs appending the same records to the same day file would archive
 * them twice.
 *
 *   <p>lock:archive   STRING  "<host> <pid> <token>" of the run holding it (expires unless renewed every batch)
 *
 * A run killed with SIGKILL leaves the lock until it expires; a new run on the same host takes it over at once
 * when the holder's pid is no longer alive.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { NewsflowError } from '../domain/errors.js';
import { processAlive } from '../store/process-alive.js';

export const ARCHIVE_LOCK_TTL_MS = 60_000;

const CAS = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface ArchiveLock {
  /** Extend the lock; throws when another run took it (this run must stop before deleting anything more). */
  renew(): Promise<void>;
  release(): Promise<void>;
}

/** Take the archive lock or throw ARCHIVE_BUSY naming the holder. */
export async function takeArchiveLock(redis: Redis, prefix: string, ttlMs = ARCHIVE_LOCK_TTL_MS): Promise<ArchiveLock> {
  const key = `${prefix}lock:archive`;
  const host = hostname();
  const value = `${host} ${process.pid} ${randomBytes(6).toString('hex')}`;
  if ((await redis.set(key, value, 'PX', ttlMs, 'NX')) !== 'OK') {
    const holder = await redis.get(key);
    const [hHost, hPid] = (holder ?? '').split(' ');
    const dead = holder !== null && hHost === host && !processAlive(Number(hPid));
    const taken = dead
      ? (await redis.eval(CAS, 1, key, holder, value, ttlMs)) === 1
      : holder === null && (await redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
    if (!taken) {
      throw new NewsflowError(
        'ARCHIVE_BUSY',
        `another archive run holds ${key} (${holder ?? '?'}): wait for it (a run that died frees it within ${Math.ceil(ttlMs / 1000)} s)`,
        { retryable: true },
      );
    }
  }
  return {
    async renew() {
      if ((await redis.eval(RENEW, 1, key, value, ttlMs)) !== 1)
        throw new NewsflowError('ARCHIVE_BUSY', `the archive lock ${key} expired and another run took it: stopping`, { retryable: true });
    },
    async release() {
      await redis.eval(RELEASE, 1, key, value);
    },
  };
}
