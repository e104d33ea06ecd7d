/**
 * What `queues` and `watch` show for each queue: job counts per state, paused or not, throughput (BullMQ
 * metrics when the workers collect them, else the finish times of the completed/failed jobs still kept),
 * and the workers connected right now.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES, type QueueName } from '../queues/names.js';
import type { Queues } from '../queues/queues.js';
import { DedupInbox } from '../store/dedup-inbox.js';
import { rate, shortDuration } from './format.js';
import { table } from './output.js';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;
export type CountedState = (typeof JOB_STATES)[number];

/** Jobs finished per window. The last minute always comes from finish times; `source` says where the hour comes from. */
export interface Throughput {
  /** "metrics": BullMQ per-minute metrics (workers started with `metrics`); "timestamps": finish times of kept jobs. */
  source: 'metrics' | 'timestamps';
  completedLastMinute: number;
  failedLastMinute: number;
  completedLastHour: number;
  failedLastHour: number;
}

export interface ConnectedWorker {
  /** Worker name when the worker set one, else "client <Redis client id>". */
  name: string;
  addr: string;
  ageSeconds: number;
  idleSeconds: number;
}

/** One queue in the stable `queues --json` shape (the six counts stay top-level for compatibility). */
export type QueueOverview = Record<CountedState, number> & {
  paused: boolean;
  throughput: Throughput;
  workers: ConnectedWorker[];
  /** dedup only: stored articles waiting in the dedup inbox for a batch job (src/store/dedup-inbox.ts). */
  inbox?: number;
};

export type Overview = Record<QueueName, QueueOverview>;

async function throughput(q: Queue, redis: Redis, now: number): Promise<Throughput> {
  // why finish times: BullMQ scores the completed and failed sets by finish time, so a ZCOUNT is the count per
  // window, exact for recent jobs (a lower bound for older ones once retention has removed some)
  const win = (key: string, ms: number) => redis.zcount(key, String(now - ms), '+inf');
  const [cm, fm, done, failed] = await Promise.all([
    win(q.keys.completed!, 60_000),
    win(q.keys.failed!, 60_000),
    q.getMetrics('completed', 0, 58),
    q.getMetrics('failed', 0, 58),
  ]);
  if (done.meta.prevTS > 0 || failed.meta.prevTS > 0) {
    // why count - prevCount: BullMQ pushes a per-minute point only when a job finishes in a later minute; the
    // jobs since the last point are the current, open minute
    const hour = (m: typeof done) => m.data.reduce((a, b) => a + b, 0) + Math.max(0, m.meta.count - m.meta.prevCount);
    return { source: 'metrics', completedLastMinute: cm, failedLastMinute: fm, completedLastHour: hour(done), failedLastHour: hour(failed) };
  }
  const [ch, fh] = await Promise.all([win(q.keys.completed!, 3_600_000), win(q.keys.failed!, 3_600_000)]);
  return { source: 'timestamps', completedLastMinute: cm, failedLastMinute: fm, completedLastHour: ch, failedLastHour: fh };
}

async function workers(q: Queue): Promise<ConnectedWorker[]> {
  const list = await q.getWorkers();
  return list.map((w) => {
    const raw = w.rawname ?? w.name ?? '';
    const named = raw.indexOf(':w:');
    return {
      name: named >= 0 ? raw.slice(named + 3) : `client ${w.id ?? '?'}`,
      addr: w.addr ?? '',
      ageSeconds: Number(w.age ?? 0),
      idleSeconds: Number(w.idle ?? 0),
    };
  });
}

/** One queue's counts, pause state, throughput and workers. */
export async function oneQueueOverview(q: Queue, redis: Redis, now = Date.now()): Promise<QueueOverview> {
  const [counts, paused, tp, ws] = await Promise.all([q.getJobCounts(...JOB_STATES), q.isPaused(), throughput(q, redis, now), workers(q)]);
  const c = Object.fromEntries(JOB_STATES.map((s) => [s, counts[s] ?? 0])) as Record<CountedState, number>;
  return { ...c, paused, throughput: tp, workers: ws };
}

/** Gather the overview of every pipeline queue (`prefix`: the newsflow key prefix, for the dedup inbox). */
export async function queueOverview(queues: Queues, redis: Redis, prefix: string, now = Date.now()): Promise<Overview> {
  const entries = await Promise.all(
    QUEUE_NAMES.map(async (name): Promise<[QueueName, QueueOverview]> => [name, await oneQueueOverview(queues[name], redis, now)]),
  );
  const o = Object.fromEntries(entries) as Overview;
  o.dedup.inbox = await new DedupInbox(redis, prefix).length();
  return o;
}

/**
 * The overview as an aligned table (the prioritized column only when a queue has such jobs: it is rarely used),
 * and the dedup inbox under it.
 */
export function overviewTable(o: Overview, extra: Record<string, QueueOverview> = {}): string {
  const states = JOB_STATES.filter(
    (s) => s !== 'prioritized' || QUEUE_NAMES.some((n) => o[n].prioritized > 0) || Object.values(extra).some((q) => q.prioritized > 0),
  );
  const inbox = o.dedup.inbox === undefined ? '' : `dedup inbox: ${o.dedup.inbox} stored article${o.dedup.inbox === 1 ? '' : 's'} waiting for a batch job\n`;
  return (
    table(
      ['queue', ...states, 'paused', 'done/min', 'done/h', 'failed/h', 'workers'],
      [...QUEUE_NAMES.map((name): [string, QueueOverview] => [name, o[name]]), ...Object.entries(extra)].map(([name, q]) => {
        return [
          name,
          ...states.map((s) => q[s]),
          q.paused ? 'PAUSED' : 'no',
          rate(q.throughput.completedLastMinute),
          q.throughput.completedLastHour,
          q.throughput.failedLastHour,
          q.workers.length,
        ];
      }),
    ) + inbox
  );
}

/** One line per connected worker, or a hint when there is none. */
export function workersText(o: Overview, extra: Record<string, QueueOverview> = {}): string {
  const all: Array<[string, QueueOverview]> = [...QUEUE_NAMES.map((name): [string, QueueOverview] => [name, o[name]]), ...Object.entries(extra)];
  const rows = all.flatMap(([name, q]) =>
    q.workers.map((w) => [name, w.name, w.addr, shortDuration(w.ageSeconds * 1000), shortDuration(w.idleSeconds * 1000)]),
  );
  if (!rows.length) return 'no workers connected (start them with: newsflow worker)\n';
  return table(['queue', 'worker', 'address', 'up', 'idle'], rows);
}

/** Jobs finished per second over the last `windowMs` (from finish times), per queue. */
export interface RecentRate {
  completedPerSecond: number;
  failedPerSecond: number;
  /** Jobs still to do: waiting, prioritized, delayed and active. */
  pending: number;
  /** Seconds until `pending` reaches zero at the completion rate; null when nothing completes. */
  etaSeconds: number | null;
}

export async function recentRates(queues: Queues, redis: Redis, o: Overview, windowMs = 10_000, now = Date.now()): Promise<Record<QueueName, RecentRate>> {
  const entries = await Promise.all(
    QUEUE_NAMES.map(async (name): Promise<[QueueName, RecentRate]> => {
      const q = queues[name];
      const [done, failed] = await Promise.all([
        redis.zcount(q.keys.completed!, String(now - windowMs), '+inf'),
        redis.zcount(q.keys.failed!, String(now - windowMs), '+inf'),
      ]);
      const c = o[name];
      const perSec = done / (windowMs / 1000);
      const pending = c.waiting + c.prioritized + c.delayed + c.active;
      return [
        name,
        { completedPerSecond: perSec, failedPerSecond: failed / (windowMs / 1000), pending, etaSeconds: perSec > 0 ? Math.ceil(pending / perSec) : null },
      ];
    }),
  );
  return Object.fromEntries(entries) as Record<QueueName, RecentRate>;
}

/** The rates as a table. */
export function ratesTable(r: Record<QueueName, RecentRate>, windowMs: number): string {
  const w = `${Math.round(windowMs / 1000)}s`;
  return table(
    ['queue', `done/s (${w})`, `failed/s (${w})`, 'pending', 'eta'],
    QUEUE_NAMES.map((n) => [
      n,
      rate(r[n].completedPerSecond),
      rate(r[n].failedPerSecond),
      r[n].pending,
      r[n].etaSeconds === null ? (r[n].pending ? '—' : 'idle') : shortDuration(r[n].etaSeconds * 1000),
    ]),
  );
}
