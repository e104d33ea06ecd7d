/**
 * Per-feed state kept in Redis: what the last poll did, the validators for the next conditional GET, and the
 * feed's health (failures in a row, backoff, freshness), so `newsflow feeds list` can show it. Key
 * `<p>feed:<feedId>`, a hash of these fields: docs/redis-keys.md.
 */
import type { Redis } from 'ioredis';

export interface FeedState {
  feedId: string;
  url: string | null;
  lastPollAt: string | null;
  lastStatus: 'ok' | 'error' | null;
  lastError: string | null;
  itemsSeen: number;
  lastNewItems: number;
  polls: number;
  /** Last successful poll (a 304 counts). */
  lastOkAt: string | null;
  /** HTTP status of the last poll (304 when not modified), null when it never got an answer. */
  httpStatus: number | null;
  /** Validators for the next conditional GET. */
  etag: string | null;
  lastModified: string | null;
  /** The feed said (RSS ttl, Cache-Control) it will not change before this time. */
  freshUntil: string | null;
  consecutiveFailures: number;
  /** Scheduled polls are skipped until this time after failures (the feed is never dropped). */
  backoffUntil: string | null;
  /** Where the feed permanently redirected (301/308) on its last successful poll: update the config to it. */
  movedTo: string | null;
  /** What the last full answer was (rss-2.0, atom, json-feed, sitemap-index, urlset, news-sitemap…), null before one. */
  format: string | null;
  /** What the last successful poll left out (a child sitemap that failed, a limit that cut entries), null when nothing. */
  lastWarning: string | null;
}

export interface PollOutcome {
  url: string;
  at: string;
  ok: boolean;
  error?: string;
  items?: number;
  newItems?: number;
  httpStatus?: number | null;
  etag?: string | null;
  lastModified?: string | null;
  freshUntil?: string | null;
  /** On failure: failures in a row including this one (default: one more than stored). */
  consecutiveFailures?: number;
  backoffUntil?: string | null;
  movedTo?: string | null;
  /** The document's format, on a full answer. */
  format?: string | null;
  /** On success: what the poll left out, shown by `feeds list` until a poll leaves nothing out. */
  warning?: string | null;
}

export const feedStateKey = (prefix: string, feedId: string) => `${prefix}feed:${feedId}`;

/** Record the outcome of one poll. */
export async function recordPoll(redis: Redis, prefix: string, feedId: string, outcome: PollOutcome): Promise<void> {
  const key = feedStateKey(prefix, feedId);
  const m = redis.multi().hset(key, {
    url: outcome.url,
    lastPollAt: outcome.at,
    lastStatus: outcome.ok ? 'ok' : 'error',
    lastError: outcome.error ?? '',
    httpStatus: outcome.httpStatus == null ? '' : String(outcome.httpStatus),
  });
  m.hincrby(key, 'polls', 1);
  if (outcome.ok) {
    m.hset(key, {
      lastNewItems: String(outcome.newItems ?? 0),
      lastOkAt: outcome.at,
      consecutiveFailures: '0',
      backoffUntil: '',
      freshUntil: outcome.freshUntil ?? '',
      movedTo: outcome.movedTo ?? '',
      lastWarning: outcome.warning ?? '',
    });
    m.hincrby(key, 'itemsSeen', outcome.newItems ?? 0);
    if (outcome.format) m.hset(key, 'format', outcome.format);
    if (outcome.httpStatus === 304) {
      // why only when sent: a 304 may omit validators, and the old ones stay valid
      if (outcome.etag) m.hset(key, 'etag', outcome.etag);
      if (outcome.lastModified) m.hset(key, 'lastModified', outcome.lastModified);
    } else {
      // why cleared when absent: a full answer without validators makes the stored ones meaningless
      m.hset(key, { etag: outcome.etag ?? '', lastModified: outcome.lastModified ?? '' });
    }
  } else {
    if (outcome.consecutiveFailures === undefined) m.hincrby(key, 'consecutiveFailures', 1);
    else m.hset(key, 'consecutiveFailures', String(outcome.consecutiveFailures));
    m.hset(key, 'backoffUntil', outcome.backoffUntil ?? '');
  }
  await m.exec();
}

export async function readFeedState(redis: Redis, prefix: string, feedId: string): Promise<FeedState> {
  const h = await redis.hgetall(feedStateKey(prefix, feedId));
  return {
    feedId,
    url: h.url ?? null,
    lastPollAt: h.lastPollAt || null,
    lastStatus: h.lastStatus === 'ok' || h.lastStatus === 'error' ? h.lastStatus : null,
    lastError: h.lastError || null,
    itemsSeen: Number(h.itemsSeen ?? 0),
    lastNewItems: Number(h.lastNewItems ?? 0),
    polls: Number(h.polls ?? 0),
    lastOkAt: h.lastOkAt || null,
    httpStatus: h.httpStatus ? Number(h.httpStatus) : null,
    etag: h.etag || null,
    lastModified: h.lastModified || null,
    freshUntil: h.freshUntil || null,
    consecutiveFailures: Number(h.consecutiveFailures ?? 0),
    backoffUntil: h.backoffUntil || null,
    movedTo: h.movedTo || null,
    format: h.format || null,
    lastWarning: h.lastWarning || null,
  };
}

/** Forget a feed's state (after `newsflow feeds remove`). */
export async function dropFeedState(redis: Redis, prefix: string, feedId: string): Promise<void> {
  await redis.del(feedStateKey(prefix, feedId));
}
