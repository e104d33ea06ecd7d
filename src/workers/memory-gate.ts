/**
 * Back-pressure before out-of-memory. Every few seconds the process reads Redis memory; above the high-water mark
 * (90% of maxmemory, or of NEWSFLOW_REDIS_MAX_MB when the server sets none) its article workers stop taking jobs,
 * which wait in the queue instead of failing with OOM, and below the low-water mark (80%) they take them again.
 * While it holds back it logs one warning a minute and publishes the state for `newsflow queues`.
 */
import { hostname } from 'node:os';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { mib, publishHolding, readRedisMemory, type RedisMemory } from '../store/redis-memory.js';
import type { Intake } from './intake.js';

export const HIGH_WATER = 0.9;
export const LOW_WATER = 0.8;

export interface MemoryGateOptions {
  redis: Redis;
  prefix: string;
  budgetMb: number | null;
  /** The workers to hold back (the article workers). */
  workers: Worker[];
  intake: Intake;
  log: Logger;
  checkEveryMs?: number;
  logEveryMs?: number;
}

export interface MemoryGate {
  /** True while the workers are held back. */
  readonly holding: boolean;
  /** Read memory now and act on it (the timer calls this; tests may too). */
  check(): Promise<RedisMemory | null>;
  stop(): Promise<void>;
}

export function startMemoryGate(opts: MemoryGateOptions): MemoryGate {
  const every = opts.checkEveryMs ?? 1000;
  const logEvery = opts.logEveryMs ?? 60_000;
  const by = `${hostname()}:${process.pid}`;
  let since: string | null = null;
  let lastLogAt = Number.NEGATIVE_INFINITY;
  let busy = false;

  const check = async (): Promise<RedisMemory | null> => {
    const mem = await readRedisMemory(opts.redis, opts.budgetMb);
    // why a limit lifted counts as below: an operator who answers the warning with `CONFIG SET maxmemory 0`
    const ratio = mem.limitBytes === null ? 0 : mem.usedBytes / mem.limitBytes;
    if (since === null && ratio >= HIGH_WATER) {
      since = new Date().toISOString();
      opts.intake.hold(opts.workers, 'memory');
    } else if (since !== null && ratio < LOW_WATER) {
      const of = mem.limitBytes === null ? ' (no limit now)' : ` of ${mib(mem.limitBytes)}`;
      opts.log.info({ usedBytes: mem.usedBytes, limitBytes: mem.limitBytes }, `Redis memory down to ${mib(mem.usedBytes)}${of}: taking article jobs again`);
      since = null;
      opts.intake.release(opts.workers, 'memory');
      await publishHolding(opts.redis, opts.prefix, null, 0);
    }
    if (since !== null && mem.limitBytes !== null) {
      // why the TTL: a worker that dies while holding back must not leave `queues` saying so forever
      await publishHolding(opts.redis, opts.prefix, { since, usedBytes: mem.usedBytes, limitBytes: mem.limitBytes, by }, Math.ceil((every * 5) / 1000));
      const now = Date.now();
      if (now - lastLogAt >= logEvery) {
        lastLogAt = now;
        opts.log.warn(
          { usedBytes: mem.usedBytes, limitBytes: mem.limitBytes, limitSource: mem.limitSource, since },
          `Redis memory ${mib(mem.usedBytes)} of ${mib(mem.limitBytes)} (${mem.limitSource}) is above ${HIGH_WATER * 100}%: ` +
            `article jobs wait until it is below ${LOW_WATER * 100}%. Remedy: archive old records (newsflow archive), ` +
            'raise maxmemory (or NEWSFLOW_REDIS_MAX_MB), or lower NEWSFLOW_RETAIN_DAYS',
        );
      }
    }
    return mem;
  };

  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    check()
      .catch(() => null) // Redis unreachable: the connection watch reports it
      .finally(() => {
        busy = false;
      });
  }, every);
  timer.unref();
  void check().catch(() => null);

  return {
    get holding() {
      return since !== null;
    },
    check,
    async stop() {
      clearInterval(timer);
      if (since !== null) await publishHolding(opts.redis, opts.prefix, null, 0).catch(() => {});
    },
  };
}
