/**
 * Per-feed state kept in Redis: what the last poll did, so `newsflow feeds` can show each feed's health.
 *
 *   <p>feed:<feedId>    HASH  url, lastPollAt, lastStatus (ok|error), lastError, itemsSeen, lastNewItems, polls
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
}

export const feedStateKey = (prefix: string, feedId: string) => `${prefix}feed:${feedId}`;

/** Record the outcome of one poll. */
export async function recordPoll(
  redis: Redis,
  prefix: string,
  feedId: string,
  outcome: { url: string; at: string; ok: boolean; error?: string; items?: number; newItems?: number },
): Promise<void> {
  const key = feedStateKey(prefix, feedId);
  const m = redis.multi().hset(key, { url: outcome.url, lastPollAt: outcome.at, lastStatus: outcome.ok ? 'ok' : 'error', lastError: outcome.error ?? '' });
  m.hincrby(key, 'polls', 1);
  if (outcome.ok) m.hset(key, { lastNewItems: String(outcome.newItems ?? 0) }).hincrby(key, 'itemsSeen', outcome.newItems ?? 0);
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
  };
}
