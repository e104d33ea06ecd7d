/**
 * Per-feed health for `newsflow feeds list`: the config entry, its scheduler's next run, and the state the
 * feed worker recorded (last fetch, HTTP status, failures in a row, backoff, freshness, items seen).
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type SourceType, sourceTypeOfFormat } from '../feeds/source-type.js';
import { readFeedState } from '../store/feed-state.js';
import type { FeedSpec } from './feeds-config.js';
import { describeSchedule } from './feeds-file.js';
import { nextRuns } from './sync.js';

export type FeedStatus = 'ok' | 'not-modified' | 'error' | 'backing-off' | 'never-polled';

/** The stable `feeds list --json` shape of one feed. */
export interface FeedHealth {
  id: string;
  url: string | null;
  schedule: string | null;
  tags: string[];
  /** feed or sitemap: declared in the config, else what the last full answer was; null before one. */
  type: SourceType | null;
  /** The last full answer's format (rss-2.0, atom, json-feed, sitemap-index, urlset, news-sitemap), null before one. */
  format: string | null;
  status: FeedStatus;
  lastFetchAt: string | null;
  lastOkAt: string | null;
  httpStatus: number | null;
  lastError: string | null;
  /** What the last successful poll left out (a child sitemap that failed, a cut at a limit), null when nothing. */
  lastWarning: string | null;
  nextRunAt: string | null;
  backoffUntil: string | null;
  consecutiveFailures: number;
  freshUntil: string | null;
  itemsSeen: number;
  polls: number;
  /** The feed redirects permanently here: update its URL in the config. */
  movedTo: string | null;
  /** Listed in the config file / has a job scheduler (a mismatch means a sync is due). */
  inConfig: boolean;
  scheduled: boolean;
}

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);

/** Health of every feed in `feeds` plus any feed that has a scheduler but is not in the config. */
export async function feedHealth(redis: Redis, prefix: string, queue: Queue, feeds: FeedSpec[], now: Date = new Date()): Promise<FeedHealth[]> {
  const next = await nextRuns(queue);
  const ids = [...new Set([...feeds.map((f) => f.id), ...next.keys()])];
  const out: FeedHealth[] = [];
  for (const id of ids) {
    const spec = feeds.find((f) => f.id === id) ?? null;
    const s = await readFeedState(redis, prefix, id);
    const backingOff = s.backoffUntil !== null && Date.parse(s.backoffUntil) > now.getTime();
    const status: FeedStatus =
      s.lastStatus === null ? 'never-polled' : s.lastStatus === 'error' ? (backingOff ? 'backing-off' : 'error') : s.httpStatus === 304 ? 'not-modified' : 'ok';
    out.push({
      id,
      url: spec?.url ?? s.url,
      schedule: spec ? describeSchedule(spec) : null,
      tags: spec?.tags ?? [],
      type: spec?.type ?? sourceTypeOfFormat(s.format),
      format: s.format,
      status,
      lastFetchAt: s.lastPollAt,
      lastOkAt: s.lastOkAt,
      httpStatus: s.httpStatus,
      lastError: s.lastError,
      lastWarning: s.lastWarning,
      nextRunAt: iso(next.get(id)),
      backoffUntil: backingOff ? s.backoffUntil : null,
      consecutiveFailures: s.consecutiveFailures,
      freshUntil: s.freshUntil,
      itemsSeen: s.itemsSeen,
      polls: s.polls,
      movedTo: s.movedTo,
      inConfig: spec !== null,
      scheduled: next.has(id),
    });
  }
  return out;
}
