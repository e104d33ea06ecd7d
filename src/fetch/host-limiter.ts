/**
 * Per-host politeness shared by every worker process through Redis: at most `maxConcurrent` requests in flight
 * per host, and request starts at least `intervalMs` apart. Time comes from the Redis server's clock, so
 * workers on machines with skewed clocks still agree. Keys `<p>host:<host>:leases|next`: docs/redis-keys.md.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript } from '../store/lua-script.js';

export interface HostLimits {
  maxConcurrent: number;
  intervalMs: number;
  /** How long a lease lives without release (a crashed worker's slot comes back after this). */
  leaseMs: number;
}

// Returns {0, waitMs} when a slot is reserved (start after waitMs), {1, retryMs} when the host is at capacity.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local max, interval, lease = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= max then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {1, math.max(1, tonumber(first[2]) - now)}
end
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
local slot = math.max(now, nextAt)
redis.call('SET', KEYS[2], slot + interval, 'PX', (slot - now) + interval + 1000)
redis.call('ZADD', KEYS[1], slot + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], (slot - now) + lease + 1000)
return {0, slot - now}
`;

export interface HostSlot {
  /** Milliseconds this request waited for its turn. */
  waitedMs: number;
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// why by hash: the script's text is not sent with every page fetched
const acquireScript = luaScript<[number, number]>('nfAcquireHost', ACQUIRE, 2);

/** Shared per-host limiter. One instance per process is enough; it holds no state of its own. */
export class HostLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private keys(host: string): [string, string] {
    return [`${this.prefix}host:${host}:leases`, `${this.prefix}host:${host}:next`];
  }

  /** Wait for a turn to request `host` (polling while the host is at capacity); release the slot when done. */
  async acquire(host: string, limits: HostLimits): Promise<HostSlot> {
    const token = randomBytes(8).toString('hex');
    const [leases, next] = this.keys(host);
    const started = Date.now();
    for (;;) {
      const [full, ms] = await acquireScript(this.redis, leases, next, token, limits.maxConcurrent, Math.max(0, Math.round(limits.intervalMs)), limits.leaseMs);
      if (full === 1) {
        // why capped: a slot usually frees long before the oldest lease expires
        await sleep(Math.min(ms, 200));
        continue;
      }
      if (ms > 0) await sleep(ms);
      return {
        waitedMs: Date.now() - started,
        release: async () => {
          await this.redis.zrem(leases, token);
        },
      };
    }
  }
}
