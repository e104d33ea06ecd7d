/**
 * Keep BullMQ job schedulers in step with the feeds config: one scheduler per feed with a deterministic id
 * (`feed:<feedId>`), changed ones updated, unchanged ones left alone (their next run is kept), stale ones
 * removed. Several processes may sync at once: a Redis lock makes them take turns, and the deterministic ids
 * make a repeated sync a no-op.
 *
 *   <p>lock:schedule-sync   STRING  token of the process syncing (expires, so a crashed holder frees it)
 */
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { NewsflowError } from '../domain/errors.js';
import { JOB_DEFAULTS } from '../queues/queues.js';
import type { FeedSpec } from './feeds-config.js';

/** Scheduler ids of feeds start with this; schedulers with other ids are not ours and are never removed. */
export const FEED_SCHEDULER_PREFIX = 'feed:';

export const schedulerIdOf = (feedId: string) => `${FEED_SCHEDULER_PREFIX}${feedId}`;

export interface SyncReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
  /** Feeds BullMQ refused (e.g. a cron pattern its parser rejects); the others are synced anyway. */
  failed: Array<{ id: string; error: string }>;
}

export interface SyncOptions {
  /** How long the lock lives without release. */
  lockTtlMs?: number;
  /** How long to wait for another process's sync to finish. */
  waitMs?: number;
}

const { backoff, removeOnComplete, removeOnFail } = JOB_DEFAULTS.feeds;
/** Job options of scheduled polls. */
export const SCHEDULED_POLL_OPTS = {
  // why 2: the schedule itself is the long-term retry (with the failing-feed backoff); more attempts per tick
  // would multiply requests to a host that is already struggling (each attempt already retries in-process)
  attempts: 2,
  backoff,
  removeOnComplete,
  removeOnFail,
};

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Run `fn` holding the sync lock; waits (polling) while another process holds it. */
export async function withSyncLock<T>(redis: Redis, prefix: string, fn: () => Promise<T>, opts: SyncOptions = {}): Promise<T> {
  const key = `${prefix}lock:schedule-sync`;
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + (opts.waitMs ?? 30_000);
  while ((await redis.set(key, token, 'PX', opts.lockTtlMs ?? 30_000, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new NewsflowError('CONFIG', 'another process has been syncing schedules for too long: try again', { retryable: true });
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 50));
  }
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}

interface Existing {
  key: string;
  id?: string | null;
  every?: number;
  pattern?: string;
  tz?: string;
  template?: { data?: { url?: unknown; feedId?: unknown; type?: unknown } };
}

function sameSchedule(e: Existing, f: FeedSpec): boolean {
  return (
    (e.every ?? null) === f.everyMs &&
    (e.pattern ?? null) === f.cron &&
    (e.tz ?? null) === (f.cron ? f.tz : null) &&
    e.template?.data?.url === f.url &&
    e.template?.data?.feedId === f.id &&
    (e.template?.data?.type ?? null) === f.type
  );
}

/**
 * Make the queue's feed schedulers match `feeds` exactly. Give a loader rather than a list when the feeds come from
 * a file other processes edit: it runs under the sync lock, so a sync never works from a copy read before another
 * process's edit and synced after it (which would remove the feed that process just added).
 */
export async function syncSchedulers(
  queue: Queue,
  redis: Redis,
  prefix: string,
  wantedFeeds: FeedSpec[] | (() => Promise<FeedSpec[]>),
  opts: SyncOptions = {},
): Promise<SyncReport> {
  return withSyncLock(
    redis,
    prefix,
    async () => {
      const feeds = typeof wantedFeeds === 'function' ? await wantedFeeds() : wantedFeeds;
      const report: SyncReport = { added: [], updated: [], unchanged: [], removed: [], failed: [] };
      const existing = new Map<string, Existing>();
      for (const s of (await queue.getJobSchedulers(0, -1)) as Existing[]) {
        const id = s.id ?? s.key;
        if (id.startsWith(FEED_SCHEDULER_PREFIX)) existing.set(id, s);
      }
      const wanted = new Set<string>();
      for (const f of feeds) {
        const id = schedulerIdOf(f.id);
        wanted.add(id);
        const before = existing.get(id);
        if (before && sameSchedule(before, f)) {
          report.unchanged.push(f.id);
          continue;
        }
        try {
          await queue.upsertJobScheduler(id, f.cron ? { pattern: f.cron, ...(f.tz ? { tz: f.tz } : {}) } : { every: f.everyMs! }, {
            name: 'poll',
            data: { feedId: f.id, url: f.url, trigger: 'schedule', ...(f.type ? { type: f.type } : {}) },
            opts: SCHEDULED_POLL_OPTS,
          });
          (before ? report.updated : report.added).push(f.id);
        } catch (err) {
          report.failed.push({ id: f.id, error: (err as Error).message });
        }
      }
      for (const id of existing.keys()) {
        if (wanted.has(id)) continue;
        await queue.removeJobScheduler(id);
        report.removed.push(id.slice(FEED_SCHEDULER_PREFIX.length));
      }
      report.removed.sort();
      return report;
    },
    opts,
  );
}

/** Next run (ms since epoch) of each feed's scheduler, by feed id. */
export async function nextRuns(queue: Queue): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  for (const s of (await queue.getJobSchedulers(0, -1)) as Array<Existing & { next?: number }>) {
    const id = s.id ?? s.key;
    if (id.startsWith(FEED_SCHEDULER_PREFIX)) out.set(id.slice(FEED_SCHEDULER_PREFIX.length), s.next ?? null);
  }
  return out;
}
