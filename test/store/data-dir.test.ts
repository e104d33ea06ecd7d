/**
 * The data directory's lock file: taken over from a holder that died, an error (not an endless wait) when a live
 * holder keeps it, and a clear error when it cannot be created at all.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/domain/errors.js';
import { withFileLock } from '../../src/store/data-dir.js';

const dir = mkdtempSync(join(tmpdir(), 'newsflow-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('withFileLock', () => {
  it('serializes holders in one process', async () => {
    const lock = join(dir, 'a.lock');
    const order: string[] = [];
    await Promise.all(
      ['x', 'y', 'z'].map((n) =>
        withFileLock(lock, async () => {
          order.push(`${n}+`);
          await new Promise((r) => setTimeout(r, 20));
          order.push(`${n}-`);
        }),
      ),
    );
    for (let i = 0; i < order.length; i += 2) expect(order[i]!.slice(0, 1)).toBe(order[i + 1]!.slice(0, 1));
  });

  it('takes over a lock whose holder died', async () => {
    const lock = join(dir, 'dead.lock');
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
    writeFileSync(lock, String(dead));
    const t = Date.now();
    expect(await withFileLock(lock, async () => 'mine', { timeoutMs: 5000 })).toBe('mine');
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it('gives up with a message naming the holder and the file when a live process keeps it', async () => {
    const lock = join(dir, 'held.lock');
    writeFileSync(lock, String(process.ppid)); // a live process that is not us
    const err = await withFileLock(lock, async () => 'never', { timeoutMs: 300, purpose: 'testing' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(`process ${process.ppid} has held ${lock} (testing) for over 0 s; if no newsflow command is running, delete that file`);
  });

  it('fails at once when the lock file cannot be created', async () => {
    const err = await withFileLock('/proc/newsflow.lock', async () => 'never').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^cannot create lock file \/proc\/newsflow\.lock \(E[A-Z]+: /u);
  });
});
