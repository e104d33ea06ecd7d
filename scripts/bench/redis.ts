/**
 * Redis for the benchmark: REDIS_URL when set (keys go under a scratch prefix and are removed), else a private
 * redis-server on a free loopback port in a temp dir. Plus the INFO figures the report needs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { freePort, waitForRedis } from '../../src/store/embedded-redis.js';

export interface BenchRedis {
  url: string;
  /** True when this run started the server (figures then include nothing but this run). */
  private: boolean;
  stop(): Promise<void>;
}

/** Start (or reuse, with REDIS_URL) the Redis the benchmark runs on. */
export async function benchRedis(): Promise<BenchRedis> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, private: false, stop: async () => {} };
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'newsflow-bench-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitForRedis(port, child);
  } catch (err) {
    throw new Error(`cannot start redis-server (${(err as Error).message}): is it on PATH? or set REDIS_URL`);
  }
  return {
    url,
    private: true,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function field(info: string, name: string): number {
  return Number(new RegExp(`^${name}:([\\d.]+)`, 'mu').exec(info)?.[1] ?? NaN);
}

/** Server CPU (user + system) in ms: the server's whole process, as INFO cpu reports it. */
export async function redisCpuMs(r: Redis): Promise<number> {
  const info = await r.info('cpu');
  return (field(info, 'used_cpu_user') + field(info, 'used_cpu_sys')) * 1000;
}

export async function usedMemory(r: Redis): Promise<number> {
  return field(await r.info('memory'), 'used_memory');
}

export async function redisVersion(r: Redis): Promise<string> {
  return /redis_version:(\S+)/u.exec(await r.info('server'))?.[1] ?? '?';
}

/** Bytes held by keys under `prefix`, grouped by `family(key)` (MEMORY USAGE, exact for aggregates). */
export async function familyMemory(r: Redis, prefix: string, family: (key: string) => string): Promise<Map<string, { keys: number; bytes: number }>> {
  const out = new Map<string, { keys: number; bytes: number }>();
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
    cursor = next;
    const pipe = r.pipeline();
    for (const k of keys) pipe.memory('USAGE', k, 'SAMPLES', 0);
    const res = (await pipe.exec()) ?? [];
    keys.forEach((k, i) => {
      const f = family(k);
      const e = out.get(f) ?? { keys: 0, bytes: 0 };
      e.keys++;
      e.bytes += Number(res[i]?.[1] ?? 0);
      out.set(f, e);
    });
  } while (cursor !== '0');
  return out;
}

/** Delete every key under `prefix`. */
export { deletePrefix as dropPrefix } from '../../src/store/delete-prefix.js';
