/**
 * The file lock of feeds-file edits and of the embedded redis-server: one holder at a
 * time, a live holder makes a waiter give up with a message naming the lock file and what it guards, a dead or old
 * holder's lock is broken, a lock that cannot be created fails at once. The 8-process cases are in
 * test/faults/feeds-lock.faults.ts and shared-redis.faults.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/domain/errors.js';
import { withFileLock } from '../src/file-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'newsflow-lock-'));
const lockOf = (pid: number, at: number) => JSON.stringify({ pid, host: hostname(), at, token: 'other' });

describe('withFileLock', () => {
  it('runs one holder at a time and removes its lock', async () => {
    const file = join(dir, 'a.yaml');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        withFileLock(file, async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 10));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('gives up on a live holder with a message naming the lock', async () => {
    const file = join(dir, 'b.yaml');
    writeFileSync(`${file}.lock`, lockOf(process.pid, Date.now()));
    const err = await withFileLock(file, async () => 1, { waitMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      `${file} is locked by another edit (process ${process.pid}): try again, or remove ${file}.lock if no newsflow command is running`,
    );
    expect(existsSync(`${file}.lock`)).toBe(true);
  });

  it('breaks the lock of a dead process, and one older than staleMs', async () => {
    const dead = join(dir, 'c.yaml');
    writeFileSync(`${dead}.lock`, lockOf(spawnSync(process.execPath, ['-e', '']).pid, Date.now()));
    expect(await withFileLock(dead, async () => 'ran', { waitMs: 2000 })).toBe('ran');
    const old = join(dir, 'd.yaml');
    writeFileSync(`${old}.lock`, lockOf(process.pid, Date.now() - 60_000));
    expect(await withFileLock(old, async () => 'ran', { waitMs: 2000, staleMs: 30_000 })).toBe('ran');
    expect(existsSync(`${old}.lock`) || existsSync(`${old}.lock.break`)).toBe(false);
  });

  it('names what the lock guards', async () => {
    const file = join(dir, 'redis');
    writeFileSync(`${file}.lock`, lockOf(process.pid, Date.now()));
    const err = await withFileLock(file, async () => 1, { waitMs: 200, purpose: 'a process starting the server' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^\S+\/redis is locked by a process starting the server \(process \d+\)/u);
  });

  it('fails at once, without waiting, when the lock file cannot be created', async () => {
    const t = Date.now();
    const err = await withFileLock('/proc/newsflow', async () => 'never').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^cannot create lock file \/proc\/newsflow\.lock \(/u);
    expect(Date.now() - t).toBeLessThan(1000);
  });
});
